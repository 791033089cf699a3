/**
 * The table page of a partitioned table shows what its partitions hold: on the
 * sandbox's `events` (300,000 rows, range-partitioned by month), the sizes are
 * the sum over the partitions and each partition has its own.
 */
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readTableDetails } from '../../../electron/core/services/schema/schema-catalog'
import { SandboxService } from '../../../electron/core/services/sandbox/sandbox-service'
import { testClusterRoot } from '../support/global-setup'

const sandbox = new SandboxService({ rootDir: path.join(testClusterRoot(), 'sandbox') })
let client: pg.Client

beforeAll(async () => {
  expect((await sandbox.start()).error).toBeNull()
  client = new pg.Client(sandbox.connectionInfo()!)
  await client.connect()
}, 600_000)
afterAll(async () => {
  await client?.end()
  await sandbox.stop()
})

describe('sizes of the partitioned sandbox table events', () => {
  it('sums the partitions, and lists each partition with its own sizes', async () => {
    const events = await readTableDetails(client, 'public', 'events')
    expect(events.kind).toBe('p')
    // Its partitions hold some 21 MB; the parent itself has no storage.
    expect(events.sizes.total).toBeGreaterThan(10 * 1024 * 1024)
    expect(events.sizes.table).toBeGreaterThan(5 * 1024 * 1024)
    expect(events.sizes.indexes).toBeGreaterThan(0)
    expect(events.partitions).toHaveLength(13)
    expect(events.partitions.map((p) => p.name)).toContain('events_2024_03')
    expect(events.partitions.every((p) => p.level === 1 && p.parent === 'events')).toBe(true)
    expect(events.partitions.find((p) => p.name === 'events_2024_03')!.sizes.table).toBeGreaterThan(0)
    const sum = events.partitions.reduce((total, p) => total + p.sizes.total, 0)
    expect(sum).toBe(events.sizes.total)
    const { rows } = await client.query<{ total: string }>(
      "select sum(pg_total_relation_size(relid))::text as total from pg_partition_tree('public.events')"
    )
    expect(events.sizes.total).toBe(Number(rows[0]!.total))
  })

  it('keeps a plain table sized as before', async () => {
    const members = await readTableDetails(client, 'public', 'members')
    const { rows } = await client.query<{ total: string }>("select pg_total_relation_size('public.members')::text as total")
    expect(members.sizes.total).toBe(Number(rows[0]!.total))
    expect(members.partitions).toEqual([])
  })
})
