#!/usr/bin/env node
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
