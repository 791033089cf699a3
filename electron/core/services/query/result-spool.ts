/**
 * Rows of one result, spooled to a temporary file and read back by page.
 *
 * A million-row result must not live in memory, in the main process or in the
 * renderer. Rows are grouped in blocks of 256, each encoded at once
 * (spool-block.ts: cells joined by NUL) and written in writes of about a
 * megabyte; the byte offset of every block is kept in memory (about 4,000
 * numbers for a million rows), so any page — row 900,000 included — is one
 * small positioned read and a few splits. The block still filling is served
 * from memory.
 *
 * The file is open only while rows come: `finish()` closes it, and a page
 * read afterwards opens it for that read alone, so a script of thousands of
 * row-returning statements does not hold thousands of descriptors. A small
 * result (under 256 rows and 64 KB) may never get a file at all (`finish`).
 *
 * A page never waits for the disk to catch up: blocks not written yet are
 * read from memory, and the first blocks stay in memory for good, so the
 * first screenful of a big result is there as soon as its rows are (on a busy
 * disk, waiting for the writes queued before it took a second or more).
 */
import fs from 'node:fs/promises'
import { decodeBlock, encodeBlock, type SpoolRow } from './spool-block'

export type { SpoolRow } from './spool-block'

const rowsPerBlock = 256
/** Buffered bytes that trigger a write. */
const flushBytes = 1 << 20
/** Bytes not on disk yet that make the producer pause (`congested`). */
const backlogBytes = 16 * flushBytes
/** The first blocks kept in memory after they are written, up to this much: the first pages a grid shows. */
const headBytes = 256 * 1024
const headBlocks = 2

/** A finished result smaller than this, all in its first block, is kept in memory instead of a file. */
const keepInMemoryBytes = 64 * 1024

function estimateBytes(rows: SpoolRow[]): number {
  let bytes = 0
  for (const row of rows) for (const cell of row) bytes += (cell?.length ?? 4) + 3
  return bytes
}

export class ResultSpool {
  private handle: fs.FileHandle | null = null
  /** Byte offset of every closed block in the file. */
  private readonly blockOffsets: number[] = []
  /** The block still filling; not on disk yet. */
  private open: SpoolRow[] = []
  private pending: Buffer[] = []
  private pendingBytes = 0
  /** Closed blocks not written yet (queued or being written), by block index. */
  private readonly unwritten = new Map<number, Buffer>()
  private unwrittenBytes = 0
  /** The first closed blocks, kept in memory for good. */
  private readonly head: Buffer[] = []
  private headSize = 0
  /** Bytes of all closed blocks (written or queued). */
  private closedBytes = 0
  private rows = 0
  private finished = false
  private chain: Promise<void> = Promise.resolve()

  constructor(readonly file: string) {}

  get rowCount(): number {
    return this.rows
  }

  /** True while much data waits for the disk: the producer should pause until `flush()` resolves. */
  get congested(): boolean {
    return this.unwrittenBytes >= backlogBytes
  }

  append(row: SpoolRow): void {
    this.open.push(row)
    this.rows += 1
    if (this.open.length === rowsPerBlock) this.closeBlock()
  }

  /**
   * No more rows: the last partial block goes to disk too, and the file is closed.
   *
   * A small result that never reached the disk stays in memory instead, while
   * `memory` (the run's allowance, shared by its results) lasts: no file for
   * each `select 1` of a script of thousands.
   */
  async finish(memory?: { bytes: number }): Promise<void> {
    if (this.finished) return this.chain
    this.finished = true
    const bytes = this.blockOffsets.length === 0 && memory ? estimateBytes(this.open) : Infinity
    if (bytes < keepInMemoryBytes && bytes <= memory!.bytes) {
      memory!.bytes -= bytes
      return
    }
    if (this.open.length > 0) this.closeBlock()
    await this.flush()
    this.chain = this.chain.then(async () => {
      await this.handle?.close()
      this.handle = null
    })
    return this.chain
  }

  /** Write queued blocks; resolves once they are readable. */
  flush(): Promise<void> {
    if (this.pending.length === 0) return this.chain
    const data = this.pending
    const lastBlock = this.blockOffsets.length - 1
    this.pending = []
    this.pendingBytes = 0
    this.chain = this.chain.then(async () => {
      this.handle ??= await fs.open(this.file, 'a', 0o600)
      await this.handle.writev(data)
      // On disk now: pages read these blocks from the file.
      for (let block = lastBlock - data.length + 1; block <= lastBlock; block++) {
        this.unwrittenBytes -= this.unwritten.get(block)?.length ?? 0
        this.unwritten.delete(block)
      }
    })
    return this.chain
  }

