// The CLI's version: from the package.json of gitops-bump next to the running file (dist/cli.js
// or src/cli/main.ts), so that it is the version that was installed.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The version in gitops-bump's package.json; 'unknown' when it cannot be found. */
export function cliVersion(from: string = fileURLToPath(import.meta.url)): string {
  let dir = dirname(from);
  for (let up = 0; up < 4; up++) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'gitops-bump' && pkg.version) return pkg.version;
    }
    dir = dirname(dir);
  }
  return 'unknown';
}
