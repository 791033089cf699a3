/** A row of buttons that switch between views of the same thing (Tree / Grid / …), as a tablist. */
export function ViewSwitch<V extends string>({
  views,
  active,
  onSelect,
  label,
  className,
  as: Tag = 'span'
}: {
  views: ReadonlyArray<readonly [V, string]>
  active: V
  onSelect: (view: V) => void
  label: string
  className: string
  as?: 'span' | 'div'
}) {
  return (
    <Tag role="tablist" aria-label={label} className={className}>
      {views.map(([view, text]) => (
        <button key={view} role="tab" aria-selected={active === view} onClick={() => onSelect(view)}>
          {text}
        </button>
      ))}
    </Tag>
  )
}
