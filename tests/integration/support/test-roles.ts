import pg from 'pg'

/** Create (or reset) a login role with a known password on a server we are superuser of. */
export async function ensureRole(superuserUrl: string, role: string, password: string, extra = ''): Promise<void> {
  const client = new pg.Client(superuserUrl)
  await client.connect()
  try {
    const exists = await client.query('select 1 from pg_roles where rolname = $1', [role])
    const verb = exists.rowCount ? 'alter' : 'create'
    await client.query(`${verb} role ${client.escapeIdentifier(role)} login password ${client.escapeLiteral(password)} ${extra}`)
  } finally {
    await client.end()
  }
}

export function urlParts(url: string) {
  const u = new URL(url)
  return { host: u.hostname, port: Number(u.port || 5432), database: decodeURIComponent(u.pathname.slice(1)) || 'postgres' }
}
