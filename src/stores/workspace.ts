// Files on disk, for the CLI and for the action's local mode, as a Store: list, read (refusing
// binary and non-UTF-8 files, whose bytes a text edit would damage), and write all-or-nothing,
// guarded by a digest of the bytes read (there are no commits on disk).

import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  existsSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import type { SourceFile } from '../engine/bump-files.js';
import { type DescribePath, describeKind } from '../engine/file-specs.js';
import {
  type FileChange,
  type HeadRead,
  StaleHeadError,
  type Store,
  type WriteMessage,
  type Written,
} from './store.js';

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

/** A folder on disk as a Store; a write makes no commit (its `oid` and `url` are ''). */
export class WorkspaceFolder implements Store {
  /** describe() looks at the disk (lstat), listed or not. */
  readonly describesUnlisted = true;
  /** The paths of the last read, whose digest guards the write. */
  private paths: readonly string[] = [];

  constructor(readonly root: string) {}

  get where(): string {
    return this.root;
  }

  async list(): Promise<string[]> {
    return listFiles(this.root);
  }

  /** Says what a named path is when it is not a regular file (a folder, symlink or submodule). */
  describe(path: string): string | undefined {
    return describeOnDisk(this.root)(path);
  }

  async read(paths: readonly string[]): Promise<HeadRead> {
    const files = new Map<string, string | undefined>();
    const hash = createHash('sha256');
    for (const path of [...paths].sort()) {
      const full = join(this.root, path);
      const bytes = existsSync(full) ? readFileSync(full) : undefined;
      files.set(path, bytes && decodeText(path, bytes));
      hashEntry(hash, path, bytes && ((h) => h.update(bytes)));
    }
    this.paths = [...paths];
    return { head: hash.digest('hex'), files };
  }

  /** The digest read() gives for the files as they are now, read in chunks (no whole copy). */
  private headNow(): string {
    const hash = createHash('sha256');
    for (const path of [...this.paths].sort()) {
      const full = join(this.root, path);
      hashEntry(hash, path, existsSync(full) ? (h) => hashFile(h, full) : undefined);
    }
    return hash.digest('hex');
  }

  /** Writes all or none, if every file last read still holds the bytes read. */
  async write(
    head: string,
    changes: readonly FileChange[],
    _message?: WriteMessage,
  ): Promise<Written> {
    if (this.headNow() !== head) {
      throw new StaleHeadError(
        `files changed on disk in ${this.root} while the bump was being made; run it again`,
      );
    }
    writeFiles(this.root, changes);
    return { oid: '', url: '' };
  }
}

type Hash = ReturnType<typeof createHash>;

/** One file's part of a digest: its path, then `-` when absent or `+` and its bytes. */
function hashEntry(hash: Hash, path: string, content: ((hash: Hash) => void) | undefined): void {
  hash.update(`${path}\0${content ? '+' : '-'}`);
  content?.(hash);
  hash.update('\0');
}

/** Feeds a file's bytes to the hash a megabyte at a time (no copy of the whole file). */
function hashFile(hash: Hash, path: string): void {
  const fd = openSync(path, 'r');
  try {
    const chunk = Buffer.allocUnsafe(1 << 20);
    for (let n = readSync(fd, chunk); n > 0; n = readSync(fd, chunk))
      hash.update(chunk.subarray(0, n));
  } finally {
    closeSync(fd);
  }
}
