/**
 * Sessions for transaction mode: each pins one pooled client, so BEGIN in one
 * run and COMMIT in a later one happen on the same backend.
 *
 * The transaction status comes from the protocol itself (ReadyForQuery's
 * I/T/E byte), so a COMMIT typed in the editor is seen as well as the buttons.
 */
import { randomUUID } from 'node:crypto'
import type pg from 'pg'
import type { TransactionSessionState } from '@shared/query/transaction-session'
import { AppError } from '@shared/base/app-error'

export interface PinnedSession {
  state: TransactionSessionState
  client: pg.PoolClient
  busy: boolean
}

const transactionByStatus: Record<string, TransactionSessionState['transaction']> = { I: 'none', T: 'open', E: 'failed' }

export class TransactionSessions {
  private readonly sessions = new Map<string, PinnedSession>()

  constructor(
    private readonly pools: { pool(id: string): pg.Pool },
    private readonly publish: (state: TransactionSessionState) => void
  ) {}

  async open(connectionId: string): Promise<TransactionSessionState> {
    const client = await this.pools.pool(connectionId).connect()
    const session: PinnedSession = {
      client,
      busy: false,
      state: { sessionId: randomUUID(), connectionId, backendPid: (client as unknown as { processID: number | null }).processID, transaction: 'none' }
    }
    ;(client as unknown as { connection: NodeJS.EventEmitter }).connection.on('readyForQuery', (message: { status?: string }) => {
      const transaction = transactionByStatus[message.status ?? 'I'] ?? 'none'
      if (transaction !== session.state.transaction && session.state.transaction !== 'closed') {
        session.state = { ...session.state, transaction }
        this.publish(session.state)
      }
    })
    client.on('error', () => this.drop(session, new Error('connection lost')))
    this.sessions.set(session.state.sessionId, session)
    return session.state
  }

  get(sessionId: string): PinnedSession {
    const session = this.sessions.get(sessionId)
    if (!session) throw new AppError({ code: 'session/gone', message: 'This transaction session has ended; turn transaction mode on again' })
    return session
  }

  async end(sessionId: string, action: 'commit' | 'rollback' | 'close'): Promise<TransactionSessionState> {
    const session = this.get(sessionId)
    if (session.busy) throw new AppError({ code: 'session/busy', message: 'A statement is still running in this session: cancel it first' })
    if (action === 'commit') await session.client.query('commit')
    else if (action === 'rollback' || session.state.transaction !== 'none') await session.client.query('rollback')
    if (action === 'close') this.drop(session)
    return session.state
  }

  /** Forget a session whose connection broke (its transaction is gone with it). */
  drop(session: PinnedSession, error?: Error): void {
    if (!this.sessions.delete(session.state.sessionId)) return
    session.client.release(error)
    session.state = { ...session.state, transaction: 'closed' }
    this.publish(session.state)
  }

  async dispose(): Promise<void> {
    for (const session of [...this.sessions.values()]) {
      await session.client.query('rollback').catch(() => undefined)
      this.drop(session)
    }
  }
}
