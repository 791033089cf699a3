/**
 * A TCP relay in front of a server, to play "the network dropped".
 *
 * `cut()` resets every relayed connection and stops listening, as a link that
 * went down loudly would look; `listen()` on the same port brings it back.
 * `blackhole()` is the quiet kind of drop: sockets stay open but nothing gets
 * through, and new connections are accepted and then ignored; `heal()` lets
 * new connections through again while the swallowed ones stay dead.
 */
import net from 'node:net'

export class TcpProxy {
  private server: net.Server | null = null
  private readonly sockets = new Set<net.Socket>()
  private readonly pairs = new Set<[net.Socket, net.Socket]>()
  private swallowing = false
  port = 0

  constructor(private readonly target: { host: string; port: number }) {}

  async listen(port = this.port): Promise<number> {
    const server = net.createServer((inbound) => this.accept(inbound))
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => resolve())
    })
    this.server = server
    this.port = (server.address() as net.AddressInfo).port
    return this.port
  }

  async cut(): Promise<void> {
    const server = this.server
    this.server = null
    for (const socket of this.sockets) socket.resetAndDestroy()
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  blackhole(): void {
    this.swallowing = true
    for (const [inbound, outbound] of this.pairs) {
      inbound.unpipe(outbound)
      outbound.unpipe(inbound)
      inbound.pause()
      outbound.pause()
    }
    this.pairs.clear()
  }

  heal(): void {
    this.swallowing = false
  }

  private track(socket: net.Socket) {
    this.sockets.add(socket)
    socket.on('close', () => this.sockets.delete(socket))
    socket.on('error', () => undefined)
  }

  private accept(inbound: net.Socket) {
    this.track(inbound)
    if (this.swallowing) {
      inbound.pause()
      return
    }
    const outbound = net.connect(this.target.port, this.target.host)
    this.track(outbound)
    const pair: [net.Socket, net.Socket] = [inbound, outbound]
    this.pairs.add(pair)
    inbound.pipe(outbound).pipe(inbound)
    inbound.on('close', () => {
      outbound.destroy()
      this.pairs.delete(pair)
    })
    outbound.on('close', () => inbound.destroy())
  }
}
