// The action's entry point: the runner executes dist/index.js, bundled from this file.
import { run } from './action/main.js';
import { exitWhenFlushed } from './run/exit.js';

await run();
await exitWhenFlushed();
