/**
 * Asks for the password when opening a connection needs one: nothing was
 * saved, or what was saved no longer works. The password is used for this run
 * only; saving it is the connection form's business.
 */
import { useState } from 'react'
import { FormField } from '../../ui/form-field'
import { ModalDialog } from '../../ui/modal-dialog'
import { selectConnection, useConnections } from '../../app-state/connections-store'
import { endpointLine } from './connection-labels'
import { dismissPasswordRequest, openConnection } from './connections-actions'

export function PasswordPrompt() {
  const request = useConnections((s) => s.passwordRequest)
  if (!request) return null
  // Another connection starts with a fresh form; a second failure keeps what was typed.
  return <PasswordForm key={request.id} id={request.id} reason={request.reason.message} hint={request.reason.hint} />
}

function PasswordForm({ id, reason, hint }: { id: string; reason: string; hint?: string }) {
  const connection = useConnections(selectConnection(id))
  const busy = useConnections((s) => s.busyIds.includes(id))
  const [password, setPassword] = useState('')
  if (!connection) return null

  const submit = () => {
    if (password !== '') void openConnection(id, password)
  }

  return (
    <ModalDialog title={`Password for ${connection.profile.name}`} onDismiss={dismissPasswordRequest} className="modal-narrow" testId="password-prompt">
      <div className="modal-body">
        <p className="modal-text">
          {reason} {hint}
        </p>
        <FormField label="Password" hint={`For ${endpointLine(connection.profile)}, used until Tusk closes.`}>
          {(control) => (
            <input
              {...control}
              type="password"
              value={password}
              autoComplete="current-password"
              data-autofocus
              onChange={(e) => setPassword(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault()
                  submit()
                }
              }}
            />
          )}
        </FormField>
      </div>
      <div className="modal-buttons">
        <span className="spacer" />
        <button type="button" onClick={dismissPasswordRequest}>
          Cancel
        </button>
        <button type="button" className="primary" disabled={password === '' || busy} onClick={submit}>
          {busy ? 'Connecting…' : 'Connect'}
        </button>
      </div>
    </ModalDialog>
  )
}
