import { useSandbox } from './sandbox-store'

/** The first start of the sandbox seeds a million rows: show how far along it is. */
export function SandboxProgress() {
  const status = useSandbox((s) => s.status)
  if (!status || status.phase === 'ready' || status.phase === 'stopped' || status.phase === 'stopping') return null
  if (status.phase === 'failed') {
    return (
      <div className="sandbox-banner sandbox-failed" role="alert">
        <strong>The sandbox database could not start.</strong> {status.error?.message}
      </div>
    )
  }
  const percent = Math.round(status.progress * 100)
  return (
    <div className="sandbox-banner" role="status" aria-label="Sandbox progress">
      <div className="sandbox-text">
        <strong>Preparing the sandbox database</strong>
        <span>{status.message}</span>
      </div>
      <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} aria-label="Sandbox setup">
        <div className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <span className="progress-percent">{percent}%</span>
    </div>
  )
}
