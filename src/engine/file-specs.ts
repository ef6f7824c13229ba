// `files` entries: a path or glob in the target repository, optionally followed by
// `#KEYPATH` for a key that does not name the image (`image-versions.yaml#data.backend`).
import picomatch from 'picomatch';
import { parseKeyPath } from './locators/key-path.js';
import type { KeyPathTarget } from './types.js';

/** One line of `files`. */
export interface FileSpec {
  /** The line as written, for messages. */
  raw: string;
  pattern: string;
  /** The same line read as a plain path with no key path, for names that contain '#'. */
  literal: string;
  keyPath?: KeyPathTarget;
  isGlob: boolean;
}

/** A file to edit, with the key paths named for it. */
export interface FileTarget {
  path: string;
  keyPaths: KeyPathTarget[];
}

/** Thrown for a `files` entry that cannot be used; the message names the entry and the fix. */
export class FileSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FileSpecError';
  }
}

/** Checks that a repository path stays inside the repository. */
export function checkRepositoryPath(path: string, raw: string): void {
  const fail = (why: string): never => {
    throw new FileSpecError(
      `files: '${raw}' ${why}. Give a path relative to the repository root, such as apps/web/deployment.yaml.`,
    );
  };
  if (path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path)) fail('is an absolute path');
  if (path.includes('\\')) fail("uses '\\'; separate folders with '/'");
  const parts = path.split('/');
  if (parts.includes('..')) fail("leaves the repository with '..'");
  if (parts.some((part) => part === '.git')) fail("points into '.git'");
  if (path.trim() === '' || path.endsWith('/')) fail('does not name a file');
}

/** Parses the lines of `files` (blank lines and `# comments` skipped). */
export function parseFileSpecs(lines: readonly string[]): FileSpec[] {
  const specs: FileSpec[] = [];
  for (const line of lines) {
    const raw = line.trim();
    if (raw === '' || raw.startsWith('#')) continue;
    const hash = raw.lastIndexOf('#');
    const pattern = hash > 0 ? raw.slice(0, hash) : raw;
    const spec: FileSpec = { raw, pattern, literal: raw, isGlob: picomatch.scan(pattern).isGlob };
    if (hash > 0) spec.keyPath = parseKeyPath(raw.slice(hash + 1));
    checkRepositoryPath(pattern, raw);
    specs.push(spec);
  }
  if (specs.length === 0)
    throw new FileSpecError('files: no file given. List at least one path or glob, one per line.');
  return specs;
}

/** Expands the specs against the repository's file list; every spec must match a file. */
export function expandFileSpecs(
  specs: readonly FileSpec[],
  paths: readonly string[],
): FileTarget[] {
  const known = new Set(paths);
  const targets = new Map<string, FileTarget>();
  const add = (path: string, spec: FileSpec, keyPath: KeyPathTarget | undefined): void => {
    const target = targets.get(path) ?? { path, keyPaths: [] };
    if (keyPath) {
      if (target.keyPaths.some((k) => k.raw === keyPath.raw)) {
        throw new FileSpecError(`files: '${spec.raw}' is listed twice; list each file#key once.`);
      }
      target.keyPaths.push(keyPath);
    } else if (targets.has(path) && target.keyPaths.length === 0 && !spec.isGlob) {
      throw new FileSpecError(`files: '${spec.raw}' is listed twice; list each file once.`);
    }
    targets.set(path, target);
  };
  for (const spec of specs) {
    if (!spec.isGlob) {
      if (known.has(spec.pattern)) add(spec.pattern, spec, spec.keyPath);
      else if (spec.keyPath && known.has(spec.literal)) add(spec.literal, spec, undefined);
      else
        throw new FileSpecError(
          `files: '${spec.pattern}' does not exist${nearby(spec.pattern, paths)}. Check the path (it is relative to the repository root).`,
        );
      continue;
    }
    const isMatch = picomatch(spec.pattern, { dot: true });
    const matched = paths.filter((path) => isMatch(path));
    if (matched.length === 0) {
      throw new FileSpecError(
        `files: the glob '${spec.pattern}' matches no file${nearby(spec.pattern, paths)}.`,
      );
    }
    for (const path of matched) add(path, spec, spec.keyPath);
  }
  // A file named both plainly and with a key path: the key path says where to write.
  return [...targets.values()].sort((a, b) => a.path.localeCompare(b.path));
}

function nearby(pattern: string, paths: readonly string[]): string {
  const last = pattern.split('/').pop() ?? '';
  if (picomatch.scan(last).isGlob) {
    // `*.yaml`: point at the files of that extension, nearest folder names first.
    const ext = /\.[A-Za-z0-9]+$/.exec(last)?.[0];
    const similar = ext ? paths.filter((path) => path.endsWith(ext)).slice(0, 5) : [];
    return similar.length ? ` (files ending in ${ext}: ${similar.join(', ')})` : '';
  }
  const similar = paths
    .filter((path) => (last && path.endsWith(`/${last}`)) || path === last)
    .slice(0, 5);
  return similar.length ? ` (files with that name: ${similar.join(', ')})` : '';
}
