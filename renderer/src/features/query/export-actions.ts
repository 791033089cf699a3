/**
 * Export the full result of one statement: the main process re-runs it and
 * streams it to a file (the desktop app's save dialog chose where), or, in a
 * browser, to a file the browser then downloads; only progress figures come
 * back here, never rows.
 */
import type { ExportProgress } from '@shared/query/result-export'
import { api } from '../../api/api'
import { askConfirmation } from '../../app-state/confirmation-store'
import { errorData, useNotices } from '../../app-state/notice-store'
import { downloadUrl } from '../../ui/browser-download'

/** Hears every export's progress; returns the stop. */
export function followExports(listener: (progress: ExportProgress) => void): () => void {
  return api.subscribe('export.progress', listener)
}

/**
 * Starts an export; resolves its first progress, or null when it did not start
 * (cancelled in the dialog, not confirmed, or failed: a notice says so).
 * An export re-runs the statement: a DELETE without WHERE asks first, as Run does.
 */
export async function startExport(connectionId: string, sql: string, format: 'csv' | 'json', confirmed = false): Promise<ExportProgress | null> {
  // Listening before asking: a small export may be done before the answer arrives.
  const heard: ExportProgress[] = []
  let deliver: ((progress: ExportProgress) => void) | null = null
  const stop = api.subscribe('export.progress', (progress) => (deliver ? deliver(progress) : heard.push(progress)))
  try {
    const started = await api.request('export.start', { connectionId, sql, format, confirmUnboundedWrites: confirmed })
    if (started.download === null) {
      stop()
      return started
    }
    // The web host keeps the finished file for the browser to download once.
    deliver = (progress) => {
      if (progress.exportId !== started.exportId || progress.state === 'running') return
      stop()
      if (progress.state === 'done' && progress.download) downloadUrl(progress.download, progress.path)
    }
    heard.forEach(deliver)
    return started
  } catch (error) {
    stop()
    const data = errorData(error)
    if (data.code === 'query/needs-confirmation') {
      const yes = await askConfirmation({ title: 'Export runs the statement again', message: data.message, statement: data.detail ?? sql, confirmLabel: 'Run and export', danger: true })
      return yes ? startExport(connectionId, sql, format, true) : null
    }
    if (data.code !== 'export/cancelled') useNotices.getState().report('Export failed', error)
    return null
  }
}

export function stopExport(exportId: string): void {
  void api.request('export.cancel', { exportId })
}
