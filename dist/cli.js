#!/usr/bin/env node
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
