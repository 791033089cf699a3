/**
 * The `tusk` command: headless entry over the same services and shared logic
 * as the app (no Electron). Exit codes: 0 done, 2 bad input or usage.
 */
import { parseArgs } from 'node:util'
import { defaultSampleSize, joinsCommand } from './joins-command'
import { locksCommand } from './locks-command'
import { planCommand } from './plan-command'
import { adviseCommand } from './advise-command'
import { indexHealthCommand } from './index-health-command'
import { vacuumCommand } from './vacuum-command'

const usage = `Usage:
  tusk plan <file|-> [--json]               read an EXPLAIN plan (text or JSON): time, slowest nodes, warnings
  tusk locks --db <postgres-url> [--json]   the current lock graph (who blocks whom)
  tusk advise --db <postgres-url> --sql "<statement>" [--verify] [--analyze] [--json]
                                            index advice for a statement (EXPLAIN; ANALYZE rolled back), --verify checks each index
  tusk index-health --db <postgres-url> [--schema <name>] [--json]
                                            unused, duplicate, redundant and invalid indexes, unindexed foreign keys, seq-scan-heavy tables
  tusk vacuum --db <postgres-url> [--json]  when autovacuum will next run per table, wraparound, xmin holders, running vacuums
  tusk joins --db <postgres-url> --sql "<query>" [--sample N] [--first-rows] [--json]
                                            the join stepper: sampled inputs, every pair's ON verdict, padding, result
                                            (--first-rows: plain first rows, not matching/duplicate/NULL keys)`

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

export async function runCli(argv: string[], out = (line: string) => console.log(line), err = (line: string) => console.error(line), stdin = readStdin): Promise<number> {
  const [command, ...rest] = argv
  try {
    if (command === 'plan') {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { json: { type: 'boolean', default: false } } })
      const source = positionals[0]
      if (!source) {
        err('tusk plan: give a file with the plan, or - to read it from standard input')
        return 2
      }
      return await planCommand({ source, json: values.json ?? false }, out, err, stdin)
    }
    if (command === 'locks' || command === 'vacuum') {
      const { values } = parseArgs({ args: rest, options: { db: { type: 'string' }, json: { type: 'boolean', default: false } } })
      const db = values.db ?? process.env.DATABASE_URL
      if (!db) {
        err(`tusk ${command}: give --db <postgres-url> (or set DATABASE_URL)`)
        return 2
      }
      const options = { db, json: values.json ?? false }
      return await (command === 'locks' ? locksCommand(options, out) : vacuumCommand(options, out))
    }
    if (command === 'advise') {
      const { values } = parseArgs({
        args: rest,
        options: { db: { type: 'string' }, sql: { type: 'string' }, verify: { type: 'boolean', default: false }, analyze: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } }
      })
      const db = values.db ?? process.env.DATABASE_URL
      if (!db || !values.sql) {
        err('tusk advise: give --db <postgres-url> (or set DATABASE_URL) and --sql "<statement>"')
        return 2
      }
      return await adviseCommand({ db, sql: values.sql, verify: values.verify ?? false, analyze: values.analyze ?? false, json: values.json ?? false }, out, err)
    }
    if (command === 'index-health') {
      const { values } = parseArgs({ args: rest, options: { db: { type: 'string' }, schema: { type: 'string' }, json: { type: 'boolean', default: false } } })
      const db = values.db ?? process.env.DATABASE_URL
      if (!db) {
        err('tusk index-health: give --db <postgres-url> (or set DATABASE_URL)')
        return 2
      }
      return await indexHealthCommand({ db, schema: values.schema ?? null, json: values.json ?? false }, out)
    }
    if (command === 'joins') {
      const { values } = parseArgs({ args: rest, options: { db: { type: 'string' }, sql: { type: 'string' }, sample: { type: 'string' }, 'first-rows': { type: 'boolean', default: false }, json: { type: 'boolean', default: false } } })
      const db = values.db ?? process.env.DATABASE_URL
      const sample = values.sample === undefined ? defaultSampleSize : Number(values.sample)
      if (!db || !values.sql || !Number.isInteger(sample) || sample < 1 || sample > 10_000) {
        err('tusk joins: give --db <postgres-url> (or set DATABASE_URL), --sql "<query>" and optionally --sample N (1 to 10000)')
        return 2
      }
      return await joinsCommand({ db, sql: values.sql, sample, interestingRows: !values['first-rows'], json: values.json ?? false }, out, err)
    }
    err(command ? `tusk: unknown command "${command}"\n${usage}` : usage)
    return 2
  } catch (error) {
    err(`tusk ${command}: ${error instanceof Error ? error.message : String(error)}`)
    return 1
  }
}
