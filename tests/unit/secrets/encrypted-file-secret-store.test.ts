import { mkdtempSync, readFileSync, statSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { EncryptedFileSecretStore, type SecretCipher } from '../../../electron/main/services/secrets/encrypted-file-secret-store'

const xorCipher: SecretCipher = {
  backend: 'os-keychain',
  protectsAtRest: true,
  encrypt: (plain) => Buffer.from([...Buffer.from(plain)].map((b) => b ^ 0x33)),
  decrypt: (data) => Buffer.from([...data].map((b) => b ^ 0x33)).toString()
}

describe('encrypted secret file', () => {
  it('keeps only ciphertext on disk, readable by its owner only, and reads it back', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'tusk-secrets-')), 'secrets.json')
    const store = new EncryptedFileSecretStore(file, xorCipher)
    await store.set('profile-1', 'hunter2-very-secret')
    const onDisk = readFileSync(file, 'utf8')
    expect(onDisk).not.toContain('hunter2')
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(await new EncryptedFileSecretStore(file, xorCipher).get('profile-1')).toBe('hunter2-very-secret')
    await store.delete('profile-1')
    expect(await new EncryptedFileSecretStore(file, xorCipher).get('profile-1')).toBeUndefined()
  })

  it('asks again instead of failing when a secret cannot be decrypted (other machine, new keyring)', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'tusk-secrets-')), 'secrets.json')
    await new EncryptedFileSecretStore(file, xorCipher).set('p', 'pw')
    const broken: SecretCipher = { ...xorCipher, decrypt: () => { throw new Error('key changed') } }
    expect(await new EncryptedFileSecretStore(file, broken).get('p')).toBeUndefined()
  })

  it('reports honestly when the backend does not protect at rest', () => {
    const store = new EncryptedFileSecretStore('/nonexistent/secrets.json', { ...xorCipher, backend: 'basic-text', protectsAtRest: false })
    expect(store.backend).toBe('basic-text')
    expect(store.protectsAtRest).toBe(false)
  })
})
