// The one small interface every store speaks (files on disk, a GitHub repository through the
// API, a clone of any git remote): read these paths at a head, write these changes guarded by
// that head. A write that finds the head moved throws StaleHeadError and writes nothing; the
// run's retry loop (src/run/retry.ts) then reads again, re-applies the bump and writes again.

import type { TextEdit } from '../engine/scalar.js';

/** The files asked for, as they are at one head. */
export interface HeadRead {
  /**
   * What the write is guarded by: a commit id (GitHub, git), or on disk (where there are no
   * commits) a name of this read, whose bytes the write compares with the files on disk.
   */
  head: string;
  /** The text of every path asked for; `undefined` when no file is there. */
  files: Map<string, string | undefined>;
}

/** One changed file. */
export interface FileChange {
  path: string;
  text: string;
  /**
   * The same change as replacements of ranges of the text read (UTF-16 offsets, sorted, not
   * overlapping), when known: a store holding the bytes read may write only these anew.
   */
  edits?: readonly TextEdit[];
}

/** The message of the commit a write makes (ignored on disk). */
export interface WriteMessage {
  headline: string;
  body: string;
}

/** What a write made: the commit and its web address ('' when the host has none). */
export interface Written {
  oid: string;
  url: string;
}

/** A place a bump reads from and writes to. */
export interface Store {
  /** Where this is, for messages: `acme/gitops at main`, a remote's safe URL, a folder. */
  readonly where: string;
  /** Every file path at the current head, sorted (for globs). */
  list(): Promise<string[]>;
  /** Says what a named path is when it is not a regular file (folder, symlink, submodule). */
  describe?(path: string): string | undefined;
  /**
   * True when describe() answers for a path never listed, so that files named without a glob can
   * be read without listing the whole store first (a folder on disk; a clone learns its symlinks
   * and submodules from its listing).
   */
  readonly describesUnlisted?: boolean;
  /** Reads the paths at the current head; after a stale write, at the new head. */
  read(paths: readonly string[]): Promise<HeadRead>;
  /** Writes the changes if the store is still at `head`; else throws StaleHeadError. */
  write(head: string, changes: readonly FileChange[], message: WriteMessage): Promise<Written>;
}

/**
 * How many requests (points) of its hourly limit a token had used when the host answered one of
 * them, and when that count starts again: GitHub counts every request of every job using the
 * token, so the counts tell a run about the others (src/run/retry.ts).
 */
export interface TokenUsage {
  used: number;
  /** When the count is reset (ms since the epoch): counts with different resets do not compare. */
  resetAt: number;
}

/**
 * The head moved since it was read (another writer landed first): read again and retry.
 * `usage`: the token's count at the refused write, where the host tells it.
 */
export class StaleHeadError extends Error {
  constructor(
    message: string,
    readonly usage?: TokenUsage,
  ) {
    super(message);
    this.name = 'StaleHeadError';
  }
}

/** A write whose answer was lost (5xx, timeout, connection reset): it may or may not have landed. */
export class UncertainWriteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UncertainWriteError';
  }
}
