/**
 * The sessions table's columns: a background process says its type once (in
 * State), a client its state; who and where from read as one line each.
 */
import { describe, expect, it } from 'vitest'
import type { ActivitySession } from '@shared/activity/activity-snapshot'
import { applicationText, sessionStateText, sortValue, whoText } from '../../../../../renderer/src/features/activity/activity-columns'

function session(extra: Partial<ActivitySession>): ActivitySession {
  return {
    pid: 1,
    leaderPid: null,
    database: 'sandbox',
    user: 'postgres',
    application: 'psql',
    state: 'active',
    waitEventType: null,
    waitEvent: null,
    query: 'select 1',
    client: '127.0.0.1',
    backendType: 'client backend',
    transactionStart: null,
    queryStart: null,
    ...extra
  }
}

describe('sessions table columns', () => {
  it('a background process shows its type once, in State, and nothing else repeats it', () => {
    const checkpointer = session({ backendType: 'checkpointer', state: null, user: null, database: null, application: '', client: null, query: '' })
    expect(sessionStateText(checkpointer)).toEqual({ text: 'checkpointer', background: true })
    expect(whoText(checkpointer)).toBe('')
    expect(applicationText(checkpointer)).toBe('')
  })

  it('a client shows its state; a background process with a state shows both, once each', () => {
    expect(sessionStateText(session({ state: 'idle in transaction' }))).toEqual({ text: 'idle in transaction', background: false })
    expect(sessionStateText(session({ backendType: 'parallel worker', state: 'active' }))).toEqual({ text: 'parallel worker: active', background: true })
  })

  it('who and where from read as one line each', () => {
    expect(whoText(session({}))).toBe('postgres@sandbox')
    expect(applicationText(session({}))).toBe('psql · 127.0.0.1')
    expect(applicationText(session({ application: '', client: null }))).toBe('')
  })

  it('ages of idle sessions sort after running ones', () => {
    const now = 10_000
    expect(sortValue(session({ queryStart: 4_000 }), 'queryAge', now)).toBe(6_000)
    expect(sortValue(session({ state: 'idle', queryStart: 4_000 }), 'queryAge', now)).toBe(-1)
  })
})
