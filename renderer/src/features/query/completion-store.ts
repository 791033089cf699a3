/**
 * Autocomplete names per connection, fetched when a connection is used and
 * refreshed after statements that change the schema.
 */
import { create } from 'zustand'
import type { CompletionSchema } from '@shared/schema/completion-schema'
import { api } from '../../api/api'

interface CompletionState {
  byConnection: Record<string, CompletionSchema>
  refresh: (connectionId: string) => Promise<void>
}

export const useCompletions = create<CompletionState>()((set) => ({
  byConnection: {},
  refresh: async (connectionId) => {
    try {
      const schema = await api.request('schema.completions', { connectionId })
      set((s) => ({ byConnection: { ...s.byConnection, [connectionId]: schema } }))
    } catch {
      // Completion is a convenience: the editor works without it.
    }
  }
}))
