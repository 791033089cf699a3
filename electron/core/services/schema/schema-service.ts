/**
 * The schema browser's and the autocomplete's reads, on an open connection.
 *
 * The readers take a pool (the CLI and tests call them on any pool); the
 * service picks the connection's and reports its failures like every other
 * service, so a server that went away reads as such here too. A read whose
 * pooled session was found dead is tried once more on a new session.
 */
import type { CompletionSchema } from '@shared/schema/completion-schema'
import type { SchemaTree, TableDetails } from '@shared/schema/schema-tree'
import { readWithFreshRetry, type Queryable } from '../../postgres/fresh-session-retry'
import { connectionError, type PoolProvider } from '../../postgres/pool-provider'
import { readCompletionSchema } from './completion-catalog'
import { readSchemaTree, readTableDetails } from './schema-catalog'

export class SchemaService {
  constructor(private readonly options: { pools: PoolProvider }) {}

  tree(connectionId: string): Promise<SchemaTree> {
    return this.read(connectionId, readSchemaTree)
  }

  table(connectionId: string, schema: string, name: string): Promise<TableDetails> {
    return this.read(connectionId, (db) => readTableDetails(db, schema, name))
  }

  completions(connectionId: string): Promise<CompletionSchema> {
    return this.read(connectionId, readCompletionSchema)
  }

  private async read<T>(connectionId: string, reader: (db: Queryable) => Promise<T>): Promise<T> {
    try {
      return await readWithFreshRetry(this.options.pools.pool(connectionId), reader)
    } catch (error) {
      throw connectionError(this.options.pools, connectionId, error)
    }
  }
}
