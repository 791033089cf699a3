/**
 * One optional step inside the stepper's transaction.
 *
 * An error aborts a PostgreSQL transaction, so every query whose failure the
 * stepper can live with (a probe, the trace, the plan) runs under a savepoint
 * and is rolled back to it when it fails.
 */
import type pg from 'pg'

let counter = 0

/** `work` under a savepoint: its value, or undefined (and the error to `onError`) when it failed. */
export async function withSavepoint<T>(client: pg.ClientBase, work: () => Promise<T>, onError?: (error: unknown) => void): Promise<T | undefined> {
  const name = `tusk_step_${++counter}`
  await client.query(`savepoint ${name}`)
  try {
    const value = await work()
    await client.query(`release savepoint ${name}`)
    return value
  } catch (error) {
    await client.query(`rollback to savepoint ${name}`)
    onError?.(error)
    return undefined
  }
}
