/**
 * Export the full result of one statement: the main process re-runs it and
 * streams it to a file; only progress figures come back here.
 */
import { useEffect, useState } from 'react'
import type { ExportProgress } from '@shared/query/result-export'
import { api } from '../../api/api'
import { errorData, useNotices } from '../../app-state/notice-store'

export function ExportButtons({ connectionId, sql }: { connectionId: string; sql: string }) {
  const [progress, setProgress] = useState<ExportProgress | null>(null)
  useEffect(() => api.subscribe('export.progress', (p) => setProgress((current) => (current && current.exportId === p.exportId ? p : current))), [])
  const start = async (format: 'csv' | 'json') => {
    try {
      setProgress(await api.request('export.start', { connectionId, sql, format }))
    } catch (error) {
      if (errorData(error).code !== 'export/cancelled') useNotices.getState().report('Export failed', error)
    }
  }
  const running = progress?.state === 'running'
  return (
    <span className="export-buttons">
      {running ? (
        <>
          <span role="status" aria-label="Export progress">
            Exporting… {progress.rows.toLocaleString('en-US')} rows · {(progress.bytes / 1e6).toFixed(1)} MB
          </span>
          <button onClick={() => void api.request('export.cancel', { exportId: progress.exportId })}>Stop</button>
        </>
      ) : (
        <>
          <button onClick={() => void start('csv')}>Export CSV</button>
          <button onClick={() => void start('json')}>Export JSON</button>
          {progress?.state === 'done' && (
            <span role="status" aria-label="Export progress" className="muted" title={progress.path}>
              Exported {progress.rows.toLocaleString('en-US')} rows to {progress.path}
            </span>
          )}
          {progress?.state === 'failed' && <span className="field-error">{progress.error?.message}</span>}
        </>
      )}
    </span>
  )
}
