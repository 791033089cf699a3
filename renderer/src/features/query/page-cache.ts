/**
 * A bounded window of a result's rows, fetched page by page.
 *
 * The grid asks for rows by index; missing pages are requested once and the
 * least recently used pages are dropped, so a million-row result never holds
 * more than `maxPages × pageSize` rows in the renderer.
 */
export type PageRow = Array<string | null>

export class PageCache {
  private readonly pages = new Map<number, PageRow[]>()
  private readonly loading = new Set<number>()

  constructor(
    private readonly load: (offset: number, limit: number) => Promise<PageRow[]>,
    private readonly onLoaded: () => void,
    readonly pageSize = 200,
    private readonly maxPages = 12
  ) {}

  /** Rows held right now (what the bound applies to). */
  get heldRows(): number {
    let n = 0
    for (const page of this.pages.values()) n += page.length
    return n
  }

  /** Rows known from elsewhere (the first rows a progress event brought) for the page at `offset`, unless it holds more already. */
  offer(offset: number, rows: PageRow[] | undefined): void {
    if (!rows || offset % this.pageSize !== 0) return
    const pageIndex = offset / this.pageSize
    if ((this.pages.get(pageIndex)?.length ?? 0) < rows.length) this.pages.set(pageIndex, rows.slice(0, this.pageSize))
  }

  row(index: number): PageRow | undefined {
    const pageIndex = Math.floor(index / this.pageSize)
    const page = this.pages.get(pageIndex)
    if (!page) {
      this.request(pageIndex)
      return undefined
    }
    // Re-insert to mark as recently used.
    this.pages.delete(pageIndex)
    this.pages.set(pageIndex, page)
    const row = page[index - pageIndex * this.pageSize]
    // A page read while the result was still streaming may be short: its rows stay on screen while it is read again.
    if (row === undefined) this.request(pageIndex)
    return row
  }

  private request(pageIndex: number) {
    if (this.loading.has(pageIndex)) return
    this.loading.add(pageIndex)
    this.load(pageIndex * this.pageSize, this.pageSize)
      .then((rows) => {
        this.pages.set(pageIndex, rows)
        while (this.pages.size > this.maxPages) this.pages.delete(this.pages.keys().next().value!)
        this.onLoaded()
      })
      .catch(() => undefined)
      .finally(() => this.loading.delete(pageIndex))
  }
}
