import { describe, expect, it } from 'vitest'
import { Router, type RequestHandlers } from '../../../electron/main/rpc/router'
import { EventHub } from '../../../electron/main/rpc/event-hub'
import { AppError } from '@shared/base/app-error'

function handlersWith(overrides: Partial<RequestHandlers>): RequestHandlers {
  const missing = () => {
    throw new Error('not used in this test')
  }
  return new Proxy(overrides as RequestHandlers, { get: (target, name) => (target as Record<string | symbol, unknown>)[name] ?? missing })
}

describe('request router', () => {
  it('answers a known request with its result', async () => {
    const router = new Router(handlersWith({ 'sandbox.status': () => ({ phase: 'ready', progress: 1, message: 'Ready', port: 5432, serverVersion: '18.4', error: null }) }))
    expect(await router.dispatch('sandbox.status', {})).toMatchObject({ ok: true, result: { phase: 'ready' } })
  })

  it('refuses a name that is not in the contract', async () => {
    const router = new Router(handlersWith({}))
    expect(await router.dispatch('fs.readFile', { path: '/etc/passwd' })).toMatchObject({ ok: false, error: { code: 'rpc/unknown-request' } })
    expect(await router.dispatch('__proto__', {})).toMatchObject({ ok: false, error: { code: 'rpc/unknown-request' } })
  })

  it('refuses input that does not match the schema, naming the field', async () => {
    let called = false
    const router = new Router(handlersWith({ 'query.run': async () => ((called = true), null as never) }))
    const reply = await router.dispatch('query.run', { connectionId: 'x', sql: 42 })
    expect(reply).toMatchObject({ ok: false, error: { code: 'rpc/invalid-input' } })
    expect(reply.ok === false && reply.error.message).toContain('sql')
    expect(called).toBe(false)
  })

  it('turns a thrown AppError into an error envelope that keeps its SQLSTATE', async () => {
    const router = new Router(
      handlersWith({
        'query.run': () => {
          throw new AppError({ code: 'pg/error', message: 'relation "nope" does not exist', sqlstate: '42P01', position: 15 })
        }
      })
    )
    expect(await router.dispatch('query.run', { connectionId: 'x', sql: 'select * from nope' })).toEqual({
      ok: false,
      error: { code: 'pg/error', message: 'relation "nope" does not exist', sqlstate: '42P01', position: 15 }
    })
  })

  it('catches results that break the contract when output validation is on', async () => {
    const router = new Router(handlersWith({ 'sandbox.status': () => ({ phase: 'exploded' }) as never }), { validateOutput: true })
    expect(await router.dispatch('sandbox.status', {})).toMatchObject({ ok: false, error: { code: 'rpc/invalid-output' } })
  })
})

describe('event hub', () => {
  it('delivers events to subscribers until they unsubscribe, and counts listeners', () => {
    const hub = new EventHub()
    const seen: unknown[] = []
    expect(hub.hasListeners('sandbox.status')).toBe(false)
    const stop = hub.subscribe('sandbox.status', (_name, payload) => seen.push(payload))
    expect(hub.hasListeners('sandbox.status')).toBe(true)
    const status = { phase: 'seeding', progress: 0.5, message: 'Creating loans', port: null, serverVersion: null, error: null } as const
    hub.publish('sandbox.status', status)
    stop()
    hub.publish('sandbox.status', status)
    expect(seen).toEqual([status])
    expect(hub.hasListeners('sandbox.status')).toBe(false)
  })

  it('keeps delivering to others when one sink throws', () => {
    const hub = new EventHub()
    const seen: string[] = []
    hub.subscribe('connections.changed', () => {
      throw new Error('socket closed')
    })
    hub.subscribe('connections.changed', () => seen.push('second'))
    hub.publish('connections.changed', [])
    expect(seen).toEqual(['second'])
  })
})
