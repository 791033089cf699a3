import { describe, expect, it } from 'vitest'
import { backendSignalQuestion } from '@shared/activity/backend-signal-question'

describe('the question before Cancel / Terminate', () => {
  it('shows the statement the backend runs', () => {
    const q = backendSignalQuestion(4242, 'terminate', 'alice@sandbox', '  update loans set status_id = 2  ')
    expect(q.title).toBe('Terminate backend 4242?')
    expect(q.statement).toBe('update loans set status_id = 2')
    expect(q.message).toContain('rolled back')
  })
  it('has no statement block for an idle session', () => {
    expect(backendSignalQuestion(7, 'cancel', null, '').statement).toBeUndefined()
  })
})
