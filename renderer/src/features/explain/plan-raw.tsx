/**
 * The plan as it was given, with the selected node's lines highlighted; a
 * click on a line selects the node it belongs to. Only the lines in view are
 * in the DOM, so a 30 MB paste scrolls like a small one.
 */
import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useMemo, useRef } from 'react'
import type { FlatNode } from '@shared/explain/analyse/plan-metrics'
import { useAppearance } from '../../app-state/appearance-store'
import { rawLineOwners } from './raw-line-owners'

const baseLineHeight = 21

export function PlanRaw({ source, nodes, selectedId, onSelect }: { source: string; nodes: FlatNode[]; selectedId: number | null; onSelect: (id: number) => void }) {
  const lines = useMemo(() => source.split('\n'), [source])
  const owners = useMemo(() => rawLineOwners(nodes, lines.length), [nodes, lines])
  const selectedRange = selectedId !== null ? nodes[selectedId]?.node.sourceLines : undefined
  const lineHeight = Math.round(baseLineHeight * useAppearance((s) => s.textScale))
  const scroller = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({ count: lines.length, getScrollElement: () => scroller.current, estimateSize: () => lineHeight, overscan: 30 })
  useEffect(() => {
    virtualizer.measure()
  }, [lineHeight, virtualizer])
  // The selected node's first line comes into view (also when the view opens).
  useEffect(() => {
    if (selectedRange) virtualizer.scrollToIndex(selectedRange[0] - 1, { align: 'auto' })
  }, [selectedRange, virtualizer])
  return (
    <div className="plan-raw" ref={scroller} role="list" aria-label="Plan source">
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const line = item.index + 1
          const inSelected = selectedRange !== undefined && line >= selectedRange[0] && line <= selectedRange[1]
          const id = owners[item.index]!
          return (
            <div
              key={item.index}
              role="listitem"
              className={`plan-raw-line${inSelected ? ' selected' : ''}`}
              style={{ position: 'absolute', top: 0, left: 0, minWidth: '100%', height: lineHeight, transform: `translateY(${item.start}px)` }}
              onClick={() => id >= 0 && onSelect(id)}
            >
              <span className="plan-raw-number">{line}</span>
              <span>{lines[item.index] || ' '}</span>
            </div>
          )
        })}
      </div>
    </div>
  )
}
