/** What the schema browser reads from the engine: the catalog tree, and one table's details. */
import type { SchemaTree, TableDetails } from '@shared/schema/schema-tree'
import { api } from '../../api/api'

export function loadSchemaTree(connectionId: string): Promise<SchemaTree> {
  return api.request('schema.tree', { connectionId })
}

export function loadTableDetails(connectionId: string, schema: string, name: string): Promise<TableDetails> {
  return api.request('schema.table', { connectionId, schema, name })
}
