/**
 * The join stepper's state: the query it was opened on, the server's steps,
 * where the trainer is in them, and whether it plays by itself.
 */
import { create } from 'zustand'
import type { AppErrorData } from '@shared/base/app-error'
import type { JoinSteps } from '@shared/joins/join-model'
import type { JoinPick } from '@shared/joins/join-pick'
import type { PickTable } from '@shared/joins/join-pick-draft'

/** A query (typed, or the statement under the editor's cursor), or the picker's tables. */
export type JoinRequest = { connectionId: string } & ({ sql: string; cursorOffset?: number } | { pick: JoinPick })

export type JoinView = 'steps' | 'replay'

interface JoinsState {
  request: JoinRequest | null
  sampleSize: number
  /** Matching, duplicate and NULL keys in the sample (off: the first rows). */
  interestingRows: boolean
  /** The picker's tables and their columns, for one connection. */
  pickTables: { connectionId: string; tables: PickTable[] } | null
  loading: boolean
  error: AppErrorData | null
  steps: JoinSteps | null
  index: number
  view: JoinView
  playing: boolean
  /** Milliseconds per step while playing. */
  speedMs: number
  setIndex: (index: number) => void
  step: (delta: number) => void
  setView: (view: JoinView) => void
  setPlaying: (playing: boolean) => void
  setSpeed: (ms: number) => void
  setSampleSize: (size: number) => void
  setInterestingRows: (on: boolean) => void
}

export const useJoins = create<JoinsState>()((set, get) => ({
  request: null,
  sampleSize: 6,
  interestingRows: true,
  pickTables: null,
  loading: false,
  error: null,
  steps: null,
  index: 0,
  view: 'steps',
  playing: false,
  speedMs: 1800,
  setIndex: (index) => set({ index: clamp(index, get().steps) }),
  step: (delta) => {
    const next = clamp(get().index + delta, get().steps)
    set({ index: next, playing: get().playing && next < (get().steps?.steps.length ?? 1) - 1 })
  },
  setView: (view) => set({ view, playing: false }),
  setPlaying: (playing) => set({ playing }),
  setSpeed: (speedMs) => set({ speedMs }),
  setSampleSize: (sampleSize) => set({ sampleSize: Math.max(1, Math.min(50, Math.round(sampleSize) || 6)) }),
  setInterestingRows: (interestingRows) => set({ interestingRows })
}))

function clamp(index: number, steps: JoinSteps | null): number {
  return Math.max(0, Math.min(index, (steps?.steps.length ?? 1) - 1))
}
