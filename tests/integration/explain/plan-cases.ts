/**
 * The queries captured as plan fixtures, and the small schema they run on.
 *
 * Each case covers one plan shape the visualizer must get right (a spill, a
 * parallel subtree, an InitPlan, …). Every case runs in BEGIN … ROLLBACK (so
 * the UPDATE with a trigger leaves no trace) with `SET LOCAL` settings, so a
 * plan does not depend on what ran before it; they also show up in SETTINGS.
 */

export interface PlanCase {
  name: string
  sql: string
  /** `SET` statements run before the EXPLAIN (inside the transaction when there is one). */
  settings?: Record<string, string>
  /** EXPLAIN options other than FORMAT; default ANALYZE, BUFFERS, VERBOSE, SETTINGS. */
  options?: string
  /** A statement prepared first (and deallocated after), for `EXECUTE` cases. */
  prepare?: string
}

export const schemaSql = `
create table customers (id int primary key, name text not null, country text not null);
create table orders (
  id int primary key,
  customer_id int not null references customers,
  amount numeric(10,2) not null,
  created date not null,
  note text not null
);
create index orders_customer_idx on orders (customer_id);
create index orders_created_idx on orders (created);
create table order_audit (order_id int, old_amount numeric, new_amount numeric, at timestamptz default now());
create function audit_order() returns trigger language plpgsql as $$
begin
  insert into order_audit (order_id, old_amount, new_amount) values (new.id, old.amount, new.amount);
  return new;
end $$;
create trigger orders_audit after update on orders for each row execute function audit_order();
create table events (id int, day date not null, kind text not null, payload text) partition by range (day);
create table events_2024_01 partition of events for values from ('2024-01-01') to ('2024-02-01');
create table events_2024_02 partition of events for values from ('2024-02-01') to ('2024-03-01');
create table events_2024_03 partition of events for values from ('2024-03-01') to ('2024-04-01');
create table events_2024_04 partition of events for values from ('2024-04-01') to ('2024-05-01');

insert into customers
  select i, 'customer ' || i, (array['NL','DE','FR','US','JP'])[1 + i % 5] from generate_series(1, 2000) i;
insert into orders
  select i, 1 + (i * 7919) % 2000, ((i::bigint * 104729) % 100000) / 100.0, date '2024-01-01' + (i % 120), md5(i::text)
  from generate_series(1, 60000) i;
insert into events
  select i, date '2024-01-01' + (i % 120), (array['click','view','buy'])[1 + i % 3], md5(i::text)
  from generate_series(1, 12000) i;
`

const serial = { max_parallel_workers_per_gather: '0' }
const forcedParallel = {
  max_parallel_workers_per_gather: '2',
  parallel_setup_cost: '0',
  parallel_tuple_cost: '0',
  min_parallel_table_scan_size: '0',
  parallel_leader_participation: 'on'
}

