/**
 * The actions of one connection, as a menu: from its "⋯" button or a right
 * click. Built on the Popover API, so it sits above everything, and Escape or a
 * click elsewhere closes it without any code of ours.
 */
import { useEffect, useLayoutEffect, useRef, type KeyboardEvent } from 'react'
import { colorTags, type ColorTag } from '@shared/connections/connection-profile'
import type { ConnectionSummary } from '@shared/connections/connection-status'
import { colorTagNames, isOpenState } from './connection-labels'

export interface MenuPosition {
  x: number
  y: number
}

interface Props {
  summary: ConnectionSummary
  at: MenuPosition
  onClose: () => void
  onConnect: () => void
  onDisconnect: () => void
  onToggleReadOnly: () => void
  onTest: () => void
  onEdit: () => void
  onColor: (tag: ColorTag) => void
  onDelete: () => void
}

export function ConnectionMenu({ summary, at, onClose, onConnect, onDisconnect, onToggleReadOnly, onTest, onEdit, onColor, onDelete }: Props) {
  const ref = useRef<HTMLDivElement>(null)
  const { profile, state } = summary
  const close = useRef(onClose)
  close.current = onClose

  useLayoutEffect(() => {
    const menu = ref.current
    if (!menu) return
    menu.showPopover()
    // Keep the whole menu on screen, next to the pointer or the button.
    const box = menu.getBoundingClientRect()
    menu.style.left = `${Math.max(8, Math.min(at.x, window.innerWidth - box.width - 8))}px`
    menu.style.top = `${Math.max(8, Math.min(at.y, window.innerHeight - box.height - 8))}px`
    menu.querySelector<HTMLElement>('[role^="menuitem"]')?.focus()
  }, [at.x, at.y])

  useEffect(() => {
    const menu = ref.current
    if (!menu) return
    const onToggle = (event: Event) => {
      if ((event as ToggleEvent).newState === 'closed') close.current()
    }
    menu.addEventListener('toggle', onToggle)
    return () => menu.removeEventListener('toggle', onToggle)
  }, [])

  /** Runs the choice, then closes: the menu's job is done. */
  const choose = (action: () => void) => () => {
    ref.current?.hidePopover()
    action()
  }

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const items = [...(ref.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]') ?? [])]
    const index = items.indexOf(document.activeElement as HTMLElement)
    const move = (to: number) => {
      event.preventDefault()
      items[(to + items.length) % items.length]?.focus()
    }
    if (event.key === 'ArrowDown') move(index + 1)
    else if (event.key === 'ArrowUp') move(index - 1)
    else if (event.key === 'ArrowRight' && (event.target as HTMLElement).dataset.swatch) move(index + 1)
    else if (event.key === 'ArrowLeft' && (event.target as HTMLElement).dataset.swatch) move(index - 1)
    else if (event.key === 'Home') move(0)
    else if (event.key === 'End') move(items.length - 1)
    else if (event.key === 'Tab') {
      event.preventDefault()
      ref.current?.hidePopover()
    }
  }

  return (
    <div ref={ref} popover="auto" role="menu" aria-label={`Actions for ${profile.name}`} className="menu" onKeyDown={onKeyDown} onContextMenu={(e) => (e.preventDefault(), e.stopPropagation())} data-testid="connection-menu">
      {isOpenState(state) ? (
        <button type="button" role="menuitem" onClick={choose(onDisconnect)}>
          Disconnect
        </button>
      ) : (
        <button type="button" role="menuitem" onClick={choose(onConnect)}>
          Connect
        </button>
      )}
      <button type="button" role="menuitemcheckbox" aria-checked={profile.readOnly} onClick={choose(onToggleReadOnly)}>
        <span className="menu-check" aria-hidden="true">
          {profile.readOnly ? '✓' : ''}
        </span>
        Read-only
      </button>
      {!profile.builtIn && (
        <>
          <button type="button" role="menuitem" onClick={choose(onTest)}>
            Test connection
          </button>
          <button type="button" role="menuitem" onClick={choose(onEdit)}>
            Edit…
          </button>
        </>
      )}
      <div role="separator" className="menu-separator" />
      <div role="group" aria-label="Colour tag" className="menu-swatches">
        {colorTags.map((tag) => (
          <button
            key={tag}
            type="button"
            role="menuitemradio"
            aria-checked={profile.colorTag === tag}
            aria-label={colorTagNames[tag]}
            title={colorTagNames[tag]}
            className={`swatch-button tag-${tag}`}
            data-swatch={tag}
            onClick={choose(() => onColor(tag))}
          />
        ))}
      </div>
      {!profile.builtIn && (
        <>
          <div role="separator" className="menu-separator" />
          <button type="button" role="menuitem" className="menu-danger" onClick={choose(onDelete)}>
            Delete…
          </button>
        </>
      )}
    </div>
  )
}
