// Files on disk, for the CLI and for the action's local mode, as a Store: list, read (refusing
// binary and non-UTF-8 files, whose bytes a text edit would damage), and write all-or-nothing,
// guarded by the bytes read (there are no commits on disk): the write compares the files with
// them byte for byte, and writes a changed file as the bytes read with only the edits made anew.

import { isUtf8 } from 'node:buffer';
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
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import type { SourceFile } from '../engine/bump-files.js';
import { type DescribePath, describeKind } from '../engine/file-specs.js';
import type { TextEdit } from '../engine/scalar.js';
import {
  type FileChange,
  type HeadRead,
  StaleHeadError,
  type Store,
  type WriteMessage,
  type Written,
} from './store.js';

const SKIPPED_FOLDERS = new Set(['.git', 'node_modules']);

/**
 * Every file below `root`, as `/`-separated paths relative to it, sorted. Folders named in
 * SKIPPED_FOLDERS are not entered (a repository's .git, a node_modules, at any depth); symbolic
 * links are not followed.
 */
export function listFiles(root: string): string[] {
  const paths: string[] = [];
  const visit = (dir: string, prefix: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (SKIPPED_FOLDERS.has(entry.name)) continue;
      const path = prefix + entry.name;
      if (entry.isDirectory()) visit(join(dir, entry.name), `${path}/`);
      else if (entry.isFile()) paths.push(path);
    }
  };
  visit(root, '');
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

/** A file as read: its bytes and their text. */
export interface ReadFile {
  bytes: Buffer;
  text: string;
}

/**
 * Writes every file, or none: each goes to a temporary file first, then all are renamed. A
 * change that carries its edits, of a file whose bytes `originals` holds, is written as those
 * bytes with only the edited ranges encoded anew (no second encoded copy of a large file).
 */
export function writeFiles(
  root: string,
  files: ReadonlyArray<FileChange>,
  originals?: ReadonlyMap<string, ReadFile | undefined>,
): void {
  const staged: Array<{ temp: string; target: string }> = [];
  try {
    for (const file of files) {
      const target = join(root, file.path);
      const temp = join(dirname(target), `.gitops-bump-${process.pid}-${staged.length}.tmp`);
      const original = originals?.get(file.path);
      const parts = original && file.edits && splicedBytes(original, file.edits, file.text);
      if (parts) writeParts(temp, parts);
      else writeFileSync(temp, file.text, 'utf8');
      staged.push({ temp, target });
      chmodSync(temp, statSync(target).mode & 0o7777);
    }
  } catch (error) {
    for (const { temp } of staged) rmSync(temp, { force: true });
    throw error;
  }
  for (const { temp, target } of staged) renameSync(temp, target);
}

/** True when `at` falls between the two halves of a surrogate pair. */
function splitsPair(text: string, at: number): boolean {
  const before = text.charCodeAt(at - 1);
  const after = text.charCodeAt(at);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}

/**
 * The bytes of `text` (the original's text with the edits made) as pieces of the original's
 * bytes and the edits' own; undefined when the edits do not describe `text` (not sorted, out
 * of range, splitting a character, or adding up to another length), so the text is written.
 */
export function splicedBytes(
  original: ReadFile,
  edits: readonly TextEdit[],
  text: string,
): Buffer[] | undefined {
  const source = original.text;
  let length = source.length;
  let previous = 0;
  for (const edit of edits) {
    const { start, end } = edit;
    if (start < previous || end < start || end > source.length) return undefined;
    if (splitsPair(source, start) || splitsPair(source, end)) return undefined;
    length += edit.text.length - (end - start);
    previous = end;
  }
  if (length !== text.length) return undefined;
  // As many bytes as characters: every character is ASCII, one byte, at its own offset.
  const ascii = original.bytes.length === source.length;
  const bytesOf = (from: number, to: number): number =>
    ascii ? to - from : Buffer.byteLength(source.slice(from, to), 'utf8');
  const parts: Buffer[] = [];
  let char = 0;
  let byte = 0;
  for (const edit of edits) {
    const start = byte + bytesOf(char, edit.start);
    parts.push(original.bytes.subarray(byte, start), Buffer.from(edit.text, 'utf8'));
    byte = start + bytesOf(edit.start, edit.end);
    char = edit.end;
  }
  parts.push(original.bytes.subarray(byte));
  return parts;
}

/** Writes the pieces to a new file (or over a stale temporary one), one after the other. */
function writeParts(path: string, parts: readonly Buffer[]): void {
  const fd = openSync(path, 'w');
  try {
    for (const part of parts) {
      for (let at = 0; at < part.length; ) at += writeSync(fd, part, at, part.length - at);
    }
  } finally {
    closeSync(fd);
  }
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

/** Reads made by this process, so that each read's head differs from every other's. */
let reads = 0;

/** A name for a read, unique in this process: 40 hex digits of the pid, a count and the time. */
function readName(): string {
  reads++;
  const parts = [process.pid, reads, Date.now()].map((n) => n.toString(16).padStart(12, '0'));
  return parts.join('').padStart(40, '0');
}

/** A folder on disk as a Store; a write makes no commit (its `oid` and `url` are ''). */
export class WorkspaceFolder implements Store {
  /** describe() looks at the disk (lstat), listed or not. */
  readonly describesUnlisted = true;
  /** The last read: its head, and every path's bytes and text (undefined when absent). */
  private last: { head: string; files: Map<string, ReadFile | undefined> } | undefined;

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

  /** Reads the paths; the head names this read, whose bytes are kept to guard the write. */
  async read(paths: readonly string[]): Promise<HeadRead> {
    const kept = new Map<string, ReadFile | undefined>();
    const files = new Map<string, string | undefined>();
    for (const path of paths) {
      const full = join(this.root, path);
      const bytes = existsSync(full) ? readFileSync(full) : undefined;
      const text = bytes && decodeText(path, bytes);
      kept.set(path, bytes && { bytes, text: text as string });
      files.set(path, text);
    }
    const head = readName();
    this.last = { head, files: kept };
    return { head, files };
  }

  /** Writes all or none, if `head` is the last read and every file still holds its bytes. */
  async write(
    head: string,
    changes: readonly FileChange[],
    _message?: WriteMessage,
  ): Promise<Written> {
    const last = this.last;
    if (!last || last.head !== head) {
      throw new StaleHeadError(
        `the files in ${this.root} were read again since this bump was made; run it again`,
      );
    }
    for (const [path, file] of last.files) {
      if (!holdsBytes(join(this.root, path), file?.bytes)) {
        throw new StaleHeadError(
          `files changed on disk in ${this.root} while the bump was being made; run it again`,
        );
      }
    }
    writeFiles(this.root, changes, last.files);
    return { oid: '', url: '' };
  }
}

/** True when the file holds exactly `bytes` (or is absent, when `bytes` is), read in chunks. */
function holdsBytes(path: string, bytes: Buffer | undefined): boolean {
  if (!bytes) return !existsSync(path);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return false;
  }
  try {
    const chunk = Buffer.allocUnsafe(Math.min(1 << 20, bytes.length + 1));
    let at = 0;
    for (let n = readSync(fd, chunk); n > 0; n = readSync(fd, chunk)) {
      if (at + n > bytes.length) return false;
      if (!chunk.subarray(0, n).equals(bytes.subarray(at, at + n))) return false;
      at += n;
    }
    return at === bytes.length;
  } finally {
    closeSync(fd);
  }
}
