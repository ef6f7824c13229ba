// Loads the local GitHub API lookalike (test-server/, TypeScript) from plain node.
//
// Node cannot import the TypeScript sources, so they are bundled with ncc (transpile only: the
// types are checked by `npm run lint`), as bench/github.mjs does. The bundle is cached in
// build/test-server/<key>/, the key being a hash of test-server/*.ts and the versions of ncc and
// graphql: the first run takes a few seconds, later runs import the cached bundle at once. A new
// bundle is written to a temporary folder and renamed into place, so concurrent runs never see a
// half-written one. The server finds @octokit/graphql-schema in the node_modules above
// build/, i.e. the project's own.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES = join(ROOT, 'test-server');
const CACHE = join(ROOT, 'build', 'test-server');
const NCC = join(ROOT, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');
/** Bundles of other keys older than this are removed (a concurrent run may still be loading one). */
const PRUNE_AFTER_MS = 10 * 60 * 1000;

function versionOf(pkg) {
  try {
    return JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8'))
      .version;
  } catch {
    return 'missing';
  }
}

/** The cache key: the test server's sources and the tools and libraries that go into the bundle. */
export function bundleKey() {
  const hash = createHash('sha256');
  for (const file of readdirSync(SOURCES)
    .filter((f) => f.endsWith('.ts'))
    .sort()) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(join(SOURCES, file)));
    hash.update('\0');
  }
  hash.update(
    `ncc ${versionOf('@vercel/ncc')}\0graphql ${versionOf('graphql')}\0node ${process.version}`,
  );
  return hash.digest('hex').slice(0, 16);
}

/**
 * The bundle's folder, built if it is not cached yet. `log` gets a line before a build.
 * Returns { dir, built }.
 */
export function ensureTestServerBundle({ log = () => {} } = {}) {
  const key = bundleKey();
  const dir = join(CACHE, key);
  if (existsSync(join(dir, 'index.js'))) return { dir, built: false };
  if (!existsSync(NCC)) {
    throw new Error(
      `cannot bundle the test server: ${NCC} is missing (run \`npm ci\` in ${ROOT} first)`,
    );
  }
  mkdirSync(CACHE, { recursive: true });
  log(`Bundling the test server with ncc into ${dir} (once; cached for later runs)…`);
  const tmp = join(CACHE, `.tmp-${process.pid}-${Date.now()}`);
  try {
    execFileSync(
      process.execPath,
      [NCC, 'build', join(SOURCES, 'index.ts'), '-o', tmp, '--quiet', '--transpile-only', '-C'],
      { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] },
    );
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    const stderr = e.stderr ? String(e.stderr).trim() : '';
    throw new Error(`bundling test-server/index.ts with ncc failed${stderr ? `:\n${stderr}` : ''}`);
  }
  try {
    renameSync(tmp, dir);
  } catch (e) {
    // Another run built the same key first: use that one.
    rmSync(tmp, { recursive: true, force: true });
    if (!existsSync(join(dir, 'index.js'))) throw e;
  }
  prune(key);
  return { dir, built: true };
}

/** Removes bundles of other keys (and left-over temporary folders) that nobody built recently. */
function prune(keep) {
  const now = Date.now();
  for (const name of readdirSync(CACHE)) {
    if (name === keep) continue;
    const path = join(CACHE, name);
    try {
      if (now - statSync(path).mtimeMs > PRUNE_AFTER_MS)
        rmSync(path, { recursive: true, force: true });
    } catch {
      // Gone already, or in use elsewhere: leave it.
    }
  }
}

/**
 * Imports the bundled test server: { startTestServer, validateGraphqlDocument, … }.
 * Options: { log(line) } for the one-time "bundling" notice.
 */
export async function loadTestServer(opts = {}) {
  const { dir } = ensureTestServerBundle(opts);
  const lib = await import(pathToFileURL(join(dir, 'index.js')).href);
  if (typeof lib.startTestServer !== 'function') {
    throw new Error(`the test server bundle (${dir}) does not export startTestServer`);
  }
  return lib;
}
