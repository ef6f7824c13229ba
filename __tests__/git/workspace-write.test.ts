// Files on disk (src/stores/workspace.ts): the write is guarded by the bytes read, compared on
// disk byte for byte, and a changed file is written as the bytes read with only the engine's
// edits encoded anew. These bytes must be exactly those of the edited text, whatever the text
// holds (multi-byte characters, a BOM, CRLF), and a change whose edits do not describe its text
// is written from its text.
import { mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { bumpFiles } from '../../src/engine/bump-files.js';
import { parseReference } from '../../src/engine/image-ref.js';
import { spliceEdits } from '../../src/engine/segment.js';
import { changes, readAndBump } from '../../src/run/store-bump.js';
import { StaleHeadError } from '../../src/stores/store.js';
import { listFiles, splicedBytes, WorkspaceFolder } from '../../src/stores/workspace.js';
import { tempDir } from '../helpers/temp.js';

const MSG = { headline: '', body: '' };

function spec(path: string) {
  return { raw: path, pattern: path, literal: path, isGlob: false };
}

function folderWith(files: Record<string, string | Buffer>): string {
  const root = tempDir('gitops-bump-workspace-');
  for (const [path, content] of Object.entries(files)) writeFileSync(join(root, path), content);
  return root;
}

/** The original as the store keeps it, read from a text. */
function original(text: string) {
  // A buffer of its own, as a file read gives (small ones from Buffer.from share a pool).
  return { bytes: Buffer.from(new Uint8Array(Buffer.from(text, 'utf8')).buffer), text };
}

describe('splicedBytes', () => {
  it('gives the bytes of the edited text, around multi-byte characters and surrogate pairs', () => {
    const text = '\uFEFF# café ✓ 😀\r\nimage: app:1.0 # 日本\r\nother: ü\r\n';
    const at = text.indexOf('1.0');
    const edits = [
      { start: at, end: at + 3, text: '2.0.0' },
      { start: text.indexOf('ü'), end: text.indexOf('ü') + 1, text: 'é😀' },
    ];
    const edited = spliceEdits(text, edits);
    const read = original(text);
    const parts = splicedBytes(read, edits, edited);
    expect(parts).toBeDefined();
    expect(Buffer.concat(parts!).equals(Buffer.from(edited, 'utf8'))).toBe(true);
    // Outside the edits, the pieces are views of the bytes read (no copy of a large file).
    expect(parts!.filter((p) => p.buffer === read.bytes.buffer)).toHaveLength(3);
  });

  it.each([
    [
      'edits out of order',
      [
        { start: 5, end: 6, text: 'x' },
        { start: 1, end: 2, text: 'y' },
      ],
    ],
    ['an edit past the end', [{ start: 3, end: 99, text: 'x' }]],
    ['an edit that ends before it starts', [{ start: 4, end: 3, text: 'x' }]],
  ])('refuses %s (the text is written instead)', (_, edits) => {
    const text = 'image: app:1.0\n';
    expect(splicedBytes(original(text), edits, text)).toBeUndefined();
  });

  it('refuses edits that do not add up to the length of the text', () => {
    const text = 'image: app:1.0\n';
    const edits = [{ start: 11, end: 14, text: '2.0' }];
    expect(splicedBytes(original(text), edits, 'image: app:2.0.0\n')).toBeUndefined();
    expect(splicedBytes(original(text), edits, 'image: app:2.0\n')).toBeDefined();
  });

  it('refuses an edit that splits a surrogate pair', () => {
    const text = 'a: 😀\n';
    const inside = text.indexOf('😀') + 1;
    const edits = [{ start: inside, end: inside, text: 'x' }];
    expect(splicedBytes(original(text), edits, spliceEdits(text, edits))).toBeUndefined();
  });

  it('gives the bytes of the edited text for any text and any ordered edits', () => {
    const piece = fc.constantFrom('a', ' ', '\n', '\r\n', 'é', '✓', '日', '😀', '\uFEFF', ':', '#');
    const textArb = fc.array(piece, { maxLength: 40 }).map((p) => p.join(''));
    fc.assert(
      fc.property(
        textArb,
        fc.array(fc.tuple(fc.nat(), fc.nat(3), fc.array(piece, { maxLength: 3 })), {
          maxLength: 4,
        }),
        (text, raw) => {
          // Ordered, disjoint edits at character boundaries (never inside a surrogate pair).
          const bounds = [...text.matchAll(/[\s\S]/gu)].map((m) => m.index!).concat(text.length);
          const edits: Array<{ start: number; end: number; text: string }> = [];
          let from = 0;
          for (const [at, len, ins] of raw) {
            const candidates = bounds.filter((b) => b >= from);
            if (candidates.length === 0) break;
            const start = candidates[at % candidates.length]!;
            const end = bounds.filter((b) => b >= start)[len] ?? start;
            edits.push({ start, end, text: ins.join('') });
            from = end;
          }
          const edited = spliceEdits(text, edits);
          const parts = splicedBytes(original(text), edits, edited);
          expect(parts).toBeDefined();
          expect(Buffer.concat(parts!).toString('hex')).toBe(
            Buffer.from(edited, 'utf8').toString('hex'),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('listFiles', () => {
  it('lists every file below the root, sorted, without entering .git or node_modules', () => {
    const root = tempDir('gitops-bump-list-');
    const files = [
      'b.yaml',
      'a/values.yaml',
      'a/b/c/deep.yml',
      'apps/.hidden.yaml',
      'z/node_modules.yaml',
      'sub/.git', // a submodule's or worktree's .git file
      '.git/config',
      '.git/objects/ab/cdef',
      'node_modules/pkg/index.yaml',
      'apps/web/node_modules/x.yaml',
      'apps/web/.git/HEAD',
    ];
    for (const file of files) {
      mkdirSync(dirname(join(root, file)), { recursive: true });
      writeFileSync(join(root, file), 'a: 1\n');
    }
    mkdirSync(join(root, 'empty'));
    symlinkSync(join(root, 'a'), join(root, 'link-to-a'));
    symlinkSync(join(root, 'b.yaml'), join(root, 'link.yaml'));
    expect(listFiles(root)).toEqual([
      'a/b/c/deep.yml',
      'a/values.yaml',
      'apps/.hidden.yaml',
      'b.yaml',
      'z/node_modules.yaml',
    ]);
  });
});

describe('WorkspaceFolder', () => {
  const bumps = [{ image: parseReference('ghcr.io/org/app'), tag: '2.0.0' }];

  it('writes a bump as the bytes read with only the tag changed (BOM, CRLF, multi-byte)', async () => {
    const text = '\uFEFF# déploiement ✓\r\nimage: ghcr.io/org/app:1.0.0 # 日本 😀\r\nnote: ü\r\n';
    const root = folderWith({ 'a.yaml': text });
    const folder = new WorkspaceFolder(root);
    const { read, report } = await readAndBump(folder, [spec('a.yaml')], bumps, {});
    const change = changes(report);
    expect(change).toEqual([
      expect.objectContaining({
        path: 'a.yaml',
        edits: [expect.objectContaining({ text: '2.0.0' })],
      }),
    ]);
    await folder.write(read.head, change, MSG);
    const want = Buffer.from(text.replace('app:1.0.0', 'app:2.0.0'), 'utf8');
    expect(readFileSync(join(root, 'a.yaml')).equals(want)).toBe(true);
    expect(readdirSync(root)).toEqual(['a.yaml']);
  });

  it('writes a change without edits from its text', async () => {
    const root = folderWith({ 'a.yaml': 'a: 1\n' });
    const folder = new WorkspaceFolder(root);
    const read = await folder.read(['a.yaml']);
    await folder.write(read.head, [{ path: 'a.yaml', text: 'a: 2 ✓\n' }], MSG);
    expect(readFileSync(join(root, 'a.yaml'), 'utf8')).toBe('a: 2 ✓\n');
  });

  it('writes a change whose edits do not describe its text from its text', async () => {
    const root = folderWith({ 'a.yaml': 'a: 1\n' });
    const folder = new WorkspaceFolder(root);
    const read = await folder.read(['a.yaml']);
    const edits = [{ start: 3, end: 4, text: '9' }];
    await folder.write(read.head, [{ path: 'a.yaml', text: 'a: 22\n', edits }], MSG);
    expect(readFileSync(join(root, 'a.yaml'), 'utf8')).toBe('a: 22\n');
  });

  it('refuses to write when a file read changed on disk, even to bytes of the same length', async () => {
    const root = folderWith({ 'a.yaml': 'image: ghcr.io/org/app:1.0.0\n', 'b.yaml': 'x: 1\n' });
    const folder = new WorkspaceFolder(root);
    const { read, report } = await readAndBump(folder, [spec('a.yaml'), spec('b.yaml')], bumps, {});
    writeFileSync(join(root, 'b.yaml'), 'x: 2\n');
    await expect(folder.write(read.head, changes(report), MSG)).rejects.toBeInstanceOf(
      StaleHeadError,
    );
    expect(readFileSync(join(root, 'a.yaml'), 'utf8')).toBe('image: ghcr.io/org/app:1.0.0\n');
    expect(readdirSync(root).sort()).toEqual(['a.yaml', 'b.yaml']);
  });

  it.each([
    ['grew', 'a: 1\nb: 2\n'],
    ['shrank', 'a:'],
    ['was removed', undefined],
  ])('refuses to write when a file read %s', async (_, now) => {
    const root = folderWith({ 'a.yaml': 'a: 1\n' });
    const folder = new WorkspaceFolder(root);
    const read = await folder.read(['a.yaml']);
    if (now === undefined) rmSync(join(root, 'a.yaml'));
    else writeFileSync(join(root, 'a.yaml'), now);
    await expect(
      folder.write(read.head, [{ path: 'a.yaml', text: 'a: 3\n' }], MSG),
    ).rejects.toBeInstanceOf(StaleHeadError);
  });

  it('refuses to write when a file absent at the read is there now', async () => {
    const root = folderWith({ 'a.yaml': 'a: 1\n' });
    const folder = new WorkspaceFolder(root);
    const read = await folder.read(['a.yaml', 'new.yaml']);
    writeFileSync(join(root, 'new.yaml'), 'b: 1\n');
    await expect(
      folder.write(read.head, [{ path: 'a.yaml', text: 'a: 3\n' }], MSG),
    ).rejects.toBeInstanceOf(StaleHeadError);
  });

  it('refuses a head that is not the last read', async () => {
    const root = folderWith({ 'a.yaml': 'a: 1\n' });
    const folder = new WorkspaceFolder(root);
    const first = await folder.read(['a.yaml']);
    const second = await folder.read(['a.yaml']);
    expect(second.head).not.toBe(first.head);
    await expect(
      folder.write(first.head, [{ path: 'a.yaml', text: 'a: 3\n' }], MSG),
    ).rejects.toBeInstanceOf(StaleHeadError);
    await folder.write(second.head, [{ path: 'a.yaml', text: 'a: 3\n' }], MSG);
    expect(readFileSync(join(root, 'a.yaml'), 'utf8')).toBe('a: 3\n');
  });

  it('bumps a large multi-document file, changing only the tag bytes', async () => {
    const doc = (i: number) =>
      `---\n# ünïcode ${i}\nkind: Deployment\nspec:\n  containers:\n    - name: c\n      image: ghcr.io/org/svc-${i}:1.0.${i}\n`;
    const docs = Array.from({ length: 3000 }, (_, i) => doc(i));
    docs[1717] = docs[1717]!.replace('ghcr.io/org/svc-1717:1.0.1717', 'ghcr.io/org/app:1.0.0');
    const text = docs.join('');
    const root = folderWith({ 'big.yaml': text });
    const folder = new WorkspaceFolder(root);
    const { read, report } = await readAndBump(folder, [spec('big.yaml')], bumps, {});
    expect(report.occurrences.map((o) => o.line)).toEqual([1717 * 7 + 7]);
    await folder.write(read.head, changes(report), MSG);
    const want = Buffer.from(text.replace('app:1.0.0', 'app:2.0.0'), 'utf8');
    expect(readFileSync(join(root, 'big.yaml')).equals(want)).toBe(true);
    // The engine's edits are what the report's text is made of.
    const direct = bumpFiles(
      [{ path: 'big.yaml', text }],
      [{ path: 'big.yaml', keyPaths: [] }],
      bumps,
    );
    expect(spliceEdits(text, direct.files[0]!.edits)).toBe(direct.files[0]!.after);
  });
});
