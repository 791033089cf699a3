import { describe, expect, it } from 'vitest'
import { nextPollDelay } from '@shared/activity/poll-interval'

describe('activity poll interval', () => {
  it('keeps the chosen interval while polls are fast (1,000 sessions, ~10 ms)', () => {
    expect(nextPollDelay(1000, 12)).toBe(1000)
  })

  it('stretches so a slow server (10,000 backends, ~450 ms a poll) spends at most a fifth of its time being watched', () => {
    expect(nextPollDelay(1000, 450)).toBe(2250)
  })
})
