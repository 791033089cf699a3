/** The panel of a capability that a later release brings. */
export function ComingSoonPanel({ title, blurb }: { title: string; blurb: string }) {
  return (
    <section className="coming-soon" aria-label={title}>
      <h2>{title}</h2>
      <p>{blurb}</p>
      <p className="muted">Coming in a later release of Tusk.</p>
    </section>
  )
}
