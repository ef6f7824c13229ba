// Bundles the action (dist/index.js) and the CLI (dist/cli/index.js, started by dist/cli.js) with
// ncc. Each store a run may use is a dynamic import() in src/run/run.ts, which ncc writes as a
// chunk beside its bundle (dist/NNN.index.js, dist/cli/NNN.index.js), loaded only by runs that
// need it. The CLI has its own folder so that its chunks cannot collide with the action's; its
// entry dist/cli.js (package.json `bin`, `node dist/cli.js`) only loads it.
// The bundles are CommonJS (ncc's `esm: false`; dist/package.json says so, since the project's own
// package.json says "module"): on Node 20 an ES module entry starts Node's ES module loader (about
// 4 ms) and every chunk it imports goes through it, where a CommonJS chunk is one require(). They
// are minified the way `ncc --minify` minifies an entry (terser, names of functions and classes
// kept, nothing rewritten), chunks too, which ncc leaves alone: every start compiles what it
// loads, and half the bytes compile in about half the time. Together: the action's workspace
// start 60 → 47 ms over bare node (bench/README.md). Whoever audits the action reads src/: the
// build is reproducible, and CI fails when dist/ differs from a fresh build of it.
// ncc follows tsconfig.json's "paths" (jest and plain node ignore them), which map the bare name
// `undici` to src/stores/github/undici-lazy.ts for the bundles (see that file), and the two pieces
// of @actions/core that a run does not need at start to stand-ins that load the real package on
// first use (src/stores/exec-lazy.ts, src/stores/github/http-client-lazy.ts), through its npm
// alias (`bundled-actions-exec`, `bundled-actions-http-client` in package.json).
// The output depends only on the sources: ncc numbers modules and chunks deterministically.
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { minify } from 'terser';

const ncc = createRequire(import.meta.url)('@vercel/ncc');

/** ncc's own minify options for an entry (`ncc build --minify`), used for every file here. */
const TERSER = {
  module: false,
  compress: false,
  mangle: { keep_classnames: true, keep_fnames: true },
};

/** Bundles `entry` into `outDir` as CommonJS: the entry, its chunks and licenses.txt. */
async function bundle(entry, outDir) {
  const { code, assets } = await ncc(resolve(entry), {
    esm: false,
    license: 'licenses.txt',
    quiet: true,
  });
  const files = { 'index.js': code };
  for (const [name, asset] of Object.entries(assets)) files[name] = asset.source;
  mkdirSync(outDir, { recursive: true });
  for (const [name, source] of Object.entries(files)) {
    const text = String(source);
    const out = name.endsWith('.js') ? (await minify(text, TERSER)).code : text;
    mkdirSync(dirname(join(outDir, name)), { recursive: true });
    writeFileSync(join(outDir, name), out);
  }
}

// dist/cli.js: turns on Node's module compile cache (V8's code for the bundle and its chunks,
// kept on disk: Node 22.1+; on Node 20 `enableCompileCache` is absent and this does nothing),
// then loads the bundle, which must come after. The cache lives in the user's own cache folder,
// never in the shared temporary folder, where another user of the machine could plant compiled
// code; NODE_COMPILE_CACHE chooses another folder and NODE_DISABLE_COMPILE_CACHE=1 turns it off
// (Node reads both itself).
const CLI_ENTRY = `#!/usr/bin/env node
// The CLI's entry (package.json bin); the bundle is in cli/. Written by script/build.mjs.
const { enableCompileCache } = require('node:module');
const { homedir } = require('node:os');
const { join } = require('node:path');

try {
  if (enableCompileCache && process.env.NODE_COMPILE_CACHE) enableCompileCache();
  else if (enableCompileCache) {
    const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
    enableCompileCache(join(base, 'gitops-bump', 'node-compile-cache'));
  }
} catch {
  // No home folder (homedir() throws): run without the cache.
}
require('./cli/index.js');
`;

rmSync('dist', { recursive: true, force: true });
await bundle('src/index.ts', 'dist');
await bundle('src/cli.ts', join('dist', 'cli'));
// Every .js file under dist/ is CommonJS; the project's package.json says "module".
writeFileSync(join('dist', 'package.json'), `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);
writeFileSync(join('dist', 'cli.js'), CLI_ENTRY);
chmodSync(join('dist', 'cli.js'), 0o755);
