/**
 * "1 row", "2 rows", "1,000,000 rows": a count with its noun in the right
 * number, the thousands grouped as everywhere else in the app.
 */
export function plural(count: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? noun : pluralNoun}`
}
