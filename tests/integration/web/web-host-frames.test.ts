/**
 * Bad frames and hostile messages against a running web host, over raw TCP.
 *
 * Each case closes the offending socket only; afterwards another client still
 * gets its answers, and a message nested millions deep is refused quickly
 * instead of stalling everybody for seconds.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { maxMessageBytes, maxScriptChars } from '@shared/api/wire'
import { EventHub } from '../../../electron/core/rpc/event-hub'
import { Router, type RequestHandlers } from '../../../electron/core/rpc/router'
import { startWebHost, type WebHost } from '../../../electron/web/web-host'

const status = { phase: 'ready', progress: 1, message: 'Ready', port: 1, serverVersion: '18.4', error: null } as const
const router = new Router({
  'sandbox.status': () => status,
  // Echoes what arrived, so a big paste can be checked character for character.
  'query.start': (input: { sql: string }) => ({ length: input.sql.length, last: input.sql.slice(-3) })
} as unknown as RequestHandlers)
let host: WebHost
let witness: WebSocket

beforeAll(async () => {
  const rendererDir = mkdtempSync(path.join(os.tmpdir(), 'tusk-renderer-'))
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Tusk</title>')
  host = await startWebHost({ core: { router, hub: new EventHub() }, rendererDir })
  witness = await openClient()
})
afterAll(async () => {
  witness.close()
  await host.close()
})

function openClient(): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api`, { headers: { authorization: `Bearer ${host.token}` } })
    ws.once('open', () => resolve(ws))
    ws.once('error', reject)
  })
}

let nextId = 1
/** One request over an ordinary client; resolves with the reply and how long it took. */
function ask(ws: WebSocket, name: string, input: unknown): Promise<{ reply: Record<string, unknown>; ms: number }> {
  const id = nextId++
  const started = performance.now()
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const reply = JSON.parse(data.toString()) as Record<string, unknown>
      if (reply.id !== id) return
      ws.off('message', onMessage)
      resolve({ reply, ms: performance.now() - started })
    }
    ws.on('message', onMessage)
    ws.send(JSON.stringify({ t: 'req', id, name, input }))
  })
}

/** A client frame (masked, as RFC 6455 requires of clients); `length` may lie about the payload. */
function frame(opcode: number, payload: Buffer, options: { rsv1?: boolean; length?: number } = {}): Buffer {
  const length = options.length ?? payload.length
  const header: number[] = [0x80 | (options.rsv1 ? 0x40 : 0) | opcode]
  if (length < 126) header.push(0x80 | length)
  else if (length < 0x10000) header.push(0x80 | 126, length >> 8, length & 0xff)
  else {
    const big = Buffer.alloc(8)
    big.writeBigUInt64BE(BigInt(length))
    header.push(0x80 | 127, ...big)
  }
  const mask = randomBytes(4)
  const masked = Buffer.from(payload)
  for (let i = 0; i < masked.length; i++) masked[i]! ^= mask[i % 4]!
  return Buffer.concat([Buffer.from(header), mask, masked])
}

interface RawSocket {
  send(bytes: Buffer): void
  /** The code of the server's close frame (null if none came), once the connection has ended. */
  closed: Promise<number | null>
  /** Text frames the server sent, in order. */
  texts: string[]
}

/** An authorised WebSocket done by hand: the HTTP upgrade, then raw frames. */
function openRaw(): Promise<RawSocket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(host.port, '127.0.0.1')
    let buffer = Buffer.alloc(0)
    let upgraded = false
    let closeCode: number | null = null
    const texts: string[] = []
    const closed = new Promise<number | null>((done) => socket.once('close', () => done(closeCode)))
    socket.on('error', () => {})
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk])
      if (!upgraded) {
        const end = buffer.indexOf('\r\n\r\n')
        if (end < 0) return
        const head = buffer.subarray(0, end).toString()
        buffer = buffer.subarray(end + 4)
        if (!head.startsWith('HTTP/1.1 101')) return reject(new Error(`upgrade refused: ${head}`))
        upgraded = true
        resolve({ send: (bytes) => socket.write(bytes), closed, texts })
      }
      // Server frames are unmasked and, here, small: read whole ones as they come.
      while (buffer.length >= 2) {
        const opcode = buffer[0]! & 0x0f
        let length = buffer[1]! & 0x7f
        let offset = 2
        if (length === 126) {
          if (buffer.length < 4) return
          length = buffer.readUInt16BE(2)
          offset = 4
        } else if (length === 127) {
          if (buffer.length < 10) return
          length = Number(buffer.readBigUInt64BE(2))
          offset = 10
        }
        if (buffer.length < offset + length) return
        const payload = buffer.subarray(offset, offset + length)
        buffer = buffer.subarray(offset + length)
        if (opcode === 0x8) {
          closeCode = payload.length >= 2 ? payload.readUInt16BE(0) : 1005
          // Answer the closing handshake, as a well-behaved client does, so the server hangs up at once.
          socket.end(frame(0x8, payload.subarray(0, 2)))
        }
        if (opcode === 0x1) texts.push(payload.toString())
      }
    })
    socket.write(
      `GET /api HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n` +
        `Authorization: Bearer ${host.token}\r\n\r\n`
    )
  })
}

