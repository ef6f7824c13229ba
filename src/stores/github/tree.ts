// Listing the files of a GitHub repository for globs, also when GitHub truncates the recursive
// tree (more than 100,000 entries or 7 MB): then only the folders the globs can match are listed
// (each glob's static prefix, `apps/` for `apps/**/values.yaml`), tree by tree, descending into
// a folder's subfolders only when that folder's own recursive listing is truncated too.

/** One entry of a tree answer. */
export interface TreeEntry {
  path: string;
  type: string;
  sha: string;
}

/** One answer of GET /repos/{owner}/{repo}/git/trees/{sha}. */
export interface TreeAnswer {
  sha: string;
  entries: TreeEntry[];
  truncated: boolean;
}

/** Reads one tree (a commit, branch or tree sha), recursively or one level. */
export type ReadTree = (sha: string, recursive: boolean) => Promise<TreeAnswer>;

/** The files listed, and whether that is every file of the repository. */
export interface PathListing {
  paths: string[];
  /** False when GitHub truncated the whole tree and only the folders under `under` were listed. */
  complete: boolean;
}

/** The most tree requests one listing makes; beyond, it stops and asks for narrower globs. */
export const MAX_TREE_REQUESTS = 200;

/** Thrown when a listing would need more requests than MAX_TREE_REQUESTS, or cannot be made. */
export class TreeListingError extends Error {}

/**
 * Lists the files at `ref`: one recursive request when GitHub answers it whole; else only the
 * files below the folders `under` ('' for the root), with at most MAX_TREE_REQUESTS requests:
 * 1 + the base folders' depth + 2 per folder whose recursive listing is truncated + 1 per
 * subfolder of such a folder.
 */
export async function listTree(
  read: ReadTree,
  ref: string,
  under: readonly string[],
): Promise<PathListing> {
  let requests = 0;
  const get: ReadTree = (sha, recursive) => {
    if (++requests > MAX_TREE_REQUESTS) {
      throw new TreeListingError(
        `the repository has more files than GitHub lists in one answer, and listing the folders the globs name (${under.map((u) => `'${u || '/'}'`).join(', ')}) took more than ${MAX_TREE_REQUESTS} requests; narrow the globs to smaller folders, or name the files`,
      );
    }
    return read(sha, recursive);
  };
  const root = await get(ref, true);
  if (!root.truncated) return { paths: blobs(root.entries, ''), complete: true };
  // Folders the truncated answer did name: no request needed to find them.
  const known = new Map<string, string>([['', root.sha]]);
  for (const e of root.entries) if (e.type === 'tree') known.set(e.path, e.sha);
  const paths: string[] = [];
  for (const base of outermost(under)) {
    const sha = await folderSha(get, base, known);
    if (sha !== undefined) await collect(get, sha, base, paths, base === '');
  }
  return { paths: paths.sort(), complete: false };
}

/** The folders, without those inside another one of them ('' contains every folder). */
function outermost(under: readonly string[]): string[] {
  const folders = [...new Set(under.map((u) => u.replace(/^\/+|\/+$/g, '')))].sort();
  return folders.filter(
    (f) => !folders.some((o) => o !== f && (o === '' || f.startsWith(`${o}/`))),
  );
}

/** The tree sha of a folder, walking down from the nearest folder already known. */
async function folderSha(
  get: ReadTree,
  folder: string,
  known: Map<string, string>,
): Promise<string | undefined> {
  const parts = folder === '' ? [] : folder.split('/');
  let depth = parts.length;
  while (depth > 0 && !known.has(parts.slice(0, depth).join('/'))) depth--;
  let sha = known.get(parts.slice(0, depth).join('/'));
  for (; depth < parts.length && sha !== undefined; depth++) {
    const level = await get(sha, false);
    const entry = level.entries.find((e) => e.path === parts[depth] && e.type === 'tree');
    if (!entry && level.truncated) throw tooBig(parts.slice(0, depth).join('/'));
    sha = entry?.sha;
    if (sha !== undefined) known.set(parts.slice(0, depth + 1).join('/'), sha);
  }
  return sha;
}

/** Adds the files below a folder: one recursive request, or level by level when truncated. */
async function collect(
  get: ReadTree,
  sha: string,
  prefix: string,
  out: string[],
  knownTruncated: boolean,
): Promise<void> {
  if (!knownTruncated) {
    const whole = await get(sha, true);
    if (!whole.truncated) {
      out.push(...blobs(whole.entries, prefix));
      return;
    }
  }
  const level = await get(sha, false);
  if (level.truncated) throw tooBig(prefix);
  out.push(...blobs(level.entries, prefix));
  for (const e of level.entries)
    if (e.type === 'tree') await collect(get, e.sha, join(prefix, e.path), out, false);
}

function tooBig(folder: string): TreeListingError {
  return new TreeListingError(
    `the folder '${folder || '/'}' alone holds more entries than GitHub lists in one answer, so globs cannot be expanded in it; name the files`,
  );
}

function blobs(entries: readonly TreeEntry[], prefix: string): string[] {
  return entries.filter((e) => e.type === 'blob' && e.path).map((e) => join(prefix, e.path));
}

function join(prefix: string, path: string): string {
  return prefix === '' ? path : `${prefix}/${path}`;
}
