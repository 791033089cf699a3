/**
 * The `app://tusk/` protocol that serves the renderer (instead of file://).
 *
 * file:// pages share one origin with every local file; a custom standard,
 * secure scheme gives the renderer an origin of its own, and the handler serves
 * only files inside the renderer build (path containment), with the CSP header.
 */
import { pathToFileURL } from 'node:url'
import { net, protocol } from 'electron'
import { containedPath } from '../../core/security/contained-path'
import { contentSecurityPolicy } from '../../core/security/content-security-policy'

export const appScheme = 'app'
export const appHost = 'tusk'
export const appIndexUrl = `${appScheme}://${appHost}/index.html`

/** Must run before `app.whenReady()`. */
export function registerAppSchemePrivileges(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }
  ])
}

export function isTrustedAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url)
    return parsed.protocol === `${appScheme}:` && parsed.host === appHost
  } catch {
    return false
  }
}

export function handleAppProtocol(rendererDir: string): void {
  protocol.handle(appScheme, async (request) => {
    const url = new URL(request.url)
    const file = url.host === appHost ? containedPath(rendererDir, url.pathname === '/' ? '/index.html' : url.pathname) : null
    if (!file) return new Response('Forbidden', { status: 403 })
    const response = await net.fetch(pathToFileURL(file).toString()).catch(() => null)
    if (!response || !response.ok) return new Response('Not found', { status: 404 })
    const headers = new Headers(response.headers)
    headers.set('Content-Security-Policy', contentSecurityPolicy('electron'))
    headers.set('X-Content-Type-Options', 'nosniff')
    return new Response(response.body, { status: 200, headers })
  })
}