export const planCases: PlanCase[] = [
  { name: 'seq-scan-filter', settings: serial, sql: 'select id, amount from orders where amount > 990' },
  { name: 'index-scan', settings: serial, sql: 'select * from orders where id between 100 and 120' },
  { name: 'index-only-scan', settings: serial, sql: 'select customer_id from orders where customer_id < 40' },
  {
    name: 'bitmap-heap-scan',
    settings: { ...serial, enable_indexscan: 'off', enable_seqscan: 'off' },
    sql: "select * from orders where customer_id < 20 or created = date '2024-01-05'"
  },
  {
    name: 'hash-join',
    settings: serial,
    sql: "select c.name, o.amount from orders o join customers c on c.id = o.customer_id where c.country = 'NL' and o.amount > 500"
  },
  {
    name: 'merge-join',
    settings: { ...serial, enable_hashjoin: 'off', enable_nestloop: 'off' },
    sql: 'select c.name, o.amount from orders o join customers c on c.id = o.customer_id where o.id < 5000'
  },
  {
    name: 'nested-loop',
    settings: { ...serial, enable_hashjoin: 'off', enable_mergejoin: 'off', enable_memoize: 'off' },
    sql: 'select c.name, o.amount from customers c join orders o on o.customer_id = c.id where c.id < 300'
  },
  {
    name: 'never-executed',
    settings: { ...serial, enable_hashjoin: 'off', enable_mergejoin: 'off' },
    sql: 'select * from customers c join orders o on o.customer_id = c.id where c.id = -1'
  },
  {
    name: 'aggregate-hashed',
    settings: { ...serial, enable_sort: 'off' },
    sql: 'select customer_id, count(*), sum(amount) from orders group by customer_id'
  },
  {
    name: 'aggregate-sorted',
    settings: { ...serial, enable_hashagg: 'off' },
    sql: 'select country, count(*) from customers group by country order by country'
  },
  { name: 'sort-spill', settings: { ...serial, work_mem: "'64kB'" }, sql: 'select * from orders order by note' },
  {
    name: 'hash-join-spill',
    settings: { ...serial, work_mem: "'64kB'", enable_mergejoin: 'off', enable_nestloop: 'off' },
    sql: 'select count(*) from orders a join orders b on b.note = a.note'
  },
  {
    name: 'hashagg-spill',
    settings: { ...serial, work_mem: "'64kB'", enable_sort: 'off' },
    sql: 'select note, count(*) from orders group by note'
  },
  { name: 'incremental-sort', settings: serial, sql: 'select * from orders order by customer_id, amount limit 200' },
  {
    name: 'parallel-gather',
    settings: forcedParallel,
    sql: 'select count(*), avg(amount) from orders where amount > 100'
  },
  {
    name: 'parallel-gather-merge',
    settings: forcedParallel,
    sql: 'select id, amount from orders where amount > 500 order by amount'
  },
  {
    name: 'parallel-hash-join',
    settings: { ...forcedParallel, enable_nestloop: 'off', enable_mergejoin: 'off' },
    sql: "select count(*) from orders o join customers c on c.id = o.customer_id where c.country <> 'JP'"
  },
  {
    name: 'cte-materialized',
    settings: serial,
    sql: `with totals as materialized (select customer_id, sum(amount) as total from orders group by customer_id)
          select a.customer_id, a.total, b.total from totals a join totals b on b.customer_id = a.customer_id + 1 where a.total > 15000`
  },
  {
    name: 'recursive-cte',
    settings: serial,
    sql: 'with recursive r(n) as (select 1 union all select n + 1 from r where n < 100) select sum(n) from r'
  },
  {
    name: 'initplan',
    settings: serial,
    sql: 'select id, amount from orders where amount > (select avg(amount) from orders) and customer_id < 10'
  },
  {
    name: 'subplan',
    settings: serial,
    sql: 'select c.id, (select max(o.amount) from orders o where o.customer_id = c.id) from customers c where c.id < 100'
  },
  {
    name: 'partition-pruning',
    settings: serial,
    sql: "select kind, count(*) from events where day >= (select date '2024-03-10') and day < date '2024-04-01' group by kind"
  },
  {
    name: 'union-append',
    settings: serial,
    sql: 'select id from customers where id < 50 union all select id from orders where id < 50'
  },
  {
    name: 'trigger',
    settings: serial,
    options: 'ANALYZE, BUFFERS, VERBOSE, SETTINGS, WAL',
    sql: 'update orders set amount = amount + 1 where id <= 20'
  },
  { name: 'no-analyze', settings: serial, options: 'VERBOSE, SETTINGS', sql: "select c.name, o.amount from orders o join customers c on c.id = o.customer_id where c.country = 'NL'" },
  {
    name: 'timing-off',
    settings: { ...serial, enable_hashagg: 'off' },
    options: 'ANALYZE, TIMING OFF, BUFFERS',
    sql: 'select customer_id, count(*) from orders where customer_id < 500 group by customer_id'
  },
  { name: 'analyze-only', settings: serial, options: 'ANALYZE', sql: 'select * from orders where customer_id = 7 order by amount limit 5' },
  {
    name: 'jit',
    settings: { ...serial, jit: 'on', jit_above_cost: '0', jit_inline_above_cost: '0', jit_optimize_above_cost: '0' },
    sql: 'select sum(amount), count(*) from orders where amount > 10'
  },
  {
    name: 'memoize',
    settings: { ...serial, enable_hashjoin: 'off', enable_mergejoin: 'off' },
    sql: 'select count(*) from orders o join customers c on c.id = o.customer_id where o.id < 3000'
  },
  {
    name: 'anti-join',
    settings: serial,
    sql: 'select count(*) from customers c where not exists (select 1 from orders o where o.customer_id = c.id and o.amount > 990)'
  },
  {
    name: 'outer-join',
    settings: serial,
    sql: 'select c.id, o.id from customers c left join orders o on o.customer_id = c.id and o.amount > 998'
  },
  {
    name: 'setop-except',
    settings: serial,
    sql: 'select customer_id from orders except select id from customers where id < 100'
  },
  {
    name: 'window-function',
    settings: serial,
    sql: 'select id, sum(amount) over (partition by customer_id order by id) from orders where customer_id < 5'
  },
  {
    name: 'function-values',
    settings: serial,
    sql: 'select * from generate_series(1, 10) g join (values (1), (2), (3)) v(x) on v.x = g'
  },
  {
    name: 'subquery-scan',
    settings: serial,
    sql: 'select * from (select customer_id, count(*) as n from orders group by customer_id offset 0) s where s.n > 35'
  },
  {
    name: 'runtime-pruning',
    settings: { ...serial, plan_cache_mode: 'force_generic_plan' },
    prepare: 'prepare recent_events(date) as select count(*) from events where day >= $1',
    sql: "execute recent_events('2024-03-10')"
  }
]
