/**
 * One statement sent as a plain simple-Query message, its rows handed over one by one.
 *
 * Not a cursor: between two cursor fetches the backend is idle, and
 * `pg_cancel_backend` does nothing to an idle backend, so Cancel on a big
 * result used to wait for the last row. Here the backend runs the statement
 * to its end while rows flow, so a cancel lands at once; and rows can be
 * dropped from the moment the user cancels (`discardRows`), so the count the
 * user sees stops there whatever is still in flight.
 *
 * A node-postgres Submittable: `client.query(stream)` queues it like any
 * query, and the client calls the handle* methods for its messages.
 */
import type pg from 'pg'
import type { CommandCompleteMessage, DataRowMessage, RowDescriptionMessage } from 'pg-protocol/dist/messages'

export type StreamRow = Array<string | null>

export interface StatementSink {
  /** The result's columns (RowDescription): comes before the first row. */
  fields(fields: Array<{ name: string; dataTypeID: number }>): void
  row(row: StreamRow): void
}

export interface StatementOutcome {
  command: string | null
  /** From the command tag (rows affected, or rows returned). */
  rowCount: number | null
}

/** Why a COPY FROM STDIN fails: Tusk has no data to send it. */
export const copyFromStdinRefusal = 'COPY … FROM STDIN needs data sent by the client, which Tusk does not do: use psql’s \\copy, or COPY FROM a file the server can read.'

export class StatementStream implements pg.Submittable {
  /** True once the server described the result's columns: the statement returns rows. */
  describedRows = false
  private discarding = false
  private refusedCopy = false
  private outcome: StatementOutcome = { command: null, rowCount: null }
  private error: Error | null = null
  private settle: { resolve: (outcome: StatementOutcome) => void; reject: (error: Error) => void } | null = null
  /** Resolves when the server is ready for the next statement; rejects with the server's error. */
  readonly done: Promise<StatementOutcome>

  constructor(
    readonly text: string,
    private readonly sink: StatementSink
  ) {
    this.done = new Promise<StatementOutcome>((resolve, reject) => (this.settle = { resolve, reject }))
    this.done.catch(() => undefined)
  }

  /** From now on rows are dropped as they come (the user cancelled): the count stays where it is. */
  discardRows(): void {
    this.discarding = true
  }

  submit(connection: pg.Connection): void {
    connection.query(this.text)
  }

  handleRowDescription(message: RowDescriptionMessage): void {
    this.describedRows = true
    this.sink.fields(message.fields)
  }

  handleDataRow(message: DataRowMessage): void {
    if (this.discarding) return
    // Text format with no parsers: the cells are the strings PostgreSQL printed, NULL as null.
    this.sink.row(message.fields as StreamRow)
  }

  handleCommandComplete(message: CommandCompleteMessage): void {
    // node-postgres's own reading of a tag: "INSERT 0 5" is INSERT, 5 rows; "CREATE TABLE" is CREATE.
    const match = /^([A-Za-z]+)(?: (\d+))?(?: (\d+))?/.exec(message.text)
    if (!match) return
    const count = match[3] ?? match[2]
    this.outcome = { command: match[1]!, rowCount: count === undefined ? null : Number(count) }
  }

  handleEmptyQuery(): void {}

  handlePortalSuspended(): void {}

  handleCopyInResponse(connection: pg.Connection): void {
    this.refusedCopy = true
    ;(connection as unknown as { sendCopyFail(message: string): void }).sendCopyFail('Tusk does not send COPY data')
  }

  handleCopyData(): void {}

  /** The server's ErrorResponse (ReadyForQuery follows, with no query attached), or the session's death. */
  handleError(error: Error): void {
    if (this.refusedCopy) error.message = copyFromStdinRefusal
    this.error ??= error
    this.settle?.reject(this.error)
  }

  handleReadyForQuery(): void {
    if (this.error) this.settle?.reject(this.error)
    else this.settle?.resolve(this.outcome)
  }
}
