/**
 * The app owns its sandbox server, so it never leaves the user at "Nothing
 * accepts connections": a killed server is started again by itself, with a
 * notice, and the open connection answers again. The sandbox menu's facts are
 * real: its psql command line connects, and Reset brings the dataset back.
 */
import { execFileSync } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SandboxStatus } from '@shared/sandbox/sandbox-status'
import { createAppCore, type AppCore } from '../../../electron/core/app-core'
import { MemorySecretStore } from '../../../electron/core/services/secrets/memory-secret-store'
import { testClusterRoot } from '../support/global-setup'
import { waitForNoProcessMentioning } from '../support/live-processes'

const tinyDataset = path.join(import.meta.dirname, 'fixtures', 'tiny-dataset')
let dataDir: string
let core: AppCore
const statuses: SandboxStatus[] = []
const problems: string[] = []

beforeAll(() => {
  mkdirSync(testClusterRoot(), { recursive: true })
  dataDir = mkdtempSync(path.join(testClusterRoot(), 'recovery-'))
  // As root, the server runs as the postgres OS user, who must be able to enter the folder.
  chmodSync(dataDir, 0o755)
  core = createAppCore({ dataDir, secrets: new MemorySecretStore(), transport: 'web', version: '0', resourcesDir: tinyDataset, validateOutput: true, log: (m) => problems.push(m) })
  core.hub.subscribe('sandbox.status', (_name, status) => statuses.push(status as SandboxStatus))
})

afterAll(async () => {
  await core?.dispose()
  expect(await waitForNoProcessMentioning(path.join(dataDir, 'sandbox', 'pgdata'), 10_000)).toEqual([])
  rmSync(dataDir, { recursive: true, force: true })
})

type Reply = { ok: true; result: unknown } | { ok: false; error: { code: string; message: string } }

async function ask<T>(name: string, input: unknown): Promise<T> {
  const reply = (await core.router.dispatch(name, input)) as Reply
  if (!reply.ok) throw new Error(`${name}: ${reply.error.code} ${reply.error.message}`)
  return reply.result as T
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let last: unknown
  while (Date.now() < deadline) {
    try {
      const value = await probe()
      if (value !== undefined) return value
    } catch (error) {
      last = error
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`${what} did not happen in ${timeoutMs} ms (last: ${String(last)})`)
}

/** The row count of the tiny dataset's table, as text. */
const tinyCount = async () => String((await ask<{ rows: unknown[][] }>('query.run', { connectionId: 'sandbox', sql: 'select count(*) from tiny' })).rows[0]![0])

function postmasterPid(): number {
  return Number(readFileSync(path.join(dataDir, 'sandbox', 'pgdata', 'postmaster.pid'), 'utf8').split('\n')[0])
}

describe('the sandbox server, killed', () => {
  it('is started again by itself with a notice, and the open connection answers again', async () => {
    const before = await until('the sandbox connection opens', tinyCount, 90_000)
    expect(before).toBe('10')
    const first = postmasterPid()
    process.kill(first, 'SIGKILL')

    const back = await until('the sandbox is ready again', async () => statuses.find((s) => s.phase === 'ready' && s.restarts === 1), 30_000)
    expect(back.notice).toMatch(/stopped unexpectedly and was started again/)
    expect(statuses.some((s) => s.phase === 'starting' && /stopped unexpectedly/.test(s.message))).toBe(true)
    expect(postmasterPid()).not.toBe(first)
    // The open connection finds the server again without the user doing anything.
    expect(await until('the connection answers', tinyCount, 30_000)).toBe('10')
    expect((await ask<SandboxStatus>('sandbox.status', {})).restarts).toBe(1)
  }, 150_000)
})

describe('the sandbox menu', () => {
  it('gives a psql command line that connects, with the password only when asked', async () => {
    const hidden = await ask<{ psql: string; password: string | null; dataDir: string; running: boolean }>('sandbox.details', {})
    expect(hidden).toMatchObject({ running: true, password: null, dataDir: path.join(dataDir, 'sandbox', 'pgdata') })
    expect(hidden.psql).not.toContain('PGPASSWORD')
    const shown = await ask<{ psql: string; password: string }>('sandbox.details', { revealPassword: true })
    expect(shown.psql).toContain(`PGPASSWORD=${shown.password}`)
    const out = execFileSync('/bin/sh', ['-c', `${shown.psql} -XAtc 'select count(*) from tiny'`], { encoding: 'utf8', env: { ...process.env, PGCONNECT_TIMEOUT: '10' } })
    expect(out.trim()).toBe('10')
  })

  it('Reset drops the dataset and seeds it again, and the connection comes back to it', async () => {
    await ask('query.run', { connectionId: 'sandbox', sql: 'insert into tiny select generate_series(11, 15)' })
    expect(await tinyCount()).toBe('15')
    const seen = statuses.length
    const started = await ask<SandboxStatus>('sandbox.reset', {})
    expect(['seeding', 'ready']).toContain(started.phase)
    await until('the reset ends', async () => statuses.slice(seen).find((s) => s.phase === 'ready'), 60_000)
    expect(statuses.slice(seen).some((s) => s.phase === 'seeding')).toBe(true)
    expect(await until('the connection answers', tinyCount, 30_000)).toBe('10')
    expect(problems).toEqual([])
  }, 120_000)
})
