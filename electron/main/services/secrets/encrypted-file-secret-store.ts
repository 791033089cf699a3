/**
 * Secrets as ciphertext in one JSON file of the data dir.
 *
 * The cipher is injected (Electron's safeStorage in the app, a test cipher in
 * tests) so this module stays free of `electron`. The file holds base64
 * ciphertext only, is written atomically and is readable by its owner only.
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import type { SecretStore } from './secret-store'

export interface SecretCipher {
  backend: 'os-keychain' | 'basic-text'
  protectsAtRest: boolean
  encrypt(plain: string): Buffer
  decrypt(data: Buffer): string
}

export class EncryptedFileSecretStore implements SecretStore {
  readonly backend: SecretCipher['backend']
  readonly protectsAtRest: boolean
  private cache: Map<string, string> | null = null
  private writing: Promise<void> = Promise.resolve()

  constructor(
    private readonly file: string,
    private readonly cipher: SecretCipher
  ) {
    this.backend = cipher.backend
    this.protectsAtRest = cipher.protectsAtRest
  }

  async get(key: string) {
    const ciphertext = (await this.load()).get(key)
    if (ciphertext === undefined) return undefined
    try {
      return this.cipher.decrypt(Buffer.from(ciphertext, 'base64'))
    } catch {
      // A secret from another machine or keyring cannot be read: ask the user again.
      return undefined
    }
  }

  async set(key: string, value: string) {
    const entries = await this.load()
    entries.set(key, this.cipher.encrypt(value).toString('base64'))
    await this.save(entries)
  }

  async delete(key: string) {
    const entries = await this.load()
    if (entries.delete(key)) await this.save(entries)
  }

  private async load(): Promise<Map<string, string>> {
    if (this.cache) return this.cache
    try {
      const parsed: unknown = JSON.parse(await fs.readFile(this.file, 'utf8'))
      const entries = new Map<string, string>()
      if (parsed && typeof parsed === 'object') {
        for (const [key, value] of Object.entries(parsed)) if (typeof value === 'string') entries.set(key, value)
      }
      this.cache = entries
    } catch {
      this.cache = new Map()
    }
    return this.cache
  }

  private save(entries: Map<string, string>): Promise<void> {
    // Writes are serialised so two saves never interleave on disk.
    this.writing = this.writing.then(async () => {
      await fs.mkdir(path.dirname(this.file), { recursive: true })
      const temp = `${this.file}.${randomBytes(4).toString('hex')}.tmp`
      await fs.writeFile(temp, JSON.stringify(Object.fromEntries(entries), null, 2), { mode: 0o600 })
      await fs.rename(temp, this.file)
    })
    return this.writing
  }
}
