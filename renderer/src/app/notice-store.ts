/**
 * The error surface: notices that stay until dismissed.
 *
 * Errors go here instead of replacing the screen, so nothing the user typed is
 * ever unmounted by a failure.
 */
import { create } from 'zustand'
import { AppError, type AppErrorData } from '../../../shared/rpc/app-error'

export interface Notice {
  id: number
  kind: 'error' | 'info'
  title: string
  error?: AppErrorData
}

interface NoticeState {
  notices: Notice[]
  report: (title: string, error: unknown) => void
  inform: (title: string) => void
  dismiss: (id: number) => void
}

let nextId = 1

export function errorData(error: unknown): AppErrorData {
  if (AppError.is(error)) return error.data
  if (error && typeof error === 'object' && 'data' in error) return (error as AppError).data
  return { code: 'ui/error', message: error instanceof Error ? error.message : String(error) }
}

export const useNotices = create<NoticeState>()((set) => ({
  notices: [],
  report: (title, error) => set((s) => ({ notices: [...s.notices.slice(-4), { id: nextId++, kind: 'error', title, error: errorData(error) }] })),
  inform: (title) => set((s) => ({ notices: [...s.notices.slice(-4), { id: nextId++, kind: 'info', title }] })),
  dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }))
}))
