/**
 * Rows of one result, spooled to a temporary file and read back by page.
 *
 * A million-row result must not live in memory, in the main process or in the
 * renderer: rows are appended as JSON lines, with the byte offset of every
 * 256th row kept in memory (about 4,000 numbers for a million rows), so any
 * page — row 900,000 included — is one small positioned read.
 */
import fs from 'node:fs/promises'

const rowsPerBlock = 256
const flushBytes = 1 << 20

export type SpoolRow = Array<string | null>

export class ResultSpool {
  private handle: fs.FileHandle | null = null
  private readonly blockOffsets: number[] = []
  private pending: string[] = []
  private pendingBytes = 0
  private writtenBytes = 0
  private rows = 0
  private flushedRows = 0
  private chain: Promise<void> = Promise.resolve()

  constructor(readonly file: string) {}

  get rowCount(): number {
    return this.rows
  }

  append(row: SpoolRow): void {
    if (this.rows % rowsPerBlock === 0) this.blockOffsets.push(this.writtenBytes + this.pendingBytes)
    const line = JSON.stringify(row) + '\n'
    this.pending.push(line)
    this.pendingBytes += Buffer.byteLength(line)
    this.rows += 1
    if (this.pendingBytes >= flushBytes) void this.flush()
  }

  /** Write what is buffered; resolves once it is readable. */
  flush(): Promise<void> {
    if (this.pending.length === 0) return this.chain
    const data = this.pending.join('')
    const rows = this.rows
    this.pending = []
    this.writtenBytes += this.pendingBytes
    this.pendingBytes = 0
    this.chain = this.chain.then(async () => {
      this.handle ??= await fs.open(this.file, 'a+', 0o600)
      await this.handle.write(data)
      this.flushedRows = rows
    })
    return this.chain
  }

  async page(offset: number, limit: number): Promise<SpoolRow[]> {
    const end = Math.min(offset + limit, this.rows)
    if (offset >= end) return []
    if (end > this.flushedRows) await this.flush()
    await this.chain
    const firstBlock = Math.floor(offset / rowsPerBlock)
    const lastBlock = Math.ceil(end / rowsPerBlock)
    const from = this.blockOffsets[firstBlock]!
    const to = this.blockOffsets[lastBlock] ?? this.writtenBytes
    const buffer = Buffer.alloc(to - from)
    await this.handle!.read(buffer, 0, buffer.length, from)
    const lines = buffer.toString('utf8').split('\n')
    const skip = offset - firstBlock * rowsPerBlock
    return lines.slice(skip, skip + (end - offset)).map((line) => JSON.parse(line) as SpoolRow)
  }

  async dispose(): Promise<void> {
    await this.chain.catch(() => undefined)
    await this.handle?.close().catch(() => undefined)
    this.handle = null
    await fs.rm(this.file, { force: true })
  }
}
