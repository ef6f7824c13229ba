// The action's entry point: the runner executes dist/index.js, bundled from this file. It reads
// the inputs and, for a GitHub commit, sends the run's first read at once (./action/start.ts);
// then it loads the rest of the action (src/main.ts, run(), which @github/local-action calls
// directly) while that read is on the wire: the bundle keeps everything else in chunks loaded
// here.
import { start } from './action/start.js';
import { exitWhenFlushed } from './run/exit.js';

/** How long the entry waits at most for the early read to be on the wire before it loads on. */
const EARLY_READ_CAP_MS = 1000;

async function main(): Promise<void> {
  const started = start();
  // Loading the rest blocks the event loop: let the read go out first.
  if (started.early) await started.early.onTheWire(EARLY_READ_CAP_MS);
  const { run } = await import('./main.js');
  await run(started);
  await exitWhenFlushed();
}
void main();
