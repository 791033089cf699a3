import type { FlatNode } from '@shared/explain/analyse/plan-metrics'

/** "Hash Join (Left)", "Index Scan using loans_pkey on loans l", … */
export function nodeTitle(f: FlatNode): string {
  const n = f.node
  const kind = [n.partialMode && n.partialMode !== 'Simple' ? n.partialMode : null, n.parallelAware ? 'Parallel' : null, n.nodeType].filter(Boolean).join(' ')
  const join = n.joinType && n.joinType !== 'Inner' ? ` (${n.joinType})` : ''
  return `${kind}${join}`
}

export function nodeTarget(f: FlatNode): string {
  const n = f.node
  const parts: string[] = []
  if (n.indexName) parts.push(`using ${n.indexName}`)
  if (n.relation) parts.push(`on ${n.relation}${n.alias && n.alias !== n.relation ? ` ${n.alias}` : ''}`)
  if (n.cteName) parts.push(`CTE ${n.cteName}`)
  if (n.subplanName) parts.push(n.subplanName)
  return parts.join(' ')
}

export function ms(value: number | null): string {
  if (value === null) return '—'
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(value < 10 ? 2 : 1)} ms`
}

/** "×23 under" for a misestimate, '' when the estimate was close. */
export function misestimateLabel(f: FlatNode): string {
  const m = f.misestimate
  if (!m || m.factor < 2) return ''
  return `×${m.factor >= 100 ? m.factor.toFixed(0) : m.factor.toFixed(1)} ${m.direction}`
}

/** Heat from 0 (cool) to 1 (hot) for an exclusive-time share. */
export function heat(percent: number | null): number {
  if (percent === null) return 0
  return Math.min(1, Math.sqrt(percent / 100) * 1.2)
}

export function fmtRows(value: number | null): string {
  if (value === null) return '?'
  if (value >= 1e6) return `${(value / 1e6).toFixed(1)}M`
  if (value >= 1e4) return `${(value / 1e3).toFixed(0)}k`
  return Number.isInteger(value) ? String(value) : value.toFixed(2)
}
