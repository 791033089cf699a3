import path from 'node:path'

/**
 * Resolve a URL path inside `root`, or null when it would escape it.
 *
 * Used by both the app:// protocol and the web host, so neither can be talked
 * into serving a file outside the renderer build (`/../../etc/passwd`, `%2e%2e`).
 */
export function containedPath(root: string, requestPath: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(requestPath)
  } catch {
    return null
  }
  if (decoded.includes('\0')) return null
  const resolvedRoot = path.resolve(root)
  const file = path.resolve(resolvedRoot, '.' + path.posix.normalize('/' + decoded.replace(/\\/g, '/')))
  return file === resolvedRoot || file.startsWith(resolvedRoot + path.sep) ? file : null
}
