// The read-and-edit step every store shares: expand the file specs over the store's listing (or,
// with no glob, read the named files directly), read those files at the head, and bump them with
// the engine (nothing written here).

import {
  type BumpOptions,
  type BumpReport,
  bumpFiles,
  refusedOccurrences,
} from '../engine/bump-files.js';
import { expandFileSpecs } from '../engine/file-globs.js';
import type { FileSpec, FileTarget } from '../engine/file-specs.js';
import type { Bump } from '../engine/types.js';
import type { FileChange, HeadRead, Store } from '../stores/store.js';
import { namedPaths } from './first-read.js';

/** What the specs name, as read at one head, and the bump applied to it. */
export async function readAndBump(
  store: Store,
  specs: readonly FileSpec[],
  bumps: readonly Bump[],
  options: BumpOptions,
): Promise<{ read: HeadRead; report: BumpReport }> {
  const { targets, read } = (await readNamed(store, specs)) ?? (await readListed(store, specs));
  const files = targets.map((t) => ({ path: t.path, text: read.files.get(t.path) ?? '' }));
  return { read, report: bumpFiles(files, targets, bumps, options) };
}

type Targets = { targets: FileTarget[]; read: HeadRead };

/** The specs expanded over the whole listing of the store, then those files read. */
async function readListed(store: Store, specs: readonly FileSpec[]): Promise<Targets> {
  const targets = expandFileSpecs(specs, await store.list(), store.describe?.bind(store));
  return { targets, read: await store.read(targets.map((t) => t.path)) };
}

/**
 * Without a glob, the named files are read directly: no walk of the whole tree (thousands of
 * files in a GitOps checkout). Undefined when a named path is missing or not a regular file: the
 * listing then makes the error, with the names nearby.
 */
async function readNamed(store: Store, specs: readonly FileSpec[]): Promise<Targets | undefined> {
  const describe = store.describe?.bind(store);
  if (!describe || !store.describesUnlisted || specs.some((s) => s.isGlob)) return undefined;
  const paths = namedPaths(specs);
  if (paths.some((path) => describe(path) !== undefined)) return undefined;
  try {
    const read = await store.read(paths);
    const present = paths.filter((path) => read.files.get(path) !== undefined);
    return { targets: expandFileSpecs(specs, present, describe), read };
  } catch {
    return undefined; // a folder the store could not tell apart, a missing file: see the listing
  }
}

/**
 * The files a bump changed, as a store writes them (with the edits, for a store that keeps the
 * bytes read).
 */
export function changes(report: BumpReport): FileChange[] {
  return report.files
    .filter((f) => f.changed)
    .map((f) => ({ path: f.path, text: f.after, edits: f.edits }));
}

/**
 * What a run that changes nothing did, in the `operation` output's words: `refused` when the
 * version policy refused a change still to make, `none` when everything already holds it.
 */
export function noChangeOperation(report: BumpReport): 'refused' | 'none' {
  return refusedOccurrences(report).length > 0 ? 'refused' : 'none';
}
