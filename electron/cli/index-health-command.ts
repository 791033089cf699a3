/**
 * `tusk index-health --db <url> [--schema <name>] [--json]`: unused,
 * duplicate, redundant and invalid indexes, foreign keys without an index,
 * and seq-scan-heavy tables, each with its fix; the same reader as the app.
 */
import pg from 'pg'
import { readIndexHealth } from '../core/services/advice/index-health-reader'

export async function indexHealthCommand(options: { db: string; schema: string | null; json: boolean }, out: (line: string) => void): Promise<number> {
  const client = new pg.Client({ connectionString: options.db, application_name: 'Tusk index health' })
  await client.connect()
  try {
    const findings = await readIndexHealth(client, options.schema)
    if (options.json) {
      out(JSON.stringify({ findings: findings.map(({ reason: _reason, ...finding }) => finding) }))
      return 0
    }
    if (findings.length === 0) out('No findings: every index is used, unique and valid, and every foreign key has an index.')
    for (const f of findings) {
      out(`[${f.kind}] ${f.schema}.${f.table}${f.index ? ` ${f.index}` : ''} (${f.columns.join(', ')}), ${(f.sizeBytes / 1024).toFixed(0)} kB${f.coveredBy ? `, covered by ${f.coveredBy}` : ''}`)
      out(`  ${f.reason}`)
      if (f.fix) out(`  ${f.fix}`)
    }
    return 0
  } finally {
    await client.end()
  }
}
