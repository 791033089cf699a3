/**
 * The schema browser's catalog reads against a real server: partitions under
 * their parent, foreign keys both ways, index facts, sizes and DDL.
 */
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { readSchemaTree, readTableDetails } from '../../electron/core/services/schema/schema-catalog'

const servers = [
  { label: 'the main test server (PostgreSQL 18)', url: inject('databaseUrl') },
  { label: 'a second major version (PostgreSQL 15)', url: inject('secondDatabaseUrl') }
].filter((s) => s.url !== '')

describe.each(servers)('on $label', ({ url }) => {
  let pool: pg.Pool

  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: url })
    await pool.query(`drop schema if exists tusk_browse cascade; create schema tusk_browse;
      create table tusk_browse.authors (id int primary key, name text not null default 'anon');
      create table tusk_browse.books (id int primary key, author_id int references tusk_browse.authors, "Title" text);
      create index books_title_idx on tusk_browse.books ("Title");
      create table tusk_browse.events (id int, at date) partition by range (at);
      create table tusk_browse.events_2024 partition of tusk_browse.events for values from ('2024-01-01') to ('2025-01-01');
      create view tusk_browse.v_books as select * from tusk_browse.books;
      create function tusk_browse.answer(x int) returns int language sql as 'select 42';
      comment on table tusk_browse.books is 'It''s the books';`)
  })
  afterAll(async () => {
    await pool.query('drop schema if exists tusk_browse cascade')
    await pool.end()
  })

  describe('schema browser catalog', () => {
    it('lists relations with partitions under their parent, views and functions', async () => {
      const tree = await readSchemaTree(pool)
      const schema = tree.schemas.find((s) => s.name === 'tusk_browse')!
      expect(schema.relations.map((r) => `${r.name}:${r.kind}:${r.parent ?? ''}`)).toEqual([
        'authors:r:',
        'books:r:',
        'events:p:',
        'events_2024:r:events',
        'v_books:v:'
      ])
      expect(schema.functions).toEqual([{ name: 'answer', signature: 'x integer', kind: 'f' }])
    })

    it('sizes a partitioned table by its partitions, nested and inherited ones too, whatever their names', async () => {
      await pool.query(`create table tusk_browse."Odd ""Log""" (id int, at date) partition by range (at);
        create table tusk_browse."Odd Log 2024" partition of tusk_browse."Odd ""Log""" for values from ('2024-01-01') to ('2025-01-01') partition by range (at);
        create table tusk_browse."Odd Log 2024 H1" partition of tusk_browse."Odd Log 2024" for values from ('2024-01-01') to ('2024-07-01');
        create table tusk_browse."Odd Log 2024 H2" partition of tusk_browse."Odd Log 2024" for values from ('2024-07-01') to ('2025-01-01');
        insert into tusk_browse."Odd ""Log""" select g, date '2024-01-01' + (g % 366) from generate_series(1, 20000) g;
        create table tusk_browse.legacy (id int); create table tusk_browse.legacy_child () inherits (tusk_browse.legacy);
        insert into tusk_browse.legacy_child select generate_series(1, 5000);`)
      const odd = await readTableDetails(pool, 'tusk_browse', 'Odd "Log"')
      expect(odd.partitions.map((p) => `${p.level} ${p.name} < ${p.parent}`)).toEqual([
        '1 Odd Log 2024 < Odd "Log"',
        '2 Odd Log 2024 H1 < Odd Log 2024',
        '2 Odd Log 2024 H2 < Odd Log 2024'
      ])
      const [year, h1, h2] = odd.partitions
      expect(h1!.sizes.table).toBeGreaterThan(0)
      expect(year!.sizes.table).toBe(h1!.sizes.table + h2!.sizes.table)
      expect(odd.sizes.table).toBe(year!.sizes.table)
      const legacy = await readTableDetails(pool, 'tusk_browse', 'legacy')
      expect(legacy.partitions).toMatchObject([{ name: 'legacy_child', level: 1, bound: '(inheritance child)' }])
      expect(legacy.sizes.table).toBe(legacy.partitions[0]!.sizes.table)
    })

    it("gives a table's page: columns, indexes, foreign keys both ways, sizes and DDL", async () => {
      const books = await readTableDetails(pool, 'tusk_browse', 'books')
      expect(books.columns.map((c) => `${c.name} ${c.type} ${c.nullable}`)).toEqual(['id integer false', 'author_id integer true', 'Title text true'])
      expect(books.indexes.map((i) => [i.name, i.primary, i.valid])).toEqual([
        ['books_pkey', true, true],
        ['books_title_idx', false, true]
      ])
      expect(books.foreignKeys.outgoing[0]).toMatchObject({ otherTable: 'tusk_browse.authors' })
      expect(books.sizes.total).toBeGreaterThan(0)
      expect(books.ddl).toContain('CREATE TABLE "tusk_browse"."books"')
      expect(books.ddl).toContain('CREATE INDEX books_title_idx ON tusk_browse.books USING btree ("Title")')
      expect(books.ddl).toContain("IS 'It''s the books'")
      const authors = await readTableDetails(pool, 'tusk_browse', 'authors')
      expect(authors.foreignKeys.incoming).toEqual([expect.objectContaining({ otherTable: 'tusk_browse.books' })])
      expect(authors.columns[1]).toMatchObject({ name: 'name', default: "'anon'::text" })
      const events = await readTableDetails(pool, 'tusk_browse', 'events')
      expect(events.partitions).toMatchObject([{ name: 'events_2024', bound: "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')", level: 1, parent: 'events' }])
      expect(events.ddl).toContain('PARTITION BY RANGE (at)')
    })

    it('says clearly when a table is gone', async () => {
      await expect(readTableDetails(pool, 'tusk_browse', 'nope')).rejects.toMatchObject({ data: { code: 'schema/not-found' } })
    })
  })
})