async function expectWitnessAnswers() {
  const { reply } = await ask(witness, 'sandbox.status', {})
  expect(reply).toMatchObject({ ok: true, result: status })
}

describe('web host under bad frames', () => {
  it('closes a socket that sends invalid UTF-8 (1007), and only that socket', async () => {
    const raw = await openRaw()
    raw.send(frame(0x1, Buffer.from([0x22, 0xff, 0xfe, 0x22])))
    expect(await raw.closed).toBe(1007)
    await expectWitnessAnswers()
  })

  it('closes a socket that sets RSV1 without permessage-deflate (1002)', async () => {
    const raw = await openRaw()
    raw.send(frame(0x1, Buffer.from('{}'), { rsv1: true }))
    expect(await raw.closed).toBe(1002)
    await expectWitnessAnswers()
  })

  it('closes a socket whose close frame carries code 999 (1002)', async () => {
    const raw = await openRaw()
    const payload = Buffer.alloc(2)
    payload.writeUInt16BE(999)
    raw.send(frame(0x8, payload))
    expect(await raw.closed).toBe(1002)
    await expectWitnessAnswers()
  })

  it('closes a socket that announces a message over the limit (1009)', async () => {
    const raw = await openRaw()
    raw.send(frame(0x1, Buffer.alloc(0), { length: maxMessageBytes + 1 }))
    expect(await raw.closed).toBe(1009)
    await expectWitnessAnswers()
  })

  it('refuses a message nested five million deep at once, without stalling other clients', async () => {
    const raw = await openRaw()
    const depth = 5_000_000
    const deep = `{"t":"req","id":99,"name":"sandbox.status","input":${'['.repeat(depth)}${']'.repeat(depth)}}`
    const bytes = frame(0x1, Buffer.from(deep))
    const started = performance.now()
    raw.send(bytes)
    // The other client keeps asking while the deep message arrives and is refused.
    const latencies: number[] = []
    while (raw.texts.length === 0 && performance.now() - started < 5_000) {
      const { reply, ms } = await ask(witness, 'sandbox.status', {})
      expect(reply).toMatchObject({ ok: true })
      latencies.push(ms)
    }
    const refusedAfter = performance.now() - started
    expect(JSON.parse(raw.texts[0]!)).toMatchObject({ t: 'res', id: 99, ok: false, error: { code: 'rpc/invalid-input', message: expect.stringMatching(/deeper than 64/) } })
    expect(refusedAfter).toBeLessThan(2_000)
    expect(Math.max(...latencies)).toBeLessThan(1_000)
    console.info(`deep message refused after ${Math.round(refusedAfter)} ms; witness latencies max ${Math.round(Math.max(...latencies))} ms over ${latencies.length} requests`)

    // Without a request id to answer, the socket is closed instead.
    raw.send(frame(0x1, Buffer.from('['.repeat(depth) + ']'.repeat(depth))))
    expect(await raw.closed).toBe(1009)
    await expectWitnessAnswers()
  })

  it('takes the longest script the contract allows, in a three-byte alphabet', async () => {
    const client = await openClient()
    const sql = '€'.repeat(maxScriptChars - 6) + 'select'
    expect(Buffer.byteLength(sql)).toBeGreaterThan(16 * 1024 * 1024)
    const { reply, ms } = await ask(client, 'query.start', { connectionId: 'x', sql })
    expect(reply).toMatchObject({ ok: true, result: { length: maxScriptChars, last: 'ect' } })
    console.info(`a ${Math.round(Buffer.byteLength(sql) / 1e6)} MB script answered in ${Math.round(ms)} ms`)
    client.close()
    await expectWitnessAnswers()
  })
})
