/**
 * The sandbox menu: where its data lives, the psql line that reaches it from
 * a terminal (the password shown only on request), and Reset, which drops
 * the dataset and seeds it again after a confirmation.
 */
import { useCallback, useEffect, useState } from 'react'
import type { SandboxDetails } from '@shared/sandbox/sandbox-details'
import { ConfirmDialog } from '../../ui/confirm-dialog'
import { ModalDialog } from '../../ui/modal-dialog'
import { loadSandboxDetails, resetSandbox } from './sandbox-actions'
import { isPreparing, useSandbox } from './sandbox-store'

export function SandboxMenu() {
  const status = useSandbox((s) => s.status)
  const [open, setOpen] = useState(false)
  if (!status || status.phase === 'stopped') return null
  return (
    <>
      <button type="button" className="sandbox-menu-button" onClick={() => setOpen(true)} aria-haspopup="dialog">
        Sandbox…
      </button>
      {open && <SandboxDialog onClose={() => setOpen(false)} />}
    </>
  )
}

function SandboxDialog({ onClose }: { onClose: () => void }) {
  const status = useSandbox((s) => s.status)
  const [details, setDetails] = useState<SandboxDetails | null>(null)
  const [reveal, setReveal] = useState(false)
  const [confirming, setConfirming] = useState(false)
  const [copied, setCopied] = useState(false)
  const phase = status?.phase

  const load = useCallback(async (withPassword: boolean) => setDetails(await loadSandboxDetails(withPassword)), [])
  // Read again when the server comes and goes (its port and password change with each start).
  useEffect(() => {
    void load(reveal)
  }, [load, reveal, phase])

  const copy = () => {
    if (!details?.psql) return
    void navigator.clipboard?.writeText(details.psql).then(() => setCopied(true), () => undefined)
  }
  const busy = isPreparing(status ?? null) || phase === 'stopping'

  if (confirming) {
    return (
      <ConfirmDialog
        title="Reset the sandbox?"
        message="This drops the sandbox database with everything you changed or added in it, and seeds the teaching dataset again. Sessions on it end; open views reconnect when it is ready."
        confirmLabel="Reset sandbox"
        danger
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false)
          onClose()
          void resetSandbox()
        }}
      />
    )
  }

  return (
    <ModalDialog title="Sandbox" onDismiss={onClose} testId="sandbox-menu" className="sandbox-dialog">
      <div className="modal-body sandbox-facts">
        <section>
          <h3>Connect from a terminal</h3>
          {details?.psql ? (
            <>
              <code className="sandbox-command" data-testid="sandbox-psql">
                {details.psql}
              </code>
              <div className="sandbox-actions">
                <button type="button" onClick={copy}>
                  {copied ? 'Copied' : 'Copy'}
                </button>
                <button type="button" onClick={() => setReveal((r) => !r)} aria-pressed={reveal}>
                  {reveal ? 'Hide password' : 'Show password'}
                </button>
                <span className="sandbox-note">{reveal ? 'The password changes at every start of the sandbox.' : 'psql asks for the password; show it to put it in the command.'}</span>
              </div>
            </>
          ) : (
            <p className="sandbox-note">The sandbox server is not running{status?.message ? `: ${status.message}` : ''}.</p>
          )}
        </section>
        <section>
          <h3>Data directory</h3>
          <code className="sandbox-command" data-testid="sandbox-data-dir">
            {details?.dataDir ?? '…'}
          </code>
        </section>
        <section>
          <h3>Start over</h3>
          <p className="sandbox-note">Drop the sandbox database and seed the teaching dataset again.</p>
          <button type="button" className="danger" onClick={() => setConfirming(true)} disabled={busy || phase !== 'ready'}>
            Reset sandbox…
          </button>
        </section>
      </div>
      <div className="modal-buttons">
        <span className="spacer" />
        <button type="button" data-autofocus onClick={onClose}>
          Close
        </button>
      </div>
    </ModalDialog>
  )
}
