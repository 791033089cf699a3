/**
 * The `.tusk-plan.json` file: the plan as it was given, the query and the
 * server version, so a plan can be shared and opened again later.
 */
import { z } from 'zod'

export const planFileSchema = z.object({
  tusk: z.literal('plan'),
  version: z.literal(1),
  savedAt: z.string(),
  serverVersion: z.string().nullable(),
  query: z.string().nullable(),
  /** The EXPLAIN output, unchanged (text or JSON). */
  plan: z.string()
})
export type PlanFile = z.infer<typeof planFileSchema>

export function makePlanFile(plan: string, query: string | null, serverVersion: string | null, now = new Date()): PlanFile {
  return { tusk: 'plan', version: 1, savedAt: now.toISOString(), serverVersion, query, plan }
}

/** A dropped or opened file: a Tusk plan file, or plain EXPLAIN output. */
export function readPlanFile(text: string): { plan: string; query: string | null; serverVersion: string | null } {
  // A plan file names itself in its first key; anything else is not parsed here, so a
  // 30 MB EXPLAIN file is read once (off the page's thread), not twice.
  if (!/"tusk"\s*:/.test(text.slice(0, 4096))) return { plan: text, query: null, serverVersion: null }
  try {
    const parsed = planFileSchema.safeParse(JSON.parse(text))
    if (parsed.success) return { plan: parsed.data.plan, query: parsed.data.query, serverVersion: parsed.data.serverVersion }
  } catch {
    // Not JSON at all: a text plan.
  }
  return { plan: text, query: null, serverVersion: null }
}
