import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../support/temp-dir'
import { defaultConnectionDraft, type ConnectionProfile } from '@shared/connections/connection-profile'
import { ProfileStore } from '../../../electron/core/services/connections/profile-store'


const profile = (id: string, name = id): ConnectionProfile => ({ ...defaultConnectionDraft, name, id, builtIn: false, hasSavedPassword: false })

function dataDir() {
  return tempDir('profiles')
}

describe('saved connection profiles', () => {
  it('survive a restart, in order, with edits in place', async () => {
    const dir = dataDir()
    const store = new ProfileStore(dir)
    await store.upsert(profile('a'))
    await store.upsert(profile('b'))
    await store.upsert(profile('a', 'A renamed'))
    await store.setSandboxSettings({ readOnly: true, colorTag: 'red' })
    const again = new ProfileStore(dir)
    expect(again.profiles.map((p) => `${p.id}:${p.name}`)).toEqual(['a:A renamed', 'b:b'])
    expect(again.sandboxSettings).toEqual({ readOnly: true, colorTag: 'red' })
    expect(again.loadWarning).toBeNull()
    expect(statSync(path.join(dir, 'connections.json')).mode & 0o777).toBe(0o600)
    expect(readdirSync(dir)).toEqual(['connections.json'])
  })

  it('never store a password, even one slipped into the object', async () => {
    const dir = dataDir()
    await new ProfileStore(dir).upsert({ ...profile('a'), password: 'sneaky-secret' } as ConnectionProfile)
    expect(readFileSync(path.join(dir, 'connections.json'), 'utf8')).not.toContain('sneaky-secret')
  })

  it('start empty with a warning when the file is not JSON, keeping it aside', () => {
    const dir = dataDir()
    writeFileSync(path.join(dir, 'connections.json'), '{"version":1,"profiles":[')
    const store = new ProfileStore(dir)
    expect(store.profiles).toEqual([])
    expect(store.loadWarning).toMatch(/could not be read; the file was kept as connections\.json\.corrupt-\d+/)
    expect(readdirSync(dir).filter((n) => n.startsWith('connections.json.corrupt-'))).toHaveLength(1)
  })

  it('keep the profiles that still make sense when one is damaged, and write them back', async () => {
    const dir = dataDir()
    const file = path.join(dir, 'connections.json')
    writeFileSync(file, JSON.stringify({ version: 1, profiles: [profile('good'), { ...profile('bad'), port: 'five' }, profile('good')] }))
    const store = new ProfileStore(dir)
    expect(store.profiles.map((p) => p.id)).toEqual(['good'])
    expect(store.loadWarning).toMatch(/1 of 3 connections could be read/)
    await new Promise((resolve) => setTimeout(resolve, 50))
    const again = new ProfileStore(dir)
    expect(again.profiles.map((p) => p.id)).toEqual(['good'])
    expect(again.loadWarning).toBeNull()
  })
})
