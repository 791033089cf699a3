/**
 * "Password saved" tells the truth after a restart.
 *
 * The web host keeps passwords in memory only: after it restarts, a profile that had its password
 * saved must not claim one (the connection dialog would leave the field empty and the connect would
 * fail with no prompt). A store that keeps passwords across runs still shows them as saved.
 */
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { defaultConnectionDraft } from '@shared/connections/connection-profile'
import { ConnectionService } from '../../../electron/core/services/connections/connection-service'
import { EncryptedFileSecretStore, type SecretCipher } from '../../../electron/core/services/secrets/encrypted-file-secret-store'
import { MemorySecretStore } from '../../../electron/core/services/secrets/memory-secret-store'
import type { SecretStore } from '../../../electron/core/services/secrets/secret-store'
import { tempDir } from '../support/temp-dir'

/** A reversible stand-in for safeStorage (the store refuses a cipher that leaves the text readable). */
const plainCipher: SecretCipher = {
  backend: 'os-keychain',
  protectsAtRest: true,
  encrypt: (plain) => Buffer.from([...Buffer.from(plain)].map((b) => b ^ 0x5a)),
  decrypt: (data) => Buffer.from([...data].map((b) => b ^ 0x5a)).toString()
}

function service(dataDir: string, secrets: SecretStore) {
  return new ConnectionService({ dataDir, secrets, sandbox: null, onChange: () => undefined, heartbeatMs: 0 })
}

async function saveWithPassword(connections: ConnectionService): Promise<string> {
  const draft = { ...defaultConnectionDraft, name: 'prod', host: '127.0.0.1', port: 5432, database: 'app', user: 'app', sslMode: 'disable' as const }
  const profile = await connections.save({ draft, password: 'secret', savePassword: true })
  return profile.id
}

const flagOf = (connections: ConnectionService, id: string) => connections.list().find((c) => c.profile.id === id)?.profile.hasSavedPassword

describe('saved password flag', () => {
  it('memory-only passwords: saved during the run, not after a restart', async () => {
    const dataDir = tempDir('saved-flag')
    const first = service(dataDir, new MemorySecretStore())
    const id = await saveWithPassword(first)
    expect(flagOf(first, id)).toBe(true)
    await first.dispose()

    const restarted = service(dataDir, new MemorySecretStore())
    expect(flagOf(restarted, id)).toBe(false)
    await restarted.dispose()
  })

  it('passwords kept across runs: still saved after a restart', async () => {
    const dataDir = tempDir('saved-flag')
    const secretsFile = path.join(dataDir, 'secrets.json')
    const first = service(dataDir, new EncryptedFileSecretStore(secretsFile, plainCipher))
    const id = await saveWithPassword(first)
    await first.dispose()

    const restarted = service(dataDir, new EncryptedFileSecretStore(secretsFile, plainCipher))
    expect(flagOf(restarted, id)).toBe(true)
    await restarted.dispose()
  })
})
