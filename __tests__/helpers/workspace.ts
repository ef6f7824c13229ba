// A temporary folder holding the given files, for tests of the doors that work on disk.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tempDir } from './temp.js';

/** Creates a temporary folder with the files (path → text) and returns its path (removed after the file's tests). */
export function workspace(files: Record<string, string>): string {
  const root = tempDir('gitops-bump-ws-');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}
