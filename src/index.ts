// The action's entry point: the runner executes dist/index.js, bundled from this file. It reads
// the inputs and, for a GitHub run, sends the run's first request at once (./action/start.ts);
// then it loads the rest of the action (src/main.ts, run(), which @github/local-action calls
// directly) while that read is on the wire: the bundle keeps everything else in chunks loaded
// here.
import { start } from './action/start.js';
import { exitWhenFlushed } from './run/exit.js';

async function main(): Promise<void> {
  const started = await start();
  // Loading the rest blocks the event loop: let the read go out first.
  if (started.early) await started.early.onTheWire();
  const { run } = await import('./main.js');
  await run(started);
  await exitWhenFlushed();
}
void main();
