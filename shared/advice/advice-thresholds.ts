/**
 * Every number the advice rules decide with, in one place.
 *
 * Starting points taken from the tools users already trust, kept here so a
 * change is one edit with its reason next to it:
 * - PEV2 flags a node whose filter removes more than 50 % (and more loudly
 *   above 90 %) of the rows it read. 90 % is our strong signal; for the weak
 *   one we start at 80 %, not 50 %: an index that returns half a table (or a
 *   third, spread over every page) loses to the sequential scan it replaces,
 *   so a 50 % filter is silence, not advice (the captured pg18-seq-scan-filter
 *   plan is such a case).
 * - PgHero will not suggest an index for a table under 500 rows; a sequential
 *   scan of a few thousand rows is still cheap, so we start at 10,000.
 * - A node under 10 % of the execution time is not where the time went.
 * - An estimate 10× off means the plan was chosen for other numbers: fix the
 *   statistics first, and the index advice for that node is tentative.
 * - Dexter keeps an index when the hypothetical cost drops by 50 %; its users
 *   found that too strict (its issues #14, #24, #28), so 30 % recommends and
 *   10 % is marginal.
 */
export const adviceThresholds = {
  /** Rows removed by the filter, over all loops, before a node is worth an index. */
  minRowsRemoved: 1_000,
  /** removed / read at or above this: a strong signal. */
  strongRemovedRatio: 0.9,
  /** removed / read at or above this (and below strong): a weak signal; below it, silence. */
  weakRemovedRatio: 0.8,
  /** Rows one scan of the relation reads: below this an index saves next to nothing. */
  minRelationRows: 10_000,
  /** Share of the execution time (or, without timing, of the total cost) a node must take. */
  minTimeShare: 0.1,
  /** Row misestimate factor that means "fix statistics first". */
  misestimateFactor: 10,
  /** A join that keeps at most this share of the rows a big scan fed it: index the scan's join key. */
  joinKeepRatio: 0.1,
  /** Columns in a suggested index, at most. */
  maxIndexColumns: 3,
  /** Plain columns the query reads besides the key that may go in INCLUDE, at most. */
  maxIncludeColumns: 2,
  /** Heap fetches of an index-only scan worth a VACUUM. */
  minHeapFetches: 1_000,
  /** Verification: a cost drop at or above this (with the index used) is recommended… */
  recommendedCostDrop: 0.3,
  /** …at or above this is marginal; below, the suggestion is dropped. */
  marginalCostDrop: 0.1
} as const
