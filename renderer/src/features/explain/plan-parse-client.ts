/**
 * The page's side of the plan worker: one worker, started on first use,
 * answering requests by id.
 *
 * Resolves null when no worker can run (a policy blocks it, its script does
 * not load, or it crashed), so the caller can parse on the page instead.
 */
import type { PlanParcel } from '@shared/explain/transfer/plan-parcel'
import type { PlanParseReply, PlanParseRequest } from './plan-parse-worker'

export type OffThreadResult = { ok: true; parcel: PlanParcel } | { ok: false; error: { message: string; line?: number } } | null

interface Pending {
  resolve: (result: OffThreadResult) => void
  onCounted: (nodes: number) => void
}

let worker: Worker | null = null
let nextId = 0
const pending = new Map<number, Pending>()

function failAll(): void {
  worker?.terminate()
  worker = null
  for (const { resolve } of pending.values()) resolve(null)
  pending.clear()
}

function answer({ data }: MessageEvent<PlanParseReply>): void {
  const request = pending.get(data.id)
  if (!request) return
  if (data.kind === 'counted') return request.onCounted(data.nodes)
  pending.delete(data.id)
  request.resolve(data.kind === 'read' ? { ok: true, parcel: data.parcel } : { ok: false, error: data.error })
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