  async page(offset: number, limit: number): Promise<SpoolRow[]> {
    const end = Math.min(offset + limit, this.rows)
    if (offset >= end) return []
    const closedRows = this.blockOffsets.length * rowsPerBlock
    const rows: SpoolRow[] = []
    if (offset < closedRows) {
      const firstBlock = Math.floor(offset / rowsPerBlock)
      const lastBlock = Math.ceil(Math.min(end, closedRows) / rowsPerBlock)
      const texts = await this.blockTexts(firstBlock, lastBlock)
      for (const [i, text] of texts.entries()) {
        const block = firstBlock + i
        // Only the last block (closed by finish()) may be short.
        for (const row of decodeBlock(text, Math.min(rowsPerBlock, this.rows - block * rowsPerBlock))) rows.push(row)
      }
      const skip = offset - firstBlock * rowsPerBlock
      rows.splice(0, skip)
      rows.length = Math.min(rows.length, Math.min(end, closedRows) - offset)
    }
    if (end > closedRows) rows.push(...this.open.slice(Math.max(0, offset - closedRows), end - closedRows))
    return rows
  }

  /**
   * The first rows, at most `limit` and about `maxBytes`, as memory holds them right now (no disk read, no
   * wait): what a progress event carries so the grid shows them with the first count.
   */
  firstRows(limit: number, maxBytes: number): SpoolRow[] {
    const firstBlock = this.head[0] ?? this.unwritten.get(0)
    const rows = firstBlock ? decodeBlock(firstBlock.toString('utf8'), Math.min(rowsPerBlock, this.rows)).slice(0, limit) : this.blockOffsets.length === 0 ? this.open.slice(0, limit) : []
    let bytes = 0
    const fits = rows.findIndex((row) => (bytes += estimateBytes([row])) > maxBytes)
    return fits === -1 ? rows : rows.slice(0, fits)
  }

  /** The text of blocks [first, last): from memory where they are there, the rest in one read of the file (written already). */
  private async blockTexts(first: number, last: number): Promise<string[]> {
    // Taken before any await: a write that ends meanwhile releases its blocks.
    const held = Array.from({ length: last - first }, (_, i) => this.head[first + i] ?? this.unwritten.get(first + i))
    // Written blocks lie between the head and the unwritten tail: one read covers them.
    const onDisk = held.flatMap((buffer, i) => (buffer ? [] : [first + i]))
    let read: Buffer | null = null
    const from = onDisk.length > 0 ? this.blockOffsets[onDisk[0]!]! : 0
    if (onDisk.length > 0) {
      read = Buffer.alloc((this.blockOffsets[onDisk.at(-1)! + 1] ?? this.closedBytes) - from)
      await this.read(read, from)
    }
    return held.map((buffer, i) => {
      if (buffer) return buffer.toString('utf8')
      const block = first + i
      return read!.toString('utf8', this.blockOffsets[block]! - from, (this.blockOffsets[block + 1] ?? this.closedBytes) - from)
    })
  }

  /** A handle of its own per read: the writer's may be closing (reads are a user scrolling: few). */
  private async read(buffer: Buffer, from: number): Promise<void> {
    const handle = await fs.open(this.file, 'r')
    try {
      await handle.read(buffer, 0, buffer.length, from)
    } finally {
      await handle.close()
    }
  }

  async dispose(): Promise<void> {
    await this.chain.catch(() => undefined)
    await this.handle?.close().catch(() => undefined)
    this.handle = null
    if (this.blockOffsets.length > 0) await fs.rm(this.file, { force: true })
  }

  private closeBlock() {
    const block = Buffer.from(encodeBlock(this.open), 'utf8')
    const index = this.blockOffsets.length
    if (index === this.head.length && index < headBlocks && this.headSize + block.length <= headBytes) {
      this.head.push(block)
      this.headSize += block.length
    }
    this.unwritten.set(index, block)
    this.unwrittenBytes += block.length
    this.blockOffsets.push(this.closedBytes)
    this.closedBytes += block.length
    this.pending.push(block)
    this.pendingBytes += block.length
    this.open = []
    // Written in the background: a failure stays in the chain and comes out of the next flush() or finish().
    if (this.pendingBytes >= flushBytes) void this.flush().catch(() => undefined)
  }
}
