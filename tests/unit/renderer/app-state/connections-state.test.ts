import { describe, expect, it } from 'vitest'
import { defaultConnectionDraft } from '@shared/connections/connection-profile'
import type { ConnectionState, ConnectionSummary } from '@shared/connections/connection-status'
import { endpointLine, poolLine } from '../../../../renderer/src/features/connections/connection-labels'
import { connectionPresence, needsPassword, pickSelection, presenceMessage, stateLabels, withSummary } from '../../../../renderer/src/app-state/connections-state'

function summary(id: string, state: ConnectionState = 'closed'): ConnectionSummary {
  return { profile: { ...defaultConnectionDraft, id, name: id, builtIn: false, hasSavedPassword: false }, state, pool: null, server: null, lastError: null }
}

describe('which connection is selected', () => {
  it('stays on the selected one while it exists', () => {
    expect(pickSelection([summary('a', 'connected'), summary('b')], 'b')).toBe('b')
  })

  it('moves to the first open connection when the selected one is deleted', () => {
    expect(pickSelection([summary('a'), summary('b', 'connected')], 'gone')).toBe('b')
  })

  it('falls back to the first connection, or none', () => {
    expect(pickSelection([summary('a'), summary('b')], null)).toBe('a')
    expect(pickSelection([], 'a')).toBeNull()
  })
})

describe('the list after one answer', () => {
  it('replaces a summary in place and keeps the main process’s order', () => {
    const list = [summary('a'), summary('b'), summary('c')]
    expect(withSummary(list, summary('b', 'connected')).map((c) => [c.profile.id, c.state])).toEqual([
      ['a', 'closed'],
      ['b', 'connected'],
      ['c', 'closed']
    ])
  })
})

describe('opening a connection', () => {
  it('asks for a password only when one would help', () => {
    expect(needsPassword({ code: 'conn/no-password', message: '' })).toBe(true)
    expect(needsPassword({ code: 'conn/wrong-password', message: '' })).toBe(true)
    expect(needsPassword({ code: 'conn/refused', message: '' })).toBe(false)
  })
})

describe('the sidebar’s words', () => {
  it('writes pool figures as in-use of max, idle and waiting', () => {
    expect(poolLine({ total: 2, idle: 1, waiting: 0, max: 5 })).toBe('pool 2/5 · idle 1 · waiting 0')
  })

  it('writes where a connection points, with IPv6 hosts in brackets', () => {
    expect(endpointLine({ user: 'alice', host: 'db', port: 5432, database: 'shop' })).toBe('alice@db:5432/shop')
    expect(endpointLine({ user: 'alice', host: '::1', port: 5432, database: 'shop' })).toBe('alice@[::1]:5432/shop')
  })
})

describe('one connection state for every panel', () => {
  it('a panel says what the sidebar says: Reconnecting… while the server is down, never "connect to a server"', () => {
    const down = { ...summary('Sandbox', 'reconnecting'), lastError: { code: 'conn/lost', message: 'The connection to the server was lost.' } }
    const presence = connectionPresence(down)
    expect(presence).toMatchObject({ kind: 'waiting', label: stateLabels.reconnecting })
    expect(presenceMessage(presence, 'watch its activity')).toBe('Sandbox: Reconnecting… The connection to the server was lost.')
  })

  it('asks to connect only when nothing is selected or the connection is closed', () => {
    expect(presenceMessage(connectionPresence(null), 'watch its activity')).toBe('Connect to a server to watch its activity.')
    expect(presenceMessage(connectionPresence(summary('Prod')), 'watch its activity')).toBe('Prod: Not connected. Connect it to watch its activity.')
    expect(presenceMessage(connectionPresence(summary('Prod', 'connected')), 'watch its activity')).toBeNull()
  })
})
