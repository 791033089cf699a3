/**
 * Export a query's full result to a file, streamed in the main process: the
 * rows never pass through the renderer.
 *
 * CSV goes through PostgreSQL's COPY protocol (`COPY (query) TO STDOUT`), the
 * same path psql's \copy takes; JSON streams rows from a cursor into an array
 * of objects. Progress is published as bytes and rows arrive.
 *
 * An export runs the statement again, so it meets the same guards as Run: a
 * DELETE without WHERE asks first, and a read-only connection refuses a
 * statement that writes.
 */
import { randomUUID } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import { Transform, type TransformCallback } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { to as copyTo } from 'pg-copy-streams'
import QueryStream from 'pg-query-stream'
import type { ExportProgress } from '@shared/query/result-export'
import { AppError } from '@shared/base/app-error'
import { splitStatements } from '@shared/sql/split-statements'
import { serverText } from '../../postgres/cells'
import { checkOut, failureData, type PoolProvider } from '../../postgres/pool-provider'
import { refuseWritesOnReadOnly } from '../../postgres/read-only-guard'
import { refuseUnconfirmedUnboundedWrites } from '../../postgres/run-confirmation'

export interface ResultExportOptions {
  pools: PoolProvider
  /** Where files go unless the app asks the user (Electron's save dialog) or the browser downloads them. */
  exportDir: string
  chooseSavePath?: (suggestedName: string) => Promise<string | null>
  /**
   * The web host: the browser downloads the file (`download` in the progress), so
   * nothing lands in a folder of the host that the user never chose. The file is
   * kept in a private folder until it is downloaded.
   */
  browserDownloads?: boolean
  publish: (progress: ExportProgress) => void
}

/** A finished export waiting for the browser to fetch it. */
export interface ExportDownload {
  file: string
  name: string
  contentType: string
}

const contentTypes = { csv: 'text/csv; charset=utf-8', json: 'application/json; charset=utf-8' } as const
/** A download nobody fetched is removed after this long. */
const downloadLifetimeMs = 10 * 60_000

export class ResultExporter {
  private readonly running = new Map<string, { cancel: () => void }>()
  private readonly downloads = new Map<string, ExportDownload & { expiry: NodeJS.Timeout }>()

  constructor(private readonly options: ResultExportOptions) {}

