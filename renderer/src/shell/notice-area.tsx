import { useEffect } from 'react'
import type { AppErrorData } from '@shared/base/app-error'
import { useNotices, type Notice } from '../app-state/notice-store'

const infoLifetimeMs = 6_000

/**
 * Errors and messages, stacked in a corner.
 *
 * The region is always mounted (screen readers only announce changes inside a
 * live region that already exists) and sits outside every panel, so showing or
 * dismissing a notice never re-mounts a form.
 */
export function NoticeArea() {
  const notices = useNotices((s) => s.notices)
  return (
    <section className="notice-area" aria-label="Notifications" data-testid="notice-area">
      {notices.map((notice) => (
        <NoticeCard key={notice.id} notice={notice} />
      ))}
    </section>
  )
}

function NoticeCard({ notice }: { notice: Notice }) {
  const dismiss = useNotices((s) => s.dismiss)
  useEffect(() => {
    if (notice.kind !== 'info') return
    const timer = setTimeout(() => dismiss(notice.id), infoLifetimeMs)
    return () => clearTimeout(timer)
  }, [notice.kind, notice.id, notice.count, dismiss])

  const { error } = notice
  return (
    <div className={`notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
      <span className="notice-icon" aria-hidden="true">
        {notice.kind === 'error' ? '!' : 'i'}
      </span>
      <div className="notice-body">
        <strong className="notice-title">
          {notice.title}
          {notice.count > 1 && <span className="notice-count"> ×{notice.count}</span>}
        </strong>
        {error && <p className="notice-message">{error.message}</p>}
        {error?.detail && error.detail !== error.message && <p className="notice-detail">{error.detail}</p>}
        {error?.hint && <p className="notice-hint">{error.hint}</p>}
        {error && (
          <div className="notice-footer">
            <code className="notice-code">{error.sqlstate ? `SQLSTATE ${error.sqlstate}` : error.code}</code>
            <button type="button" className="link-button" onClick={() => void navigator.clipboard?.writeText(errorText(notice.title, error))}>
              Copy details
            </button>
          </div>
        )}
      </div>
      <button type="button" className="icon-button" aria-label={`Dismiss: ${notice.title}`} onClick={() => dismiss(notice.id)}>
        ×
      </button>
    </div>
  )
}

function errorText(title: string, error: AppErrorData): string {
  return [
    title,
    error.message,
    error.detail && `Detail: ${error.detail}`,
    error.hint && `Hint: ${error.hint}`,
    error.sqlstate ? `SQLSTATE: ${error.sqlstate}` : `Code: ${error.code}`
  ]
    .filter(Boolean)
    .join('\n')
}
