// The corpus suite: real GitOps files from public repositories (../shared/corpus and
// ../shared/corpus2, beside the project, never copied into it). For each file every listed image is bumped at once, each to
// its own new tag (and a new digest where the file pins one). Each case's line must change in
// place, no other line may change, and a second run must change nothing.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { diffArrays } from 'diff';
import { editText } from '../../src/engine/edit-file.js';
import { parseReference } from '../../src/engine/image-ref.js';
import { parseKeyPath } from '../../src/engine/locators/key-path-syntax.js';
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
const shared = join(here, '..', '..', '..', 'shared');

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

// A kustomize entry without newTag, or a Helm image map without a tag key, gains the key on a
// line of its own, right after its name/newName/repository lines (the case's line is the
// entry's first line, or the repository's). A case whose line did not change but gained a
// line right below it counts as such an insertion.
const isInsertion = (c: Case, line: string): boolean =>
  (c.kind === 'kustomize-images' && c.from === '') || isHelmInsertion(c, line);
// A Helm image map without a tag key: the repository line must stay as it is (the chart joins
// it with a tag key of its own; appending `:tag` to it would break the chart).
const isHelmInsertion = (c: Case, line: string): boolean =>
  c.kind === 'helm-values' && c.from === '' && !/^\s*["']?\w*tag["']?\s*:/i.test(line);
const insertedWithin = (inserted: Set<number>, line: number): boolean =>
  [line, line + 1, line + 2].some((l) => inserted.has(l));

/** Why a case was not bumped as it should be ('' when it was). */
function caseProblem(
  c: Case,
  oldLine: string,
  after: string,
  changed: Set<number>,
  insertedAfter: Set<number>,
  bumps: Bump[],
): string {
  const bump = bumps.find((b) => b.image.name === c.image)!;
  const want = c.from.startsWith('sha256:') ? bump.digest! : bump.tag!;
  if (isInsertion(c, oldLine)) {
    if (isHelmInsertion(c, oldLine) && changed.has(c.line))
      return 'the repository line changed; the tag belongs in a key of its own';
    if (changed.has(c.line)) return after.includes(want) ? '' : 'the new tag is not in the file';
    if (!insertedWithin(insertedAfter, c.line)) return 'no tag key was added';
    return after.includes(want) ? '' : 'the added key does not hold the new tag';
  }
  if (!changed.has(c.line)) return 'line did not change';
  const newLines = after.split('\n');
  // Lines keep their numbers unless a key was inserted above; look near the old number.
  const near = newLines.slice(c.line - 1, c.line + 3).join('\n');
  return near.includes(want) ? '' : `the line does not hold ${want}`;
}

function corpusSuite(folder: string): void {
  const corpus = join(shared, folder);
  const present = existsSync(join(corpus, 'cases.json'));
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
      `${folder} suite skipped: ${corpus}/cases.json not found (the corpus lives in ../shared beside the project)\n`,
    );
  }

  describeCorpus(`the ${folder} of real GitOps files`, () => {
    // The tally is printed when a case fails, or always with CORPUS_TALLY=1.
    afterAll(() => {
      if (failures.length === 0 && process.env.CORPUS_TALLY !== '1') return;
      const rows = [...tally.entries()]
        .sort()
        .map(([kind, t]) => `  ${kind.padEnd(28)} ${t.pass}/${t.pass + t.fail}`);
      const total = [...tally.values()].reduce((n, t) => n + t.pass + t.fail, 0);
      const passed = [...tally.values()].reduce((n, t) => n + t.pass, 0);
      console.log(
        `${folder} tally: ${passed}/${total} cases\n${rows.join('\n')}${failures.length ? `\nfailing:\n  ${failures.join('\n  ')}` : ''}`,
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
      const oldLines = text.split('\n');
      const inserting = (c: Case): boolean => isInsertion(c, oldLines[c.line - 1] ?? '');
      const caseLines = new Set(fileCases.map((c) => c.line));
      let fileOk = true;
      for (const c of fileCases) {
        const why = caseProblem(
          c,
          oldLines[c.line - 1] ?? '',
          result.text,
          changed,
          insertedAfter,
          bumps,
        );
        record(c, why === '', why);
        if (why !== '' && !isStretch(c)) fileOk = false;
      }
      const stray = [...changed].filter((line) => !caseLines.has(line));
      const strayInserts = [...insertedAfter].filter(
        (line) => !fileCases.some((c) => inserting(c) && line >= c.line && line <= c.line + 2),
      );
      expect({ stray, strayInserts }).toEqual({ stray: [], strayInserts: [] });
      // Every listed image is bumped and the decoys the notes name are not places: nothing
      // may be reported as missed or skipped in these files.
      const unexpected = [...result.skipped, ...result.missed].map((m) => `${m.line}: ${m.reason}`);
      if (!fileCases.every(isStretch)) expect(unexpected).toEqual([]);
      expect(fileOk).toBe(true);
      // Idempotent: the same bump on the result changes nothing.
      const again = editText({ file, text: result.text, bumps, options });
      expect(again.text).toBe(result.text);
      expect(again.occurrences.filter((o) => o.changed)).toEqual([]);
    });
  });
}

corpusSuite('corpus');
corpusSuite('corpus2');
