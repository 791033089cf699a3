/**
 * Index health of a database, pghero-like: indexes that cost writes and space
 * without serving reads, and tables that lack the index their reads need.
 * Each finding comes with the SQL that fixes it and the size at stake.
 */
import { z } from 'zod'

export const healthKinds = ['unused', 'duplicate', 'redundant', 'invalid', 'fk-without-index', 'seq-scan-heavy'] as const

export const healthFindingSchema = z.object({
  kind: z.enum(healthKinds),
  schema: z.string(),
  table: z.string(),
  /** The index the finding is about; null for a table finding. */
  index: z.string().nullable(),
  columns: z.array(z.string()),
  /** The index that makes this one unnecessary (duplicate, redundant). */
  coveredBy: z.string().nullable(),
  /** The index's size, or the table's for a table finding. */
  sizeBytes: z.number(),
  /** DROP INDEX CONCURRENTLY … or CREATE INDEX CONCURRENTLY …; null where no single statement fixes it. */
  fix: z.string().nullable(),
  reason: z.string()
})
export type HealthFinding = z.infer<typeof healthFindingSchema>

export const indexHealthSchema = z.object({ findings: z.array(healthFindingSchema) })
export type IndexHealth = z.infer<typeof indexHealthSchema>

/** One finding per index: the most specific kind wins (an invalid duplicate is reported as invalid). */
export function onePerIndex(findings: HealthFinding[]): HealthFinding[] {
  const rank = (kind: HealthFinding['kind']) => healthKinds.indexOf(kind)
  const order = ['invalid', 'duplicate', 'redundant', 'unused'] as const
  const byIndex = new Map<string, HealthFinding>()
  const rest: HealthFinding[] = []
  for (const finding of findings) {
    if (finding.index === null) {
      rest.push(finding)
      continue
    }
    const key = `${finding.schema}.${finding.index}`
    const held = byIndex.get(key)
    const better = (f: HealthFinding) => order.indexOf(f.kind as (typeof order)[number])
    if (!held || better(finding) < better(held)) byIndex.set(key, finding)
  }
  return [...byIndex.values(), ...rest].sort((a, b) => rank(a.kind) - rank(b.kind) || a.schema.localeCompare(b.schema) || a.table.localeCompare(b.table))
}
