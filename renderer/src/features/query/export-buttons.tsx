/** Export CSV / Export JSON for one statement's result, with the export's progress (export-actions.ts does the work). */
import { useEffect, useState } from 'react'
import { plural } from '@shared/base/plural'
import type { ExportProgress } from '@shared/query/result-export'
import { followExports, startExport, stopExport } from './export-actions'

export function ExportButtons({ connectionId, sql }: { connectionId: string; sql: string }) {
  const [progress, setProgress] = useState<ExportProgress | null>(null)
  useEffect(() => followExports((p) => setProgress((current) => (current && current.exportId === p.exportId ? p : current))), [])
  const start = async (format: 'csv' | 'json') => {
    const started = await startExport(connectionId, sql, format)
    if (started) setProgress(started)
  }
  const running = progress?.state === 'running'
  return (
    <span className="export-buttons">
      {running ? (
        <>
          <span role="status" aria-label="Export progress">
            Exporting… {plural(progress.rows, 'row')} · {(progress.bytes / 1e6).toFixed(1)} MB
          </span>
          <button onClick={() => stopExport(progress.exportId)}>Stop</button>
        </>
      ) : (
        <>
          <button onClick={() => void start('csv')}>Export CSV</button>
          <button onClick={() => void start('json')}>Export JSON</button>
          {progress?.state === 'done' && (
            <span role="status" aria-label="Export progress" className="muted" title={progress.path}>
              {progress.download ? `Downloaded ${plural(progress.rows, 'row')} as ${progress.path}` : `Exported ${plural(progress.rows, 'row')} to ${progress.path}`}
            </span>
          )}
          {progress?.state === 'failed' && <span className="field-error">{progress.error?.message}</span>}
        </>
      )}
    </span>
  )
}
