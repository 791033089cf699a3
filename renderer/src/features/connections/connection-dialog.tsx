/**
 * Create or edit a connection: "Import from URL", every field, Test, Save.
 *
 * The form's state lives here until the dialog closes, and only the user closes
 * it: a failed test or save shows its message in the status line and keeps
 * every field as typed; Escape or Cancel on a changed form asks first.
 */
import { readOnlyMeaning } from '../../app-state/read-only'
import { useRef, useState, type ClipboardEvent } from 'react'
import { colorTags, defaultConnectionDraft, sslModes, type ConnectionDraft, type SslMode } from '@shared/connections/connection-profile'
import { parseConnectionUrl } from '@shared/connections/connection-url'
import type { AppErrorData } from '@shared/base/app-error'
import { secretsWarning, useAppInfo } from '../../app-state/app-info-store'
import { ConfirmDialog } from '../../ui/confirm-dialog'
import { FormField } from '../../ui/form-field'
import { ModalDialog } from '../../ui/modal-dialog'
import { errorData } from '../../app-state/notice-store'
import { applyConnectionUrl, draftFromForm, formFromDraft, formsEqual, sameEndpoint, verifiesCertificate, type ConnectionForm, type FormErrors } from './connection-form'
import { colorTagNames } from './connection-labels'
import { selectConnection, useConnections } from '../../app-state/connections-store'
import { openUnlessOpen, saveConnection, testConnection } from './connections-actions'

interface Props {
  /** null: a new connection. */
  editId: string | null
  onClose: () => void
}

type Status =
  | { kind: 'busy'; text: string }
  | { kind: 'ok' | 'info'; text: string }
  | { kind: 'error'; text: string; error?: AppErrorData }

const sslModeHints: Record<SslMode, string> = {
  disable: 'disable: no encryption',
  prefer: 'prefer: encrypt when the server can',
  require: 'require: always encrypt, no certificate check',
  'verify-ca': 'verify-ca: encrypt and check the certificate authority',
  'verify-full': 'verify-full: encrypt, check the authority and the host name'
}

