/**
 * In-page measurements shared by the Tusk and the PEV2 bench pages, so both
 * tools are timed by the same code: first painted frame, click-to-select,
 * and frames per second while wheel-zooming and dragging.
 */

/** Resolves after the frame that follows now has been painted. */
function afterNextPaint(): Promise<number> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0)))
}

/** Long tasks (main thread busy ≥ 50 ms) seen since the page loaded. */
const longTasks: Array<{ start: number; end: number }> = []
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) longTasks.push({ start: entry.startTime, end: entry.startTime + entry.duration })
}).observe({ type: 'longtask', buffered: true })

let mountedAt = 0
let firstPaintAt = 0

/** Milliseconds from `mount()` to the first painted frame that shows `selector`. */
export async function timeToFirstRender(mount: () => void, selector: string, timeoutMs: number): Promise<{ ms: number; drawn: number }> {
  const started = performance.now()
  mountedAt = started
  mount()
  for (;;) {
    const now = await afterNextPaint()
    const drawn = document.querySelectorAll(selector).length
    if (drawn > 0) {
      firstPaintAt = now
      return { ms: now - started, drawn }
    }
    if (now - started > timeoutMs) throw new Error(`nothing matching ${selector} after ${timeoutMs} ms`)
  }
}

/**
 * Whether the page answers once the first frame is up: the long tasks that
 * start within `windowMs` after it (work left over from opening the plan),
 * as the longest one and the total blocking time (each task's time past 50 ms).
 */
export async function busyAfterFirstRender(
  windowMs = 1000
): Promise<{ longestTaskMs: number; blockingMs: number; openingTaskMs: number; openingBlockingMs: number; openingLongTasks: number }> {
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, firstPaintAt + windowMs - performance.now())))
  const after = longTasks.filter((task) => task.end > firstPaintAt && task.start < firstPaintAt + windowMs)
  const lengths = after.map((task) => task.end - Math.max(task.start, firstPaintAt))
  // The main thread's long tasks from mount() to the first frame: the longest is how long the page was frozen at once.
  const opening = longTasks.filter((task) => task.end > mountedAt && task.end <= firstPaintAt).map((task) => task.end - Math.max(task.start, mountedAt))
  const blocking = (ms: number[]) => ms.reduce((sum, one) => sum + Math.max(0, one - 50), 0)
  return {
    longestTaskMs: Math.max(0, ...lengths),
    blockingMs: blocking(lengths),
    openingTaskMs: Math.max(0, ...opening),
    openingBlockingMs: blocking(opening),
    openingLongTasks: opening.length
  }
}

/** Milliseconds from a click on `target` to the painted frame where `selected` matches. */
export async function clickToSelect(target: Element, selected: string): Promise<number> {
  const box = target.getBoundingClientRect()
  const at = { bubbles: true, cancelable: true, view: window, clientX: box.x + box.width / 2, clientY: box.y + Math.min(box.height / 2, 20), button: 0 }
  const started = performance.now()
  target.dispatchEvent(new MouseEvent('mousedown', at))
  target.dispatchEvent(new MouseEvent('mouseup', at))
  target.dispatchEvent(new MouseEvent('click', at))
  for (;;) {
    const now = await afterNextPaint()
    if (document.querySelector(selected)) return now - started
    if (now - started > 10_000) throw new Error(`${selected} never appeared`)
  }
}

/** The element d3-zoom is bound to (it keeps its transform in `__zoom`). */
export function zoomTarget(): Element {
  const found = [...document.querySelectorAll('svg, div')].find((element) => '__zoom' in element)
  if (!found) throw new Error('no d3-zoom target on the page')
  return found
}

/**
 * Frames per second over `durationMs` while one wheel step (alternately in
 * and out) or one drag step is dispatched per frame, and the longest frame.
 */
export async function panZoomFrameRate(target: Element, kind: 'wheel' | 'drag', durationMs = 1000): Promise<{ fps: number; longestFrameMs: number }> {
  const box = target.getBoundingClientRect()
  const x = box.x + box.width / 2
  const y = box.y + box.height / 2
  const mouse = (type: string, dx: number) => new MouseEvent(type, { bubbles: true, cancelable: true, view: window, clientX: x + dx, clientY: y + dx / 2, button: 0 })
  if (kind === 'drag') target.dispatchEvent(mouse('mousedown', 0))
  let frames = 0
  let longest = 0
  const started = performance.now()
  let last = started
  await new Promise<void>((resolve) => {
    const step = (now: number) => {
      longest = Math.max(longest, now - last)
      last = now
      frames++
      if (now - started >= durationMs) return resolve()
      if (kind === 'wheel') target.dispatchEvent(new WheelEvent('wheel', { bubbles: true, cancelable: true, view: window, clientX: x, clientY: y, deltaY: frames % 20 < 10 ? -40 : 40 }))
      else window.dispatchEvent(mouse('mousemove', (frames % 60) * 6))
      requestAnimationFrame(step)
    }
    requestAnimationFrame(step)
  })
  if (kind === 'drag') window.dispatchEvent(mouse('mouseup', 0))
  const elapsed = performance.now() - started
  return { fps: (frames / elapsed) * 1000, longestFrameMs: longest }
}
