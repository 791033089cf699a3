import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { AppError } from '@shared/base/app-error'
import { maxMessageBytes, type ClientMessage } from '@shared/api/wire'
import { createWebSocketClient, retryDelay, type SocketLike } from '../../../../renderer/src/api/web-socket-client'

/** A socket the test opens, answers and drops by hand. */
class FakeSocket implements SocketLike {
  readyState = 0
  sent: ClientMessage[] = []
  onopen: ((event: unknown) => void) | null = null
  onmessage: ((event: { data: unknown }) => void) | null = null
  onclose: ((event: unknown) => void) | null = null
  onerror: ((event: unknown) => void) | null = null
  send(text: string) {
    this.sent.push(JSON.parse(text) as ClientMessage)
  }
  close() {
    this.drop()
  }
  open() {
    this.readyState = 1
    this.onopen?.({})
  }
  drop() {
    this.readyState = 3
    this.onclose?.({})
  }
  receive(message: unknown) {
    this.onmessage?.({ data: JSON.stringify(message) })
  }
}

function setup() {
  const sockets: FakeSocket[] = []
  const api = createWebSocketClient({
    url: 'ws://test/api',
    createSocket: () => {
      const socket = new FakeSocket()
      sockets.push(socket)
      return socket
    },
    firstRetryMs: 100,
    maxRetryMs: 1000,
    requestTimeoutMs: 10_000,
    random: () => 1
  })
  return { api, sockets, latest: () => sockets.at(-1)! }
}

beforeEach(() => vi.useFakeTimers())
afterEach(() => vi.useRealTimers())

describe('the WebSocket client', () => {
  it('matches answers to requests by id and throws AppError for a failed one', async () => {
    const { api, latest } = setup()
    latest().open()
    const info = api.request('app.info', {})
    const list = api.request('connections.list', {})
    const [first, second] = latest().sent as Extract<ClientMessage, { t: 'req' }>[]
    latest().receive({ t: 'res', id: second!.id, ok: false, error: { code: 'x/failed', message: 'no list', hint: 'later' } })
    latest().receive({ t: 'res', id: first!.id, ok: true, result: { version: '1' } })
    await expect(info).resolves.toEqual({ version: '1' })
    const error = await list.catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).data).toMatchObject({ code: 'x/failed', hint: 'later' })
  })

  it('refuses a request over the size limit itself, without sending it or dropping the link', async () => {
    const { api, latest } = setup()
    latest().open()
    const huge = api.request('query.start', { connectionId: 'x', sql: '€'.repeat(maxMessageBytes / 3) })
    const error = await huge.catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).data).toMatchObject({ code: 'rpc/invalid-input', message: expect.stringMatching(/too big to send/) })
    expect(latest().sent).toHaveLength(0)
    expect(latest().readyState).toBe(1)
  })

  it('holds requests made while the link is down and sends them once it is up', async () => {
    const { api, latest } = setup()
    const pending = api.request('app.info', {})
    expect(latest().sent).toHaveLength(0)
    latest().open()
    const sent = latest().sent[0] as Extract<ClientMessage, { t: 'req' }>
    expect(sent).toMatchObject({ t: 'req', name: 'app.info' })
    latest().receive({ t: 'res', id: sent.id, ok: true, result: 'ok' })
    await expect(pending).resolves.toBe('ok')
  })

  it('fails requests in flight when the link drops, but not the ones still waiting to be sent', async () => {
    const { api, latest } = setup()
    latest().open()
    const inFlight = api.request('connections.list', {})
    latest().drop()
    await expect(inFlight).rejects.toMatchObject({ data: { code: 'rpc/disconnected' } })
    const waiting = api.request('app.info', {})
    // A reconnect attempt that fails again must not fail the waiting request.
    vi.advanceTimersByTime(100)
    latest().drop()
    vi.advanceTimersByTime(200)
    latest().open()
    const sent = latest().sent.find((m) => m.t === 'req') as Extract<ClientMessage, { t: 'req' }>
    latest().receive({ t: 'res', id: sent.id, ok: true, result: 'late but fine' })
    await expect(waiting).resolves.toBe('late but fine')
  })

  it('reconnects with growing delays and renews subscriptions', () => {
    const { api, sockets, latest } = setup()
    const seen: unknown[] = []
    api.subscribe('connections.changed', (payload) => seen.push(payload))
    latest().open()
    expect(latest().sent).toEqual([{ t: 'sub', name: 'connections.changed' }])
    latest().drop()
    vi.advanceTimersByTime(99)
    expect(sockets).toHaveLength(1)
    vi.advanceTimersByTime(1)
    expect(sockets).toHaveLength(2)
    latest().drop()
    vi.advanceTimersByTime(199)
    expect(sockets).toHaveLength(2)
    vi.advanceTimersByTime(1)
    latest().open()
    expect(latest().sent).toEqual([{ t: 'sub', name: 'connections.changed' }])
    latest().receive({ t: 'evt', name: 'connections.changed', payload: [1] })
    expect(seen).toEqual([[1]])
  })

  it('tells link listeners when the link drops and comes back, once per change', () => {
    const { api, latest } = setup()
    const changes: boolean[] = []
    api.onLinkChange((up) => changes.push(up))
    latest().open()
    latest().drop()
    vi.advanceTimersByTime(100)
    latest().drop()
    vi.advanceTimersByTime(200)
    latest().open()
    expect(changes).toEqual([true, false, true])
  })

  it('unsubscribes from the server when the last listener leaves', () => {
    const { api, latest } = setup()
    latest().open()
    const stopA = api.subscribe('sandbox.status', () => {})
    const stopB = api.subscribe('sandbox.status', () => {})
    stopA()
    expect(latest().sent).toEqual([{ t: 'sub', name: 'sandbox.status' }])
    stopB()
    expect(latest().sent.at(-1)).toEqual({ t: 'unsub', name: 'sandbox.status' })
  })

  it('gives up on a request that gets no answer in time', async () => {
    const { api, latest } = setup()
    latest().open()
    const pending = api.request('app.info', {})
    vi.advanceTimersByTime(10_000)
    await expect(pending).rejects.toMatchObject({ data: { code: 'rpc/disconnected' } })
  })
})

describe('reconnect delays', () => {
  it('double from the first delay up to the cap, jittered downwards by at most half', () => {
    expect([0, 1, 2, 3, 10].map((n) => retryDelay(n, 250, 5000, () => 1))).toEqual([250, 500, 1000, 2000, 5000])
    expect(retryDelay(3, 250, 5000, () => 0)).toBe(1000)
  })
})
