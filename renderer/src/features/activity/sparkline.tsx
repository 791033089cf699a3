/**
 * A tiny line of the last minutes, drawn with d3's path generator. It is drawn
 * in a fixed coordinate box and stretched to its card's width (the stroke
 * keeps its thickness), so it never spills out of a narrow card.
 */
import { line, scaleLinear } from 'd3'

export function Sparkline({ values, width = 140, height = 32, label }: { values: number[]; width?: number; height?: number; label: string }) {
  const box = { width: '100%', height, viewBox: `0 0 ${width} ${height}`, preserveAspectRatio: 'none', role: 'img' } as const
  if (values.length < 2) return <svg {...box} aria-label={`${label}: not enough data yet`} />
  const x = scaleLinear().domain([0, values.length - 1]).range([1, width - 1])
  const y = scaleLinear().domain([0, Math.max(1, ...values)]).range([height - 2, 2])
  const d = line<number>()
    .x((_, i) => x(i))
    .y((v) => y(v))(values)
  return (
    <svg {...box} aria-label={`${label} over the last ${values.length} polls`} className="sparkline">
      <path d={d ?? ''} fill="none" stroke="currentColor" strokeWidth={2} vectorEffect="non-scaling-stroke" />
    </svg>
  )
}
