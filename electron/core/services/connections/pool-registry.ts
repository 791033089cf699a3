/**
 * One `pg.Pool` per open connection, and what the UI shows about it.
 *
 * Every client of every pool gets an error listener as soon as it exists:
 * node-postgres emits `error` on a client whose server went away, and a
 * checked-out client without a listener would crash the main process. The
 * listener also tells the connection service, which starts reconnecting.
 */
import pg from 'pg'
import type { PoolStats } from '@shared/connections/connection-status'
import { cutSocket, trackTransactionStatus } from '../../postgres/session-facts'
import { resetSessionsOnReturn } from '../../postgres/session-reset'

export interface PoolSettings {
  max: number
  idleTimeoutMs: number
}

/** The live clients of each pool (pg-pool keeps its own list private). */
const clientsOf = new WeakMap<pg.Pool, Set<pg.PoolClient>>()

export function poolStats(pool: pg.Pool): PoolStats {
  return { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: pool.options.max ?? 10 }
}

export class PoolRegistry {
  private readonly pools = new Map<string, pg.Pool>()

  /**
   * A new pool for a connection; the one it replaces (if any) is ended in the background.
   *
   * `onConnectionError` hears about every client that lost its server, idle or busy.
   */
  create(id: string, config: pg.PoolConfig, settings: PoolSettings, onConnectionError: (error: Error, pool: pg.Pool) => void): pg.Pool {
    const pool = new pg.Pool({
      ...config,
      max: settings.max,
      idleTimeoutMillis: settings.idleTimeoutMs,
      // One session stays open while idle: when the server restarts it is told
      // (57P01), so an open view learns at once instead of at the next query.
      min: 1
    })
    const clients = new Set<pg.PoolClient>()
    clientsOf.set(pool, clients)
    pool.on('remove', (client) => clients.delete(client))
    pool.on('connect', (client) => {
      clients.add(client)
      client.on('error', (error) => onConnectionError(error, pool))
      trackTransactionStatus(client)
    })
    // What one request's SQL did to its session (settings, advisory locks, temp tables) never reaches the next.
    resetSessionsOnReturn(pool)
    // Idle clients' errors arrive here too; without a listener pg-pool would throw them.
    pool.on('error', (error) => onConnectionError(error, pool))
    const previous = this.pools.get(id)
    this.pools.set(id, pool)
    // The old pool's busy sessions finish their queries in the background.
    if (previous) void endPool(previous)
    return pool
  }

  get(id: string): pg.Pool | undefined {
    return this.pools.get(id)
  }

  has(id: string): boolean {
    return this.pools.has(id)
  }

  stats(id: string): PoolStats | null {
    const pool = this.pools.get(id)
    return pool ? poolStats(pool) : null
  }

  /** Forget the pool at once; idle sessions end now, busy ones get two seconds before their sockets are cut. */
  async close(id: string): Promise<void> {
    const pool = this.pools.get(id)
    if (!pool) return
    this.pools.delete(id)
    await endPool(pool)
    destroyClients(pool)
  }

  /**
   * Cut every session of a pool at the socket, without a goodbye to the server.
   *
   * For sessions that stopped answering (a network that drops packets
   * silently): ending them politely would wait for an answer that never comes.
   */
  discard(pool: pg.Pool): void {
    destroyClients(pool)
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.pools.keys()].map((id) => this.close(id)))
  }

  /** Every open pool, by connection id. */
  entries(): Array<[string, pg.Pool]> {
    return [...this.pools]
  }

  get size(): number {
    return this.pools.size
  }
}

function destroyClients(pool: pg.Pool): void {
  for (const client of clientsOf.get(pool) ?? []) cutSocket(client)
}

/**
 * End a pool without waiting long for busy clients.
 *
 * pg's `end()` waits until every checked-out client is released, which can be
 * as long as the slowest running query. Idle sessions close at once; the busy
 * ones close when their query ends (a pool replaced by a new one), or are cut
 * by the caller (a pool closed).
 */
async function endPool(pool: pg.Pool, waitMs = 2000): Promise<void> {
  if (pool.ended || pool.ending) return
  let timer: NodeJS.Timeout | undefined
  await Promise.race([
    pool.end().catch(() => undefined),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, waitMs)
      timer.unref()
    })
  ])
  clearTimeout(timer)
}
