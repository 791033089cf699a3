/**
 * Stops the server when our process goes away, however it goes.
 *
 * A detached shell waits for our pid to vanish and then stops whatever server
 * runs in the data dir. It watches the data dir, not one postmaster: a server
 * stopped and started again (a restart, a recovery, a reset) is still stopped at
 * the end, so it does not exit when postmaster.pid is briefly missing. One
 * watchdog per data dir and process is enough; a stop of ours ends it (the
 * next start makes a new one).
 */
import { spawn } from 'node:child_process'
import { isProcessAlive } from '../../app/process-alive'

export interface WatchdogOptions {
  pgCtl: string
  dataDir: string
  uid?: number
  gid?: number
}

/** Our pid is gone → for a few seconds (a start that was under way when we died), stop any server that appears. */
const script = [
  'parent=$1; pgctl=$2; data=$3',
  'while kill -0 "$parent" 2>/dev/null || [ -d "/proc/$parent" ]; do sleep 0.5; done',
  'tries=0',
  'while [ "$tries" -lt 10 ]; do',
  '  if [ -f "$data/postmaster.pid" ]; then',
  '    "$pgctl" stop -D "$data" -m fast -w -t 60 >/dev/null 2>&1 && exit 0',
  '  fi',
  '  tries=$((tries + 1)); sleep 0.5',
  'done'
].join('\n')

const running = new Map<string, number>()

/** Start the data dir's watchdog unless this process already has one alive. */
export function ensureWatchdog(options: WatchdogOptions): void {
  const existing = running.get(options.dataDir)
  if (existing !== undefined && isProcessAlive(existing)) return
  const child = spawn('/bin/sh', ['-c', script, 'tusk-pg-watchdog', String(process.pid), options.pgCtl, options.dataDir], {
    detached: true,
    stdio: 'ignore',
    ...(options.uid !== undefined ? { uid: options.uid, gid: options.gid } : {})
  })
  child.unref()
  if (child.pid !== undefined) running.set(options.dataDir, child.pid)
}

/** We stopped the server ourselves: its watchdog has nothing left to do. */
export function stopWatchdog(dataDir: string): void {
  const pid = running.get(dataDir)
  running.delete(dataDir)
  if (pid === undefined) return
  try {
    process.kill(pid, 'SIGTERM')
  } catch {
    // Already gone.
  }
}
