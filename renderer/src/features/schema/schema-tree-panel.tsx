/**
 * Schemas → tables (partitions nested under their parent), views, materialized
 * views, sequences, functions; filterable; a click opens the table's page.
 */
import { useEffect, useMemo, useState } from 'react'
import type { SchemaRelation, SchemaTree } from '@shared/schema/schema-tree'
import { loadSchemaTree } from './schema-actions'

const groups: Array<{ title: string; kinds: string[] }> = [
  { title: 'Tables', kinds: ['r', 'p', 'f'] },
  { title: 'Views', kinds: ['v'] },
  { title: 'Materialized views', kinds: ['m'] },
  { title: 'Sequences', kinds: ['S'] }
]

export interface SchemaTreePanelProps {
  connectionId: string
  refreshKey: string
  onOpen: (schema: string, name: string) => void
}

export function SchemaTreePanel({ connectionId, refreshKey, onOpen }: SchemaTreePanelProps) {
  const [tree, setTree] = useState<SchemaTree | null>(null)
  const [filter, setFilter] = useState('')
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    loadSchemaTree(connectionId).then(
      (t) => (setTree(t), setError(null)),
      (e: unknown) => setError(e instanceof Error ? e.message : String(e))
    )
  }, [connectionId, refreshKey])
  const needle = filter.trim().toLowerCase()
  const visible = useMemo(() => {
    if (!tree) return []
    return tree.schemas.map((s) => ({
      ...s,
      relations: s.relations.filter((r) => !needle || r.name.toLowerCase().includes(needle)),
      functions: s.functions.filter((f) => !needle || f.name.toLowerCase().includes(needle))
    }))
  }, [tree, needle])

  return (
    <nav className="schema-tree" aria-label="Schema browser">
      <input type="search" placeholder="Filter tables, views, functions" aria-label="Filter schema" value={filter} onChange={(e) => setFilter(e.target.value)} />
      {error && <p className="field-error">{error}</p>}
      {!tree && !error && <p className="muted">Reading the catalog…</p>}
      <ul role="tree">
        {visible.map((schema) => (
          <li key={schema.name} role="treeitem" aria-expanded="true">
            <details open={schema.name === 'public' || needle !== ''}>
              <summary>{schema.name}</summary>
              {groups.map((group) => {
                const members = schema.relations.filter((r) => group.kinds.includes(r.kind) && (r.parent === null || needle !== ''))
                if (members.length === 0) return null
                return (
                  <details key={group.title} open={group.title === 'Tables'}>
                    <summary>
                      {group.title} <span className="muted">{members.length}</span>
                    </summary>
                    <ul role="group">
                      {members.map((r) => (
                        <RelationItem key={r.name} relation={r} partitions={schema.relations.filter((p) => p.parent === r.name)} onOpen={(name) => onOpen(schema.name, name)} />
                      ))}
                    </ul>
                  </details>
                )
              })}
              {schema.functions.length > 0 && (
                <details>
                  <summary>
                    Functions <span className="muted">{schema.functions.length}</span>
                  </summary>
                  <ul role="group">
                    {schema.functions.map((f) => (
                      <li key={`${f.name}(${f.signature})`} role="treeitem" className="tree-leaf" title={`${f.name}(${f.signature})`}>
                        ƒ {f.name}({f.signature})
                      </li>
                    ))}
                  </ul>
                </details>
              )}
            </details>
          </li>
        ))}
      </ul>
    </nav>
  )
}

function RelationItem({ relation, partitions, onOpen }: { relation: SchemaRelation; partitions: SchemaRelation[]; onOpen: (name: string) => void }) {
  const label = (
    <button className="tree-leaf" onClick={() => onOpen(relation.name)} title={relation.estimatedRows !== null ? `≈ ${relation.estimatedRows.toLocaleString('en-US')} rows` : undefined}>
      {relation.name}
      {relation.kind === 'p' && <span className="badge">partitioned</span>}
    </button>
  )
  if (partitions.length === 0) return <li role="treeitem">{label}</li>
  return (
    <li role="treeitem" aria-expanded="false">
      <details>
        <summary>{label}</summary>
        <ul role="group">
          {partitions.map((p) => (
            <li key={p.name} role="treeitem">
              <button className="tree-leaf" onClick={() => onOpen(p.name)}>
                {p.name}
              </button>
            </li>
          ))}
        </ul>
      </details>
    </li>
  )
}
