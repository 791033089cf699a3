/**
 * `tusk index-health` on a scratch schema holding one of each problem: an
 * unused index, a duplicate, an invalid index (a failed concurrent build) and
 * a foreign key with no index. Each is reported once, with the right fix.
 */
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { runCli } from '../../../electron/cli/run-cli'

const url = inject('databaseUrl')
const client = new pg.Client(url)

beforeAll(async () => {
  await client.connect()
  await client.query(`drop schema if exists health_scratch cascade; create schema health_scratch;
    create table health_scratch.authors (id int primary key, name text not null);
    create table health_scratch.books (id int primary key, author_id int not null references health_scratch.authors, title text not null, isbn text not null);
    insert into health_scratch.authors select i, 'a' || i from generate_series(1, 100) i;
    insert into health_scratch.books select i, 1 + i % 100, 't' || i, 'isbn' || (i % 50) from generate_series(1, 1000) i;
    create index books_title_idx on health_scratch.books (title);
    create index books_title_copy_idx on health_scratch.books (title);`)
  // A unique index over duplicate values fails, and a concurrent build leaves it INVALID.
  await client.query('create unique index concurrently books_isbn_key on health_scratch.books (isbn)').catch(() => undefined)
})
afterAll(async () => {
  await client.query('drop schema if exists health_scratch cascade').catch(() => undefined)
  await client.end()
})

describe('tusk index-health', () => {
  it('reports the unused, duplicate and invalid index and the unindexed foreign key once each, with their fixes', async () => {
    const lines: string[] = []
    const errors: string[] = []
    expect(await runCli(['index-health', '--db', url, '--schema', 'health_scratch', '--json'], (l) => lines.push(l), (l) => errors.push(l)), errors.join('\n')).toBe(0)
    const { findings } = JSON.parse(lines.join('\n'))
    const byKind = (kind: string) => findings.filter((f: { kind: string }) => f.kind === kind)
    expect(byKind('invalid')).toEqual([
      { kind: 'invalid', schema: 'health_scratch', table: 'books', index: 'books_isbn_key', columns: ['isbn'], coveredBy: null, sizeBytes: expect.any(Number), fix: 'DROP INDEX CONCURRENTLY health_scratch.books_isbn_key' }
    ])
    expect(byKind('duplicate')).toEqual([
      { kind: 'duplicate', schema: 'health_scratch', table: 'books', index: 'books_title_idx', columns: ['title'], coveredBy: 'books_title_copy_idx', sizeBytes: expect.any(Number), fix: 'DROP INDEX CONCURRENTLY health_scratch.books_title_idx' }
    ])
    expect(byKind('unused')).toEqual([expect.objectContaining({ index: 'books_title_copy_idx', fix: 'DROP INDEX CONCURRENTLY health_scratch.books_title_copy_idx' })])
    expect(byKind('fk-without-index')).toEqual([
      { kind: 'fk-without-index', schema: 'health_scratch', table: 'books', index: null, columns: ['author_id'], coveredBy: null, sizeBytes: expect.any(Number), fix: 'CREATE INDEX CONCURRENTLY books_author_id_idx ON health_scratch.books (author_id)' }
    ])
    // Primary keys back constraints: never reported.
    expect(findings.filter((f: { index: string | null }) => f.index?.endsWith('_pkey'))).toEqual([])
    expect(findings).toHaveLength(4)
  })
})
