// The action's entry point: the runner executes dist/index.js, bundled from this file. It first
// sends the run's first GitHub read when the inputs allow (./action/early-read.ts), then loads the
// rest of the action (src/main.ts, run(), which @github/local-action calls directly) while that
// read is on the wire: the bundle keeps everything else in a chunk loaded here.
import { sendEarlyRead } from './action/early-read.js';
import { exitWhenFlushed } from './run/exit.js';
import { warmFetch } from './stores/github/warm-fetch.js';

const early = sendEarlyRead();
// The write that follows the read goes through fetch: ready it while the read is on the wire.
if (early) void early.sent.then(warmFetch);
const { run } = await import('./main.js');
await run(early && { early });
await exitWhenFlushed();
