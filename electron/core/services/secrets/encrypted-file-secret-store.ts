/**
 * Secrets as ciphertext in one JSON file of the data dir.
 *
 * The cipher is injected (Electron's safeStorage in the app, a test cipher in
 * tests) so this module stays free of `electron`. The file holds base64
 * ciphertext only, is written atomically and is readable by its owner only.
 * Whether that protects anything depends on the cipher: safeStorage's
 * `basic_text` backend (Linux without a keyring) only obfuscates, and says so
 * through `protectsAtRest: false`.
 */
import { renameSync } from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import { writeFileAtomic, WriteQueue } from '../../app/atomic-file'
import type { SecretStore } from './secret-store'

export interface SecretCipher {
  backend: 'os-keychain' | 'basic-text'
  protectsAtRest: boolean
  encrypt(plain: string): Buffer
  decrypt(data: Buffer): string
}

interface SecretFile {
  version: 1
  /** Profile id → base64 ciphertext. */
  entries: Record<string, string>
}

export class EncryptedFileSecretStore implements SecretStore {
  readonly backend: SecretCipher['backend']
  readonly protectsAtRest: boolean
  readonly keptAcrossRuns = true
  private entries: Promise<Map<string, string>> | null = null
  private readonly writes = new WriteQueue()
  private warningText: string | null = null

  constructor(
    private readonly file: string,
    private readonly cipher: SecretCipher
  ) {
    this.backend = cipher.backend
    this.protectsAtRest = cipher.protectsAtRest
  }

  /** Set when the file could not be read and was put aside; saved passwords will be asked again. */
  get warning(): string | null {
    return this.warningText
  }

  async get(key: string): Promise<string | undefined> {
    const ciphertext = (await this.load()).get(key)
    if (ciphertext === undefined) return undefined
    try {
      return this.cipher.decrypt(Buffer.from(ciphertext, 'base64'))
    } catch {
      // A secret from another machine or keyring cannot be read: ask the user again.
      return undefined
    }
  }

  async set(key: string, value: string): Promise<void> {
    const encrypted = this.cipher.encrypt(value)
    // A cipher that hands the text back unchanged must not get it onto disk.
    if (value.length >= 3 && encrypted.includes(Buffer.from(value, 'utf8'))) {
      throw new Error('The secret cipher did not encrypt; the password was not saved')
    }
    const entries = await this.load()
    entries.set(key, encrypted.toString('base64'))
    await this.save(entries)
  }

  async delete(key: string): Promise<void> {
    const entries = await this.load()
    if (entries.delete(key)) await this.save(entries)
  }

  private load(): Promise<Map<string, string>> {
    this.entries ??= this.read()
    return this.entries
  }

  private async read(): Promise<Map<string, string>> {
    let text: string
    try {
      text = await fs.readFile(this.file, 'utf8')
    } catch {
      return new Map()
    }
    try {
      const parsed = JSON.parse(text) as Partial<SecretFile> & Record<string, unknown>
      // Before the versioned layout the file was a flat { id: ciphertext } object.
      const entries = parsed.version === 1 ? parsed.entries : parsed.version === undefined ? parsed : undefined
      if (typeof entries !== 'object' || entries === null) throw new Error('unknown layout')
      return new Map(Object.entries(entries).filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
    } catch {
      const aside = `${this.file}.corrupt-${Date.now()}`
      try {
        renameSync(this.file, aside)
      } catch {
        // Best effort: starting without saved passwords is what matters.
      }
      this.warningText = `Saved passwords could not be read (the file was kept as ${path.basename(aside)}); you will be asked for them again.`
      return new Map()
    }
  }

  private save(entries: Map<string, string>): Promise<void> {
    const file: SecretFile = { version: 1, entries: Object.fromEntries(entries) }
    // Serialised, and each write takes the map as it is then, so the last write holds every change.
    return this.writes.run(() => writeFileAtomic(this.file, `${JSON.stringify(file, null, 2)}\n`))
  }
}
