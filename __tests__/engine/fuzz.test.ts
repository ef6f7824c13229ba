// Property-based fuzzing of the engine: generated YAML streams (fuzz-arbitraries.ts) hold
// ghcr.io/org/app wherever the engine looks for images, formatted every which way. For each,
// editText either refuses with a message, or:
//   1. the output parses to the input's data with exactly the planned values changed;
//   2. every byte outside the changed values is kept (quotes change only with a note);
//   3. it reports each placed image once, on its line, changed exactly when it should be;
//   4. a second run changes nothing.
// `npm test` runs a bounded number of cases with a fixed seed; script/fuzz.mjs runs many more
// (FUZZ_RUNS, FUZZ_SEED, and FUZZ_STATS for a file to write counts to).
import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { editText } from '../../src/engine/edit-file.js';
import { parseReference } from '../../src/engine/image-ref.js';
import type { Bump, EditResult } from '../../src/engine/types.js';
import { EngineError } from '../../src/engine/types.js';
import {
  type BumpSpec,
  caseArb,
  type Expected,
  type ExpectedEdit,
  expectations,
  type FuzzCase,
  IMAGE,
  type JsEdit,
  type Path,
  render,
} from './fuzz-arbitraries.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const SEED = Number(process.env.FUZZ_SEED ?? 20240611);

interface Stats {
  cases: number;
  documents: number;
  placements: number;
  edited: number;
  unchanged: number;
  refused: number;
  refusedBy: Record<string, number>;
  /** The first few refusal messages, to judge whether refusing was right. */
  refusals: string[];
  documentsEdited: number;
  documentsRefused: number;
  changedOccurrences: number;
  skipped: number;
  byKind: Record<string, number>;
}

const stats: Stats = {
  cases: 0,
  documents: 0,
  placements: 0,
  edited: 0,
  unchanged: 0,
  refused: 0,
  refusedBy: {},
  refusals: [],
  documentsEdited: 0,
  documentsRefused: 0,
  changedOccurrences: 0,
  skipped: 0,
  byKind: {},
};

function toBump(spec: BumpSpec): Bump {
  const bump: Bump = { image: parseReference(IMAGE), tag: spec.tag };
  if (spec.digest !== undefined) bump.digest = spec.digest;
  return bump;
}

function edit(text: string, bump: BumpSpec): EditResult {
  return editText({ file: 'fuzz.yaml', text, bumps: [toBump(bump)] });
}

class FuzzFailure extends Error {
  constructor(what: string, text: string, output?: string) {
    super(
      `${what}\n  input:  ${JSON.stringify(text)}${output !== undefined ? `\n  output: ${JSON.stringify(output)}` : ''}`,
    );
    this.name = 'FuzzFailure';
  }
}

// --- data ------------------------------------------------------------------------------------

/** A block scalar's expected content, compared by what it parses to. */
class EmbeddedYaml {
  constructor(readonly docs: unknown[]) {}
}

function parseData(text: string, what: string): unknown[] {
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs)) return [];
  for (const doc of docs) {
    if (doc.errors.length > 0) throw new Error(`${what} does not parse: ${doc.errors[0]!.message}`);
  }
  return docs.map((doc) => doc.toJS({ maxAliasCount: -1 }));
}

function container(root: unknown, path: Path): Record<string | number, unknown> {
  let node = root;
  for (const key of path) node = (node as Record<string | number, unknown>)[key];
  if (node === null || typeof node !== 'object') throw new Error(`no collection at ${path}`);
  return node as Record<string | number, unknown>;
}

function applyJs(docs: unknown[], doc: number, change: JsEdit): void {
  const parentPath = change.op === 'insert' ? change.path : change.path.slice(0, -1);
  const parent = container(docs[doc], parentPath);
  if (change.op === 'insert') parent[change.key] = change.value;
  else {
    const key = change.path[change.path.length - 1]!;
    if (change.op === 'set') parent[key] = change.value;
    else delete parent[key];
  }
}

