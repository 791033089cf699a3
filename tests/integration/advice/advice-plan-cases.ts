/**
 * The queries whose plans are the advice rules' fixtures, and the schema they run on.
 *
 * Each case shows one thing the advice must say (a missing index of one kind, a
 * work_mem spill, a misestimate) or one reason to stay silent (a small table, a
 * filter that keeps most rows, a node that costs next to nothing).
 */
import type { PlanCase } from '../explain/plan-cases'

export const adviceSchemaSql = `
create extension if not exists pg_trgm;
create table members (
  id int primary key,
  email text not null,
  name text not null,
  active boolean not null,
  country text not null,
  city text not null,
  created_at timestamptz not null,
  prefs jsonb not null,
  tags text[] not null
);
create table loans (
  id bigint primary key,
  member_id int not null references members,
  book_id int not null,
  status text not null,
  loaned_at timestamptz not null,
  due_on date not null,
  returned_at timestamptz
);
create index loans_book_idx on loans (book_id);
create table vip_members (member_id int primary key);
create table small_lookup (id int primary key, name text not null);
create table mid_codes (id int primary key, code int not null);

insert into members
  select i, 'member' || i || '@example.com', 'w' || (i % 5000) || ' reader', i % 100 <> 0,
         'c' || (i % 20), 'city' || (i % 200), timestamptz '2020-01-01' + i * interval '5 minutes',
         jsonb_build_object('lang', 'l' || (i % 60)) || case when i % 500 = 0 then '{"vip": true}'::jsonb else '{}'::jsonb end,
         array['t' || (i % 300), 't' || (i % 7)]
  from generate_series(1, 100000) i;
insert into loans
  select i, 1 + (i::bigint * 7919) % 100000, 1 + (i::bigint * 104729) % 3000,
         case when i % 97 = 0 then 'late' when i % 31 = 0 then 'open' else 'returned' end,
         timestamptz '2021-01-01' + i * interval '3 minutes', date '2021-01-22' + (i / 480),
         case when i % 31 = 0 or i % 97 = 0 then null else timestamptz '2021-01-10' + i * interval '3 minutes' end
  from generate_series(1, 300000) i;
insert into vip_members select i * 997 from generate_series(1, 8) i;
insert into small_lookup select i, 'name ' || i from generate_series(1, 200) i;
insert into mid_codes select i, i % 1000 from generate_series(1, 12000) i;
`

const serial = { max_parallel_workers_per_gather: '0' }

export const advicePlanCases: PlanCase[] = [
  { name: 'seq-eq-range', settings: serial, sql: "select * from loans where member_id = 4242 and loaned_at >= '2021-03-01'" },
  { name: 'seq-lower-email', settings: serial, sql: "select * from members where lower(email) = 'member4242@example.com'" },
  { name: 'seq-like-prefix', settings: serial, sql: "select id from members where email like 'member4242%'" },
  { name: 'seq-like-infix', settings: serial, sql: "select id from members where email like '%4242@%'" },
  { name: 'jsonb-contains', settings: serial, sql: `select id from members where prefs @> '{"lang": "l7"}'` },
  { name: 'jsonb-exists', settings: serial, sql: "select id from members where prefs ? 'vip'" },
  { name: 'array-overlap', settings: serial, sql: "select id from members where tags && array['t42']" },
  { name: 'fulltext', settings: serial, sql: "select id from members where to_tsvector('simple', name) @@ to_tsquery('simple', 'w42')" },
  { name: 'partial-bool', settings: serial, sql: "select id from members where not active and country = 'c3'" },
  { name: 'top-n-eq-sort', settings: serial, sql: "select * from loans where status = 'late' order by loaned_at desc limit 10" },
  { name: 'top-n-nulls', settings: serial, sql: 'select id, returned_at from loans order by returned_at desc nulls last limit 20' },
  {
    name: 'nested-loop-discard',
    settings: { ...serial, enable_hashjoin: 'off', enable_mergejoin: 'off', enable_material: 'off', enable_memoize: 'off' },
    sql: 'select l.id from vip_members v join loans l on l.member_id = v.member_id'
  },
  {
    name: 'nested-loop-inner',
    settings: { ...serial, enable_material: 'off', enable_memoize: 'off' },
    // LATERAL makes loans the inner side, scanned once per VIP.
    sql: 'select l.id from vip_members v cross join lateral (select id from loans where loans.member_id = v.member_id offset 0) l'
  },
  { name: 'hash-join-discard', settings: serial, sql: 'select l.id, l.loaned_at from loans l join vip_members v on v.member_id = l.member_id' },
  {
    name: 'index-scan-filter',
    settings: { ...serial, enable_bitmapscan: 'off', enable_seqscan: 'off' },
    sql: "select * from loans where book_id < 300 and status = 'late'"
  },
  {
    name: 'bitmap-lossy',
    settings: { ...serial, work_mem: "'64kB'", enable_indexscan: 'off', enable_seqscan: 'off' },
    sql: 'select count(*) from loans where book_id < 1200'
  },
  {
    name: 'index-only-heap-fetches',
    settings: { ...serial, enable_bitmapscan: 'off', enable_seqscan: 'off' },
    // Rows changed in this transaction are not all-visible: the index-only scan visits the heap for them.
    prepare: 'update loans set due_on = due_on where book_id < 400',
    sql: 'select book_id from loans where book_id < 400'
  },
  { name: 'sort-spill', settings: { ...serial, work_mem: "'64kB'" }, sql: 'select id, loaned_at from loans order by loaned_at, id' },
  { name: 'hash-spill', settings: { ...serial, work_mem: "'64kB'" }, sql: 'select m.country, l.status from loans l join members m on m.id = l.member_id' },
  { name: 'misestimate-correlated', settings: serial, sql: "select id from members where country = 'c3' and city = 'city3'" },
  { name: 'rewrite-not-equal', settings: serial, sql: "select id from loans where status <> 'returned' and status <> 'open'" },
  { name: 'rewrite-or', settings: serial, sql: 'select id from loans where member_id = 4242 or book_id = 17' },
  { name: 'silent-small', settings: serial, sql: "select * from small_lookup where name = 'name 42'" },
  { name: 'silent-unselective', settings: serial, sql: "select count(*) from loans where loaned_at > '2021-01-02'" },
  {
    name: 'silent-negligible',
    settings: serial,
    sql: 'select (select count(*) from mid_codes where code = 77) as few, count(*) from loans l join members m on m.id = l.member_id'
  },
  {
    name: 'silent-covered',
    settings: { ...serial, enable_indexscan: 'off', enable_bitmapscan: 'off' },
    sql: 'select * from loans where book_id = 42'
  }
]

/** The same query planned without ANALYZE: advice from estimates (what `tusk advise` sees without --analyze). */
advicePlanCases.push({ name: 'seq-eq-range-estimates', settings: serial, options: 'VERBOSE, SETTINGS', sql: advicePlanCases[0]!.sql })
