/** Whether a process with this pid runs: signal 0 checks without sending anything. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it runs, as another user (the postgres OS user when we are root).
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
