/**
 * The web host: the same services and renderer, served over HTTP + WebSocket.
 *
 * Security model: loopback only; a random per-run token that the printed URL
 * carries once and that becomes an HttpOnly SameSite=Strict cookie; every HTTP
 * request and WebSocket upgrade without it is refused (401); the Host header
 * must name this loopback address (no DNS rebinding) and a WebSocket's Origin,
 * when present, must be this page's own origin.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createReadStream } from 'node:fs'
import fs from 'node:fs/promises'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { WebSocketServer, type WebSocket } from 'ws'
import { isEventName, type EventName } from '@shared/api/contract'
import { rpcErrorCodes } from '@shared/base/app-error'
import { clientMessageSchema, leadingRequestId, maxMessageBytes, webSocketPath, wireTextProblem, type ServerMessage } from '@shared/api/wire'
import type { AppCore } from '../core/app-core'
import { containedPath } from '../core/security/contained-path'
import { contentSecurityPolicy } from '../core/security/content-security-policy'

export interface WebHostOptions {
  core: Pick<AppCore, 'router' | 'hub'> & Partial<Pick<AppCore, 'takeExportDownload'>>
  /** The built renderer (out/renderer). */
  rendererDir: string
  /** 0 (default) picks a free port. */
  port?: number
  host?: string
  /** Fixed token for tests; random per run otherwise. */
  token?: string
}

export interface WebHost {
  url: string
  origin: string
  port: number
  token: string
  close(): Promise<void>
}

/** `/downloads/<export id>`: a finished export for the browser to save. */
const downloadPath = /^\/downloads\/([0-9a-f-]{36})$/

const loopbackHosts = new Set(['127.0.0.1', '::1', 'localhost'])
/** Cookies ignore ports: the name carries ours, so another server on 127.0.0.1 is never sent this token. */
const cookieNameFor = (port: number) => `tusk_token_${port}`

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.map': 'application/json'
}

export function isLoopbackHost(host: string): boolean {
  return loopbackHosts.has(host) || /^127(\.\d{1,3}){3}$/.test(host)
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const host = options.host ?? '127.0.0.1'
  if (!isLoopbackHost(host)) {
    throw new Error(`The web host binds to loopback only; refusing to listen on ${host}`)
  }
  const token = options.token ?? randomBytes(24).toString('base64url')
  const rendererDir = path.resolve(options.rendererDir)
  let origin = ''
  let allowedHosts = new Set<string>()
  let cookieName = ''
  let securityPolicy = ''

  const server = http.createServer((req, res) => {
    handleHttp(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500)
      res.end()
    })
  })

  async function handleHttp(req: http.IncomingMessage, res: http.ServerResponse) {
    setSecurityHeaders(res, securityPolicy)
    if (!allowedHosts.has(req.headers.host ?? '')) return refuse(res, 421, 'Misdirected request')
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Method not allowed')
    const url = new URL(req.url ?? '/', origin)
    const queryToken = url.searchParams.get('token')
    if (queryToken !== null) {
      if (!tokenMatches(queryToken, token)) return refuse(res, 401, 'Unauthorized: this URL needs the token printed at start')
      // Trade the token in the URL for a cookie, then drop it from the address bar.
      res.setHeader('Set-Cookie', `${cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/`)
      url.searchParams.delete('token')
      // Always to our own root: a path such as '/.//evil.example/' must not become a protocol-relative redirect.
      res.writeHead(303, { Location: `/${url.search}` })
      return res.end()
    }
    if (!isAuthorised(req, token, cookieName)) return refuse(res, 401, 'Unauthorized: open the URL printed by `npm run web` (it carries the token)')
    const exportId = url.pathname.match(downloadPath)?.[1]
    if (exportId !== undefined) return serveDownload(exportId, res, req.method === 'HEAD')
    await serveStatic(url.pathname, res, req.method === 'HEAD')
  }

  /** A finished export, once, as an attachment; its file is removed once sent. */
  async function serveDownload(exportId: string, res: http.ServerResponse, headOnly: boolean) {
    // HEAD must not use up the one download.
    const download = headOnly ? null : (options.core.takeExportDownload?.(exportId) ?? null)
    if (!download) return refuse(res, 404, 'No such export (downloads are served once)')
    const stat = await fs.stat(download.file).catch(() => null)
    if (!stat) return refuse(res, 404, 'The export file is gone')
    res.writeHead(200, {
      'Content-Type': download.contentType,
      'Content-Length': stat.size,
      'Content-Disposition': `attachment; filename="${download.name.replace(/[^\w.-]/g, '_')}"`,
      'Cache-Control': 'no-store'
    })
    createReadStream(download.file)
      .on('error', () => res.destroy())
      .pipe(res)
    res.on('close', () => void fs.rm(download.file, { force: true }).catch(() => undefined))
  }

  async function serveStatic(pathname: string, res: http.ServerResponse, headOnly: boolean) {
    // Path containment: nothing outside the renderer build is ever served.
    let file = containedPath(rendererDir, pathname)
    if (!file) return refuse(res, 403, 'Forbidden')
    let stat = await fs.stat(file).catch(() => null)
    if (!stat || stat.isDirectory()) {
      // Single-page app: unknown paths get the shell.
      file = path.join(rendererDir, 'index.html')
      stat = await fs.stat(file).catch(() => null)
      if (!stat) return refuse(res, 503, 'The renderer is not built: run `npm run build` first')
    }
    const type = contentTypes[path.extname(file)] ?? 'application/octet-stream'
    res.writeHead(200, {
      'Content-Type': type,
      'Content-Length': stat.size,
      'Cache-Control': type.startsWith('text/html') ? 'no-store' : 'private, max-age=3600'
    })
    if (headOnly) return res.end()
    createReadStream(file).pipe(res)
  }

  const sockets = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes })
  server.on('upgrade', (req, socket, head) => {
    // A peer that resets mid-handshake must not take the process with it.
    socket.on('error', () => socket.destroy())
    const url = new URL(req.url ?? '/', origin)
    const reject = (status: number, text: string) => {
      socket.write(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
      socket.destroy()
    }
    if (url.pathname !== webSocketPath) return reject(404, 'Not Found')
    if (!allowedHosts.has(req.headers.host ?? '')) return reject(421, 'Misdirected Request')
    const requestOrigin = req.headers.origin
    // Browsers always send Origin on WebSocket upgrades; a foreign page's origin is refused.
    if (requestOrigin !== undefined && !allowedOrigins(origin).has(requestOrigin)) return reject(403, 'Forbidden')
    const queryToken = url.searchParams.get('token')
    const authorised = queryToken !== null ? tokenMatches(queryToken, token) : isAuthorised(req, token, cookieName)
    if (!authorised) return reject(401, 'Unauthorized')
    sockets.handleUpgrade(req, socket, head, (ws) => serveSocket(ws, options.core))
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  const urlHost = host.includes(':') ? `[${host}]` : host
  origin = `http://${urlHost}:${port}`
  allowedHosts = new Set([`${urlHost}:${port}`, `localhost:${port}`, `127.0.0.1:${port}`])
  cookieName = cookieNameFor(port)
  securityPolicy = contentSecurityPolicy({ webSocketPort: port })

  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of sockets.clients) client.terminate()
        sockets.close()
        server.close(() => resolve())
        server.closeAllConnections()
      })
  }
}

