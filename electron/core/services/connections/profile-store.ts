/**
 * Connection profiles on disk: `connections.json` in the data dir.
 *
 * Never holds a password (the schema has no field for one, and unknown keys
 * are dropped on read). Writes are atomic. A file that cannot be read is kept
 * aside as `connections.json.corrupt-<time>`; the profiles that still make
 * sense are kept, and the app starts instead of crashing.
 */
import { readFileSync, renameSync } from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { colorTagSchema, connectionProfileSchema, type ConnectionProfile } from '@shared/connections/connection-profile'
import { writeFileAtomic, WriteQueue } from '../../app/atomic-file'

const sandboxSettingsSchema = z.object({ readOnly: z.boolean(), colorTag: colorTagSchema })
export type SandboxSettings = z.infer<typeof sandboxSettingsSchema>

const fileSchema = z.object({
  version: z.literal(1),
  profiles: z.array(connectionProfileSchema),
  /** What the user may change about the built-in sandbox profile. */
  sandbox: sandboxSettingsSchema.optional()
})
export type ProfileFile = z.infer<typeof fileSchema>

export const defaultSandboxSettings: SandboxSettings = { readOnly: false, colorTag: 'green' }

export class ProfileStore {
  readonly file: string
  private data: ProfileFile
  private readonly writes = new WriteQueue()
  /** Set when the file on disk could not be read whole at start. */
  readonly loadWarning: string | null

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'connections.json')
    const loaded = this.load()
    this.data = loaded.data
    this.loadWarning = loaded.warning
    // What was salvaged from a damaged file is written back at once, so the next start reads it cleanly.
    if (loaded.salvaged) this.write(this.data).catch(() => undefined)
  }

  get profiles(): readonly ConnectionProfile[] {
    return this.data.profiles
  }

  get sandboxSettings(): SandboxSettings {
    return this.data.sandbox ?? defaultSandboxSettings
  }

  find(id: string): ConnectionProfile | undefined {
    return this.data.profiles.find((p) => p.id === id)
  }

  /** Replace the profile with the same id in place, or add it at the end. */
  upsert(profile: ConnectionProfile): Promise<void> {
    const clean = connectionProfileSchema.parse(profile)
    const index = this.data.profiles.findIndex((p) => p.id === clean.id)
    const profiles = [...this.data.profiles]
    if (index === -1) profiles.push(clean)
    else profiles[index] = clean
    return this.write({ ...this.data, profiles })
  }

  async remove(id: string): Promise<boolean> {
    if (!this.find(id)) return false
    await this.write({ ...this.data, profiles: this.data.profiles.filter((p) => p.id !== id) })
    return true
  }

  setSandboxSettings(settings: SandboxSettings): Promise<void> {
    return this.write({ ...this.data, sandbox: sandboxSettingsSchema.parse(settings) })
  }

  private load(): { data: ProfileFile; warning: string | null; salvaged?: boolean } {
    const empty: ProfileFile = { version: 1, profiles: [] }
    let text: string
    try {
      text = readFileSync(this.file, 'utf8')
    } catch {
      return { data: empty, warning: null }
    }
    let raw: unknown
    try {
      raw = JSON.parse(text)
    } catch {
      return { data: empty, warning: `Saved connections could not be read; the file was kept as ${this.keepAside()}.` }
    }
    const whole = fileSchema.safeParse(raw)
    if (whole.success) return { data: dedupe(whole.data), warning: null }

    // Salvage what still makes sense, one profile at a time.
    const record = (raw && typeof raw === 'object' ? raw : {}) as { profiles?: unknown; sandbox?: unknown }
    const candidates = Array.isArray(record.profiles) ? record.profiles : []
    const profiles = candidates.flatMap((p) => {
      const parsed = connectionProfileSchema.safeParse(p)
      return parsed.success ? [parsed.data] : []
    })
    const sandbox = sandboxSettingsSchema.safeParse(record.sandbox)
    const data = dedupe({ version: 1, profiles, ...(sandbox.success ? { sandbox: sandbox.data } : {}) })
    const kept = this.keepAside()
    return {
      data,
      salvaged: true,
      warning: `The saved connections file was damaged: ${data.profiles.length} of ${candidates.length} connections could be read; the original was kept as ${kept}.`
    }
  }

  /** Move the unreadable file aside, for the user to inspect. */
  private keepAside(): string {
    const aside = `${this.file}.corrupt-${Date.now()}`
    try {
      renameSync(this.file, aside)
    } catch {
      // Keeping the copy is best effort; starting is what matters.
    }
    return path.basename(aside)
  }

  private write(next: ProfileFile): Promise<void> {
    this.data = next
    const text = `${JSON.stringify(next, null, 2)}\n`
    return this.writes.run(() => writeFileAtomic(this.file, text))
  }
}

/** Two profiles with one id would make every lookup ambiguous: the first wins. */
function dedupe(data: ProfileFile): ProfileFile {
  const seen = new Set<string>()
  return { ...data, profiles: data.profiles.filter((p) => !seen.has(p.id) && (seen.add(p.id), true)) }
}
