/**
 * What a read-only connection turns off in the UI, and the words for why.
 *
 * The engine refuses these anyway (`query/read-only`); disabling the buttons
 * says so before the click.
 */
import { useConnections } from './connections-store'

/** Whether the connection's profile is marked read-only. */
export function useIsReadOnly(connectionId: string | null): boolean {
  return useConnections((s) => (connectionId === null ? false : (s.connections.find((c) => c.profile.id === connectionId)?.profile.readOnly ?? false)))
}

/** The tooltip of a button that acts on other sessions or the server, on a read-only connection. */
export const readOnlyActionTitle = 'Turned off: this connection is read-only, and this acts on other sessions of the server.'

/** What read-only is, in one sentence for the connection dialog and menus. */
export const readOnlyMeaning =
  'Read-only guards against mistakes: Tusk refuses writes and anything that acts outside the session. It is not a security boundary: for that, connect as a role with only SELECT rights.'
