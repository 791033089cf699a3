import { create } from 'zustand'

interface QueryDraftState {
  sql: string
  setSql: (sql: string) => void
}

/** What the user typed survives tab switches and failed runs. */
export const useQueryDraft = create<QueryDraftState>()((set) => ({
  sql: 'select city, country_code, count(*)\nfrom members\ngroup by 1, 2\norder by 3 desc\nlimit 10;',
  setSql: (sql) => set({ sql })
}))
