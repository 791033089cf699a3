/**
 * The vacuum requests through the composition root with output validation on:
 * report, running, bloat and a run keep the contract, and once the connection
 * is switched to read-only a VACUUM is refused with a reason.
 */
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { expect, inject, it } from 'vitest'
import { defaultConnectionDraft } from '@shared/connections/connection-profile'
import { createAppCore } from '../../../electron/core/app-core'
import { MemorySecretStore } from '../../../electron/core/services/secrets/memory-secret-store'
import { urlParts } from '../support/test-roles'

it('vacuum requests keep the contract, and a read-only connection refuses VACUUM', async () => {
  const url = inject('databaseUrl')
  const admin = new pg.Client(url)
  await admin.connect()
  await admin.query('drop table if exists vac_contract; create table vac_contract (x int)')
  await admin.end()
  const problems: string[] = []
  const core = createAppCore({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'tusk-vac-')), secrets: new MemorySecretStore(), transport: 'web', version: '0', autoStartSandbox: false, validateOutput: true, log: (m) => problems.push(m) })
  try {
    const raw = new URL(url)
    const u = { ...urlParts(url), user: decodeURIComponent(raw.username), password: decodeURIComponent(raw.password) }
    const saved = await core.router.dispatch('connections.save', { draft: { ...defaultConnectionDraft, name: 'v', host: u.host, port: u.port, database: 'postgres', user: u.user, sslMode: 'disable' }, password: u.password, savePassword: false })
    if (!saved.ok) throw new Error(JSON.stringify(saved.error))
    const id = (saved.result as { id: string }).id
    await core.router.dispatch('connections.open', { id })
    const report = await core.router.dispatch('vacuum.report', { connectionId: id })
    expect(report.ok && (report.result as { tables: { table: string }[] }).tables.some((t) => t.table === 'vac_contract')).toBe(true)
    expect((await core.router.dispatch('vacuum.running', { connectionId: id })).ok).toBe(true)
    expect((await core.router.dispatch('vacuum.bloat', { connectionId: id })).ok).toBe(true)
    expect((await core.router.dispatch('vacuum.indexBloat', { connectionId: id })).ok).toBe(true)
    expect(await core.router.dispatch('vacuum.run', { connectionId: id, schema: 'public', table: 'vac_contract', mode: 'vacuum-analyze' })).toMatchObject({ ok: true })
    await core.router.dispatch('connections.setReadOnly', { id, readOnly: true })
    const refused = await core.router.dispatch('vacuum.run', { connectionId: id, schema: 'public', table: 'vac_contract', mode: 'vacuum' })
    expect(refused).toMatchObject({ ok: false, error: { code: 'vacuum/read-only' } })
    // pgstattuple only reads: the exact figure (or "not installed") is answered on a read-only connection too.
    const exact = await core.router.dispatch('vacuum.exactBloat', { connectionId: id, schema: 'public', name: 'vac_contract', kind: 'table' })
    expect(exact.ok && ['measured', 'no-extension'].includes((exact.result as { status: string }).status)).toBe(true)
    expect(await core.router.dispatch('vacuum.exactBloat', { connectionId: id, schema: 'public', name: 'vac_contract', kind: 'heap' })).toMatchObject({ ok: false, error: { code: 'rpc/invalid-input' } })
    expect(problems).toEqual([])
  } finally {
    await core.dispose()
  }
})
