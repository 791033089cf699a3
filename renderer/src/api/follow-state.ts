/**
 * Keep a store in step with state the main process announces: listen to its
 * event, read it once now, and read it again whenever the link comes back
 * (events sent while the web host link was down are lost).
 */
import type { EventName, EventPayload } from '@shared/api/contract'
import type { TuskApi } from '@shared/api/tusk-api'

export function followState<E extends EventName>(api: TuskApi, event: E, apply: (payload: EventPayload<E>) => void, read: () => Promise<unknown>): () => void {
  const unsubscribe = api.subscribe(event, apply)
  void read()
  const unlink = api.onLinkChange((up) => {
    if (up) void read()
  })
  return () => {
    unsubscribe()
    unlink()
  }
}
