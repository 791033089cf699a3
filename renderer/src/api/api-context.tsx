/**
 * The API, handed down through React so tests can render any part of the UI
 * against a fake `TuskApi` instead of the real transport.
 */
import { createContext, useContext, type ReactNode } from 'react'
import type { TuskApi } from '@shared/api/tusk-api'

const ApiContext = createContext<TuskApi | null>(null)

export function ApiProvider({ api, children }: { api: TuskApi; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>
}

export function useApi(): TuskApi {
  const api = useContext(ApiContext)
  if (!api) throw new Error('useApi() needs an <ApiProvider> above it')
  return api
}
