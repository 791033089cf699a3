/**
 * Does a statement write? Read from PostgreSQL's own parse tree.
 *
 * 'writes'    INSERT / UPDATE / DELETE / MERGE / DDL / anything not a plain query;
 * 'may-write' a query that calls functions (a function can write) or locks rows;
 * 'reads'     a plain SELECT / VALUES / TABLE without either; built-in
 *             functions known not to write (count, lower, now, …) do not count.
 * EXPLAIN ANALYZE runs every statement inside BEGIN … ROLLBACK regardless; this
 * only decides what the UI tells the user.
 */
import { parseStatements } from './sql-parser'

export type StatementEffect = 'reads' | 'may-write' | 'writes'

export async function statementEffect(statement: string): Promise<StatementEffect> {
  const statements = await parseStatements(statement)
  if (statements === null) return 'may-write'
  let effect: StatementEffect = 'reads'
  for (const { stmt } of statements) {
    const kind = stmt ? Object.keys(stmt)[0] : undefined
    if (kind !== 'SelectStmt') return 'writes'
    if (contains(stmt, (key) => key === 'InsertStmt' || key === 'UpdateStmt' || key === 'DeleteStmt' || key === 'MergeStmt')) return 'writes'
    if (contains(stmt, (key, value) => (key === 'FuncCall' && !isReadOnlyBuiltin(value)) || (key === 'lockingClause' && Array.isArray(value) && value.length > 0) || key === 'intoClause')) effect = 'may-write'
  }
  return effect
}

/**
 * Built-ins that never write, called by their bare name or as pg_catalog.name
 * (pg_catalog comes first on the search path, so a user function of the same
 * name is not what runs). nextval/setval are not here: they change sequences.
 */
const readOnlyBuiltins = new Set(
  (
    'count sum avg min max string_agg array_agg bool_and bool_or every jsonb_agg json_agg jsonb_object_agg stddev variance percentile_cont percentile_disc mode ' +
    'row_number rank dense_rank percent_rank cume_dist ntile lag lead first_value last_value nth_value ' +
    'lower upper length char_length octet_length substring substr trim btrim ltrim rtrim replace concat concat_ws left right position strpos split_part format md5 initcap lpad rpad repeat reverse regexp_replace regexp_match regexp_matches to_char to_date to_timestamp to_number ' +
    'abs round floor ceil ceiling trunc sqrt power mod random width_bucket ' +
    'now current_date current_timestamp clock_timestamp statement_timestamp date_trunc date_part extract age make_date make_interval make_timestamp ' +
    'generate_series unnest array_length cardinality array_position array_to_string string_to_array ' +
    'jsonb_array_elements jsonb_array_elements_text jsonb_each jsonb_each_text jsonb_object_keys jsonb_extract_path jsonb_extract_path_text jsonb_typeof jsonb_build_object jsonb_build_array jsonb_array_length jsonb_path_query to_jsonb to_json row_to_json ' +
    'pg_sleep pg_backend_pid current_setting version pg_relation_size pg_total_relation_size pg_size_pretty'
  ).split(' ')
)

function isReadOnlyBuiltin(call: unknown): boolean {
  const parts = ((call as { funcname?: Array<{ String?: { sval?: string } }> }).funcname ?? []).map((part) => part.String?.sval ?? '')
  const name = parts.length === 1 ? parts[0] : parts.length === 2 && parts[0] === 'pg_catalog' ? parts[1] : undefined
  return name !== undefined && readOnlyBuiltins.has(name)
}

function contains(node: unknown, test: (key: string, value: unknown) => boolean): boolean {
  if (!node || typeof node !== 'object') return false
  if (Array.isArray(node)) return node.some((child) => contains(child, test))
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    if (test(key, value) || contains(value, test)) return true
  }
  return false
}
