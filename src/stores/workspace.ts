// Files on disk, for the CLI and for the action's local mode: list, read (refusing binary and
// non-UTF-8 files, whose bytes a text edit would damage), and write all-or-nothing.

import { isUtf8 } from 'node:buffer';
import {
  chmodSync,
  existsSync,
  lstatSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import {
  type BumpOptions,
  type BumpReport,
  bumpFiles,
  type SourceFile,
} from '../engine/bump-files.js';
import {
  type DescribePath,
  describeKind,
  expandFileSpecs,
  type FileSpec,
} from '../engine/file-specs.js';
import type { Bump } from '../engine/types.js';

const SKIPPED_FOLDERS = new Set(['.git', 'node_modules']);

/** Every file below `root`, as `/`-separated paths relative to it. */
export function listFiles(root: string): string[] {
  const entries = readdirSync(root, { recursive: true, withFileTypes: true });
  const paths: string[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const parent =
      (entry as { parentPath?: string; path?: string }).parentPath ??
      (entry as { path: string }).path;
    const path = relative(root, join(parent, entry.name)).split(sep).join('/');
    if (path.split('/').some((part) => SKIPPED_FOLDERS.has(part))) continue;
    paths.push(path);
  }
  return paths.sort();
}

/** Thrown for a file that cannot be edited as text. */
export class FileReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FileReadError';
  }
}

/** Decodes a file's bytes as UTF-8 text; refuses binary files and other encodings. */
export function decodeText(path: string, bytes: Buffer): string {
  if (bytes.includes(0))
    throw new FileReadError(`${path} is a binary file, not YAML or JSON; remove it from files.`);
  // Checked on the bytes (no second encoded copy of a large file): invalid UTF-8 would be
  // decoded with replacement characters, and writing those back would change other bytes.
  if (!isUtf8(bytes)) {
    throw new FileReadError(
      `${path} is not valid UTF-8; save it as UTF-8 so it can be edited without damaging other bytes.`,
    );
  }
  return bytes.toString('utf8');
}

/** Reads the files at the given paths below `root`. */
export function readFiles(root: string, paths: readonly string[]): SourceFile[] {
  return paths.map((path) => ({ path, text: decodeText(path, readFileSync(join(root, path))) }));
}

/** Writes every file, or none: each goes to a temporary file first, then all are renamed. */
export function writeFiles(
  root: string,
  files: ReadonlyArray<{ path: string; text: string }>,
): void {
  const staged: Array<{ temp: string; target: string }> = [];
  try {
    for (const file of files) {
      const target = join(root, file.path);
      const temp = join(dirname(target), `.gitops-bump-${process.pid}-${staged.length}.tmp`);
      writeFileSync(temp, file.text, 'utf8');
      staged.push({ temp, target });
      chmodSync(temp, statSync(target).mode & 0o7777);
    }
  } catch (error) {
    for (const { temp } of staged) rmSync(temp, { force: true });
    throw error;
  }
  for (const { temp, target } of staged) renameSync(temp, target);
}

/** Says what a named path that is not a regular file is: a directory, symlink or submodule. */
export function describeOnDisk(root: string): DescribePath {
  return (path) => {
    const full = join(root, path);
    let stat: ReturnType<typeof lstatSync>;
    try {
      stat = lstatSync(full);
    } catch {
      return undefined;
    }
    if (stat.isSymbolicLink()) return describeKind(path, 'symlink', readlinkSync(full));
    if (stat.isDirectory())
      return describeKind(path, existsSync(join(full, '.git')) ? 'submodule' : 'directory');
    return undefined;
  };
}

/** Reads the files the specs name below `root` and bumps them in memory; writes nothing. */
export function editWorkspace(
  root: string,
  specs: readonly FileSpec[],
  bumps: readonly Bump[],
  options: BumpOptions,
): BumpReport {
  const targets = expandFileSpecs(specs, listFiles(root), describeOnDisk(root));
  const files = readFiles(
    root,
    targets.map((t) => t.path),
  );
  return bumpFiles(files, targets, bumps, options);
}

/** Writes the files a bump changed, all or none. */
export function writeChanged(root: string, report: BumpReport): void {
  writeFiles(
    root,
    report.files.filter((f) => f.changed).map((f) => ({ path: f.path, text: f.after })),
  );
}