/** The input's data with every planned change applied. */
function expectedData(text: string, expected: Expected[]): unknown[] {
  const docs = parseData(text, 'the input');
  const hosts = new Map<string, { doc: number; path: Path; changes: Expected[] }>();
  for (const e of expected) {
    if (e.js.length === 0) continue;
    const host = e.record.host;
    if (!host) {
      for (const change of e.js) applyJs(docs, e.record.doc, change);
      continue;
    }
    const key = JSON.stringify([host.doc, host.path]);
    const entry = hosts.get(key) ?? { doc: host.doc, path: host.path, changes: [] };
    entry.changes.push(e);
    hosts.set(key, entry);
  }
  for (const host of hosts.values()) {
    const parent = container(docs[host.doc], host.path.slice(0, -1));
    const key = host.path[host.path.length - 1]!;
    const inner = parseData(String(parent[key]), 'the block scalar');
    for (const e of host.changes) for (const change of e.js) applyJs(inner, e.record.doc, change);
    parent[key] = new EmbeddedYaml(inner);
  }
  return docs;
}

/** Where two data trees differ first, or undefined. */
function difference(actual: unknown, expected: unknown, path = '$'): string | undefined {
  if (expected instanceof EmbeddedYaml) {
    if (typeof actual !== 'string') return `${path}: expected a block scalar, got ${typeof actual}`;
    let docs: unknown[];
    try {
      docs = parseData(actual, 'the edited block scalar');
    } catch (error) {
      return `${path}: ${(error as Error).message}`;
    }
    return difference(docs, expected.docs, `${path}(yaml)`);
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length)
      return `${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
    for (let i = 0; i < expected.length; i++) {
      const found = difference(actual[i], expected[i], `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual))
      return `${path}: expected a mapping, got ${JSON.stringify(actual)}`;
    const a = actual as Record<string, unknown>;
    const e = expected as Record<string, unknown>;
    const keys = Object.keys(e).sort();
    if (JSON.stringify(Object.keys(a).sort()) !== JSON.stringify(keys))
      return `${path}: keys ${JSON.stringify(Object.keys(a))} instead of ${JSON.stringify(keys)}`;
    for (const key of keys) {
      const found = difference(a[key], e[key], `${path}.${key}`);
      if (found) return found;
    }
    return undefined;
  }
  if (!Object.is(actual, expected))
    return `${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
  return undefined;
}

// --- bytes -----------------------------------------------------------------------------------

/**
 * Checks that the output is the input with each expected span replaced by one of its options;
 * returns the edits that used a quoting option.
 */
function checkBytes(
  text: string,
  output: string,
  expected: Expected[],
): Array<{ edit: ExpectedEdit; owner: Expected }> {
  const edits = expected
    .flatMap((owner) => owner.edits.map((edit) => ({ edit, owner })))
    .sort((a, b) => a.edit.start - b.edit.start || a.edit.end - b.edit.end);
  const quoted: Array<{ edit: ExpectedEdit; owner: Expected }> = [];
  let inAt = 0;
  let outAt = 0;
  edits.forEach(({ edit, owner }, i) => {
    if (edit.start < inAt) throw new Error('generator bug: expected edits overlap');
    const same = text.slice(inAt, edit.start);
    if (!output.startsWith(same, outAt))
      throw new FuzzFailure(
        `bytes before offset ${edit.start} changed: expected ${JSON.stringify(same.slice(-60))}, got ${JSON.stringify(output.slice(outAt, outAt + same.length).slice(-60))}`,
        text,
        output,
      );
    outAt += same.length;
    const next = edits[i + 1]?.edit.start ?? text.length;
    const following = text.slice(edit.end, Math.max(edit.end, next));
    let choice = edit.options.findIndex((option) => output.startsWith(option + following, outAt));
    // When no option fits with what follows, the next span's check says what differs there.
    if (choice < 0) choice = edit.options.findIndex((option) => output.startsWith(option, outAt));
    if (choice < 0)
      throw new FuzzFailure(
        `at offset ${edit.start} (line ${owner.line}, ${owner.kind}) ${JSON.stringify(text.slice(edit.start, edit.end))} should read one of ${JSON.stringify(edit.options)}; the output there is ${JSON.stringify(output.slice(outAt, outAt + 80))}`,
        text,
        output,
      );
    if (edit.quoting[choice]) quoted.push({ edit, owner });
    outAt += edit.options[choice]!.length;
    inAt = edit.end;
  });
  if (output.slice(outAt) !== text.slice(inAt))
    throw new FuzzFailure(`the text after offset ${inAt} changed`, text, output);
  return quoted;
}

/** The line view: with as many lines as before, only lines holding planned edits differ. */
function checkLines(text: string, output: string, expected: Expected[]): void {
  const before = text.split('\n');
  const after = output.split('\n');
  const edits = expected.flatMap((e) => e.edits);
  // A key added or removed changes the line count; checkBytes covers those.
  if (
    edits.some(
      (e) => e.options.some((o) => o.includes('\n')) || text.slice(e.start, e.end).includes('\n'),
    )
  )
    return;
  if (before.length !== after.length)
    throw new FuzzFailure(`${before.length} lines became ${after.length}`, text, output);
  const allowed = new Set<number>();
  for (const e of edits) {
    const first = text.slice(0, e.start).split('\n').length - 1;
    const last = text.slice(0, e.end).split('\n').length - 1;
    for (let l = first; l <= last; l++) allowed.add(l);
  }
  before.forEach((line, i) => {
    if (line !== after[i] && !allowed.has(i))
      throw new FuzzFailure(`line ${i + 1} changed but holds no bumped value`, text, output);
  });
}

// --- occurrences -----------------------------------------------------------------------------

function describeOccurrences(
  list: Array<{ line: number; kind: string; from: string; to: string; changed: boolean }>,
): string[] {
  return list
    .map((o) => `${o.line} ${o.kind} ${o.from} -> ${o.to}${o.changed ? ' changed' : ''}`)
    .sort();
}

function checkOccurrences(text: string, result: EditResult, expected: Expected[]): void {
  const want = describeOccurrences(expected.filter((e) => !e.skipped));
  const got = describeOccurrences(result.occurrences);
  if (JSON.stringify(want) !== JSON.stringify(got))
    throw new FuzzFailure(
      `occurrences differ:\n    expected ${JSON.stringify(want)}\n    got      ${JSON.stringify(got)}`,
      text,
      result.text,
    );
  const wantSkipped = expected
    .filter((e) => e.skipped)
    .map((e) => e.line)
    .sort();
  const gotSkipped = result.skipped.map((s) => s.line).sort();
  if (JSON.stringify(wantSkipped) !== JSON.stringify(gotSkipped))
    throw new FuzzFailure(
      `skipped lines ${JSON.stringify(gotSkipped)} instead of ${JSON.stringify(wantSkipped)}: ${JSON.stringify(result.skipped)}`,
      text,
      result.text,
    );
  const changed = result.occurrences.filter((o) => o.changed).length;
  const placedChanged = expected.filter((e) => e.changed && !e.skipped).length;
  if (changed !== placedChanged)
    throw new FuzzFailure(`${changed} occurrences changed, ${placedChanged} expected`, text);
}

// --- the property ----------------------------------------------------------------------------

function checkCase(c: FuzzCase): void {
  const rendered = render(c.stream);
  const { text } = rendered;
  try {
    parseData(text, 'the generated input');
  } catch (error) {
    throw new FuzzFailure(`generator bug: ${(error as Error).message}`, text);
  }
  const expected = expectations(rendered, c.bump);
  stats.cases++;
  stats.documents += c.stream.docs.length;
  stats.placements += expected.length;
  for (const e of expected) stats.byKind[e.kind] = (stats.byKind[e.kind] ?? 0) + 1;

  let result: EditResult;
  try {
    result = edit(text, c.bump);
  } catch (error) {
    if (!(error instanceof EngineError)) throw error;
    if (error.message.trim() === '') throw new FuzzFailure('refused without a message', text);
    // The engine calls a failed verification a bug of its own: a valid input must not get there.
    if (error.code === 'verify') throw new FuzzFailure(`refused: ${error.message}`, text);
    stats.refused++;
    stats.refusedBy[error.code] = (stats.refusedBy[error.code] ?? 0) + 1;
    if (stats.refusals.length < 5) stats.refusals.push(`${error.message}\n${JSON.stringify(text)}`);
    stats.documentsRefused += c.stream.docs.length;
    return;
  }

  // 1. The data: the input's, with the planned values changed.
  let actual: unknown[];
  try {
    actual = parseData(result.text, 'the output');
  } catch (error) {
    throw new FuzzFailure((error as Error).message, text, result.text);
  }
  const diff = difference(actual, expectedData(text, expected));
  if (diff) throw new FuzzFailure(`the data differs at ${diff}`, text, result.text);

  // 2. The bytes: only the planned spans changed; quotes only with a note.
  const quoted = checkBytes(text, result.text, expected);
  for (const { owner } of quoted) {
    const occurrence = result.occurrences.find((o) => o.line === owner.line && o.changed);
    if (!occurrence?.notes.some((note) => /quot/.test(note)))
      throw new FuzzFailure(`line ${owner.line} was quoted without a note`, text, result.text);
  }
  checkLines(text, result.text, expected);

  // 3. The occurrences: each placed image once, on its line, changed when it should be.
  checkOccurrences(text, result, expected);

  // 4. Idempotence.
  const again = edit(result.text, c.bump);
  if (again.text !== result.text)
    throw new FuzzFailure('a second run changed the text again', result.text, again.text);
  if (again.occurrences.some((o) => o.changed))
    throw new FuzzFailure('a second run reports changes', result.text);

  const changedDocs = new Set(
    expected.filter((e) => e.changed && !e.skipped).map((e) => e.record.host?.doc ?? e.record.doc),
  );
  stats.documentsEdited += changedDocs.size;
  stats.changedOccurrences += result.occurrences.filter((o) => o.changed).length;
  stats.skipped += result.skipped.length;
  if (result.text !== text) stats.edited++;
  else stats.unchanged++;
}

describe('engine fuzzing', () => {
  afterAll(() => {
    if (process.env.FUZZ_STATS) writeFileSync(process.env.FUZZ_STATS, JSON.stringify(stats));
  });

  it(
    `keeps data, bytes and idempotence on ${RUNS} generated streams (seed ${SEED})`,
    () => {
      fc.assert(
        fc.property(caseArb, (c) => {
          checkCase(c);
        }),
        { numRuns: RUNS, seed: SEED },
      );
    },
    Math.max(30_000, RUNS * 50),
  );
});

// Minimal examples of what the fuzzer found, kept as plain tests.
describe('fuzz regressions', () => {
  it('fills an empty tag that a comment follows, keeping a space before the comment', () => {
    // Was: `tag: 1.2.3# note` (the comment became part of the value; refused by verification)
    // and `tag: "1.0"# note` (no longer parsed).
    const text = 'image:\n  repository: ghcr.io/org/app\n  tag: # note\n';
    expect(edit(text, { tag: '1.2.3', digest: undefined }).text).toBe(
      'image:\n  repository: ghcr.io/org/app\n  tag: 1.2.3 # note\n',
    );
    expect(edit(text, { tag: '1.0', digest: undefined }).text).toBe(
      'image:\n  repository: ghcr.io/org/app\n  tag: "1.0" # note\n',
    );
  });

  it('keeps a digest-only kustomize entry pinned: a tag-only bump is reported, not written', () => {
    // Was converted to a tag (newTag added, the digest dropped); a digest pin now stays one.
    const digest = `sha256:${'a'.repeat(64)}`;
    const text = `images:\n- name: app\n  newName: ghcr.io/org/app\n  digest: ${digest}`;
    const result = edit(text, { tag: 'v2', digest: undefined });
    expect(result.text).toBe(text);
    expect(result.skipped[0]!.reason).toContain('pinned by digest only');
  });
});
