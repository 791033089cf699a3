/**
 * The plan as it was given, with the selected node's lines highlighted; a
 * click on a line selects the node it belongs to.
 */
import { useEffect, useMemo, useRef } from 'react'
import type { FlatNode } from '../../../../shared/explain/plan-metrics'

export function PlanRaw({ source, nodes, selectedId, onSelect }: { source: string; nodes: FlatNode[]; selectedId: number | null; onSelect: (id: number) => void }) {
  const lines = useMemo(() => source.split('\n'), [source])
  // Innermost node first: a line belongs to the deepest node whose range holds it.
  const owner = useMemo(() => {
    const map = new Map<number, number>()
    for (const f of [...nodes].sort((a, b) => a.depth - b.depth)) {
      const range = f.node.sourceLines
      if (!range) continue
      for (let line = range[0]; line <= range[1]; line++) map.set(line, f.id)
    }
    return map
  }, [nodes])
  const selectedRange = selectedId !== null ? nodes[selectedId]?.node.sourceLines : undefined
  const firstSelected = useRef<HTMLDivElement>(null)
  useEffect(() => {
    firstSelected.current?.scrollIntoView({ block: 'nearest' })
  }, [selectedId])
  return (
    <div className="plan-raw" role="list" aria-label="Plan source">
      {lines.map((text, i) => {
        const line = i + 1
        const inSelected = selectedRange !== undefined && line >= selectedRange[0] && line <= selectedRange[1]
        const id = owner.get(line)
        return (
          <div
            key={i}
            role="listitem"
            ref={inSelected && line === selectedRange![0] ? firstSelected : undefined}
            className={`plan-raw-line${inSelected ? ' selected' : ''}`}
            onClick={() => id !== undefined && onSelect(id)}
          >
            <span className="plan-raw-number">{line}</span>
            <span>{text || ' '}</span>
          </div>
        )
      })}
    </div>
  )
}
