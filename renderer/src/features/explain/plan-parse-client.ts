/**
 * The page's side of the plan worker: one worker, started on first use,
 * answering requests by id.
 *
 * Resolves null when no worker can run (a policy blocks it, or it crashed),
 * so the caller can parse on the page instead.
 */
import type { PlanParseReply, PlanParseRequest } from './plan-parse-worker'

type Reply = PlanParseReply | null

let worker: Worker | null = null
let nextId = 0
const pending = new Map<number, (reply: Reply) => void>()

function failAll(): void {
  worker?.terminate()
  worker = null
  for (const resolve of pending.values()) resolve(null)
  pending.clear()
}

function started(): Worker | null {
  if (worker) return worker
  try {
    worker = new Worker(new URL('./plan-parse-worker.ts', import.meta.url), { type: 'module', name: 'plan-parse' })
  } catch {
    return null
  }
  worker.onmessage = ({ data }: MessageEvent<PlanParseReply>) => {
    pending.get(data.id)?.(data)
    pending.delete(data.id)
  }
  worker.onerror = failAll
  worker.onmessageerror = failAll
  return worker
}

export function parseOffThread(source: string): Promise<Reply> {
  const target = started()
  if (!target) return Promise.resolve(null)
  const id = nextId++
  return new Promise((resolve) => {
    pending.set(id, resolve)
    target.postMessage({ id, source } satisfies PlanParseRequest)
  })
}
