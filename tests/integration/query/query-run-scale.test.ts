/**
 * A long script costs in proportion to its length: progress events that
 * carry only what changed (twice the statements, about twice the bytes, not
 * four times), and a bounded number of open files however many of its
 * statements return rows.
 */
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { defaultConnectionDraft } from '@shared/connections/connection-profile'
import type { QueryRunSnapshot } from '@shared/query/query-run'
import { ConnectionService } from '../../../electron/core/services/connections/connection-service'
import { QueryRunService } from '../../../electron/core/services/query/query-run-service'
import { MemorySecretStore } from '../../../electron/core/services/secrets/memory-secret-store'
import { openFilesUnder } from '../../unit/support/open-files'
import { ensureRole, urlParts } from '../support/test-roles'
import { watchRuns } from './support/run-watcher'

const role = { user: 'tusk_scale', password: 'scale-pw-1' }
const spoolDir = mkdtempSync(path.join(os.tmpdir(), 'tusk-scale-spool-'))
const watcher = watchRuns(() => runs)
let connections: ConnectionService
let runs: QueryRunService
let connectionId: string

function openSpoolFiles(): number {
  return openFilesUnder(spoolDir)
}

async function runScript(statements: number): Promise<{ run: QueryRunSnapshot; bytes: number; events: number; ms: number; peakOpenFiles: number }> {
  // 300 rows each: past what a result may keep in memory, so every statement has a spool file.
  const sql = Array.from({ length: statements }, (_, i) => `select ${i} as n, g from generate_series(1, 300) g;`).join('\n')
  const t = performance.now()
  const started = await runs.start({ connectionId, sql, confirmUnboundedWrites: false })
  let peakOpenFiles = 0
  for (;;) {
    peakOpenFiles = Math.max(peakOpenFiles, openSpoolFiles())
    const run = watcher.seen.at(-1)
    if (run?.runId === started.runId && run.state !== 'running') {
      const weight = watcher.events.get(started.runId)!
      const ms = performance.now() - t
      return { run: watcher.seen.filter((s) => s.runId === started.runId).at(-1)!, bytes: weight.bytes, events: weight.count, ms, peakOpenFiles }
    }
    await new Promise((r) => setTimeout(r, 5))
  }
}

beforeAll(async () => {
  const superuserUrl = inject('databaseUrl')
  await ensureRole(superuserUrl, role.user, role.password)
  const server = urlParts(superuserUrl)
  connections = new ConnectionService({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'tusk-scale-')), secrets: new MemorySecretStore(), sandbox: null, onChange: () => {} })
  const profile = await connections.save({
    draft: { ...defaultConnectionDraft, name: 'scale', host: server.host, port: server.port, database: 'postgres', user: role.user, sslMode: 'disable' },
    password: role.password,
    savePassword: false
  })
  connectionId = profile.id
  await connections.open(connectionId)
  runs = new QueryRunService({ pools: connections, publish: watcher.publish, spoolDir })
})
afterAll(async () => {
  await runs.dispose()
  await connections.dispose()
})

describe('a long script', () => {
  it('2,000 statements: events grow linearly with the script, open files stay bounded, every result readable', async () => {
    const small = await runScript(1000)
    const big = await runScript(2000)
    expect(big.run.state).toBe('done')
    expect(big.run.results).toHaveLength(2000)
    expect(big.run.results.every((r) => r.status === 'done' && r.rowCount === 300)).toBe(true)
    // Linear: twice the statements, at most ~2.5× the bytes (the square would be 4×); under 2 KB per statement.
    expect(big.bytes / small.bytes).toBeLessThan(2.5)
    expect(big.bytes / 2000).toBeLessThan(2048)
    // Was 84 s and 1.7 GB of events.
    expect(big.ms).toBeLessThan(30_000)
    expect(big.peakOpenFiles).toBeLessThanOrEqual(2)
    expect(openSpoolFiles()).toBe(0)
    const page = await runs.page({ runId: big.run.runId, resultIndex: 1999, offset: 298, limit: 10 })
    expect(page.rows).toEqual([
      ['1999', '299'],
      ['1999', '300']
    ])
    console.log(`2,000 statements: ${Math.round(big.ms)} ms, ${big.events} events, ${(big.bytes / 1024).toFixed(0)} KiB (1,000: ${(small.bytes / 1024).toFixed(0)} KiB)`)
  }, 120_000)
})
