import { create } from 'zustand'

export type Theme = 'light' | 'dark'
const storageKey = 'tusk.theme'

function initialTheme(): Theme {
  const saved = localStorage.getItem(storageKey)
  if (saved === 'light' || saved === 'dark') return saved
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'
}

function applyTheme(theme: Theme) {
  document.documentElement.dataset.theme = theme
}

interface ThemeState {
  theme: Theme
  toggle: () => void
}

/** Light or dark: follows the OS until the user picks one, then remembers it. */
export const useTheme = create<ThemeState>()((set, get) => {
  const theme = initialTheme()
  applyTheme(theme)
  return {
    theme,
    toggle: () => {
      const next: Theme = get().theme === 'dark' ? 'light' : 'dark'
      localStorage.setItem(storageKey, next)
      applyTheme(next)
      set({ theme: next })
    }
  }
})
