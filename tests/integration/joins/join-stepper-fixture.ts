/**
 * Small tables with what makes joins interesting: NULL keys, duplicate keys,
 * rows that match nothing, columns of the same name, keys of different types,
 * and values whose text needs quoting (commas, quotes, backslashes, json, arrays).
 */
import type pg from 'pg'

export const fixtureSql = `
drop schema if exists stepper cascade;
create schema stepper;
create table stepper.dept (id int primary key, name text, city text);
create table stepper.emp (id int primary key, name text, dept_id int, boss_id int, salary numeric(8,2));
create table stepper.proj (id serial primary key, emp_id bigint, title text);
create table stepper.dept2 (dept_id int, label text);
create table stepper.city (name text, country text);
create table stepper.docs (id int, body jsonb, tags text[], at timestamptz);
create table stepper.codes (code varchar(5), label text);
insert into stepper.dept values (1, 'Sales', 'Paris'), (2, 'R&D', 'Berlin'), (3, 'Ops', null), (4, 'Empty', 'Rome');
insert into stepper.emp values
  (1, 'Ann', 1, null, 100), (2, 'Bob', 1, 1, 90), (3, 'Cid', 2, 1, 80),
  (4, 'Dee', null, 2, 70), (5, 'Eve', 9, 2, null), (6, 'O''Brien, "Jr" \\ x', 2, 3, 85);
insert into stepper.proj (emp_id, title) values (1, 'a'), (1, 'b'), (3, 'c'), (null, 'd'), (7, 'e'), (3, '3');
insert into stepper.dept2 values (1, 'one'), (1, 'uno'), (2, 'two'), (null, 'none'), (8, 'eight');
insert into stepper.city values ('Paris', 'FR'), ('Berlin', 'DE'), ('Berlin', 'US'), (null, 'XX');
insert into stepper.docs values
  (1, '{"dept": "1", "n": [1, 2]}', '{a,"b c",NULL}', '2024-01-02 03:04:05.678+00'),
  (2, '{"dept": "2"}', '{}', null), (3, '{"x": null}', null, '2024-06-01 00:00:00+00');
insert into stepper.codes values ('1', 'one'), ('2', 'two'), (null, 'none'), ('2', 'dup'), ('01', 'zero-one');
create table stepper.big (id int primary key, k int, note text);
insert into stepper.big select g, case when g % 10 = 0 then null else g % 7 end, 'n' || g from generate_series(1, 3000) g;
create index on stepper.big (k);
analyze stepper.big;
create view stepper.v_emp as select id, name, dept_id from stepper.emp where id < 5;
create table stepper."Upper Case" ("Id" int, "Name" text);
insert into stepper."Upper Case" values (1, 'x'), (2, 'y'), (null, 'z');
create table stepper.part (id int, k int) partition by range (id);
create table stepper.part_1 partition of stepper.part for values from (0) to (10);
create table stepper.part_2 partition of stepper.part for values from (10) to (20);
insert into stepper.part values (1, 1), (2, 2), (11, 1), (12, null);
create table stepper.empty (id int, x text);
create table stepper.exotic (id int, b bytea, p point, m money, r int4range, xs int[][], c text collate "C", d date, iv interval, u uuid, v varchar(3));
insert into stepper.exotic values
  (1, '\\x00ff', '(1,2)', 12.5, '[1,5)', '{{1,2},{3,4}}', 'Zed', '2024-02-29', '1 day 02:00', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'ab'),
  (2, null, null, null, 'empty', null, 'a"b,c', null, null, null, null);
`

