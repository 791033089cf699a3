/**
 * `tusk advise --db <url> --sql "<statement>" [--verify] [--analyze] [--json]`:
 * EXPLAIN of the statement on that server (ANALYZE only when asked, rolled
 * back), its advice with existing indexes taken into account, and with
 * --verify each index checked (hypopg, else a rolled-back index). The same
 * AdviceService as the app, over one pool.
 */
import pg from 'pg'
import type { AdviceItem } from '@shared/advice/advice-item'
import { singlePool } from '../core/postgres/pool-provider'
import { AdviceService } from '../core/services/advice/advice-service'

export interface AdviseOptions {
  db: string
  sql: string
  verify: boolean
  analyze: boolean
  json: boolean
}

/** The item as the CLI prints it in JSON: the issue's shape, with the evidence and, once checked, the verification. */
export function cliItem(item: AdviceItem): Record<string, unknown> {
  const out: Record<string, unknown> = {
    kind: item.kind,
    table: item.table,
    schema: item.schema,
    columns: item.columns,
    method: item.method,
    statement: item.statement,
    nodeId: item.nodeId,
    severity: item.severity,
    reason: item.reason,
    evidence: item.evidence,
    tentative: item.tentative
  }
  if (item.verification) {
    const { method, costBefore, costAfter, used, verdict } = item.verification
    out['verification'] = { method, costBefore, costAfter, used, verdict }
  }
  if (item.verificationNote) out['verificationNote'] = item.verificationNote
  return out
}

export async function adviseCommand(options: AdviseOptions, out: (line: string) => void, err: (line: string) => void): Promise<number> {
  const pool = new pg.Pool({ connectionString: options.db, max: 2, application_name: 'Tusk advise' })
  try {
    const service = new AdviceService({ pools: singlePool(pool) })
    const result = await service.advise('cli', { sql: options.sql, analyze: options.analyze, verify: options.verify })
    for (const warning of result.warnings) err(`tusk advise: ${warning}`)
    if (options.json) {
      out(JSON.stringify({ advice: result.advice.map(cliItem) }))
      return 0
    }
    if (result.advice.length === 0) out('No advice: nothing in this plan points to an index or a setting that would help.')
    for (const item of result.advice) {
      out(`[${item.severity}] ${item.kind}${item.table ? ` on ${item.schema ? `${item.schema}.` : ''}${item.table}` : ''} (node #${item.nodeId})`)
      if (item.statement) out(`  ${item.statement}`)
      out(`  ${item.evidence}`)
      out(`  ${item.reason}`)
      const v = item.verification
      if (v) out(`  verified (${v.method}): cost ${v.costBefore.toFixed(2)} → ${v.costAfter.toFixed(2)}, index ${v.used ? 'used' : 'not used'}: ${v.verdict}`)
      if (item.verificationNote) out(`  ${item.verificationNote}`)
    }
    return 0
  } finally {
    await pool.end()
  }
}
