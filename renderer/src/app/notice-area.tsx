import { useNotices } from './notice-store'

/** Errors and messages, stacked in a corner; dismissed by the user, never by a re-render. */
export function NoticeArea() {
  const notices = useNotices((s) => s.notices)
  const dismiss = useNotices((s) => s.dismiss)
  if (notices.length === 0) return null
  return (
    <div className="notice-area" aria-live="assertive">
      {notices.map((notice) => (
        <div key={notice.id} className={`notice notice-${notice.kind}`} role="alert">
          <div className="notice-body">
            <strong>{notice.title}</strong>
            {notice.error && <p>{notice.error.message}</p>}
            {notice.error?.hint && <p className="muted">{notice.error.hint}</p>}
          </div>
          <button className="icon-button" aria-label="Dismiss" onClick={() => dismiss(notice.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  )
}
