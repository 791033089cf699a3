/**
 * Pastes captured from real psql sessions: what a user copies out of a
 * terminal, wrapper and all.
 *
 * psql (Debian's 15 client) runs a small script against the test servers with
 * its input echoed (`-a` or `-e`), `\timing` on, a few commands before the
 * EXPLAIN and one after, in each `\pset` style a user may have: aligned,
 * unicode frames with single or double lines in any mix. Each script runs
 * once with FORMAT TEXT and once with FORMAT JSON; a bare capture of the same
 * query (`-XAtq`) is the reference the unit tests compare with
 * (tests/unit/explain/psql-pastes.test.ts). Files are written under
 * tests/fixtures/plans/pastes/ when missing or when TUSK_CAPTURE_PLANS=1.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { parsePlan } from '@shared/explain/read/parse-plan'
import { planCases } from './plan-cases'
import { prepare, type Server } from './plan-database'
import { pasteStyles, pastedCaseNames } from '../../unit/explain/support/paste-captures'

const psql = process.env.TUSK_TEST_PSQL ?? '/usr/lib/postgresql/15/bin/psql'
const pasteDir = path.resolve(import.meta.dirname, '..', '..', 'fixtures', 'plans', 'pastes')
const rewrite = process.env.TUSK_CAPTURE_PLANS === '1'
const options = 'ANALYZE, BUFFERS, VERBOSE'

function databaseUrl(url: string, db: string): string {
  const target = new URL(url)
  target.pathname = `/${db}`
  return target.toString()
}

/** psql's output for `input`, stdout and stderr interleaved as a terminal shows them. */
function runPsql(url: string, args: string[], input: string): string {
  return execFileSync(psql, ['-X', ...args, '-d', url, '-f', '-'], {
    input,
    encoding: 'utf8',
    env: { ...process.env, PGCLIENTENCODING: 'UTF8', LANG: 'C.UTF-8', PAGER: '', PSQL_PAGER: '' },
    stdio: ['pipe', 'pipe', 'pipe']
  })
}

function settingsSql(settings: Record<string, string> | undefined): string {
  return Object.entries(settings ?? {})
    .map(([name, value]) => `set ${name} = ${value};\n`)
    .join('')
}

/** A script a user might have typed: a few commands with replies, the EXPLAIN, one more command. */
function sessionScript(style: (typeof pasteStyles)[number], caseName: string, format: 'text' | 'json'): string {
  const planCase = planCases.find((c) => c.name === caseName)!
  return [
    ...style.pset.map((command) => `\\pset ${command}`),
    '\\timing on',
    settingsSql(planCase.settings).trimEnd(),
    'create temp table scratch as select g from generate_series(1, 1000) g;',
    'analyze scratch;',
    `explain (${options}, format ${format})\n${planCase.sql};`,
    'select count(*) as done from scratch;',
    ''
  ].join('\n')
}

function write(file: string, content: string): void {
  const target = path.join(pasteDir, file)
  if (rewrite || !existsSync(target)) writeFileSync(target, content)
}

async function captureAll(server: Server, url: string): Promise<void> {
  mkdirSync(pasteDir, { recursive: true })
  const db = databaseUrl(url, 'tusk_pastes')
  for (const caseName of pastedCaseNames) {
    const planCase = planCases.find((c) => c.name === caseName)!
    const prefix = `pg${server.major}-${caseName}`
    for (const format of ['text', 'json'] as const) {
      const bare = runPsql(db, ['-Atq', '-v', 'ON_ERROR_STOP=1'], `${settingsSql(planCase.settings)}explain (${options}, format ${format}) ${planCase.sql};\n`)
      write(`${prefix}.bare.${format}.txt`, bare)
      expect(parsePlan(bare).ok, `${prefix} bare ${format}`).toBe(true)
      for (const style of pasteStyles) {
        const session = runPsql(db, [style.echo, '-v', 'ON_ERROR_STOP=1'], sessionScript(style, caseName, format))
        expect(session, `${prefix} ${style.name} ${format}`).toMatch(/QUERY PLAN/)
        write(`${prefix}.${style.name}.${format}.txt`, session)
      }
    }
  }
}

const servers: Server[] = []
afterAll(async () => {
  for (const server of servers) await server.client.end()
})

const majors = [
  { major: 18, url: inject('databaseUrl') },
  { major: 15, url: inject('secondDatabaseUrl') }
]

describe('psql sessions captured from real servers', () => {
  it.for(majors)('are written as paste fixtures for PostgreSQL $major', { timeout: 240_000 }, async ({ major, url }, context) => {
    if (!url) context.skip(`no PostgreSQL ${major} test server (see the global setup's warning)`)
    if (!existsSync(psql)) context.skip(`no psql at ${psql} (set TUSK_TEST_PSQL)`)
    const server = await prepare((db) => new pg.Client(databaseUrl(url, db)), 'tusk_pastes')
    servers.push(server)
    if (major !== 18) expect(server.major).toBe(major)
    await captureAll(server, url)
  })
})
