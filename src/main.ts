// The action's logic entry point: exports run(), as GitHub's local runner (@github/local-action)
// expects of `src/main.ts`; src/index.ts (bundled into dist/index.js) only calls it.
export { run } from './action/main.js';
