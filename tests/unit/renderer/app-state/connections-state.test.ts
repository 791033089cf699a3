import { describe, expect, it } from 'vitest'
import { defaultConnectionDraft } from '@shared/connections/connection-profile'
import type { ConnectionState, ConnectionSummary } from '@shared/connections/connection-status'
import { endpointLine, poolLine } from '../../../../renderer/src/features/connections/connection-labels'
import { needsPassword, pickSelection, withSummary } from '../../../../renderer/src/app-state/connections-state'

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
