// Bundles the action (dist/index.js) and the CLI (dist/cli/index.js, started by dist/cli.js) with
// ncc. Each store a run may use is a dynamic import() in src/run/run.ts, which ncc writes as a
// chunk beside its bundle (dist/NNN.index.js, dist/cli/NNN.index.js), loaded only by runs that
// need it. The CLI has its own folder so that its chunks cannot collide with the action's; its
// entry dist/cli.js (package.json `bin`, `node dist/cli.js`) only imports it.
// ncc follows tsconfig.json's "paths" (jest and plain node ignore them), which map the bare name
// `undici` to src/stores/github/undici-lazy.ts for the bundles (see that file), and the two pieces
// of @actions/core that a run does not need at start to stand-ins that load the real package on
// first use (src/stores/exec-lazy.ts, src/stores/github/http-client-lazy.ts), through its npm
// alias (`bundled-actions-exec`, `bundled-actions-http-client` in package.json).
// The output depends only on the sources: ncc numbers modules and chunks deterministically.
import { execFileSync } from 'node:child_process';
import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ncc = join('node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');

function bundle(entry, outDir, { minify = false } = {}) {
  execFileSync(
    process.execPath,
    [
      ncc,
      'build',
      entry,
      '-o',
      outDir,
      '--license',
      'licenses.txt',
      '--quiet',
      ...(minify ? ['--minify'] : []),
    ],
    { stdio: 'inherit' },
  );
}

// dist/cli.js: turns on Node's module compile cache (V8's code for the bundle and its chunks,
// kept on disk: Node 22.1+; on Node 20 `enableCompileCache` is absent and this does nothing),
// then loads the bundle, which must come after (hence the dynamic import). The cache lives in
// the user's own cache folder, never in the shared temporary folder, where another user of the
// machine could plant compiled code; NODE_COMPILE_CACHE chooses another folder and
// NODE_DISABLE_COMPILE_CACHE=1 turns it off (Node reads both itself).
const CLI_ENTRY = `#!/usr/bin/env node
// The CLI's entry (package.json bin); the bundle is in cli/. Written by script/build.mjs.
import module from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';

try {
  if (module.enableCompileCache && process.env.NODE_COMPILE_CACHE) module.enableCompileCache();
  else if (module.enableCompileCache) {
    const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
    module.enableCompileCache(join(base, 'gitops-bump', 'node-compile-cache'));
  }
} catch {
  // No home folder (homedir() throws): run without the cache.
}
await import('./cli/index.js');
`;

rmSync('dist', { recursive: true, force: true });
bundle('src/index.ts', 'dist');
// The CLI is minified: its start-up pays for compiling the whole bundle on every run (Node 20
// has no compile cache), and half the bytes compile in about half the time (5 ms of about 50).
// The action's bundle is not: it is what people read when they audit an action they use.
bundle('src/cli.ts', join('dist', 'cli'), { minify: true });
rmSync(join('dist', 'cli', 'package.json'), { force: true });
writeFileSync(join('dist', 'cli.js'), CLI_ENTRY);
chmodSync(join('dist', 'cli.js'), 0o755);
