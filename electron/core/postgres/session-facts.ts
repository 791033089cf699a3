/**
 * What node-postgres knows about a session but does not publish.
 *
 * The backend's pid, the transaction status of the last ReadyForQuery, the
 * moment the session dies, a cursor's RowDescription and the socket itself
 * all sit on undocumented fields of pg's objects. They are read here, once,
 * typed, so a pg upgrade that moves one breaks one file.
 */
import type { EventEmitter } from 'node:events'
import type pg from 'pg'
import type QueryStream from 'pg-query-stream'

/** PostgreSQL's transaction status after the last command: idle, in a transaction, or in a failed one. */
export type TransactionStatus = 'I' | 'T' | 'E'

/** The fields of pg's Client that Tusk reads although they are not in its types. */
interface ClientInternals {
  processID: number | null
  connection?: EventEmitter & { stream?: { destroy(): void; pause(): void; resume(): void } }
}

function internals(client: pg.ClientBase): ClientInternals {
  return client as unknown as ClientInternals
}

/** The server process behind a connected client (what `pg_backend_pid()` says), or null before it connected. */
export function backendPid(client: pg.ClientBase): number | null {
  return internals(client).processID ?? null
}

/** The backend pid of a client known to be connected. */
export function connectedPid(client: pg.ClientBase): number {
  const pid = backendPid(client)
  if (pid === null) throw new Error('The session has no backend yet')
  return pid
}

/**
 * Calls `listener` with the status byte of every ReadyForQuery the server sends.
 *
 * It tells, after any SQL at all (a COMMIT typed by hand included), whether a
 * transaction is open or failed. Returns the function that stops listening.
 */
export function onReadyForQuery(client: pg.ClientBase, listener: (status: TransactionStatus) => void): () => void {
  const connection = internals(client).connection
  const onReady = (message: { status?: string }) => {
    if (message.status === 'I' || message.status === 'T' || message.status === 'E') listener(message.status)
  }
  connection?.on('readyForQuery', onReady)
  return () => connection?.off('readyForQuery', onReady)
}

const transactionStatuses = new WeakMap<pg.ClientBase, TransactionStatus>()

/** Keep the client's last transaction status for `transactionStatus` (done for every pooled client). */
export function trackTransactionStatus(client: pg.ClientBase): void {
  onReadyForQuery(client, (status) => transactionStatuses.set(client, status))
}

/**
 * The transaction status the server reported last for this client.
 *
 * Lets a service see whether user SQL left a transaction open before the
 * client goes back to the pool. Null for clients nobody tracks.
 */
export function transactionStatus(client: pg.ClientBase): TransactionStatus | null {
  return transactionStatuses.get(client) ?? null
}

/**
 * Rejects when the client's connection dies.
 *
 * pg-query-stream waits for a ReadyForQuery that never comes when the server
 * goes away mid-query (its cursor's close() hangs, so a for-await over the
 * stream never ends): race the stream against this to notice a dead session.
 * `dispose()` removes the listeners once the work is done.
 */
export function whenSessionDies(client: pg.ClientBase): { promise: Promise<never>; happened: boolean; dispose(): void } {
  let onDeath: (error: Error) => void = () => undefined
  const onEnd = () => onDeath(new Error('Connection terminated unexpectedly'))
  const state = {
    happened: false,
    promise: new Promise<never>((_resolve, reject) => {
      onDeath = (error: Error) => {
        state.happened = true
        reject(error)
      }
    }),
    dispose: () => {
      client.removeListener('error', onDeath)
      client.removeListener('end', onEnd)
    }
  }
  state.promise.catch(() => undefined)
  client.on('error', onDeath)
  client.on('end', onEnd)
  return state
}

/**
 * What a pg-query-stream statement returned besides rows: its fields (from
 * RowDescription, known once the first row came), command tag and row count.
 * pg-query-stream does not surface them; its cursor's result holds them.
 */
export function cursorResult(stream: QueryStream): Pick<pg.QueryResult, 'command' | 'rowCount' | 'fields'> {
  return (stream.cursor as { _result: pg.QueryResult })._result
}

/** The server's own error when it ends the session (57P01…), which the stream itself may never pass on. */
export function onCursorError(stream: QueryStream, listener: (error: Error) => void): void {
  ;(stream.cursor as EventEmitter).on('error', listener)
}

/** Cut the session at the socket, without a goodbye to the server (for sessions that stopped answering). */
export function cutSocket(client: pg.ClientBase): void {
  internals(client).connection?.stream?.destroy()
}

/**
 * Stop reading the session's socket until `resumeReading`, while the disk
 * catches up with the rows already read. The server then waits on a full
 * socket, where a cancel request does not reach it: Cancel cuts such a session.
 */
export function pauseReading(client: pg.ClientBase): void {
  internals(client).connection?.stream?.pause()
}

export function resumeReading(client: pg.ClientBase): void {
  internals(client).connection?.stream?.resume()
}
