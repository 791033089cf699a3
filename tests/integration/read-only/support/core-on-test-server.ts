/**
 * The composition root connected to the test server, as a user would have it:
 * a saved profile (read-only or not), opened, requests sent through the router.
 */
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { inject } from 'vitest'
import type { RequestName } from '@shared/api/contract'
import { applyRunProgress, type QueryRunProgress, type QueryRunSnapshot } from '@shared/query/query-run'
import type { ExportProgress } from '@shared/query/result-export'
import { defaultConnectionDraft } from '@shared/connections/connection-profile'
import { createAppCore, type AppCore } from '../../../../electron/core/app-core'
import { MemorySecretStore } from '../../../../electron/core/services/secrets/memory-secret-store'
import { urlParts } from '../../support/test-roles'

export type Answer = { ok: true; result: Record<string, unknown> } | { ok: false; error: { code: string; message: string } }

export interface CoreOnTestServer {
  core: AppCore
  connectionId: string
  ask(name: RequestName, input: Record<string, unknown>): Promise<Answer>
  /** Run a script through query.start and wait until it ends. */
  run(sql: string, extra?: Record<string, unknown>): Promise<QueryRunSnapshot | Answer>
  /** Start an export and wait until it ends; a refused start comes back as its answer. */
  exportOf(sql: string, extra?: Record<string, unknown>): Promise<ExportProgress | Answer>
  /** A superuser session of its own, outside Tusk, to look at what happened. */
  admin: pg.Client
  close(): Promise<void>
}

/** libpq's key=value form of the test server's URL, for dblink. */
export function dblinkTarget(): string {
  const u = new URL(inject('databaseUrl'))
  return `host=${u.hostname} port=${u.port || 5432} dbname=${decodeURIComponent(u.pathname.slice(1)) || 'postgres'} user=${decodeURIComponent(u.username)} password=${decodeURIComponent(u.password)}`
}

/** Installs dblink in the test database when the server has it; false (and why) when it does not. */
export async function installDblink(admin: pg.Client): Promise<boolean> {
  const available = await admin.query("select 1 from pg_available_extensions where name = 'dblink'")
  if (available.rowCount === 0) {
    console.warn('dblink is not available on this server: the dblink vectors are only checked before sending')
    return false
  }
  // Two test files may ask at once: the loser of that race finds it installed.
  await admin.query('create extension if not exists dblink').catch(() => undefined)
  return (await admin.query("select 1 from pg_extension where extname = 'dblink'")).rowCount === 1
}

export async function coreOnTestServer(options: { readOnly: boolean }): Promise<CoreOnTestServer> {
  const url = inject('databaseUrl')
  const raw = new URL(url)
  const core = createAppCore({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'tusk-ro-')), secrets: new MemorySecretStore(), transport: 'web', version: '0', autoStartSandbox: false, validateOutput: true })
  const progress: QueryRunProgress[] = []
  const exports: ExportProgress[] = []
  core.hub.subscribe('query.progress', (_name, payload) => progress.push(payload as QueryRunProgress))
  core.hub.subscribe('export.progress', (_name, payload) => exports.push(payload as ExportProgress))
  const ask = (name: RequestName, input: Record<string, unknown>) => core.router.dispatch(name, input) as Promise<Answer>
  const draft = { ...defaultConnectionDraft, ...urlParts(url), name: 'ro test', user: decodeURIComponent(raw.username), sslMode: 'disable', readOnly: options.readOnly }
  const saved = await ask('connections.save', { draft, password: decodeURIComponent(raw.password), savePassword: false })
  if (!saved.ok) throw new Error(JSON.stringify(saved.error))
  const connectionId = String(saved.result.id)
  const opened = await ask('connections.open', { id: connectionId })
  if (!opened.ok) throw new Error(JSON.stringify(opened.error))
  const admin = new pg.Client(url)
  await admin.connect()
  const until = async <T>(find: () => T | undefined): Promise<T> => {
    for (;;) {
      const found = find()
      if (found !== undefined) return found
      await new Promise((r) => setTimeout(r, 20))
    }
  }
  return {
    core,
    connectionId,
    ask,
    admin,
    run: async (sql, extra = {}) => {
      const started = await ask('query.start', { connectionId, sql, confirmUnboundedWrites: false, ...extra })
      if (!started.ok) return started
      // query.start answers with the run's snapshot; events carry only what changed since (folded as the renderer does).
      const snapshot = started.result as unknown as QueryRunSnapshot
      await until(() => progress.find((p) => p.runId === snapshot.runId && p.state !== 'running'))
      return progress.filter((p) => p.runId === snapshot.runId).reduce(applyRunProgress, snapshot)
    },
    exportOf: async (sql, extra = {}) => {
      const started = await ask('export.start', { connectionId, sql, format: 'json', ...extra })
      if (!started.ok) return started
      const exportId = started.result.exportId
      return until(() => exports.find((p) => p.exportId === exportId && p.state !== 'running'))
    },
    close: async () => {
      await admin.end()
      await core.dispose()
    }
  }
}
