/** Entry of the `tusk` command (see run-cli.ts): runs with the process's arguments. */
import { runCli } from './run-cli'

// runCli answers every failure with an exit code; it never rejects.
void runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code
})
