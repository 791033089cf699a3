/**
 * Light or dark theme and text size.
 *
 * The theme follows the OS (live) until the user picks one, which is then
 * remembered. Text size scales every rem in the app: trainers project Tusk on
 * screens where 16 px is unreadable from the back of the room, and the
 * browser's own zoom is not remembered by the web host (its port changes).
 */
import { create } from 'zustand'
import { nearestTextScale, stepTextScale } from './text-scale'

export type Theme = 'light' | 'dark'
export type ThemeChoice = Theme | 'system'

const themeKey = 'tusk.theme'
const textScaleKey = 'tusk.textScale'

interface AppearanceState {
  choice: ThemeChoice
  /** What is on screen: the choice, or the OS's when the choice is 'system'. */
  theme: Theme
  textScale: number
  toggleTheme: () => void
  followSystem: () => void
  biggerText: () => void
  smallerText: () => void
  resetText: () => void
}

function read(key: string): string | null {
  try {
    return localStorage.getItem(key)
  } catch {
    return null
  }
}

function write(key: string, value: string | null) {
  try {
    if (value === null) localStorage.removeItem(key)
    else localStorage.setItem(key, value)
  } catch {
    // Storage refused (private mode, quota): the choice lasts for this run.
  }
}

const darkQuery = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null
const systemTheme = (): Theme => (darkQuery?.matches ? 'dark' : 'light')

function apply(theme: Theme, textScale: number) {
  const root = document.documentElement
  root.dataset.theme = theme
  root.style.setProperty('--text-scale', String(textScale))
}

export const useAppearance = create<AppearanceState>()((set, get) => {
  const saved = read(themeKey)
  const choice: ThemeChoice = saved === 'light' || saved === 'dark' ? saved : 'system'
  const theme = choice === 'system' ? systemTheme() : choice
  const textScale = nearestTextScale(Number(read(textScaleKey) ?? 1))
  apply(theme, textScale)

  darkQuery?.addEventListener('change', () => {
    if (get().choice !== 'system') return
    const next = systemTheme()
    apply(next, get().textScale)
    set({ theme: next })
  })

  const setScale = (next: number) => {
    write(textScaleKey, next === 1 ? null : String(next))
    apply(get().theme, next)
    set({ textScale: next })
  }

  return {
    choice,
    theme,
    textScale,
    toggleTheme: () => {
      const next: Theme = get().theme === 'dark' ? 'light' : 'dark'
      write(themeKey, next)
      apply(next, get().textScale)
      set({ choice: next, theme: next })
    },
    followSystem: () => {
      write(themeKey, null)
      const next = systemTheme()
      apply(next, get().textScale)
      set({ choice: 'system', theme: next })
    },
    biggerText: () => setScale(stepTextScale(get().textScale, 1)),
    smallerText: () => setScale(stepTextScale(get().textScale, -1)),
    resetText: () => setScale(1)
  }
})
