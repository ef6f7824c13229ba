// The CLI's entry point, bundled to dist/cli/index.js (started by dist/cli.js).
import { runCli } from './cli/main.js';
import { exitWhenFlushed } from './run/exit.js';

async function main(): Promise<void> {
  process.exitCode = await runCli(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
  });
  await exitWhenFlushed();
}
void main();
