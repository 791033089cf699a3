/**
 * The connection form's model: what the inputs hold (text, as typed) and how it
 * becomes a `ConnectionDraft`.
 *
 * Numbers stay strings while being edited, so a user can clear the port and type
 * another without the field snapping to 0; they are checked when the form is
 * tested or saved, with messages that say what is expected.
 */
import { connectionDraftSchema, type ColorTag, type ConnectionDraft, type SslMode } from '@shared/connections/connection-profile'
import type { ParsedConnectionUrl } from '@shared/connections/connection-url'

export interface ConnectionForm {
  name: string
  host: string
  port: string
  database: string
  user: string
  sslMode: SslMode
  sslRootCertPath: string
  /** Seconds, as users think of timeouts; 0 = no limit. */
  statementTimeoutS: string
  readOnly: boolean
  colorTag: ColorTag
  poolMax: string
  poolIdleTimeoutS: string
}

export type FormErrors = Partial<Record<keyof ConnectionForm, string>>

export function formFromDraft(draft: ConnectionDraft): ConnectionForm {
  return {
    name: draft.name,
    host: draft.host,
    port: String(draft.port),
    database: draft.database,
    user: draft.user,
    sslMode: draft.sslMode,
    sslRootCertPath: draft.sslRootCertPath ?? '',
    statementTimeoutS: seconds(draft.statementTimeoutMs),
    readOnly: draft.readOnly,
    colorTag: draft.colorTag,
    poolMax: String(draft.poolMax),
    poolIdleTimeoutS: seconds(draft.poolIdleTimeoutMs)
  }
}

function seconds(ms: number): string {
  return String(Math.round(ms) / 1000)
}

/** SSL modes that check the server's certificate, and so may need a CA file. */
export function verifiesCertificate(sslMode: SslMode): boolean {
  return sslMode === 'verify-ca' || sslMode === 'verify-full'
}

interface NumberRule {
  min: number
  max: number
  integer: boolean
  message: string
}

const numberRules = {
  port: { min: 1, max: 65535, integer: true, message: 'A port is a whole number from 1 to 65535' },
  statementTimeoutS: { min: 0, max: 86_400, integer: false, message: 'Seconds from 0 (no limit) to 86400' },
  poolMax: { min: 1, max: 100, integer: true, message: 'A whole number from 1 to 100' },
  poolIdleTimeoutS: { min: 1, max: 3600, integer: false, message: 'Seconds from 1 to 3600' }
} satisfies Partial<Record<keyof ConnectionForm, NumberRule>>

function parseNumber(text: string, rule: NumberRule): number | null {
  const trimmed = text.trim().replace(',', '.')
  if (trimmed === '' || !/^-?\d+(\.\d+)?$/.test(trimmed)) return null
  const value = Number(trimmed)
  if (rule.integer && !Number.isInteger(value)) return null
  return value >= rule.min && value <= rule.max ? value : null
}

/** Where each draft field is edited in the form, to put the schema's messages next to the right input. */
const formFieldOf: Record<keyof ConnectionDraft, keyof ConnectionForm> = {
  name: 'name',
  host: 'host',
  port: 'port',
  database: 'database',
  user: 'user',
  sslMode: 'sslMode',
  sslRootCertPath: 'sslRootCertPath',
  statementTimeoutMs: 'statementTimeoutS',
  readOnly: 'readOnly',
  colorTag: 'colorTag',
  poolMax: 'poolMax',
  poolIdleTimeoutMs: 'poolIdleTimeoutS'
}

/** The draft the form describes, or a message per field that is not right yet. */
export function draftFromForm(form: ConnectionForm): { ok: true; draft: ConnectionDraft } | { ok: false; errors: FormErrors } {
  const errors: FormErrors = {}
  const number = (key: keyof typeof numberRules): number => {
    const value = parseNumber(form[key], numberRules[key])
    if (value === null) errors[key] = numberRules[key].message
    return value ?? 0
  }
  const candidate = {
    name: form.name,
    host: form.host,
    port: number('port'),
    database: form.database,
    user: form.user,
    sslMode: form.sslMode,
    ...(verifiesCertificate(form.sslMode) && form.sslRootCertPath.trim() ? { sslRootCertPath: form.sslRootCertPath.trim() } : {}),
    statementTimeoutMs: Math.round(number('statementTimeoutS') * 1000),
    readOnly: form.readOnly,
    colorTag: form.colorTag,
    poolMax: number('poolMax'),
    poolIdleTimeoutMs: Math.round(number('poolIdleTimeoutS') * 1000)
  }
  const parsed = connectionDraftSchema.safeParse(candidate)
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = formFieldOf[issue.path[0] as keyof ConnectionDraft]
      if (field) errors[field] ??= issue.message
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors }
  return { ok: true, draft: parsed.data }
}

/**
 * The form after importing a URL: where to connect comes from the URL; the
 * name follows only if the user has not typed one, and the colour, read-only
 * flag and pool settings stay as they were.
 */
export function applyConnectionUrl(form: ConnectionForm, parsed: ParsedConnectionUrl, previousUrlName: string | null): ConnectionForm {
  const fromUrl = formFromDraft(parsed.draft)
  const keepName = form.name.trim() !== '' && form.name !== previousUrlName
  return {
    ...form,
    name: keepName ? form.name : fromUrl.name,
    host: fromUrl.host,
    port: fromUrl.port,
    database: fromUrl.database,
    user: fromUrl.user,
    sslMode: fromUrl.sslMode,
    sslRootCertPath: parsed.draft.sslRootCertPath ?? '',
    statementTimeoutS: parsed.draft.statementTimeoutMs !== 0 ? fromUrl.statementTimeoutS : form.statementTimeoutS
  }
}

/**
 * Whether two drafts reach the same server as the same user: a saved password
 * is only meaningful for that, so testing anything else needs the password typed.
 */
export function sameEndpoint(a: ConnectionDraft, b: ConnectionDraft): boolean {
  return (
    a.host === b.host &&
    a.port === b.port &&
    a.database === b.database &&
    a.user === b.user &&
    a.sslMode === b.sslMode &&
    (a.sslRootCertPath ?? '') === (b.sslRootCertPath ?? '')
  )
}

export function formsEqual(a: ConnectionForm, b: ConnectionForm): boolean {
  return (Object.keys(a) as (keyof ConnectionForm)[]).every((key) => a[key] === b[key])
}
