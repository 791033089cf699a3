/**
 * The database the plan cases run on, and one EXPLAIN of a case as a user
 * would paste it.
 */
import type pg from 'pg'
import { schemaSql, type PlanCase } from './plan-cases'

export interface Server {
  client: pg.Client
  major: number
}

/** A fresh database (`tusk_plans` unless named) with the cases' schema (or another), reached as superuser. */
export async function prepare(connect: (db: string) => pg.Client, database = 'tusk_plans', schema = schemaSql): Promise<Server> {
  const admin = connect('postgres')
  await admin.connect()
  try {
    await admin.query(`drop database if exists ${database} with (force)`)
    await admin.query(`create database ${database}`)
  } finally {
    await admin.end()
  }
  const client = connect(database)
  // A server stopped under an idle client must not surface as an uncaught error.
  client.on('error', () => {})
  await client.connect()
  try {
    await client.query(schema)
    // All-visible pages, so index-only scans have few heap fetches; fresh statistics.
    await client.query('vacuum analyze')
    const { rows } = await client.query<{ v: string }>(`select current_setting('server_version_num') as v`)
    return { client, major: Math.floor(Number(rows[0]!.v) / 10000) }
  } catch (error) {
    await client.end()
    throw error
  }
}

/** One EXPLAIN in one format, as the text a user would paste (rows joined by newlines). */
export async function explain(client: pg.Client, planCase: PlanCase, format: 'json' | 'text'): Promise<string> {
  const options = planCase.options ?? 'ANALYZE, BUFFERS, VERBOSE, SETTINGS'
  await client.query('begin')
  try {
    for (const [name, value] of Object.entries(planCase.settings ?? {})) await client.query(`set local ${name} = ${value}`)
    if (planCase.prepare) await client.query(planCase.prepare)
    const result = await client.query<{ 'QUERY PLAN': string }>({
      text: `explain (${options}, format ${format}) ${planCase.sql}`,
      // The server's own JSON text, not a parsed object.
      types: { getTypeParser: () => (value: string) => value }
    })
    return result.rows.map((row) => row['QUERY PLAN']).join('\n')
  } finally {
    await client.query('rollback')
    if (planCase.prepare) await client.query('deallocate all')
  }
}
