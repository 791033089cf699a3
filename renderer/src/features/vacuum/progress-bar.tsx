/** A labelled bar: past 100 % it is full and marked due. */
export function ProgressBar({ value, label, tone }: { value: number | null; label: string; tone?: 'due' | 'wraparound' | 'off' }) {
  if (value === null) return <span className="muted">–</span>
  const percent = Math.round(value * 100)
  return (
    <span className={`vacuum-bar ${tone ?? ''}`} role="meter" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.min(percent, 100)}>
      <span className="vacuum-bar-fill" style={{ width: `${Math.min(100, Math.max(0, value * 100))}%` }} />
      <span className="vacuum-bar-text">{percent > 999 ? '> 999' : percent} %</span>
    </span>
  )
}
