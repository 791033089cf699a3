import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ReconnectMonitor } from '../../../electron/core/services/connections/reconnect-monitor'

const away = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })
const final = Object.assign(new Error('password authentication failed'), { code: '28P01' })

describe('reconnect monitor', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  function monitorWith(outcomes: Array<Error | 'ok'>) {
    const attemptsAt: number[] = []
    const events: string[] = []
    const started = Date.now()
    const monitor = new ReconnectMonitor({
      probe: async () => {
        attemptsAt.push(Date.now() - started)
        const next = outcomes.shift() ?? 'ok'
        if (next !== 'ok') throw next
      },
      shouldRetry: (error) => (error as { code?: string }).code === 'ECONNREFUSED',
      onRecovered: () => events.push('recovered'),
      onGaveUp: (error) => events.push(`gave up: ${(error as Error).message}`),
      onAttemptFailed: (_error, next) => events.push(`retry in ${next}`)
    })
    return { monitor, attemptsAt, events }
  }

  it('probes with a pause doubling from 0.5 s up to 5 s until the server answers', async () => {
    const { monitor, attemptsAt, events } = monitorWith([away, away, away, away, away, away, 'ok'])
    monitor.start()
    await vi.advanceTimersByTimeAsync(60_000)
    expect(attemptsAt).toEqual([500, 1500, 3500, 7500, 12_500, 17_500, 22_500])
    expect(events.at(-1)).toBe('recovered')
    expect(monitor.active).toBe(false)
  })

  it('gives up at once on a failure waiting will not fix', async () => {
    const { monitor, attemptsAt, events } = monitorWith([away, final])
    monitor.start()
    await vi.advanceTimersByTimeAsync(10_000)
    expect(attemptsAt).toHaveLength(2)
    expect(events).toEqual(['retry in 1000', 'gave up: password authentication failed'])
  })

  it('stops when told, ignoring a probe that answers late, and can start again', async () => {
    const { monitor, attemptsAt, events } = monitorWith([away, away])
    monitor.start()
    monitor.start()
    await vi.advanceTimersByTimeAsync(600)
    monitor.stop()
    await vi.advanceTimersByTimeAsync(10_000)
    expect(attemptsAt).toHaveLength(1)
    expect(events).toEqual(['retry in 1000'])
    monitor.start()
    await vi.advanceTimersByTimeAsync(600)
    expect(attemptsAt).toHaveLength(2)
  })
})
