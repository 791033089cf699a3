/** Numbers and times as the Vacuum tab prints them. */

export const count = (value: number | null) => (value === null ? '–' : Math.round(value).toLocaleString('en-US'))

/** "3 min ago", "never". */
export function ago(at: number | null, now = Date.now()): string {
  if (at === null) return 'never'
  const s = Math.max(0, Math.round((now - at) / 1000))
  if (s < 60) return `${s} s ago`
  if (s < 3600) return `${Math.round(s / 60)} min ago`
  if (s < 86_400) return `${Math.round(s / 3600)} h ago`
  return `${Math.round(s / 86_400)} d ago`
}

/** "1.2 billion", "340 million", "12,345". */
export function bigCount(value: number): string {
  if (value >= 1e9) return `${(value / 1e9).toFixed(2)} billion`
  if (value >= 1e6) return `${(value / 1e6).toFixed(1)} million`
  return count(value)
}

/** "812 kB", "3.4 MB", "1.2 GB". */
export const bytes = (value: number) =>
  value >= 1 << 30 ? `${(value / (1 << 30)).toFixed(1)} GB` : value >= 1 << 20 ? `${(value / (1 << 20)).toFixed(1)} MB` : `${Math.round(value / 1024)} kB`

/** "45 %". */
export const percent = (ratio: number) => `${Math.round(ratio * 100)} %`
