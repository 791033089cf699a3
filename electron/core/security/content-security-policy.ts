/**
 * The renderer's Content-Security-Policy, one definition for both transports.
 *
 * No remote content at all: scripts, styles, images and connections come from
 * the app itself. Inline styles are allowed because React sets style attributes;
 * inline scripts and eval are not.
 */
export function contentSecurityPolicy(transport: 'electron' | 'web'): string {
  const connect = transport === 'web' ? "'self' ws://127.0.0.1:* ws://localhost:*" : "'self'"
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src ${connect}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'"
  ].join('; ')
}
