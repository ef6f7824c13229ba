// The action's entry point: the runner executes dist/index.js, bundled from this file. The logic
// is in src/main.ts (run()), which @github/local-action calls directly.
import { run } from './main.js';
import { exitWhenFlushed } from './run/exit.js';

await run();
await exitWhenFlushed();