  async start(input: { connectionId: string; sql: string; format: 'csv' | 'json'; confirmUnboundedWrites?: boolean }): Promise<ExportProgress> {
    const statements = await splitStatements(input.sql)
    if (statements.length !== 1) throw new AppError({ code: 'export/one-statement', message: 'Export takes exactly one statement' })
    const statement = statements[0]!.text
    await refuseWritesOnReadOnly(this.options.pools, input.connectionId, statement)
    await refuseUnconfirmedUnboundedWrites([statement], input.confirmUnboundedWrites ?? false)
    const suggested = `tusk-export-${new Date().toISOString().replace(/[:.]/g, '-')}.${input.format}`
    const exportId = randomUUID()
    const downloadDir = path.join(this.options.exportDir, '.downloads')
    const chosen = this.options.browserDownloads
      ? path.join(downloadDir, `${exportId}.${input.format}`)
      : this.options.chooseSavePath
        ? await this.options.chooseSavePath(suggested)
        : path.join(this.options.exportDir, suggested)
    if (!chosen) throw new AppError({ code: 'export/cancelled', message: 'Export cancelled' })
    await fs.mkdir(path.dirname(chosen), { recursive: true, mode: this.options.browserDownloads ? 0o700 : undefined })
    const download = this.options.browserDownloads ? `/downloads/${exportId}` : null
    const progress: ExportProgress = { exportId, format: input.format, path: download ? suggested : chosen, download, rows: 0, bytes: 0, state: 'running', durationMs: 0, error: null }
    const { client } = await checkOut(this.options.pools, input.connectionId)
    const started = performance.now()
    let lastPublish = 0
    const tick = (rows: number, bytes: number) => {
      progress.rows += rows
      progress.bytes += bytes
      const now = performance.now()
      if (now - lastPublish > 200) {
        lastPublish = now
        progress.durationMs = now - started
        this.options.publish({ ...progress })
      }
    }
    const source = input.format === 'csv' ? client.query(copyTo(`copy (${statement}) to stdout with (format csv, header true)`)) : client.query(new QueryStream(statement, [], { batchSize: 2000, types: serverText }))
    this.running.set(progress.exportId, { cancel: () => source.destroy(new Error('Export cancelled')) })
    const counter = input.format === 'csv' ? csvCounter(tick) : jsonArrayWriter(tick)
    // The export goes on after this answer; how it ends is published as progress, never thrown.
    void pipeline(source, counter, createWriteStream(chosen, { mode: 0o600 }))
      .then(() => {
        progress.state = 'done'
        // COPY's command tag has the exact count (line ends overcount values with newlines).
        if (input.format === 'csv') progress.rows = (source as { rowCount?: number }).rowCount ?? progress.rows - 1
        if (download) this.keepForDownload(exportId, { file: chosen, name: suggested, contentType: contentTypes[input.format] })
      })
      .catch((error: unknown) => {
        const cancelled = error instanceof Error && error.message === 'Export cancelled'
        progress.state = cancelled ? 'cancelled' : 'failed'
        progress.error = cancelled ? null : failureData(this.options.pools, input.connectionId, error)
      })
      .finally(() => {
        if (download && progress.state !== 'done') void fs.rm(chosen, { force: true })
        client.release(progress.state === 'done' ? undefined : new Error('export interrupted'))
        this.running.delete(progress.exportId)
        progress.durationMs = performance.now() - started
        this.options.publish({ ...progress })
      })
    return { ...progress }
  }

  /** The finished file of a browser download, handed out once (the caller removes it after sending). */
  takeDownload(exportId: string): ExportDownload | null {
    const waiting = this.downloads.get(exportId)
    if (!waiting) return null
    clearTimeout(waiting.expiry)
    this.downloads.delete(exportId)
    return { file: waiting.file, name: waiting.name, contentType: waiting.contentType }
  }

  /** Removes the downloads nobody fetched (the app is closing). */
  async dispose(): Promise<void> {
    const files = [...this.downloads.values()]
    this.downloads.clear()
    for (const d of files) clearTimeout(d.expiry)
    await Promise.all(files.map((d) => fs.rm(d.file, { force: true })))
  }

  private keepForDownload(exportId: string, download: ExportDownload): void {
    const expiry = setTimeout(() => {
      this.downloads.delete(exportId)
      void fs.rm(download.file, { force: true })
    }, downloadLifetimeMs)
    expiry.unref()
    this.downloads.set(exportId, { ...download, expiry })
  }

  cancel(exportId: string): { cancelled: boolean } {
    const running = this.running.get(exportId)
    running?.cancel()
    return { cancelled: running !== undefined }
  }
}

/** Passes COPY's CSV through, counting bytes and line ends (an estimate of rows until the end). */
function csvCounter(tick: (rows: number, bytes: number) => void): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      let lines = 0
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++
      tick(lines, chunk.length)
      callback(null, chunk)
    }
  })
}

/** Rows (objects keyed by column name) into one JSON array, written as they come. */
function jsonArrayWriter(tick: (rows: number, bytes: number) => void): Transform {
  let first = true
  return new Transform({
    writableObjectMode: true,
    transform(row: Record<string, string | null>, _encoding, callback: TransformCallback) {
      const text = (first ? '[\n' : ',\n') + JSON.stringify(row)
      first = false
      tick(1, Buffer.byteLength(text))
      callback(null, text)
    },
    flush(callback) {
      const text = first ? '[]\n' : '\n]\n'
      tick(0, Buffer.byteLength(text))
      callback(null, text)
    }
  })
}
