// listTree (src/stores/github/tree.ts) against an in-memory tree that truncates like GitHub:
// the request bound, folders found through the truncated answer or level by level, and the
// plain refusals (a folder too big to list, a listing over MAX_TREE_REQUESTS).
import {
  listTree,
  MAX_TREE_REQUESTS,
  type ReadTree,
  type TreeEntry,
} from '../../src/stores/github/tree.js';

/** A tree of files; answers truncated beyond `limit` entries, first ones in path order. */
function fakeTree(files: string[], limit: number) {
  const shaOf = (folder: string) => `tree:${folder}`;
  const below = (folder: string) =>
    files
      .filter((f) => folder === '' || f.startsWith(`${folder}/`))
      .map((f) => (folder ? f.slice(folder.length + 1) : f));
  const entries = (folder: string, recursive: boolean): TreeEntry[] => {
    const out = new Map<string, TreeEntry>();
    for (const rest of below(folder)) {
      const parts = rest.split('/');
      const depth = recursive ? parts.length : 1;
      for (let d = 1; d <= depth; d++) {
        const path = parts.slice(0, d).join('/');
        const isFile = d === parts.length;
        const full = folder ? `${folder}/${path}` : path;
        out.set(path, {
          path,
          type: isFile ? 'blob' : 'tree',
          sha: isFile ? `blob:${full}` : shaOf(full),
        });
      }
    }
    return [...out.values()].sort((a, b) => a.path.localeCompare(b.path));
  };
  const calls: string[] = [];
  const read: ReadTree = async (sha, recursive) => {
    calls.push(`${sha}${recursive ? ' -r' : ''}`);
    const folder = sha === 'main' ? '' : sha.replace(/^tree:/, '');
    const all = entries(folder, recursive);
    return { sha: shaOf(folder), entries: all.slice(0, limit), truncated: all.length > limit };
  };
  return { read, calls };
}

const range = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i));

it('lists a tree GitHub answers whole in one request', async () => {
  const { read, calls } = fakeTree(['a/x.yaml', 'b/y.yaml'], 10);
  expect(await listTree(read, 'main', ['a'])).toEqual({
    paths: ['a/x.yaml', 'b/y.yaml'],
    complete: true,
  });
  expect(calls).toEqual(['main -r']);
});

it('walks down to a base the truncated answer does not name, one level per folder', async () => {
  const files = [
    ...range(30, (i) => `a${String(i % 15).padStart(2, '0')}/f${i}.txt`),
    'z/deep/er/values.yaml',
  ];
  const { read, calls } = fakeTree(files, 20);
  const listing = await listTree(read, 'main', ['z/deep/er']);
  expect(listing).toEqual({ paths: ['z/deep/er/values.yaml'], complete: false });
  // root -r (truncated), root, z, z/deep one level each, then z/deep/er recursively.
  expect(calls).toEqual(['main -r', 'tree:', 'tree:z', 'tree:z/deep', 'tree:z/deep/er -r']);
});

it('descends level by level where a base is truncated too, within the stated bound', async () => {
  // apps/ holds 5 folders of 8 files (45 entries) > limit 20; each folder alone fits.
  const files = [
    ...range(40, (i) => `apps/s${i % 5}/f${i}.yaml`),
    ...range(50, (i) => `vendor/v${i}.txt`),
  ];
  const { read, calls } = fakeTree(files, 20);
  const listing = await listTree(read, 'main', ['apps', 'apps/s1']);
  expect(listing.paths).toHaveLength(40);
  expect(listing.complete).toBe(false);
  // 1 (root) + 0 (apps named by the root's answer) + 2 (apps: truncated, one level) + 5.
  expect(calls).toHaveLength(1 + 2 + 5);
  expect(calls.some((c) => c.includes('vendor'))).toBe(false);
});

it('refuses a folder that alone holds more entries than one answer', async () => {
  const { read } = fakeTree(
    range(30, (i) => `flat/f${i}.yaml`),
    20,
  );
  await expect(listTree(read, 'main', ['flat'])).rejects.toThrow(
    "the folder 'flat' alone holds more entries than GitHub lists in one answer",
  );
});

it(`stops after ${MAX_TREE_REQUESTS} requests`, async () => {
  // 15 groups of 20 folders: each group's recursive answer is truncated.
  const files = range(300, (i) => `apps/g${i % 15}/s${i}/a/b.yaml`);
  const { read, calls } = fakeTree(files, 20);
  await expect(listTree(read, 'main', ['apps'])).rejects.toThrow(
    `took more than ${MAX_TREE_REQUESTS} requests`,
  );
  expect(calls).toHaveLength(MAX_TREE_REQUESTS);
});
