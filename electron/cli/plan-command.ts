/**
 * `tusk plan <file|-> [--json]`: a plan read headlessly, with the same parser
 * and metrics as the app. Exit code 2 for input that is not a plan, 1 for a file
 * that cannot be read (one line saying why).
 */
import { readFile } from 'node:fs/promises'
import { parsePlan } from '@shared/explain/read/parse-plan'
import { planMetrics, type FlatNode } from '@shared/explain/analyse/plan-metrics'
import { nodeWarnings } from '@shared/explain/analyse/node-warnings'
import { planAdvice } from '@shared/advice/plan-advice'
import { cliItem } from './advise-command'

/** Why a plan file could not be read, in words (the system's ENOENT/EISDIR codes mean nothing to most readers). */
function unreadable(source: string, error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code
  const why =
    code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a file' : code === 'EACCES' || code === 'EPERM' ? 'not allowed to read it' : error instanceof Error ? error.message : String(error)
  return `tusk plan: ${source}: ${why}`
}

export async function planCommand(options: { source: string; json: boolean }, out: (line: string) => void, err: (line: string) => void, stdin: () => Promise<string>): Promise<number> {
  let text: string
  try {
    text = options.source === '-' ? await stdin() : await readFile(options.source, 'utf8')
  } catch (error) {
    err(unreadable(options.source, error))
    return 1
  }
  const parsed = parsePlan(text)
  if (!parsed.ok) {
    err(`tusk plan: ${parsed.error.line !== undefined ? `line ${parsed.error.line}: ` : ''}${parsed.error.message}`)
    return 2
  }
  const plan = parsed.plan
  const nodes = planMetrics(plan)
  if (options.json) {
    out(
      JSON.stringify({
        format: plan.format,
        serverVersion: plan.serverVersion,
        // The EXPLAIN statement found above the plan in a pasted psql session or script.
        query: plan.query ?? null,
        planningTimeMs: plan.planningTimeMs,
        executionTimeMs: plan.executionTimeMs,
        nodes: nodes.map((f) => ({
          id: f.id,
          parentId: f.parentId,
          nodeType: f.node.nodeType,
          relation: f.node.relation,
          schema: f.node.schema,
          alias: f.node.alias,
          indexName: f.node.indexName,
          joinType: f.node.joinType,
          strategy: f.node.strategy,
          partialMode: f.node.partialMode,
          parallelAware: f.node.parallelAware,
          actualRows: f.node.actualRows,
          planRows: f.node.planRows,
          loops: f.node.loops,
          inclusiveMs: microseconds(f.inclusiveMs),
          exclusiveMs: microseconds(f.exclusiveMs),
          subplanName: f.node.subplanName,
          parentRelationship: f.node.parentRelationship
        })),
        warnings: plan.warnings,
        // From the plan alone: no server to ask which indexes exist.
        advice: (await planAdvice(plan, {}, nodes)).map(cliItem)
      })
    )
    return 0
  }
  for (const line of summary(plan.executionTimeMs, plan.planningTimeMs, nodes, plan.warnings)) out(line)
  const advice = await planAdvice(plan, {}, nodes)
  if (advice.length > 0) {
    out('')
    out('Advice:')
    for (const item of advice) {
      out(`  - [${item.severity}] #${item.nodeId} ${item.statement ?? item.reason}`)
      out(`      ${item.evidence}`)
    }
  }
  return 0
}

function label(f: FlatNode): string {
  const n = f.node
  const on = n.relation ? ` on ${n.schema ? `${n.schema}.` : ''}${n.relation}${n.alias && n.alias !== n.relation ? ` ${n.alias}` : ''}` : ''
  return `#${f.id} ${n.nodeType}${n.joinType && n.nodeType.endsWith('Join') ? ` (${n.joinType})` : ''}${n.indexName ? ` using ${n.indexName}` : ''}${on}`
}

/** Total time, the five nodes that cost the most on their own, and what looks wrong. */
export function summary(executionMs: number | null, planningMs: number | null, nodes: FlatNode[], warnings: string[]): string[] {
  const lines = [`Execution time: ${executionMs !== null ? `${executionMs.toFixed(3)} ms` : 'not measured (EXPLAIN without ANALYZE)'}${planningMs !== null ? `, planning ${planningMs.toFixed(3)} ms` : ''}`, `Nodes: ${nodes.length}`]
  const timed = nodes.filter((f) => f.exclusiveMs !== null).sort((a, b) => b.exclusiveMs! - a.exclusiveMs!)
  if (timed.length > 0) {
    lines.push('', 'Slowest nodes (own time):')
    for (const f of timed.slice(0, 5)) lines.push(`  ${f.exclusiveMs!.toFixed(3).padStart(12)} ms  ${(f.exclusivePercent ?? 0).toFixed(1).padStart(5)} %  ${label(f)}`)
  }
  const notes: string[] = []
  for (const f of nodes) for (const warning of nodeWarnings(f)) notes.push(`${label(f)}: ${warning.message}`)
  if (notes.length + warnings.length > 0) {
    lines.push('', 'Warnings:')
    for (const note of [...notes, ...warnings]) lines.push(`  - ${note}`)
  }
  return lines
}

/** PostgreSQL prints times to the microsecond: drop the float noise of subtractions (0.15899999999999892). */
function microseconds(value: number | null): number | null {
  return value === null ? null : Math.round(value * 1000) / 1000
}
