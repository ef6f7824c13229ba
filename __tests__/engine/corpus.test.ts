// The corpus suite: real GitOps files from public repositories (../shared/corpus, beside the
// project, never copied into it). For each file every listed image is bumped at once, each to
// its own new tag (and a new digest where the file pins one). Each case's line must change in
// place, no other line may change, and a second run must change nothing.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { diffArrays } from 'diff';
import { editText } from '../../src/engine/edit-file.js';
import { parseReference } from '../../src/engine/image-ref.js';
import { parseKeyPath } from '../../src/engine/locators/key-path.js';
import type { Bump, EditOptions } from '../../src/engine/types.js';

interface Case {
  file: string;
  image: string;
  from: string;
  kind: string;
  where: string;
  line: number;
  note?: string;
}

const here = dirname(fileURLToPath(import.meta.url));
const corpus = join(here, '..', '..', '..', 'shared', 'corpus');
const present = existsSync(join(corpus, 'cases.json'));

// Files that hold a tag without naming the image (the chart template hard-codes the
// repository): a user names the key, as FILE#KEYPATH, and so does this suite.
const KEY_PATHS: Record<string, string> = {
  'argoproj__argo-cd/reposerver/repository/testdata/app-parameters/single-global-helm/.argocd-source.yaml':
    'helm.parameters[name=image.tag].value',
  'argoproj__argo-cd/reposerver/repository/testdata/app-parameters/single-global-helm/values.yaml':
    'image.tag',
};

// Cases the issue lists as a stretch goal: kind `other`, and images inside ConfigMap block scalars.
const isStretch = (c: Case): boolean =>
  c.kind === 'other' || (c.kind === 'configmap' && c.where.includes('block scalar'));

function fakeDigest(seed: string): string {
  return `sha256:${createHash('sha256').update(seed).digest('hex')}`;
}

function bumpsFor(cases: Case[]): Bump[] {
  const images = [...new Set(cases.map((c) => c.image))];
  return images.map((image, index) => {
    const pinned = cases.some((c) => c.image === image && c.from.includes('sha256:'));
    const bump: Bump = { image: parseReference(image), tag: `v9.${index}.1-bump` };
    if (pinned) bump.digest = fakeDigest(image);
    return bump;
  });
}

/** Lines of the old text that changed, and lines the new text gained after an old line. */
function changedLines(
  before: string,
  after: string,
): { changed: Set<number>; insertedAfter: Set<number> } {
  const a = before.split('\n');
  const b = after.split('\n');
  const changed = new Set<number>();
  const insertedAfter = new Set<number>();
  if (a.length === b.length) {
    a.forEach((line, i) => {
      if (line !== b[i]) changed.add(i + 1);
    });
    return { changed, insertedAfter };
  }
  let oldLine = 0;
  const parts = diffArrays(a, b);
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const count = part.count ?? part.value.length;
    if (part.removed) {
      const next = parts[i + 1];
      for (let k = 1; k <= count; k++) changed.add(oldLine + k);
      if (next?.added) i++;
      oldLine += count;
    } else if (part.added) {
      insertedAfter.add(oldLine);
    } else {
      oldLine += count;
    }
  }
  return { changed, insertedAfter };
}

// A kustomize entry without newTag gains the key on a line of its own, right after its
// name/newName lines (the case's line is the entry's first line).
const isInsertion = (c: Case): boolean => c.kind === 'kustomize-images' && c.from === '';
const insertedWithin = (inserted: Set<number>, line: number): boolean =>
  [line, line + 1, line + 2].some((l) => inserted.has(l));

const cases: Case[] = present ? JSON.parse(readFileSync(join(corpus, 'cases.json'), 'utf8')) : [];
const byFile = new Map<string, Case[]>();
for (const c of cases) byFile.set(c.file, [...(byFile.get(c.file) ?? []), c]);

const tally = new Map<string, { pass: number; fail: number }>();
const failures: string[] = [];

function record(c: Case, ok: boolean, why = ''): void {
  const key = isStretch(c) ? `${c.kind} (stretch)` : c.kind;
  const entry = tally.get(key) ?? { pass: 0, fail: 0 };
  if (ok) entry.pass++;
  else {
    entry.fail++;
    failures.push(`${c.file}:${c.line} [${c.kind}] ${c.image} ${why}`);
  }
  tally.set(key, entry);
}

const describeCorpus = present ? describe : describe.skip;
if (!present) {
  process.stderr.write(
    `corpus suite skipped: ${corpus}/cases.json not found (the corpus lives in ../shared beside the project)\n`,
  );
}

describeCorpus('the corpus of real GitOps files', () => {
  // The tally is printed when a case fails, or always with CORPUS_TALLY=1.
  afterAll(() => {
    if (failures.length === 0 && process.env.CORPUS_TALLY !== '1') return;
    const rows = [...tally.entries()]
      .sort()
      .map(([kind, t]) => `  ${kind.padEnd(28)} ${t.pass}/${t.pass + t.fail}`);
    const total = [...tally.values()].reduce((n, t) => n + t.pass + t.fail, 0);
    const passed = [...tally.values()].reduce((n, t) => n + t.pass, 0);
    console.log(
      `corpus tally: ${passed}/${total} cases\n${rows.join('\n')}${failures.length ? `\nfailing:\n  ${failures.join('\n  ')}` : ''}`,
    );
  });

  it.each([...byFile.keys()])('bumps every image of %s in place', (file) => {
    const fileCases = byFile.get(file)!;
    const text = readFileSync(join(corpus, file), 'utf8');
    const bumps = bumpsFor(fileCases);
    const options: EditOptions = {};
    const keyPath = KEY_PATHS[file];
    if (keyPath) options.keyPaths = [parseKeyPath(keyPath)];
    let result: ReturnType<typeof editText>;
    try {
      result = editText({ file, text, bumps, options });
    } catch (error) {
      for (const c of fileCases) record(c, false, String(error));
      if (fileCases.every(isStretch)) return;
      throw error;
    }
    const { changed, insertedAfter } = changedLines(text, result.text);
    const caseLines = new Set(fileCases.map((c) => c.line));
    let fileOk = true;
    for (const c of fileCases) {
      const ok = changed.has(c.line) || (isInsertion(c) && insertedWithin(insertedAfter, c.line));
      record(c, ok, ok ? '' : 'line did not change');
      if (!ok && !isStretch(c)) fileOk = false;
    }
    const stray = [...changed].filter((line) => !caseLines.has(line));
    const strayInserts = [...insertedAfter].filter(
      (line) => !fileCases.some((c) => isInsertion(c) && line >= c.line && line <= c.line + 2),
    );
    expect({ stray, strayInserts }).toEqual({ stray: [], strayInserts: [] });
    expect(fileOk).toBe(true);
    // Idempotent: the same bump on the result changes nothing.
    const again = editText({ file, text: result.text, bumps, options });
    expect(again.text).toBe(result.text);
    expect(again.occurrences.filter((o) => o.changed)).toEqual([]);
  });
});