/** Queries whose stepper rows must equal PostgreSQL's own (whole tables sampled). */
export const joinQueries: string[] = [
  'select * from stepper.emp e join stepper.dept d on d.id = e.dept_id',
  'select e.name, d.name from stepper.emp e left join stepper.dept d on d.id = e.dept_id',
  'select e.name, d.name from stepper.emp e right join stepper.dept d on d.id = e.dept_id',
  'select * from stepper.emp e full join stepper.dept d on d.id = e.dept_id',
  'select e.id, d.id from stepper.emp e cross join stepper.dept d',
  'select e.name, d.name from stepper.emp e, stepper.dept d where e.dept_id = d.id',
  'select * from stepper.emp join stepper.dept2 using (dept_id)',
  'select * from stepper.emp left join stepper.dept2 using (dept_id)',
  'select * from stepper.emp full join stepper.dept2 using (dept_id)',
  'select * from stepper.emp natural join stepper.dept2',
  'select * from stepper.dept2 natural left join stepper.emp',
  'select e.name, b.name as boss from stepper.emp e left join stepper.emp b on b.id = e.boss_id',
  'select e.name, b.name from stepper.emp e join stepper.emp b on b.id = e.boss_id',
  'select * from stepper.emp e join stepper.dept d on d.id = e.dept_id join stepper.proj p on p.emp_id = e.id',
  'select e.name, d.name, p.title from stepper.emp e left join stepper.dept d on d.id = e.dept_id full join stepper.proj p on p.emp_id = e.id',
  'select * from stepper.emp e left join stepper.dept d on d.id = e.dept_id left join stepper.city c on c.name = d.city join stepper.proj p on p.emp_id = e.id',
  'select e.name, x.total from stepper.emp e join (select emp_id, count(*) as total from stepper.proj group by emp_id) x on x.emp_id = e.id',
  "select e.name, v.label from stepper.emp e left join (values (1, 'one'), (2, 'two'), (null::int, 'null')) as v(id, label) on v.id = e.dept_id",
  'select * from stepper.dept d where exists (select 1 from stepper.emp e where e.dept_id = d.id)',
  'select * from stepper.dept d where not exists (select 1 from stepper.emp e where e.dept_id = d.id)',
  'select * from stepper.dept d where d.id in (select dept_id from stepper.emp)',
  'select * from stepper.dept d where d.id not in (select dept_id from stepper.emp)',
  'select * from stepper.dept d where d.id not in (select dept_id from stepper.emp where dept_id is not null)',
  'select e.name, p.title from stepper.emp e join stepper.proj p on p.emp_id = e.id',
  'select e.name, p.title from stepper.emp e left join stepper.proj p on p.title = e.id::text',
  'select d.name, c.label from stepper.dept d join stepper.codes c on c.code = d.id::text',
  'select d.name, c.label from stepper.dept d left join stepper.codes c on c.code::int = d.id',
  "select e.name, d.name from stepper.emp e left join stepper.dept d on d.id = e.dept_id and d.city = 'Paris'",
  "select e.name, d.name from stepper.emp e left join stepper.dept d on d.id = e.dept_id where d.city = 'Paris'",
  'select e.name, d.name from stepper.emp e join stepper.dept d on d.id = e.dept_id or d.id = e.boss_id',
  'select e.name, d.name from stepper.emp e join stepper.dept d on e.salary > d.id * 20',
  'select e.id, d.name from stepper.emp e left join stepper.dept d on d.id = e.dept_id order by e.id limit 3',
  'select distinct d.city from stepper.emp e join stepper.dept d on d.id = e.dept_id',
  'with x as (select * from stepper.dept where city is not null) select * from stepper.emp e join x on x.id = e.dept_id',
  'select e.name, g from stepper.emp e join generate_series(1, 3) as g on g = e.dept_id',
  "select e.name || '@' || coalesce(d.name, '-') as who from stepper.emp e left join stepper.dept d on d.id = e.dept_id",
  'select * from stepper.emp e where (e.id, e.dept_id) in (select p.emp_id, 1 from stepper.proj p)',
  'select e.name, d.name from stepper.emp e join stepper.dept d on d.id = e.dept_id where exists (select 1 from stepper.proj p where p.emp_id = e.id)',
  'select * from stepper.emp e join (stepper.dept d left join stepper.city c on c.name = d.city) on d.id = e.dept_id',
  'select d.name, c.label from stepper.dept d join stepper.codes c on lower(c.label) = lower(d.name)',
  'select e.id, d.id from stepper.emp e join stepper.dept d on true',
  'select * from stepper.emp right join stepper.dept2 using (dept_id)',
  'select a.name, b.name from stepper.emp a, stepper.emp b where a.boss_id = b.id',
  'select * from stepper.dept d where d.id in (select e.dept_id from stepper.emp e where e.salary > d.id * 10)',
  "select d.name, x.body, x.tags, x.at from stepper.dept d left join stepper.docs x on x.body->>'dept' = d.id::text",
  'select * from stepper.docs x full join stepper.codes c on c.code = x.id::text',
  'select e.name, d.name, c.country from stepper.emp e full join stepper.dept d on d.id = e.dept_id full join stepper.city c on c.name = d.city',
  'select count_me.* from stepper.emp count_me join stepper.dept2 x on x.dept_id = count_me.dept_id',
  'select * from stepper.dept d left join stepper.emp e on e.dept_id = d.id where e.id is null',
  'select p.*, e.* from stepper.proj p left join stepper.emp e on e.id = p.emp_id',
  'with x as (select * from stepper.dept) select a.name, b.name from x a join x b on a.id < b.id',
  'select * from stepper.emp e join stepper.dept d using (id)',
  'select * from stepper.emp e where e.dept_id in (select id from stepper.dept d where d.city is not null) and e.salary > 75',
  'select e.name from stepper.emp e where not exists (select 1 from stepper.proj p join stepper.dept d on d.id = p.id where p.emp_id = e.id)',
  'select * from (values (1), (2), (null)) a(x) full join (values (2), (null), (3)) b(x) on a.x = b.x',
  "select * from stepper.emp e left join stepper.proj p on p.emp_id = e.id and p.title <> 'a' where p.id is null or e.id > 3",
  'select * from stepper.dept d where d.id in (values (1), (3))',
  'select * from stepper.dept d where d.id not in (select max(dept_id) from stepper.emp union select 4)',
  'select * from stepper.dept d where d.id in (select e.dept_id from stepper.emp e group by 1 having count(*) > 1)',
  'select * from stepper.v_emp v join stepper.dept d on d.id = v.dept_id',
  'select * from stepper."Upper Case" u left join stepper.emp e on e.id = u."Id"',
  'select * from only stepper.part p join stepper.emp e on e.id = p.k',
  'select * from stepper.part p right join stepper.emp e on e.id = p.k',
  'select * from stepper.emp e(a, b, c) join stepper.dept d on d.id = e.c',
  'select * from stepper.emp e join stepper.dept d on e.dept_id is not distinct from d.id',
  'select * from generate_series(1, 3) a join generate_series(2, 4) b on a = b',
  'select * from unnest(array[1, 2, null]) with ordinality as u(v, n) left join stepper.dept d on d.id = u.v',
  'select * from stepper.emp where exists (select 1 from stepper.emp e2 where e2.boss_id = emp.id)',
  'select e from stepper.emp e join stepper.dept d on d.id = e.dept_id',
  'with recursive r(n) as (select 1 union all select n + 1 from r where n < 3) select * from r join stepper.dept d on d.id = r.n',
  'select * from stepper.emp e cross join stepper.dept d cross join stepper.city c',
  'select * from stepper.emp e full join stepper.dept d on false',
  'select j.dept_id, a.name from stepper.emp a join stepper.dept2 b using (dept_id) as j',
  'select * from (stepper.emp a join stepper.dept2 b using (dept_id)) as j where j.dept_id = 1',
  'select * from stepper.emp e left join stepper.empty z on z.id = e.id',
  'select * from stepper.empty z full join stepper.empty y on y.id = z.id',
  'select * from stepper.exotic a join stepper.exotic b on a.r && b.r or a.c < b.c',
  'select * from stepper.exotic a left join stepper.dept d on d.id = a.id and a.b is not null',
  'select * from stepper.emp natural full join stepper.dept2',
  'select * from stepper.emp a full join stepper.dept2 b using (dept_id) full join stepper.dept2 c using (dept_id)',
  "select * from stepper.emp e join json_to_recordset('[{\"a\":1,\"b\":\"x\"},{\"a\":2,\"b\":null}]') as r(a int, b text) on r.a = e.dept_id",
  'select * from stepper.dept d where d.id in (select dept_id from stepper.emp e join stepper.proj p on p.emp_id = e.id)'
]

export async function loadFixture(client: pg.Client): Promise<void> {
  await client.query(fixtureSql)
}
