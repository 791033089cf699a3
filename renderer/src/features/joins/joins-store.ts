/**
 * The join stepper's state: the query it was opened on, the server's steps,
 * where the trainer is in them, and whether it plays by itself.
 */
import { create } from 'zustand'
import type { AppErrorData } from '@shared/base/app-error'
import type { JoinSteps } from '@shared/joins/join-model'

export interface JoinRequest {
  connectionId: string
  sql: string
  cursorOffset?: number
}

export type JoinView = 'steps' | 'replay'

interface JoinsState {
  request: JoinRequest | null
  sampleSize: number
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
}

export const useJoins = create<JoinsState>()((set, get) => ({
  request: null,
  sampleSize: 6,
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
  setSampleSize: (sampleSize) => set({ sampleSize: Math.max(1, Math.min(50, Math.round(sampleSize) || 6)) })
}))

function clamp(index: number, steps: JoinSteps | null): number {
  return Math.max(0, Math.min(index, (steps?.steps.length ?? 1) - 1))
}
