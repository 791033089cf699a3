/**
 * A fake engine for the renderer's actions: answers requests by name from the
 * test's table, records every call, and never connects anywhere.
 */
import type { RequestName } from '@shared/api/contract'
import type { TuskApi } from '@shared/api/tusk-api'
import { setTransport } from '../../../../renderer/src/api/api'

const listeners = new Map<string, Set<(payload: never) => void>>()

/** Deliver an event to what the actions subscribed through the fake. */
export function emitFakeEvent(name: string, payload: unknown): void {
  for (const listener of listeners.get(name) ?? []) listener(payload as never)
}

export type Answers = Partial<Record<RequestName, (input: never) => unknown>>

export function installFakeApi(answers: Answers): Array<{ name: RequestName; input: unknown }> {
  const calls: Array<{ name: RequestName; input: unknown }> = []
  const fake: TuskApi = {
    transport: 'web',
    request: async (name, input) => {
      calls.push({ name, input })
      const answer = answers[name]
      if (!answer) throw new Error(`the test did not expect ${name}`)
      return (await answer(input as never)) as never
    },
    subscribe: (name, listener) => {
      const set = listeners.get(name) ?? new Set()
      set.add(listener as (payload: never) => void)
      listeners.set(name, set)
      return () => set.delete(listener as (payload: never) => void)
    },
    onLinkChange: () => () => {}
  }
  setTransport(fake)
  return calls
}
