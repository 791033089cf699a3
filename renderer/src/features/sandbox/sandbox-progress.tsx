/**
 * The sandbox's first start seeds a million rows: a banner says how far along
 * it is, in words and as a bar, so a room waiting for it knows it is working.
 */
import { useEffect, useState, type ReactNode } from 'react'
import type { SandboxStatus } from '@shared/sandbox/sandbox-status'
import { dismissSandboxNotice, retrySandbox } from './sandbox-actions'
import { isPreparing, useSandbox } from './sandbox-store'

const readyNoticeMs = 5_000

export function SandboxProgress() {
  const status = useSandbox((s) => s.status)
  const sawPreparing = useSandbox((s) => s.sawPreparing)
  const showReady = useReadyMoment(status, sawPreparing)
  const dismissedNotice = useSandbox((s) => s.dismissedNotice)

  if (!status) return null
  if (status.phase === 'ready' && status.notice && status.notice !== dismissedNotice) return <SandboxNotice notice={status.notice} />
  if (status.phase === 'failed') return <SandboxFailed status={status} />
  if (isPreparing(status)) return <SandboxPreparing status={status} />
  if (status.phase === 'ready' && showReady) {
    return (
      <Banner tone="sandbox-ready" role="status" phase="ready" icon="✓" title="The sandbox database is ready">
        <span>{status.serverVersion ? `PostgreSQL ${status.serverVersion}, ` : ''}with the lending-library dataset to explore.</span>
      </Banner>
    )
  }
  return null
}

/** The server died and is back: say so until the user has read it, since open views were interrupted. */
function SandboxNotice({ notice }: { notice: string }) {
  return (
    <Banner tone="sandbox-restarted" role="status" phase="restarted" icon="↻" title="The sandbox server was restarted" action={{ label: 'OK', run: dismissSandboxNotice }}>
      <span>{notice}</span>
      <span className="sandbox-note">Open views reconnected by themselves; a query that was running then has to be run again.</span>
    </Banner>
  )
}

function SandboxPreparing({ status }: { status: SandboxStatus }) {
  const percent = Math.round(status.progress * 100)
  const title = status.phase === 'starting' ? 'Starting the sandbox database' : 'Setting up the sandbox database'
  return (
    <div className="sandbox-banner" data-testid="sandbox-progress" data-phase={status.phase}>
      <div className="sandbox-text">
        <strong>{title}</strong>
        <span role="status">{status.message}</span>
        {status.phase !== 'starting' && <span className="sandbox-note">First start only: the next ones take a few seconds.</span>}
      </div>
      <div className="sandbox-meter">
        <div className="progress" role="progressbar" aria-label="Sandbox setup" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} aria-valuetext={`${percent}%: ${status.message}`}>
          <div className="progress-fill" style={{ width: `${percent}%` }} />
        </div>
        <span className="progress-percent" aria-hidden="true">
          {percent}%
        </span>
      </div>
    </div>
  )
}

function SandboxFailed({ status }: { status: SandboxStatus }) {
  return (
    <Banner tone="sandbox-failed" role="alert" phase="failed" icon="!" title="The sandbox database could not start" action={{ label: 'Try again', run: () => void retrySandbox() }}>
      <span>{status.error?.message ?? status.message}</span>
      {status.error?.hint && <span className="sandbox-note">{status.error.hint}</span>}
    </Banner>
  )
}

interface BannerProps {
  tone: string
  role: 'status' | 'alert'
  phase: string
  icon: string
  title: string
  children: ReactNode
  action?: { label: string; run: () => void }
}

/** One line of news about the sandbox: an icon, a title, what to know, and what to do. */
function Banner({ tone, role, phase, icon, title, children, action }: BannerProps) {
  return (
    <div className={`sandbox-banner ${tone}`} role={role} data-testid="sandbox-progress" data-phase={phase}>
      <span className="sandbox-icon" aria-hidden="true">
        {icon}
      </span>
      <div className="sandbox-text">
        <strong>{title}</strong>
        {children}
      </div>
      {action && (
        <button type="button" onClick={action.run}>
          {action.label}
        </button>
      )}
    </div>
  )
}

/** True for a few seconds after the sandbox became ready in front of the user. */
function useReadyMoment(status: SandboxStatus | null, sawPreparing: boolean): boolean {
  const ready = status?.phase === 'ready' && sawPreparing
  const [visible, setVisible] = useState(false)
  useEffect(() => {
    if (!ready) return
    setVisible(true)
    const timer = setTimeout(() => setVisible(false), readyNoticeMs)
    return () => clearTimeout(timer)
  }, [ready])
  return ready && visible
}
