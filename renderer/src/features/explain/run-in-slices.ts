/**
 * Runs a generator's steps in tasks of a few tens of milliseconds, letting the
 * page handle input and paint between them.
 *
 * A long job cut into steps (unpacking a plan a part at a time) this way never
 * freezes the page for longer than `sliceMs` plus one step.
 */
export async function inSlices<R>(steps: Generator<unknown, R>, stillWanted: () => boolean, sliceMs = 20): Promise<R | null> {
  for (;;) {
    const started = performance.now()
    let step = steps.next()
    while (!step.done && performance.now() - started < sliceMs) step = steps.next()
    if (step.done) return step.value
    await new Promise((resolve) => setTimeout(resolve, 0))
    // A newer plan was asked for meanwhile: this one is dropped.
    if (!stillWanted()) return null
  }
}
