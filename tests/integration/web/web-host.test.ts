/**
 * The web host's security bar, checked over real HTTP and WebSocket connections.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { EventHub } from '../../../electron/core/rpc/event-hub'
import { Router, type RequestHandlers } from '../../../electron/core/rpc/router'
import { startWebHost, type WebHost } from '../../../electron/web/web-host'

const status = { phase: 'ready', progress: 1, message: 'Ready', port: 1, serverVersion: '18.4', error: null } as const
const hub = new EventHub()
const router = new Router({ 'sandbox.status': () => status } as unknown as RequestHandlers)
let host: WebHost
let rendererDir: string

beforeAll(async () => {
  rendererDir = mkdtempSync(path.join(os.tmpdir(), 'tusk-renderer-'))
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Tusk</title>')
  writeFileSync(path.join(rendererDir, 'app.js'), 'console.log(1)')
  host = await startWebHost({ core: { router, hub }, rendererDir })
})
afterAll(() => host.close())

function openSocket(headers: Record<string, string>, query = ''): Promise<WebSocket | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api${query}`, { headers })
    ws.once('open', () => resolve(ws))
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
    ws.once('error', () => resolve(-1))
  })
}

function nextMessage(ws: WebSocket): Promise<Record<string, unknown>> {
  return new Promise((resolve) => ws.once('message', (data) => resolve(JSON.parse(data.toString()))))
}

describe('web host', () => {
  it('prints a loopback URL that carries the token', () => {
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/\\?token=.{20,}$`))
  })

  it('answers 401 to a request without the token, and to a wrong token', async () => {
    expect((await fetch(`${host.origin}/`)).status).toBe(401)
    expect((await fetch(`${host.origin}/app.js`)).status).toBe(401)
    expect((await fetch(`${host.origin}/?token=wrong`, { redirect: 'manual' })).status).toBe(401)
  })

  it('trades the token for an HttpOnly cookie, then serves the app with a CSP', async () => {
    const first = await fetch(host.url, { redirect: 'manual' })
    expect(first.status).toBe(303)
    expect(first.headers.get('location')).toBe('/')
    const cookie = first.headers.get('set-cookie')!
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Strict/)
    const page = await fetch(`${host.origin}/`, { headers: { cookie: cookie.split(';')[0]! } })
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<title>Tusk</title>')
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'")
  })

  it('redirects only to its own root, names its cookie after its port, and lets the page reach only its own socket', async () => {
    const tricky = await fetch(`${host.origin}/.//evil.example/?token=${host.token}`, { redirect: 'manual' })
    expect(tricky.status).toBe(303)
    expect(tricky.headers.get('location')).toBe('/')
    expect(tricky.headers.get('set-cookie')).toMatch(new RegExp(`^tusk_token_${host.port}=`))
    const connect = /connect-src ([^;]*)/.exec(tricky.headers.get('content-security-policy') ?? '')?.[1]
    expect(connect?.split(' ').sort()).toEqual(["'self'", `ws://127.0.0.1:${host.port}`, `ws://localhost:${host.port}`].sort())
    // A cookie meant for another server on 127.0.0.1 (cookies ignore ports) opens nothing here.
    expect((await fetch(`${host.origin}/`, { headers: { cookie: `tusk_token=${host.token}` } })).status).toBe(401)
  })

  it('never serves a file outside the renderer build', async () => {
    const auth = { authorization: `Bearer ${host.token}` }
    for (const probe of ['/..%2f..%2fetc%2fpasswd', '/%2e%2e/%2e%2e/etc/passwd', '/..\\..\\etc\\passwd']) {
      const res = await fetch(`${host.origin}${probe}`, { headers: auth })
      const text = await res.text()
      expect(text).not.toContain('root:')
    }
  })

  it('refuses a Host header that is not its own (DNS rebinding)', async () => {
    const http = await import('node:http')
    const code = await new Promise<number>((resolve) => {
      http.get({ host: '127.0.0.1', port: host.port, path: '/', headers: { host: 'evil.example:80', authorization: `Bearer ${host.token}` } }, (res) => resolve(res.statusCode ?? 0))
    })
    expect(code).toBe(421)
  })

  it('refuses WebSocket upgrades without the token or from a foreign origin', async () => {
    expect(await openSocket({})).toBe(401)
    expect(await openSocket({ origin: 'https://evil.example' }, `?token=${host.token}`)).toBe(403)
  })

  it('serves contract requests and events over an authorised WebSocket', async () => {
    const ws = await openSocket({ origin: host.origin, cookie: `tusk_token_${host.port}=${host.token}` })
    expect(ws).toBeInstanceOf(WebSocket)
    const socket = ws as WebSocket
    socket.send(JSON.stringify({ t: 'req', id: 7, name: 'sandbox.status', input: {} }))
    expect(await nextMessage(socket)).toEqual({ t: 'res', id: 7, ok: true, result: status })
    socket.send(JSON.stringify({ t: 'req', id: 8, name: 'shell.exec', input: { cmd: 'id' } }))
    expect(await nextMessage(socket)).toMatchObject({ t: 'res', id: 8, ok: false, error: { code: 'rpc/unknown-request' } })
    socket.send(JSON.stringify({ t: 'sub', name: 'sandbox.status' }))
    await new Promise((r) => setTimeout(r, 50))
    const event = nextMessage(socket)
    hub.publish('sandbox.status', status)
    expect(await event).toEqual({ t: 'evt', name: 'sandbox.status', payload: status })
    socket.close()
  })

  it('closes a socket that sends something that is not a Tusk message', async () => {
    const socket = (await openSocket({ authorization: `Bearer ${host.token}` })) as WebSocket
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)))
    socket.send('{"t":"req","id":-1}')
    expect(await closed).toBe(1008)
  })

  it('refuses to bind anywhere but loopback', async () => {
    await expect(startWebHost({ core: { router, hub }, rendererDir, host: '0.0.0.0' })).rejects.toThrow(/loopback only/)
  })
})
