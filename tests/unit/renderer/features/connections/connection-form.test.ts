import { describe, expect, it } from 'vitest'
import { defaultConnectionDraft, type ConnectionDraft } from '@shared/connections/connection-profile'
import { parseConnectionUrl } from '@shared/connections/connection-url'
import { applyConnectionUrl, draftFromForm, formFromDraft, sameEndpoint } from '../../../../../renderer/src/features/connections/connection-form'

const draft: ConnectionDraft = { ...defaultConnectionDraft, name: 'Shop', host: 'db.example.com', database: 'shop', user: 'alice', statementTimeoutMs: 5000 }

describe('the connection form', () => {
  it('gives back the draft it was filled from', () => {
    expect(draftFromForm(formFromDraft(draft))).toEqual({ ok: true, draft })
  })

  it('shows timeouts in seconds and stores milliseconds', () => {
    const form = formFromDraft(draft)
    expect(form.statementTimeoutS).toBe('5')
    expect(form.poolIdleTimeoutS).toBe('30')
    const result = draftFromForm({ ...form, statementTimeoutS: '1.5', poolIdleTimeoutS: '60' })
    expect(result.ok && result.draft).toMatchObject({ statementTimeoutMs: 1500, poolIdleTimeoutMs: 60_000 })
  })

  it('lets a number field be cleared while typing and says what is expected when checked', () => {
    const result = draftFromForm({ ...formFromDraft(draft), port: '', poolMax: '2.5' })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.errors.port).toMatch(/1 to 65535/)
    expect(result.errors.poolMax).toMatch(/whole number/i)
  })

  it('puts the schema’s messages next to the fields they are about', () => {
    const result = draftFromForm({ ...formFromDraft(draft), name: '  ', host: '' })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.errors).toMatchObject({ name: 'Give the connection a name', host: 'Host is required' })
  })

  it('keeps a CA file only for the SSL modes that verify certificates', () => {
    const form = { ...formFromDraft(draft), sslRootCertPath: '/etc/ca.pem' }
    const verify = draftFromForm({ ...form, sslMode: 'verify-full' })
    const require = draftFromForm({ ...form, sslMode: 'require' })
    expect(verify.ok && verify.draft.sslRootCertPath).toBe('/etc/ca.pem')
    expect(require.ok && 'sslRootCertPath' in require.draft).toBe(false)
  })
})

describe('importing a URL into the form', () => {
  it('fills where to connect and keeps the colour, read-only flag and pool settings', () => {
    const form = { ...formFromDraft(defaultConnectionDraft), colorTag: 'red' as const, readOnly: true, poolMax: '12' }
    const next = applyConnectionUrl(form, parseConnectionUrl('postgres://bob:pw@10.0.0.5:6543/sales?sslmode=require'), null)
    expect(next).toMatchObject({ host: '10.0.0.5', port: '6543', database: 'sales', user: 'bob', sslMode: 'require', colorTag: 'red', readOnly: true, poolMax: '12' })
  })

  it('keeps a name the user typed, but replaces one the previous URL filled in', () => {
    const typed = { ...formFromDraft(defaultConnectionDraft), name: 'Sales' }
    expect(applyConnectionUrl(typed, parseConnectionUrl('postgres://bob@h/sales'), null).name).toBe('Sales')
    const first = applyConnectionUrl(formFromDraft(defaultConnectionDraft), parseConnectionUrl('postgres://bob@h/sales'), null)
    expect(first.name).toBe('bob@h/sales')
    expect(applyConnectionUrl(first, parseConnectionUrl('postgres://eve@h/hr'), first.name).name).toBe('eve@h/hr')
  })
})

describe('testing an edited connection', () => {
  it('may use the saved password only while server, database, user and SSL are unchanged', () => {
    expect(sameEndpoint(draft, { ...draft, name: 'Renamed', colorTag: 'blue', poolMax: 20 })).toBe(true)
    expect(sameEndpoint(draft, { ...draft, host: 'other.example.com' })).toBe(false)
    expect(sameEndpoint(draft, { ...draft, user: 'mallory' })).toBe(false)
    expect(sameEndpoint(draft, { ...draft, sslMode: 'disable' })).toBe(false)
  })
})
