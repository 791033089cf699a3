/**
 * Every executed statement: when, where, how long, how many rows.
 *
 * Kept in `history.jsonl` in the data dir (one entry per line, appended), and
 * trimmed to the newest entries when it grows past its cap.
 */
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import { historyEntrySchema, type HistoryEntry } from '@shared/query/query-history'

const maxEntries = 5000

export class QueryHistory {
  private readonly file: string
  private entries: HistoryEntry[]
  private writing: Promise<void> = Promise.resolve()
  /** Lines waiting to be appended. */
  private queued: string[] = []
  /** The file is to be rewritten whole (trimmed) instead of appended to. */
  private rewrite = false
  private scheduled = false
  private dirMade = false

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'history.jsonl')
    this.entries = this.load()
  }

  record(entry: Omit<HistoryEntry, 'id'>): void {
    const full: HistoryEntry = { id: randomUUID(), ...entry }
    this.entries.push(full)
    if (this.entries.length > maxEntries * 1.2) {
      this.entries = this.entries.slice(-maxEntries)
      this.rewrite = true
      this.queued = []
    } else if (!this.rewrite) {
      this.queued.push(JSON.stringify(full) + '\n')
    }
    if (this.scheduled) return
    // Entries recorded while a write is on its way go together in the next: a 10,000-statement script is a few appends, not 10,000.
    this.scheduled = true
    this.writing = this.writing.then(() => this.writeQueued()).catch(() => undefined)
  }

  private async writeQueued(): Promise<void> {
    this.scheduled = false
    const rewrite = this.rewrite
    const text = rewrite ? this.entries.map((e) => JSON.stringify(e)).join('\n') + '\n' : this.queued.join('')
    this.rewrite = false
    this.queued = []
    if (!this.dirMade) await fs.mkdir(path.dirname(this.file), { recursive: true })
    this.dirMade = true
    if (rewrite) await fs.writeFile(this.file, text, { mode: 0o600 })
    else await fs.appendFile(this.file, text, { mode: 0o600 })
  }

  /** Newest first; `search` matches the SQL or the connection name, case-insensitively. */
  list(search: string | undefined, limit: number): HistoryEntry[] {
    const needle = search?.trim().toLowerCase()
    const out: HistoryEntry[] = []
    for (let i = this.entries.length - 1; i >= 0 && out.length < limit; i--) {
      const entry = this.entries[i]!
      if (!needle || entry.sql.toLowerCase().includes(needle) || entry.connectionName.toLowerCase().includes(needle)) out.push(entry)
    }
    return out
  }

  private load(): HistoryEntry[] {
    let text: string
    try {
      text = readFileSync(this.file, 'utf8')
    } catch {
      return []
    }
    const entries: HistoryEntry[] = []
    for (const line of text.split('\n')) {
      if (!line) continue
      try {
        const parsed = historyEntrySchema.safeParse(JSON.parse(line))
        if (parsed.success) entries.push(parsed.data)
      } catch {
        // A torn last line (a crash mid-write) is skipped, not fatal.
      }
    }
    return entries.slice(-maxEntries)
  }
}
