// `files` entries: a path or glob in the target repository, optionally followed by
// `#KEYPATH` for a key that does not name the image (`image-versions.yaml#data.backend`).
// Only picomatch's scanner, which tells a glob from a path. Matching globs takes the rest of
// picomatch (its parser and compiler): ./file-globs.ts, which loads with the run, after the
// action's start has sent its first request (a quarter of the entry's code when it was there).
import scan from 'picomatch/lib/scan.js';
import { parseKeyPath } from './locators/key-path-syntax.js';
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
  /** A `!` line: removes what it matches from what the other lines include. */
  exclude?: boolean;
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
    if (raw.startsWith('!')) {
      specs.push(excludeSpec(raw));
      continue;
    }
    const hash = raw.lastIndexOf('#');
    const pattern = hash > 0 ? raw.slice(0, hash) : raw;
    const spec: FileSpec = { raw, pattern, literal: raw, isGlob: scan(pattern).isGlob };
    if (hash > 0) spec.keyPath = parseKeyPath(raw.slice(hash + 1));
    checkRepositoryPath(pattern, raw);
    specs.push(spec);
  }
  if (specs.length === 0)
    throw new FileSpecError('files: no file given. List at least one path or glob, one per line.');
  if (specs.every((s) => s.exclude))
    throw new FileSpecError(
      `files: only exclusions given (${specs.map((s) => `'${s.raw}'`).join(', ')}); a line starting with '!' removes files from what the other lines name, so list the files to edit too.`,
    );
  return specs;
}

function excludeSpec(raw: string): FileSpec {
  const pattern = raw.slice(1).trim();
  if (pattern.includes('#'))
    throw new FileSpecError(
      `files: '${raw}' excludes with a #key; an exclusion names files only, e.g. !apps/prod/**.`,
    );
  checkRepositoryPath(pattern, raw);
  return { raw, pattern, literal: pattern, isGlob: scan(pattern).isGlob, exclude: true };
}

/**
 * Says what a path that is not a regular file is, with the fix, for messages: "is a directory;
 * name its files, e.g. apps/web/*.yaml". Undefined when the path does not exist at all.
 */
export type DescribePath = (path: string) => string | undefined;

/** Makes the test of one glob against a path (picomatch's, in ./file-globs.ts). */
export type GlobMatcher = (pattern: string) => (path: string) => boolean;

/**
 * The files the include lines of `specs` name among `paths`, in path order; a line that names
 * none is an error. `glob` tests a line with a glob: ./file-globs.ts passes picomatch's. Lines
 * without one need none, so that the run's start can tell its first read before picomatch loads
 * (src/run/first-read.ts): for them, this is what expandFileSpecs gives when nothing is excluded.
 */
export function includedTargets(
  specs: readonly FileSpec[],
  paths: readonly string[],
  describe?: DescribePath,
  glob: GlobMatcher = noGlobs,
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
      else throw missingPath(spec, paths, describe);
      continue;
    }
    const isMatch = glob(spec.pattern);
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

function noGlobs(pattern: string): never {
  throw new Error(`files: '${pattern}' is a glob; match it with expandFileSpecs (file-globs.ts)`);
}

/** A named path that is not a file to edit: says what it is, or that it does not exist. */
export function missingPath(
  spec: FileSpec,
  paths: readonly string[],
  describe?: DescribePath,
): FileSpecError {
  const what = describe?.(spec.pattern);
  if (what) return new FileSpecError(`files: '${spec.pattern}' ${what}`);
  return new FileSpecError(
    `files: '${spec.pattern}' does not exist${nearby(spec.pattern, paths)}. Check the path (it is relative to the repository root).`,
  );
}

function nearby(pattern: string, paths: readonly string[]): string {
  const last = pattern.split('/').pop() ?? '';
  if (scan(last).isGlob) {
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

/** The message part for a path that is a directory, a symbolic link or a submodule. */
export function describeKind(
  path: string,
  kind: 'directory' | 'symlink' | 'submodule',
  target?: string,
): string {
  if (kind === 'directory')
    return `is a directory, not a file; name its files, e.g. ${path}/*.yaml`;
  if (kind === 'symlink')
    return `is a symbolic link${target ? ` to '${target}'` : ''}, not a regular file; name the file it points to, so that the link itself is not rewritten`;
  return 'is a git submodule (another repository), not a file; bump the files in that repository instead';
}
