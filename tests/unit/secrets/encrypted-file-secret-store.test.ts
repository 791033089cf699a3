import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../support/temp-dir'
import { EncryptedFileSecretStore, type SecretCipher } from '../../../electron/core/services/secrets/encrypted-file-secret-store'
import { MemorySecretStore } from '../../../electron/core/services/secrets/memory-secret-store'


/** A reversible stand-in for safeStorage: nothing of the plaintext survives in its output. */
const xorCipher: SecretCipher = {
  backend: 'os-keychain',
  protectsAtRest: true,
  encrypt: (plain) => Buffer.from([...Buffer.from(plain)].map((b) => b ^ 0x33)),
  decrypt: (data) => Buffer.from([...data].map((b) => b ^ 0x33)).toString()
}

function secretFile() {
  const dir = tempDir('secrets')
  return { dir, file: path.join(dir, 'secrets.json') }
}

/** The text of every file in the folder. */
function everything(dir: string): string {
  return readdirSync(dir)
    .map((name) => readFileSync(path.join(dir, name), 'utf8'))
    .join('\n')
}

describe('encrypted secret file', () => {
  it('keeps only ciphertext on disk, readable by its owner only, and reads it back', async () => {
    const { dir, file } = secretFile()
    const store = new EncryptedFileSecretStore(file, xorCipher)
    await store.set('profile-1', 'hunter2-very-secret')
    const onDisk = everything(dir)
    expect(onDisk).not.toContain('hunter2')
    expect(onDisk).not.toContain(Buffer.from('hunter2-very-secret').toString('base64'))
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(await new EncryptedFileSecretStore(file, xorCipher).get('profile-1')).toBe('hunter2-very-secret')
    await store.delete('profile-1')
    expect(await new EncryptedFileSecretStore(file, xorCipher).get('profile-1')).toBeUndefined()
  })

  it('leaves no temporary files behind, even after many concurrent writes', async () => {
    const { dir, file } = secretFile()
    const store = new EncryptedFileSecretStore(file, xorCipher)
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.set(`p${i}`, `password-number-${i}`)))
    expect(readdirSync(dir)).toEqual(['secrets.json'])
    const reread = new EncryptedFileSecretStore(file, xorCipher)
    for (let i = 0; i < 20; i += 1) expect(await reread.get(`p${i}`)).toBe(`password-number-${i}`)
    expect(everything(dir)).not.toContain('password-number')
  })

  it('refuses to save when the cipher hands the password back in the clear', async () => {
    const { dir, file } = secretFile()
    const identity: SecretCipher = { ...xorCipher, encrypt: (plain) => Buffer.from(`v10${plain}`), decrypt: (data) => data.toString().slice(3) }
    await expect(new EncryptedFileSecretStore(file, identity).set('p', 'plain-as-day')).rejects.toThrow(/did not encrypt/)
    expect(readdirSync(dir)).toEqual([])
  })

  it('asks again instead of failing when a secret cannot be decrypted (other machine, new keyring)', async () => {
    const { file } = secretFile()
    await new EncryptedFileSecretStore(file, xorCipher).set('p', 'pw')
    const broken: SecretCipher = { ...xorCipher, decrypt: () => { throw new Error('key changed') } }
    expect(await new EncryptedFileSecretStore(file, broken).get('p')).toBeUndefined()
  })

  it('puts a damaged file aside with a warning and keeps working', async () => {
    const { dir, file } = secretFile()
    writeFileSync(file, '{ not json')
    const store = new EncryptedFileSecretStore(file, xorCipher)
    expect(await store.get('p')).toBeUndefined()
    expect(store.warning).toMatch(/could not be read/)
    await store.set('p', 'fresh-password')
    expect(readdirSync(dir).some((name) => name.startsWith('secrets.json.corrupt-'))).toBe(true)
    expect(await new EncryptedFileSecretStore(file, xorCipher).get('p')).toBe('fresh-password')
  })

  it('still reads the first, flat layout of the file', async () => {
    const { file } = secretFile()
    writeFileSync(file, JSON.stringify({ old: xorCipher.encrypt('from-before').toString('base64') }))
    expect(await new EncryptedFileSecretStore(file, xorCipher).get('old')).toBe('from-before')
  })

  it('reports honestly when the backend does not protect at rest', () => {
    const store = new EncryptedFileSecretStore('/nonexistent/secrets.json', { ...xorCipher, backend: 'basic-text', protectsAtRest: false })
    expect(store.backend).toBe('basic-text')
    expect(store.protectsAtRest).toBe(false)
    const memory = new MemorySecretStore()
    expect(memory.backend).toBe('memory-only')
    expect(memory.protectsAtRest).toBe(false)
  })
})
