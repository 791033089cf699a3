/**
 * The join stepper on the sandbox's largest join, loans (1,000,000 rows) ⋈
 * members (100,000): time to the first step (sampling, every pair judged, the
 * result on the sample, the plan and its replays: the whole `joins.steps`
 * answer), against a plain `SELECT … LIMIT` of the same sample size on each
 * table. Target: under a second (issue 12).
 */
import pg from 'pg'
import { singlePool } from '../electron/core/postgres/pool-provider'
import { JoinsService } from '../electron/core/services/joins/joins-service'
import { median, startBenchSandbox } from './support/bench-sandbox'

const sql = 'select l.id, l.loaned_at, m.full_name from loans l left join members m on m.id = l.member_id'
const sampleSize = 6
const runs = 7

async function main() {
  const sandbox = await startBenchSandbox()
  const info = sandbox.connectionInfo()!
  const pool = new pg.Pool({ ...info, max: 2 })
  try {
    const service = new JoinsService({ pools: singlePool(pool) })
    const first = await service.steps('bench', { sql, sampleSize })
    const stepper: number[] = []
    const plain: number[] = []
    for (let i = 0; i < runs; i++) {
      let t = performance.now()
      await service.steps('bench', { sql, sampleSize })
      stepper.push(performance.now() - t)
      t = performance.now()
      await pool.query(`select * from loans limit ${sampleSize}`)
      await pool.query(`select * from members limit ${sampleSize}`)
      plain.push(performance.now() - t)
    }
    const firstStepMs = median(stepper)
    const plainMs = median(plain)
    const pairs = first.joins[0]?.pairs.length ?? 0
    console.log(`join stepper on loans ⋈ members: first step in ${firstStepMs.toFixed(1)} ms (target < 1000), plain SELECT … LIMIT ${sampleSize} of both tables ${plainMs.toFixed(1)} ms; ${pairs} pairs judged, method ${first.replay[0]?.method ?? '—'}`)
    console.log(
      'BENCH ' +
        JSON.stringify({
          name: 'joins',
          figures: { firstStepMs: Number(firstStepMs.toFixed(1)), pairs, sampleSize, wholeTable: first.inputs.some((i) => i.wholeTable) },
          baseline: { plainLimitMs: Number(plainMs.toFixed(1)) },
          ratio: Number((firstStepMs / plainMs).toFixed(1)),
          target: { firstStepMs: 1000, met: firstStepMs < 1000 }
        })
    )
  } finally {
    await pool.end()
    await sandbox.stop()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
