import { useNotices } from './notice-store'

/**
 * The last net: a rejected promise nobody awaited still reaches the error
 * surface instead of vanishing into the console.
 */
export function reportUnhandledErrors(target: Window = window): () => void {
  const onRejection = (event: PromiseRejectionEvent) => {
    useNotices.getState().report('Something went wrong', event.reason)
  }
  target.addEventListener('unhandledrejection', onRejection)
  return () => target.removeEventListener('unhandledrejection', onRejection)
}
