/**
 * Fan-out of contract events to whoever listens, on any transport.
 *
 * Services publish without knowing who listens; they may ask `hasListeners` to
 * pause work nobody watches (the activity watcher does).
 */
import { events, type EventName, type EventPayload } from '@shared/api/contract'

export type EventSink = (name: EventName, payload: unknown) => void

export class EventHub {
  private readonly sinks = new Map<EventName, Set<EventSink>>()
  private readonly listenerChange = new Set<(name: EventName, count: number) => void>()

  constructor(private readonly validate = false) {}

  publish<E extends EventName>(name: E, payload: EventPayload<E>): void {
    const sinks = this.sinks.get(name)
    if (!sinks || sinks.size === 0) return
    if (this.validate) events[name].parse(payload)
    for (const sink of [...sinks]) {
      try {
        sink(name, payload)
      } catch {
        // A broken transport must not stop the others from hearing the event.
      }
    }
  }

  subscribe(name: EventName, sink: EventSink): () => void {
    let sinks = this.sinks.get(name)
    if (!sinks) this.sinks.set(name, (sinks = new Set()))
    sinks.add(sink)
    this.notify(name)
    return () => {
      if (sinks.delete(sink)) this.notify(name)
    }
  }

  hasListeners(name: EventName): boolean {
    return (this.sinks.get(name)?.size ?? 0) > 0
  }

  onListenerChange(listener: (name: EventName, count: number) => void): () => void {
    this.listenerChange.add(listener)
    return () => this.listenerChange.delete(listener)
  }

  private notify(name: EventName) {
    const count = this.sinks.get(name)?.size ?? 0
    for (const listener of this.listenerChange) listener(name, count)
  }
}
