/**
 * The sandbox's life from the user's side: a first start with progress, warm
 * starts that do not seed again, quitting mid-seed, clear failures, and a stop
 * that leaves no process behind. Tiny datasets: a server, not a million rows.
 */
import { rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { beforeAll, describe, expect, it } from 'vitest'
import { SandboxService } from '../../../electron/core/services/sandbox/sandbox-service'
import type { SandboxPhase, SandboxStatus } from '@shared/sandbox/sandbox-status'
import { testClusterRoot } from '../support/global-setup'
import { waitForNoProcessMentioning } from '../support/live-processes'

// A fresh cluster each run, so the first-start path is always exercised (initdb takes < 1 s).
const rootDir = path.join(testClusterRoot(), 'sandbox-lifecycle')
const pgdata = path.join(rootDir, 'pgdata')
const fixtures = path.join(import.meta.dirname, 'fixtures')
const dataset = (name: string) => path.join(fixtures, name)

beforeAll(() => {
  rmSync(rootDir, { recursive: true, force: true })
})

function recorder() {
  const seen: SandboxStatus[] = []
  return {
    seen,
    onStatus: (status: SandboxStatus) => seen.push(status),
    phases: (): SandboxPhase[] => seen.map((s) => s.phase).filter((phase, i, all) => phase !== all[i - 1])
  }
}

async function query<T extends pg.QueryResultRow>(sandbox: SandboxService, sql: string): Promise<T[]> {
  const client = new pg.Client(sandbox.connectionInfo()!)
  await client.connect()
  try {
    return (await client.query<T>(sql)).rows
  } finally {
    await client.end()
  }
}

describe('sandbox lifecycle', () => {
  it('a first start initialises, seeds with progress in order and ends ready at 100%', async () => {
    const log = recorder()
    const sandbox = new SandboxService({ rootDir, resourcesDir: dataset('tiny-dataset'), onStatus: log.onStatus })
    const first = sandbox.start()
    expect(sandbox.start()).toBe(first)
    const status = await first
    expect(status.error).toBeNull()
    expect(log.phases()).toEqual(['initialising', 'starting', 'seeding', 'ready'])
    const progress = log.seen.map((s) => s.progress)
    expect(progress).toEqual([...progress].sort((a, b) => a - b))
    expect(log.seen.map((s) => s.message)).toContain('Creating a tiny table')
    expect(log.seen.at(-1)).toMatchObject({ phase: 'ready', progress: 1, port: expect.any(Number) })
    // TCP with the per-run password, as the app's connection does.
    expect(sandbox.connectionInfo()).toMatchObject({ host: '127.0.0.1', database: 'sandbox', user: 'postgres' })
    expect(await query(sandbox, 'select count(*)::int as n from tiny')).toEqual([{ n: 10 }])
    expect(await sandbox.start()).toBe(sandbox.status())

    await sandbox.stop()
    await sandbox.stop()
    expect(sandbox.status().phase).toBe('stopped')
    expect(sandbox.connectionInfo()).toBeNull()
    expect(await waitForNoProcessMentioning(pgdata, 5_000)).toEqual([])
  })

  it('a warm start does not seed again', async () => {
    const log = recorder()
    const sandbox = new SandboxService({ rootDir, resourcesDir: dataset('tiny-dataset'), onStatus: log.onStatus })
    expect((await sandbox.start()).phase).toBe('ready')
    expect(log.phases()).toEqual(['starting', 'ready'])
    expect(await query(sandbox, 'select count(*)::int as n from tiny')).toEqual([{ n: 10 }])
    await sandbox.stop()
    expect(await waitForNoProcessMentioning(pgdata, 5_000)).toEqual([])
  })

  it('quitting mid-seed stops at once, and the next start seeds again from scratch', async () => {
    const hold = path.join(pgdata, 'tusk-test-hold')
    writeFileSync(hold, 'the seed sleeps while this file exists\n')
    const log = recorder()
    let held!: () => void
    const reachedHold = new Promise<void>((resolve) => (held = resolve))
    const sandbox = new SandboxService({
      rootDir,
      resourcesDir: dataset('interruptible-dataset'),
      onStatus: (status) => {
        log.onStatus(status)
        if (status.message === 'Waiting while the test holds the seed') held()
      }
    })
    const started = sandbox.start()
    await reachedHold
    const quitAt = performance.now()
    await sandbox.stop()
    expect(performance.now() - quitAt).toBeLessThan(5_000)
    expect((await started).phase).not.toBe('ready')
    expect(sandbox.status().phase).toBe('stopped')
    expect(log.phases()).not.toContain('failed')
    expect(await waitForNoProcessMentioning(pgdata, 5_000)).toEqual([])

    // Same dataset, no hold: the half-seeded database is dropped and seeded again.
    rmSync(hold)
    const again = recorder()
    const restarted = new SandboxService({ rootDir, resourcesDir: dataset('interruptible-dataset'), onStatus: again.onStatus })
    expect((await restarted.start()).error).toBeNull()
    expect(again.phases()).toEqual(['starting', 'seeding', 'ready'])
    expect(await query(restarted, "select count(*)::int as n from pg_tables where tablename in ('first_half', 'second_half')")).toEqual([{ n: 2 }])
    await restarted.stop()
  })

  it('a dataset that fails says where and why, and leaves no server running', async () => {
    const sandbox = new SandboxService({ rootDir, resourcesDir: dataset('broken-dataset') })
    const status = await sandbox.start()
    expect(status.phase).toBe('failed')
    expect(status.error).toMatchObject({ code: 'sandbox/seed-failed', sqlstate: '42601' })
    expect(status.error!.message).toMatch(/Seeding the sandbox failed at "Creating a broken table" \(01-broken\.sql\): syntax error/)
    expect(status.message).toContain('The sandbox could not start')
    expect(sandbox.connectionInfo()).toBeNull()
    expect(await waitForNoProcessMentioning(pgdata, 5_000)).toEqual([])
    await sandbox.stop()
    expect(sandbox.status().phase).toBe('stopped')
  })

  it('a missing dataset is reported before any server starts', async () => {
    const sandbox = new SandboxService({ rootDir: path.join(testClusterRoot(), 'sandbox-never'), resourcesDir: path.join(fixtures, 'no-such-folder') })
    const status = await sandbox.start()
    expect(status).toMatchObject({ phase: 'failed', error: { code: 'sandbox/no-dataset' } })
    expect(status.error!.message).toContain('The sandbox dataset was not found')
  })
})
