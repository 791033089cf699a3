/**
 * The one guarded way to open a link outside the app.
 *
 * Only http(s) URLs leave the app; file:, javascript:, custom schemes and
 * anything unparsable are refused, so a crafted link in query output cannot
 * launch a local program.
 */
export function isSafeExternalUrl(raw: string): boolean {
  try {
    const url = new URL(raw)
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.length > 0 && !url.username && !url.password
  } catch {
    return false
  }
}

export async function openExternalUrl(url: string, open: (url: string) => Promise<void>): Promise<boolean> {
  if (!isSafeExternalUrl(url)) return false
  await open(url)
  return true
}
