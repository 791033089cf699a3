/**
 * Export the full result of one statement: the main process re-runs it and
 * streams it to a file; only progress figures come back here.
 */
import type { ExportProgress } from '@shared/query/result-export'
import { api } from '../../api/api'
import { errorData, useNotices } from '../../app-state/notice-store'

/** Hears every export's progress; returns the stop. */
export function followExports(listener: (progress: ExportProgress) => void): () => void {
  return api.subscribe('export.progress', listener)
}

/** Starts an export; resolves its first progress, or null when it did not start (cancelled in the dialog, or failed: a notice says so). */
export async function startExport(connectionId: string, sql: string, format: 'csv' | 'json'): Promise<ExportProgress | null> {
  try {
    return await api.request('export.start', { connectionId, sql, format })
  } catch (error) {
    if (errorData(error).code !== 'export/cancelled') useNotices.getState().report('Export failed', error)
    return null
  }
}

export function stopExport(exportId: string): void {
  void api.request('export.cancel', { exportId })
}
