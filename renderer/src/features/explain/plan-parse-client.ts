/**
 * The page's side of the plan worker: one worker, started on first use,
 * answering requests by id.
 *
 * Resolves null when no worker can run (a policy blocks it, its script does
 * not load, or it crashed), so the caller can parse on the page instead.
 */
import { addAttributes, type PlanParcel } from '@shared/explain/transfer/plan-parcel'
import type { PlanParseReply, PlanParseRequest } from './plan-parse-worker'

/**
 * `complete` resolves true once the nodes' attributes have come too (added to
 * the parcel), false when the worker failed before sending them.
 */
export type OffThreadResult = { ok: true; parcel: PlanParcel; complete: Promise<boolean> } | { ok: false; error: { message: string; line?: number } } | null

interface Pending {
  resolve: (result: OffThreadResult) => void
  onCounted: (nodes: number) => void
  /** Set once the parcel has come: what its attributes complete. */
  parcel?: PlanParcel
  completed?: (done: boolean) => void
}

let worker: Worker | null = null
let nextId = 0
const pending = new Map<number, Pending>()

function failAll(): void {
  worker?.terminate()
  worker = null
  for (const { resolve, completed } of pending.values()) {
    if (completed) completed(false)
    else resolve(null)
  }
  pending.clear()
}

function answer({ data }: MessageEvent<PlanParseReply>): void {
  const request = pending.get(data.id)
  if (!request) return
  if (data.kind === 'counted') return request.onCounted(data.nodes)
  if (data.kind === 'read') {
    request.parcel = data.parcel
    const complete = new Promise<boolean>((done) => (request.completed = done))
    return request.resolve({ ok: true, parcel: data.parcel, complete })
  }
  pending.delete(data.id)
  if (data.kind === 'failed') return request.resolve({ ok: false, error: data.error })
  addAttributes(request.parcel!, data.parts)
  request.completed?.(true)
}

function started(): Worker | null {
  if (worker) return worker
  try {
    worker = new Worker(new URL('./plan-parse-worker.ts', import.meta.url), { type: 'module', name: 'plan-parse' })
  } catch {
    return null
  }
  worker.onmessage = answer
  // A script that fails to load (blocked, missing) reports here too.
  worker.onerror = failAll
  worker.onmessageerror = failAll
  return worker
}

/** `onCounted` hears how many nodes the plan has as soon as it is read, before it is packed and sent. */
export function parseOffThread(source: string, onCounted: (nodes: number) => void): Promise<OffThreadResult> {
  const target = started()
  if (!target) return Promise.resolve(null)
  const id = nextId++
  return new Promise((resolve) => {
    pending.set(id, { resolve, onCounted })
    target.postMessage({ id, source } satisfies PlanParseRequest)
  })
}
