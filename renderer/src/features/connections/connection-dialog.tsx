/**
 * Create or edit a connection: fields, "Import from URL", Test, Save.
 *
 * The form's state lives here until the dialog closes: a failed test or save
 * shows its message and keeps every field as typed.
 */
import { useId, useState, type ReactNode } from 'react'
import { colorTags, connectionDraftSchema, defaultConnectionDraft, sslModes, type ConnectionDraft } from '../../../../shared/connections/connection-profile'
import type { ConnectionTestResult } from '../../../../shared/connections/connection-status'
import { parseConnectionUrl } from '../../../../shared/connections/connection-url'
import { api } from '../../api/api'
import { useAppInfo } from '../../app/app-info-store'
import { errorData } from '../../app/notice-store'
import { useConnections } from './connections-store'

interface Props {
  editId: string | null
  onClose: () => void
}

type FieldErrors = Partial<Record<keyof ConnectionDraft, string>>

export function ConnectionDialog({ editId, onClose }: Props) {
  const existing = useConnections((s) => s.connections.find((c) => c.profile.id === editId)?.profile)
  const info = useAppInfo((s) => s.info)
  const [draft, setDraft] = useState<ConnectionDraft>(() => (existing ? { ...existing } : { ...defaultConnectionDraft }))
  const [password, setPassword] = useState<string | undefined>(undefined)
  const [savePassword, setSavePassword] = useState(existing?.hasSavedPassword ?? false)
  const [url, setUrl] = useState('')
  const [status, setStatus] = useState<{ kind: 'ok' | 'error' | 'busy'; text: string; hint?: string } | null>(null)
  const [errors, setErrors] = useState<FieldErrors>({})
  const titleId = useId()

  const update = <K extends keyof ConnectionDraft>(key: K, value: ConnectionDraft[K]) => setDraft((d) => ({ ...d, [key]: value }))

  const validate = (): ConnectionDraft | null => {
    const parsed = connectionDraftSchema.safeParse(draft)
    if (parsed.success) {
      setErrors({})
      return parsed.data
    }
    const next: FieldErrors = {}
    for (const issue of parsed.error.issues) next[issue.path[0] as keyof ConnectionDraft] ??= issue.message
    setErrors(next)
    return null
  }

  const importUrl = () => {
    try {
      const parsed = parseConnectionUrl(url)
      setDraft((d) => ({ ...parsed.draft, name: d.name || parsed.draft.name, colorTag: d.colorTag, readOnly: d.readOnly }))
      if (parsed.password !== undefined) setPassword(parsed.password)
      setStatus({ kind: 'ok', text: 'Fields filled from the URL.' })
    } catch (error) {
      setStatus({ kind: 'error', text: errorData(error).message })
    }
  }

  const test = async () => {
    const valid = validate()
    if (!valid) return
    setStatus({ kind: 'busy', text: 'Testing…' })
    try {
      const result: ConnectionTestResult =
        editId && password === undefined ? await api.request('connections.test', { id: editId }) : await api.request('connections.test', { draft: valid, password })
      setStatus(
        result.ok
          ? { kind: 'ok', text: `Connected: PostgreSQL ${result.server.version} in ${result.latencyMs} ms.` }
          : { kind: 'error', text: result.error.message, hint: result.error.hint }
      )
    } catch (error) {
      setStatus({ kind: 'error', text: errorData(error).message })
    }
  }

  const save = async () => {
    const valid = validate()
    if (!valid) return
    try {
      const id = await useConnections.getState().save({ id: editId ?? undefined, draft: valid, password, savePassword })
      onClose()
      await useConnections.getState().open(id)
    } catch (error) {
      const data = errorData(error)
      setStatus({ kind: 'error', text: data.message, hint: data.hint })
    }
  }

  const secretNote =
    info && !info.secretsProtected
      ? info.secretBackend === 'memory-only'
        ? 'Kept in memory for this run only: the web host has no keychain.'
        : 'Not protected: this system has no keyring, so the password is only obfuscated on disk.'
      : null

  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby={titleId}>
        <h2 id={titleId}>{existing ? `Edit ${existing.name}` : 'New connection'}</h2>

        <div className="url-import">
          <Field label="Connection URL" hint="postgres://user:password@host:5432/database?sslmode=require">
            {(id) => <input id={id} value={url} onChange={(e) => setUrl(e.target.value)} placeholder="postgres://…" spellCheck={false} />}
          </Field>
          <button onClick={importUrl} disabled={!url.trim()}>
            Import from URL
          </button>
        </div>

        <div className="form-grid">
          <Field label="Name" error={errors.name}>
            {(id) => <input id={id} value={draft.name} onChange={(e) => update('name', e.target.value)} />}
          </Field>
          <ChoiceField label="Colour tag" value={draft.colorTag} options={colorTags} onChange={(v) => update('colorTag', v)} />
          <Field label="Host" error={errors.host}>
            {(id) => <input id={id} value={draft.host} onChange={(e) => update('host', e.target.value)} spellCheck={false} />}
          </Field>
          <Field label="Port" error={errors.port}>
            {(id) => <input id={id} type="number" value={draft.port} onChange={(e) => update('port', Number(e.target.value))} />}
          </Field>
          <Field label="Database" error={errors.database}>
            {(id) => <input id={id} value={draft.database} onChange={(e) => update('database', e.target.value)} spellCheck={false} />}
          </Field>
          <Field label="User" error={errors.user}>
            {(id) => <input id={id} value={draft.user} onChange={(e) => update('user', e.target.value)} spellCheck={false} />}
          </Field>
          <Field label="Password" hint={existing?.hasSavedPassword && password === undefined ? '••• saved' : undefined}>
            {(id) => (
              <input
                id={id}
                type="password"
                value={password ?? ''}
                placeholder={existing?.hasSavedPassword ? '••• saved' : ''}
                onChange={(e) => setPassword(e.target.value)}
                autoComplete="off"
              />
            )}
          </Field>
          <Field label="Save password" hint={secretNote ?? undefined}>
            {(id) => <input id={id} type="checkbox" checked={savePassword} onChange={(e) => setSavePassword(e.target.checked)} />}
          </Field>
          <ChoiceField label="SSL mode" value={draft.sslMode} options={sslModes} onChange={(v) => update('sslMode', v)} />
          {(draft.sslMode === 'verify-ca' || draft.sslMode === 'verify-full') && (
            <Field label="CA certificate file">
              {(id) => <input id={id} value={draft.sslRootCertPath ?? ''} onChange={(e) => update('sslRootCertPath', e.target.value || undefined)} placeholder="/path/to/root.crt" />}
            </Field>
          )}
          <Field label="Statement timeout (ms)" hint="0 = no limit" error={errors.statementTimeoutMs}>
            {(id) => <input id={id} type="number" min={0} value={draft.statementTimeoutMs} onChange={(e) => update('statementTimeoutMs', Number(e.target.value))} />}
          </Field>
          <Field label="Read-only" hint="Every session refuses writes (default_transaction_read_only)">
            {(id) => <input id={id} type="checkbox" checked={draft.readOnly} onChange={(e) => update('readOnly', e.target.checked)} />}
          </Field>
          <Field label="Pool size" error={errors.poolMax}>
            {(id) => <input id={id} type="number" min={1} max={100} value={draft.poolMax} onChange={(e) => update('poolMax', Number(e.target.value))} />}
          </Field>
          <Field label="Idle timeout (s)" error={errors.poolIdleTimeoutMs}>
            {(id) => <input id={id} type="number" min={1} value={draft.poolIdleTimeoutMs / 1000} onChange={(e) => update('poolIdleTimeoutMs', Number(e.target.value) * 1000)} />}
          </Field>
        </div>

        <div role="status" className={`form-status ${status ? `status-${status.kind}` : ''}`} aria-live="polite">
          {status && (
            <>
              <span>{status.text}</span>
              {status.hint && <span className="muted"> {status.hint}</span>}
            </>
          )}
        </div>

        <div className="dialog-buttons">
          <button onClick={() => void test()}>Test connection</button>
          <span className="spacer" />
          <button onClick={onClose}>Cancel</button>
          <button className="primary" onClick={() => void save()}>
            Save
          </button>
        </div>
      </div>
    </div>
  )
}

function Field({ label, hint, error, children }: { label: string; hint?: string; error?: string; children: (id: string) => ReactNode }) {
  const id = useId()
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children(id)}
      {error ? <span className="field-error">{error}</span> : hint ? <span className="field-hint">{hint}</span> : null}
    </div>
  )
}

function ChoiceField<T extends string>({ label, value, options, onChange }: { label: string; value: T; options: readonly T[]; onChange: (value: T) => void }) {
  return (
    <Field label={label}>
      {(id) => (
        <select id={id} value={value} onChange={(e) => onChange(e.target.value as T)}>
          {options.map((option) => (
            <option key={option}>{option}</option>
          ))}
        </select>
      )}
    </Field>
  )
}
