/**
 * The composition root with output validation on, as the hosts run it from a
 * source checkout: a working session (open, run, page, transaction mode,
 * explain, lock probe, schema, activity, history, export, close) gets only
 * answers and events that keep the contract.
 */
import { mkdtempSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, inject, it } from 'vitest'
import { defaultConnectionDraft } from '@shared/connections/connection-profile'
import { createAppCore } from '../../electron/core/app-core'
import { MemorySecretStore } from '../../electron/core/services/secrets/memory-secret-store'
import { urlParts } from './support/test-roles'

it('every answer and event of a working session keeps the contract', async () => {
  const problems: string[] = []
  const core = createAppCore({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'tusk-val-')), secrets: new MemorySecretStore(), transport: 'web', version: '0', autoStartSandbox: false, validateOutput: true, log: (m) => problems.push(m) })
  const events: unknown[] = []
  for (const name of ['connections.changed', 'query.progress', 'session.changed', 'activity.update', 'export.progress', 'sandbox.status'] as const) core.hub.subscribe(name, (_n, p) => events.push(p))
  const raw = new URL(inject('databaseUrl'))
  const u = { ...urlParts(inject('databaseUrl')), user: decodeURIComponent(raw.username), password: decodeURIComponent(raw.password) }
  const ask = async (name: string, input: unknown) => {
    const r = await core.router.dispatch(name, input)
    if (!r.ok && r.error.code.startsWith('rpc/')) problems.push(`${name}: ${JSON.stringify(r.error)}`)
    return r as { ok: true; result: { id: string; runId: string; sessionId: string; advice: Array<{ columns: string[] }> } } | { ok: false; error: { code: string } }
  }
  await ask('app.info', {})
  const saved = await ask('connections.save', { draft: { ...defaultConnectionDraft, name: 'v', host: u.host, port: u.port, database: 'postgres', user: u.user, sslMode: 'disable' }, password: u.password, savePassword: false })
  if (!saved.ok) throw new Error(JSON.stringify(saved.error))
  const id = saved.result.id
  await ask('connections.test', { id })
  await ask('connections.open', { id })
  await ask('connections.list', {})
  await ask('query.run', { connectionId: id, sql: 'select 1, now(), 1.5::numeric', maxRows: 5 })
  const run = await ask('query.start', { connectionId: id, sql: 'select g, g::text from generate_series(1, 50) g; select 1/0', confirmUnboundedWrites: false })
  await new Promise((r) => setTimeout(r, 500))
  if (!run.ok) throw new Error(JSON.stringify(run.error))
  await ask('query.page', { runId: run.result.runId, resultIndex: 0, offset: 0, limit: 10 })
  await ask('query.cancel', { runId: run.result.runId })
  await ask('query.release', { runId: run.result.runId })
  const s = await ask('session.open', { connectionId: id })
  if (!s.ok) throw new Error(JSON.stringify(s.error))
  await ask('query.start', { connectionId: id, sessionId: s.result.sessionId, sql: 'create temp table zz (x int)', confirmUnboundedWrites: false })
  await new Promise((r) => setTimeout(r, 300))
  await ask('session.end', { sessionId: s.result.sessionId, action: 'rollback' })
  await ask('explain.run', { connectionId: id, sql: 'select * from pg_class', analyze: true })
  await ask('explain.run', { connectionId: id, sql: 'select * from nope', analyze: false })
  await ask('query.run', { connectionId: id, sql: 'drop table if exists advice_contract; create table advice_contract as select g from generate_series(1, 50000) g', maxRows: 1 })
  const explained = await ask('explain.run', { connectionId: id, sql: 'select * from advice_contract where g = 7', analyze: true })
  await ask('query.run', { connectionId: id, sql: 'drop table advice_contract', maxRows: 1 })
  // The advice comes in the same answer as the plan.
  if (!explained.ok || explained.result.advice[0]?.columns.join() !== 'g') throw new Error(`explain.run advice: ${JSON.stringify(explained)}`)
  const pasted = await ask('advice.plan', { planText: readFileSync(path.resolve(import.meta.dirname, '../fixtures/plans/advice/seq-eq-range.json'), 'utf8') })
  if (!pasted.ok || pasted.result.advice.length === 0) throw new Error(`advice.plan: ${JSON.stringify(pasted)}`)
  await ask('advice.verifyMethod', { connectionId: id, item: pasted.result.advice[0]! })
  await ask('advice.indexHealth', { connectionId: id })
  await ask('locks.probeStatement', { connectionId: id, sql: 'select * from pg_class' })
  await ask('joins.steps', { connectionId: id, sql: 'select c.relname, n.nspname from pg_class c left join pg_namespace n on n.oid = c.relnamespace', sampleSize: 4 })
  await ask('joins.steps', { connectionId: id, sql: 'select 1' })
  await ask('schema.tree', { connectionId: id })
  await ask('schema.table', { connectionId: id, schema: 'pg_catalog', name: 'pg_class' })
  await ask('schema.completions', { connectionId: id })
  await ask('activity.watch', { connectionId: id, intervalMs: 250 })
  await new Promise((r) => setTimeout(r, 800))
  await ask('activity.unwatch', { connectionId: id })
  await ask('history.list', {})
  await ask('export.start', { connectionId: id, sql: 'select 1', format: 'json' })
  await new Promise((r) => setTimeout(r, 500))
  await ask('connections.setReadOnly', { id, readOnly: true })
  await ask('connections.close', { id })
  await ask('connections.delete', { id })
  await core.dispose()
  expect(problems).toEqual([])
  expect(events.length).toBeGreaterThan(5)
})
