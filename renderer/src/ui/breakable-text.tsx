/**
 * A long identifier that may wrap only where a reader expects: after a dot or
 * an underscore, and between the words of a CamelCase name
 * (Share·Update·Exclusive·Lock) — never letter by letter in a narrow column.
 */
import { Fragment } from 'react'

export function BreakableText({ text }: { text: string }) {
  const parts = text.split(/(?<=[._])|(?<=[a-z])(?=[A-Z])/)
  return (
    <span className="breakable-text">
      {parts.map((part, i) => (
        <Fragment key={i}>
          {i > 0 && <wbr />}
          {part}
        </Fragment>
      ))}
    </span>
  )
}
