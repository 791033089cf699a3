/**
 * The renderer's Content-Security-Policy, one definition for both transports.
 *
 * No remote content at all: scripts, styles, images and connections come from
 * the app itself. Inline styles are allowed because React sets style attributes;
 * inline scripts and eval are not.
 */
export function contentSecurityPolicy(where: 'electron' | { webSocketPort: number }): string {
  // The web host's page talks to its own WebSocket only: no other port on this machine.
  const connect = where === 'electron' ? "'self'" : `'self' ws://127.0.0.1:${where.webSocketPort} ws://localhost:${where.webSocketPort}`
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src ${connect}`,
    // The plan parser's worker is a file of the build (Vite emits it as its own chunk): no blob: workers.
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'"
  ].join('; ')
}