/**
 * One WebSocket client: requests answered by the router, events from the hub.
 *
 * Nothing a client sends may end or stall the process: a bad frame (invalid
 * UTF-8, reserved bits, a bad close code, too big) is an `error` that ws answers
 * by closing this socket with the matching code; a message nested too deep is
 * refused before it is parsed.
 */
function serveSocket(ws: WebSocket, core: Pick<AppCore, 'router' | 'hub'>) {
  const subscriptions = new Map<EventName, () => void>()
  const send = (message: ServerMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message))
  }
  ws.on('error', () => {
    // ws has already started closing this socket with the right code; nothing else to do.
  })
  ws.on('message', (data, isBinary) => {
    handleMessage(data as Buffer, isBinary).catch(() => ws.close(1011, 'Internal error'))
  })
  const handleMessage = async (data: Buffer, isBinary: boolean) => {
    if (isBinary) return ws.close(1003, 'Text frames only')
    const text = data.toString()
    const problem = wireTextProblem(text, data.length)
    if (problem !== null) {
      const id = leadingRequestId(text)
      if (id === null) return ws.close(1009, 'Message too big or too deep')
      return send({ t: 'res', id, ok: false, error: { code: rpcErrorCodes.invalidInput, message: problem } })
    }
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch {
      return ws.close(1007, 'Not JSON')
    }
    const message = clientMessageSchema.safeParse(parsed)
    if (!message.success) return ws.close(1008, 'Not a Tusk message')
    const msg = message.data
    if (msg.t === 'req') {
      const envelope = await core.router.dispatch(msg.name, msg.input)
      return send({ t: 'res', id: msg.id, ...envelope })
    }
    if (!isEventName(msg.name)) return
    if (msg.t === 'sub' && !subscriptions.has(msg.name)) {
      subscriptions.set(msg.name, core.hub.subscribe(msg.name, (name, payload) => send({ t: 'evt', name, payload })))
    } else if (msg.t === 'unsub') {
      subscriptions.get(msg.name)?.()
      subscriptions.delete(msg.name)
    }
  }
  ws.on('close', () => {
    for (const unsubscribe of subscriptions.values()) unsubscribe()
    subscriptions.clear()
  })
}

function allowedOrigins(origin: string): Set<string> {
  const port = new URL(origin).port
  return new Set([origin, `http://127.0.0.1:${port}`, `http://localhost:${port}`])
}

function isAuthorised(req: http.IncomingMessage, token: string, cookieName: string): boolean {
  const bearer = req.headers.authorization?.match(/^Bearer (.+)$/)?.[1]
  if (bearer !== undefined) return tokenMatches(bearer, token)
  const cookie = req.headers.cookie
    ?.split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${cookieName}=`))
    ?.slice(cookieName.length + 1)
  return cookie !== undefined && tokenMatches(cookie, token)
}

function tokenMatches(candidate: string, token: string): boolean {
  const a = Buffer.from(candidate)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}

function setSecurityHeaders(res: http.ServerResponse, policy: string) {
  res.setHeader('Content-Security-Policy', policy)
  res.setHeader('X-Content-Type-Options', 'nosniff')
  res.setHeader('X-Frame-Options', 'DENY')
  res.setHeader('Referrer-Policy', 'no-referrer')
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin')
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin')
}

function refuse(res: http.ServerResponse, status: number, text: string) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' })
  res.end(text + '\n')
}