export function ConnectionDialog({ editId, onClose }: Props) {
  const existing = useConnections(selectConnection(editId))?.profile ?? null
  const info = useAppInfo((s) => s.info)
  // The form as it opened, to tell whether anything was typed since.
  const [initialForm] = useState(() => formFromDraft(existing ?? defaultConnectionDraft))
  const [form, setForm] = useState<ConnectionForm>(initialForm)
  const [errors, setErrors] = useState<FormErrors>({})
  /** undefined or '': nothing typed, so a saved password stays as it is. */
  const [password, setPassword] = useState('')
  const [savePassword, setSavePassword] = useState(() => existing?.hasSavedPassword ?? info?.secretsProtected ?? false)
  const [url, setUrl] = useState('')
  const [urlName, setUrlName] = useState<string | null>(null)
  const [status, setStatus] = useState<Status | null>(null)
  const [confirmDiscard, setConfirmDiscard] = useState(false)
  const body = useRef<HTMLDivElement>(null)

  const busy = status?.kind === 'busy'
  const dirty = !formsEqual(form, initialForm) || password !== '' || url.trim() !== ''
  const hasSaved = existing?.hasSavedPassword ?? false
  const typedPassword = password === '' ? undefined : password

  const update = <K extends keyof ConnectionForm>(key: K, value: ConnectionForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }))
    if (errors[key]) setErrors(({ [key]: _fixed, ...rest }) => rest)
  }

  const validate = (): ConnectionDraft | null => {
    const result = draftFromForm(form)
    if (result.ok) {
      setErrors({})
      return result.draft
    }
    setErrors(result.errors)
    setStatus({ kind: 'error', text: 'Some fields need attention: see the messages under them.' })
    // Where the first problem is, so keyboard users land on it.
    requestAnimationFrame(() => body.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus())
    return null
  }

  const importUrl = (text = url) => {
    if (!text.trim()) return
    try {
      const parsed = parseConnectionUrl(text)
      setForm((f) => applyConnectionUrl(f, parsed, urlName))
      setUrlName(parsed.draft.name)
      setErrors({})
      if (parsed.password !== undefined) setPassword(parsed.password)
      const ignored = parsed.ignored.length > 0 ? ` Not used by Tusk: ${parsed.ignored.join(', ')}.` : ''
      setStatus({ kind: 'info', text: `Filled from the URL${parsed.password !== undefined ? ', password included' : ''}. Test the connection, or save it.${ignored}` })
    } catch (error) {
      setStatus({ kind: 'error', text: errorData(error).message })
    }
  }

  const onUrlPaste = (event: ClipboardEvent<HTMLInputElement>) => {
    const pasted = event.clipboardData.getData('text').trim()
    // A whole URL pasted into an empty box fills the form at once.
    if (url.trim() === '' && /^postgres(ql)?:\/\//i.test(pasted)) {
      event.preventDefault()
      setUrl(pasted)
      importUrl(pasted)
    }
  }

  const test = async () => {
    const draft = validate()
    if (!draft) return
    setStatus({ kind: 'busy', text: 'Testing the connection…' })
    try {
      // The saved password only fits the saved server and user; anything else is tested with what was typed.
      const useSaved = existing !== null && typedPassword === undefined && sameEndpoint(draft, existing)
      const result = useSaved
        ? await testConnection({ id: existing.id })
        : await testConnection({ draft, password: typedPassword })
      setStatus(
        result.ok
          ? { kind: 'ok', text: `Connected to PostgreSQL ${result.server.version} in ${formatLatency(result.latencyMs)}.` }
          : { kind: 'error', text: result.error.message, error: result.error }
      )
    } catch (error) {
      setStatus({ kind: 'error', text: errorData(error).message, error: errorData(error) })
    }
  }

  const save = async () => {
    const draft = validate()
    if (!draft) return
    setStatus({ kind: 'busy', text: 'Saving…' })
    try {
      const profile = await saveConnection({ id: existing?.id, draft, password: typedPassword, savePassword })
      onClose()
      openUnlessOpen(profile.id)
    } catch (error) {
      const data = errorData(error)
      setStatus({ kind: 'error', text: data.message, error: data })
    }
  }

  const cancel = () => {
    if (busy) return
    if (dirty) setConfirmDiscard(true)
    else onClose()
  }

  const secretNote = secretsWarning(info)
  const forgetNote = hasSaved && !savePassword ? 'The saved password will be forgotten when you save.' : null

  return (
    <ModalDialog title={existing ? `Edit ${existing.name}` : 'New connection'} onDismiss={cancel} className="connection-dialog" testId="connection-dialog">
      <div className="modal-body" ref={body}>
        <div className="url-import">
          <FormField label="Connection URL">
            {(control) => (
              <input
                {...control}
                value={url}
                onChange={(e) => setUrl(e.target.value)}
                onPaste={onUrlPaste}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    e.preventDefault()
                    importUrl()
                  }
                }}
                placeholder="postgres://user:password@host:5432/database?sslmode=require"
                spellCheck={false}
                autoComplete="off"
                data-autofocus={existing ? undefined : true}
              />
            )}
          </FormField>
          <button type="button" onClick={() => importUrl()} disabled={!url.trim() || busy}>
            Import from URL
          </button>
        </div>

        <div className="form-grid">
          <FormField label="Name" error={errors.name}>
            {(control) => <input {...control} value={form.name} onChange={(e) => update('name', e.target.value)} placeholder="e.g. Shop, staging" data-autofocus={existing ? true : undefined} />}
          </FormField>

          <fieldset className="field color-picker">
            <legend>Colour tag</legend>
            <div className="swatches">
              {colorTags.map((tag) => (
                <label key={tag} className={`swatch tag-${tag}`} title={colorTagNames[tag]}>
                  <input type="radio" name="color-tag" value={tag} checked={form.colorTag === tag} onChange={() => update('colorTag', tag)} aria-label={colorTagNames[tag]} />
                  <span aria-hidden="true" />
                </label>
              ))}
            </div>
          </fieldset>

          <FormField label="Host" error={errors.host} className="span-3">
            {(control) => <input {...control} value={form.host} onChange={(e) => update('host', e.target.value)} spellCheck={false} autoComplete="off" />}
          </FormField>
          <FormField label="Port" error={errors.port} className="span-1">
            {(control) => <input {...control} inputMode="numeric" value={form.port} onChange={(e) => update('port', e.target.value)} />}
          </FormField>
          <FormField label="Database" error={errors.database}>
            {(control) => <input {...control} value={form.database} onChange={(e) => update('database', e.target.value)} spellCheck={false} autoComplete="off" />}
          </FormField>
          <FormField label="User" error={errors.user}>
            {(control) => <input {...control} value={form.user} onChange={(e) => update('user', e.target.value)} spellCheck={false} autoComplete="off" />}
          </FormField>

          <FormField
            label={
              <>
                Password {hasSaved && password === '' && <span className="saved-badge">••• saved</span>}
              </>
            }
            hint={hasSaved ? 'Leave empty to keep the saved password.' : undefined}
          >
            {(control) => (
              <input {...control} type="password" value={password} placeholder={hasSaved ? '••• saved' : ''} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" />
            )}
          </FormField>
          <FormField label="Save password" inline hint={forgetNote ?? secretNote ?? 'Kept encrypted by the operating system’s keychain.'} className={secretNote ? 'field-warning' : undefined}>
            {(control) => <input {...control} type="checkbox" checked={savePassword} onChange={(e) => setSavePassword(e.target.checked)} />}
          </FormField>

          <FormField label="SSL mode" hint={sslModeHints[form.sslMode]}>
            {(control) => (
              <select {...control} value={form.sslMode} onChange={(e) => update('sslMode', e.target.value as SslMode)}>
                {sslModes.map((mode) => (
                  <option key={mode} value={mode}>
                    {mode}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          {verifiesCertificate(form.sslMode) ? (
            <FormField label="CA certificate file" hint="Path of the root certificate (root.crt); empty: the system's trusted authorities." error={errors.sslRootCertPath}>
              {(control) => <input {...control} value={form.sslRootCertPath} onChange={(e) => update('sslRootCertPath', e.target.value)} placeholder="/path/to/root.crt" spellCheck={false} />}
            </FormField>
          ) : (
            <p className="field-aside">{form.sslMode === 'disable' ? 'Traffic to the server is not encrypted.' : 'Choose verify-ca or verify-full to check the server’s certificate.'}</p>
          )}

          <div className="form-row span-full">
            <FormField label="Read-only" inline hint="Tusk refuses writes." className="field-read-only">
              {(control) => <input {...control} type="checkbox" checked={form.readOnly} onChange={(e) => update('readOnly', e.target.checked)} />}
            </FormField>
            <FormField label="Statement timeout (s)" hint="0 = no limit" error={errors.statementTimeoutS}>
              {(control) => <input {...control} inputMode="decimal" value={form.statementTimeoutS} onChange={(e) => update('statementTimeoutS', e.target.value)} />}
            </FormField>
            <FormField label="Pool size" hint="Sessions at most" error={errors.poolMax}>
              {(control) => <input {...control} inputMode="numeric" value={form.poolMax} onChange={(e) => update('poolMax', e.target.value)} />}
            </FormField>
            <FormField label="Idle timeout (s)" hint="Idle sessions close after" error={errors.poolIdleTimeoutS}>
              {(control) => <input {...control} inputMode="decimal" value={form.poolIdleTimeoutS} onChange={(e) => update('poolIdleTimeoutS', e.target.value)} />}
            </FormField>
          </div>
          <p className="field-aside span-full" data-testid="read-only-meaning">
            {readOnlyMeaning}
          </p>
        </div>
      </div>

      <div role="status" aria-live="polite" aria-label="Connection test result" className={`form-status${status ? ` status-${status.kind}` : ''}`} data-testid="connection-form-status">
        {status && (
          <>
            <span className="form-status-text">{status.text}</span>
            {status.kind === 'error' && status.error?.hint && <span className="form-status-hint">{status.error.hint}</span>}
            {status.kind === 'error' && status.error?.detail && status.error.detail !== status.error.message && (
              <span className="form-status-detail">
                Server said: {status.error.detail}
                {status.error.sqlstate && ` (SQLSTATE ${status.error.sqlstate})`}
              </span>
            )}
          </>
        )}
      </div>

      <div className="modal-buttons">
        <button type="button" onClick={() => void test()} disabled={busy}>
          Test connection
        </button>
        <span className="spacer" />
        <button type="button" onClick={cancel} disabled={busy}>
          Cancel
        </button>
        <button type="button" className="primary" onClick={() => void save()} disabled={busy}>
          Save
        </button>
      </div>

      {confirmDiscard && (
        <ConfirmDialog
          title="Discard your changes?"
          message="What you typed in this form will be lost."
          confirmLabel="Discard"
          danger
          onCancel={() => setConfirmDiscard(false)}
          onConfirm={onClose}
        />
      )}
    </ModalDialog>
  )
}

function formatLatency(ms: number): string {
  return ms < 1 ? 'under 1 ms' : `${Math.round(ms)} ms`
}
