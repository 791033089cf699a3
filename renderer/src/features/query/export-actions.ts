/**
 * Export the full result of one statement: the main process re-runs it and
 * streams it to a file; only progress figures come back here.
 */
import type { ExportProgress } from '@shared/query/result-export'
import { api } from '../../api/api'
import { askConfirmation } from '../../app-state/confirmation-store'
import { errorData, useNotices } from '../../app-state/notice-store'

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
  try {
    return await api.request('export.start', { connectionId, sql, format, confirmUnboundedWrites: confirmed })
  } catch (error) {
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
