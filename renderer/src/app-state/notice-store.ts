/**
 * The error surface: notices that stay until dismissed.
 *
 * Errors go here instead of replacing the screen, so nothing the user typed is
 * ever unmounted by a failure. Information notices fade by themselves; errors
 * wait for the user, because a trainer may be looking away when one appears.
 */
import { create } from 'zustand'
import { AppError, type AppErrorData } from '@shared/base/app-error'

export type NoticeKind = 'error' | 'info'

export interface Notice {
  id: number
  kind: NoticeKind
  title: string
  error?: AppErrorData
  /** How many times the same notice was raised in a row. */
  count: number
}

interface NoticeState {
  notices: Notice[]
  report: (title: string, error: unknown) => void
  inform: (title: string) => void
  dismiss: (id: number) => void
}

/** At most this many on screen: older ones make room. */
const maxNotices = 5

let nextId = 1

/** Whatever was thrown, as the error shape the UI knows how to show. */
export function errorData(error: unknown): AppErrorData {
  if (AppError.is(error)) return error.data
  // An AppError from another copy of the module (tests, hot reload) still carries its data.
  if (error && typeof error === 'object' && 'data' in error) {
    const data = (error as { data: unknown }).data
    if (data && typeof data === 'object' && 'message' in data && 'code' in data) return data as AppErrorData
  }
  return { code: 'ui/error', message: error instanceof Error ? error.message : String(error) }
}

/** Adds a notice, folding it into the newest one when it says the same thing again. */
export function addNotice(notices: Notice[], next: Omit<Notice, 'id' | 'count'>, id: number): Notice[] {
  const last = notices.at(-1)
  if (last && last.kind === next.kind && last.title === next.title && last.error?.message === next.error?.message) {
    return [...notices.slice(0, -1), { ...last, count: last.count + 1 }]
  }
  return [...notices, { ...next, id, count: 1 }].slice(-maxNotices)
}

export const useNotices = create<NoticeState>()((set) => ({
  notices: [],
  report: (title, error) => set((s) => ({ notices: addNotice(s.notices, { kind: 'error', title, error: errorData(error) }, nextId++) })),
  inform: (title) => set((s) => ({ notices: addNotice(s.notices, { kind: 'info', title }, nextId++) })),
  dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }))
}))
