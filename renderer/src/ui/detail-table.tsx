/**
 * The detail table every view uses for figures and facts: optional column
 * headers, rows with an optional row header, cells that are plain content or
 * content with their own attributes (a class, a style, a click).
 *
 * One component so the markup (and its `simple-table` styling) is written once
 * for the plan's details and overview, the grid's summaries, the comparison,
 * the statement locks, a table's page and the sessions of the Activity tab.
 */
import { isValidElement, type HTMLAttributes, type Key, type ReactNode, type TdHTMLAttributes, type ThHTMLAttributes } from 'react'

type DataAttributes = Record<`data-${string}`, string | number | undefined>

/** A cell with attributes of its own; `node` is what it shows. */
export type DetailCellProps = { node: ReactNode } & TdHTMLAttributes<HTMLTableCellElement> & ThHTMLAttributes<HTMLTableCellElement> & DataAttributes

export type DetailCell = ReactNode | DetailCellProps

export interface DetailRow {
  key: Key
  /** The row's own header (a `<th>` before its cells): the name in a name/value table. */
  header?: DetailCell
  cells: readonly DetailCell[]
  attributes?: HTMLAttributes<HTMLTableRowElement> & DataAttributes
}

interface Props {
  /** Column headers; none for a name/value table. */
  head?: readonly DetailCell[]
  rows: readonly DetailRow[]
  className?: string
  label?: string
}

function isCellProps(cell: DetailCell): cell is DetailCellProps {
  return typeof cell === 'object' && cell !== null && !isValidElement(cell) && !(Symbol.iterator in cell) && 'node' in cell
}

/** One cell, as `<td>` or `<th>`. */
export function TableCell({ cell, as: Tag = 'td' }: { cell: DetailCell; as?: 'td' | 'th' }) {
  if (!isCellProps(cell)) return <Tag>{cell}</Tag>
  const { node, ...attributes } = cell
  return <Tag {...attributes}>{node}</Tag>
}

export function DetailTable({ head, rows, className = 'simple-table', label }: Props) {
  return (
    <table className={className} aria-label={label}>
      {head && (
        <thead>
          <tr>
            {head.map((cell, i) => (
              <TableCell key={i} cell={cell} as="th" />
            ))}
          </tr>
        </thead>
      )}
      <tbody>
        {rows.map((row) => (
          <tr key={row.key} {...row.attributes}>
            {row.header !== undefined && <TableCell cell={row.header} as="th" />}
            {row.cells.map((cell, i) => (
              <TableCell key={i} cell={cell} />
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** Names and values, one a row: the name as the row's header. */
export function KeyValueTable({ entries }: { entries: ReadonlyArray<readonly [string, ReactNode]> }) {
  return <DetailTable rows={entries.map(([key, value]) => ({ key, header: key, cells: [value] }))} />
}
