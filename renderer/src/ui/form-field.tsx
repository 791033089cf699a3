import { useId, type ReactNode } from 'react'

export interface FieldControlProps {
  id: string
  'aria-describedby'?: string
  'aria-invalid'?: boolean
}

interface Props {
  label: ReactNode
  hint?: ReactNode
  error?: string
  className?: string
  /** Checkboxes put the label after the box. */
  inline?: boolean
  children: (control: FieldControlProps) => ReactNode
}

/**
 * A labelled input with its hint or error underneath, wired for screen
 * readers: the label names the input, the message describes it.
 */
export function FormField({ label, hint, error, className, inline, children }: Props) {
  const id = useId()
  const messageId = `${id}-message`
  const message = error ?? hint
  const control = children({ id, 'aria-describedby': message ? messageId : undefined, 'aria-invalid': error ? true : undefined })
  return (
    <div className={`field${inline ? ' field-inline' : ''}${error ? ' field-invalid' : ''} ${className ?? ''}`}>
      {inline ? (
        <div className="field-check">
          {control}
          <label htmlFor={id}>{label}</label>
        </div>
      ) : (
        <>
          <label htmlFor={id}>{label}</label>
          {control}
        </>
      )}
      {message && (
        <span id={messageId} className={error ? 'field-error' : 'field-hint'}>
          {message}
        </span>
      )}
    </div>
  )
}
