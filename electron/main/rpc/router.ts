/**
 * Transport-agnostic request dispatch.
 *
 * Both the IPC and the WebSocket transports hand raw (untrusted) name + input to
 * `dispatch`; it checks the name against the contract, validates the input with
 * the contract's schema and always answers with an envelope, never a throw.
 */
import {
  isRequestName,
  requests,
  type ParsedRequestInput,
  type RequestName,
  type RequestOutput
} from '@shared/api/contract'
import { rpcErrorCodes, toAppErrorData } from '@shared/base/app-error'
import type { ResponseEnvelope } from '@shared/api/wire'

export type RequestHandlers = {
  [N in RequestName]: (input: ParsedRequestInput<N>) => Promise<RequestOutput<N>> | RequestOutput<N>
}

export interface RouterOptions {
  /** Validate results against the contract too (on in tests and dev builds). */
  validateOutput?: boolean
  onError?: (name: string, error: unknown) => void
}

export class Router {
  constructor(
    private readonly handlers: RequestHandlers,
    private readonly options: RouterOptions = {}
  ) {}

  async dispatch(name: unknown, rawInput: unknown): Promise<ResponseEnvelope> {
    if (!isRequestName(name)) {
      return { ok: false, error: { code: rpcErrorCodes.unknownRequest, message: `Unknown request: ${String(name).slice(0, 100)}` } }
    }
    const parsed = requests[name].input.safeParse(rawInput ?? {})
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      const where = issue?.path.length ? ` (${issue.path.join('.')})` : ''
      return {
        ok: false,
        error: { code: rpcErrorCodes.invalidInput, message: `Invalid input for ${name}${where}: ${issue?.message ?? 'bad value'}` }
      }
    }
    try {
      const handler = this.handlers[name] as (input: unknown) => unknown
      const result = await handler(parsed.data)
      if (this.options.validateOutput) {
        const checked = requests[name].output.safeParse(result)
        if (!checked.success) {
          return { ok: false, error: { code: rpcErrorCodes.invalidOutput, message: `Bad result from ${name}: ${checked.error.message}` } }
        }
      }
      return { ok: true, result }
    } catch (error) {
      this.options.onError?.(name, error)
      return { ok: false, error: toAppErrorData(error) }
    }
  }
}
