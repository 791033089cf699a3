/** A tiny line of the last minutes, drawn with d3's path generator. */
import { line, scaleLinear } from 'd3'

export function Sparkline({ values, width = 140, height = 32, label }: { values: number[]; width?: number; height?: number; label: string }) {
  if (values.length < 2) return <svg width={width} height={height} role="img" aria-label={`${label}: not enough data yet`} />
  const x = scaleLinear().domain([0, values.length - 1]).range([1, width - 1])
  const y = scaleLinear().domain([0, Math.max(1, ...values)]).range([height - 2, 2])
  const d = line<number>()
    .x((_, i) => x(i))
    .y((v) => y(v))(values)
  return (
    <svg width={width} height={height} role="img" aria-label={`${label} over the last ${values.length} polls`} className="sparkline">
      <path d={d ?? ''} fill="none" stroke="currentColor" strokeWidth={2} />
    </svg>
  )
}
