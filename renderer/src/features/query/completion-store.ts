/**
 * Autocomplete names per connection, fetched when a connection is used and
 * refreshed after statements that change the schema (query-actions.ts).
 */
import { create } from 'zustand'
import type { CompletionSchema } from '@shared/schema/completion-schema'

interface CompletionState {
  byConnection: Record<string, CompletionSchema>
}

export const useCompletions = create<CompletionState>()(() => ({ byConnection: {} }))

export function setCompletions(connectionId: string, schema: CompletionSchema): void {
  useCompletions.setState((s) => ({ byConnection: { ...s.byConnection, [connectionId]: schema } }))
}
