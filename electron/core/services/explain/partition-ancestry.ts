/**
 * The catalog's side of partition pruning: for each partition a plan lists,
 * its ancestors (pg_inherits, walked up recursively) and how many leaf
 * partitions each ancestor has (walked down), so the plan view can say
 * "3 of 13 partitions scanned" although the planner left the other ten out.
 *
 * One SELECT over the catalog, names as bind parameters (compared as values,
 * never spliced into SQL), so it runs on read-only connections too. Run on the
 * session that explained the plan, inside its transaction.
 */
import type pg from 'pg'
import { partitionAncestrySchema, type ListedPartition, type PartitionAncestry } from '@shared/explain/analyse/partition-catalog'

const ancestrySql = `
with recursive listed as (
  select s.ord, c.oid, n.nspname as schema, c.relname as name
  from unnest($1::text[], $2::text[]) with ordinality as s(nsp, rel, ord)
  join pg_namespace n on n.nspname = s.nsp
  join pg_class c on c.relnamespace = n.oid and c.relname = s.rel
),
up(ord, ancestor, depth) as (
  select l.ord, i.inhparent, 1 from listed l join pg_inherits i on i.inhrelid = l.oid
  union all
  select up.ord, i.inhparent, up.depth + 1 from up join pg_inherits i on i.inhrelid = up.ancestor where up.depth < 64
),
down(ancestor, rel) as (
  select a.ancestor, i.inhrelid from (select distinct ancestor from up) a join pg_inherits i on i.inhparent = a.ancestor
  union all
  select down.ancestor, i.inhrelid from down join pg_inherits i on i.inhparent = down.rel
),
leaves as (
  select d.ancestor, count(distinct d.rel) filter (where c.relkind <> 'p')::int as partitions
  from down d join pg_class c on c.oid = d.rel
  group by d.ancestor
)
select l.schema, l.name,
       coalesce(json_agg(json_build_object('schema', an.nspname, 'name', ac.relname, 'partitions', coalesce(lv.partitions, 0)) order by up.depth)
                  filter (where up.ancestor is not null), '[]') as ancestors
from listed l
left join up on up.ord = l.ord
left join pg_class ac on ac.oid = up.ancestor
left join pg_namespace an on an.oid = ac.relnamespace
left join leaves lv on lv.ancestor = up.ancestor
group by l.ord, l.schema, l.name
order by l.ord`

/** Ancestry of each listed partition that the catalog knows (a dropped one is left out). */
export async function readPartitionAncestry(client: pg.ClientBase, partitions: readonly ListedPartition[]): Promise<PartitionAncestry[]> {
  if (partitions.length === 0) return []
  const result = await client.query<PartitionAncestry>(ancestrySql, [partitions.map((p) => p.schema), partitions.map((p) => p.name)])
  return result.rows.map((row) => partitionAncestrySchema.parse(row))
}
