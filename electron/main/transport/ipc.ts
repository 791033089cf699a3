/**
 * The Electron transport: ipcMain <-> the contract's router and event hub.
 *
 * Every message is checked twice: the sender frame must be our own app:// page
 * (no other frame or origin may call the main process), and the router validates
 * name and input against the contract. Event subscriptions are per webContents
 * and end when it is destroyed. Electron's event object never leaves this file.
 */
import { ipcMain, type IpcMainEvent, type IpcMainInvokeEvent, type WebContents } from 'electron'
import { isEventName, type EventName } from '@shared/api/contract'
import { rpcErrorCodes } from '@shared/base/app-error'
import { ipcChannels, requestMessageSchema, wireTextProblem, type ResponseEnvelope } from '@shared/api/wire'
import type { AppCore } from '../../core/app-core'
import { isTrustedAppUrl } from '../window/app-protocol'

/**
 * Why a request must be refused before it is validated, or null.
 *
 * The same limits as the web host's (size in UTF-8 bytes, nesting depth),
 * measured on the request written back as JSON: the size a message may have
 * must not depend on the door it came through.
 */
function requestProblem(message: unknown): string | null {
  let text: string
  try {
    text = JSON.stringify(message) ?? ''
  } catch {
    return 'The request cannot be written as JSON (a cycle, or nested far too deep).'
  }
  return wireTextProblem(text, Buffer.byteLength(text))
}

function isTrustedSender(event: IpcMainEvent | IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame
  return frame !== null && frame.parent === null && isTrustedAppUrl(frame.url)
}

export function registerIpcTransport(core: Pick<AppCore, 'router' | 'hub'>): () => void {
  const subscriptions = new Map<WebContents, Map<EventName, () => void>>()

  ipcMain.handle(ipcChannels.request, async (event, message: unknown): Promise<ResponseEnvelope> => {
    if (!isTrustedSender(event)) return { ok: false, error: { code: rpcErrorCodes.unknownRequest, message: 'Untrusted sender' } }
    const problem = requestProblem(message)
    if (problem !== null) return { ok: false, error: { code: rpcErrorCodes.invalidInput, message: problem } }
    const parsed = requestMessageSchema.omit({ t: true, id: true }).safeParse(message)
    if (!parsed.success) return { ok: false, error: { code: rpcErrorCodes.invalidInput, message: 'Malformed request' } }
    return core.router.dispatch(parsed.data.name, parsed.data.input)
  })

  const onSubscribe = (event: IpcMainEvent, name: unknown) => {
    if (!isTrustedSender(event) || !isEventName(name)) return
    const contents = event.sender
    let forContents = subscriptions.get(contents)
    if (!forContents) {
      const created = new Map<EventName, () => void>()
      subscriptions.set(contents, created)
      contents.once('destroyed', () => {
        for (const unsubscribe of created.values()) unsubscribe()
        subscriptions.delete(contents)
      })
      forContents = created
    }
    if (forContents.has(name)) return
    forContents.set(
      name,
      core.hub.subscribe(name, (eventName, payload) => {
        if (!contents.isDestroyed()) contents.send(ipcChannels.event, eventName, payload)
      })
    )
  }
  const onUnsubscribe = (event: IpcMainEvent, name: unknown) => {
    if (!isTrustedSender(event) || !isEventName(name)) return
    const forContents = subscriptions.get(event.sender)
    forContents?.get(name)?.()
    forContents?.delete(name)
  }
  ipcMain.on(ipcChannels.subscribe, onSubscribe)
  ipcMain.on(ipcChannels.unsubscribe, onUnsubscribe)

  return () => {
    ipcMain.removeHandler(ipcChannels.request)
    ipcMain.off(ipcChannels.subscribe, onSubscribe)
    ipcMain.off(ipcChannels.unsubscribe, onUnsubscribe)
    for (const forContents of subscriptions.values()) for (const unsubscribe of forContents.values()) unsubscribe()
    subscriptions.clear()
  }
}
