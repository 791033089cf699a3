/**
 * Connection profiles on disk: `connections.json` in the data dir.
 *
 * Never holds a password. Writes are atomic; a file that cannot be read is kept
 * aside as `connections.json.corrupt-<time>` and the app starts with no
 * profiles rather than crashing.
 */
import { randomBytes } from 'node:crypto'
import { readFileSync, renameSync } from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import { z } from 'zod'
import { colorTagSchema, connectionProfileSchema, type ConnectionProfile } from '../../../../shared/connections/connection-profile'

const fileSchema = z.object({
  version: z.literal(1),
  profiles: z.array(connectionProfileSchema),
  /** What the user may change about the built-in sandbox profile. */
  sandbox: z.object({ readOnly: z.boolean(), colorTag: colorTagSchema }).optional()
})
export type ProfileFile = z.infer<typeof fileSchema>

export class ProfileStore {
  private readonly file: string
  private data: ProfileFile
  private writing: Promise<void> = Promise.resolve()
  /** Set when the file on disk could not be read at start. */
  readonly loadWarning: string | null = null

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'connections.json')
    const loaded = this.load()
    this.data = loaded.data
    this.loadWarning = loaded.warning
  }

  get profiles(): readonly ConnectionProfile[] {
    return this.data.profiles
  }

  get sandboxSettings(): NonNullable<ProfileFile['sandbox']> {
    return this.data.sandbox ?? { readOnly: false, colorTag: 'green' }
  }

  find(id: string): ConnectionProfile | undefined {
    return this.data.profiles.find((p) => p.id === id)
  }

  async upsert(profile: ConnectionProfile): Promise<void> {
    const others = this.data.profiles.filter((p) => p.id !== profile.id)
    const index = this.data.profiles.findIndex((p) => p.id === profile.id)
    const profiles = [...others]
    profiles.splice(index === -1 ? profiles.length : index, 0, profile)
    await this.write({ ...this.data, profiles })
  }

  async remove(id: string): Promise<boolean> {
    if (!this.find(id)) return false
    await this.write({ ...this.data, profiles: this.data.profiles.filter((p) => p.id !== id) })
    return true
  }

  async setSandboxSettings(settings: NonNullable<ProfileFile['sandbox']>): Promise<void> {
    await this.write({ ...this.data, sandbox: settings })
  }

  private load(): { data: ProfileFile; warning: string | null } {
    const empty: ProfileFile = { version: 1, profiles: [] }
    let text: string
    try {
      text = readFileSync(this.file, 'utf8')
    } catch {
      return { data: empty, warning: null }
    }
    try {
      return { data: fileSchema.parse(JSON.parse(text)), warning: null }
    } catch {
      const aside = `${this.file}.corrupt-${Date.now()}`
      try {
        renameSync(this.file, aside)
      } catch {
        // Keeping the copy is best effort; starting is what matters.
      }
      return { data: empty, warning: `Saved connections could not be read; the file was kept as ${path.basename(aside)}.` }
    }
  }

  private write(next: ProfileFile): Promise<void> {
    this.data = next
    this.writing = this.writing.then(async () => {
      await fs.mkdir(path.dirname(this.file), { recursive: true })
      const temp = `${this.file}.${randomBytes(4).toString('hex')}.tmp`
      await fs.writeFile(temp, JSON.stringify(this.data, null, 2), { mode: 0o600 })
      await fs.rename(temp, this.file)
    })
    return this.writing
  }
}
