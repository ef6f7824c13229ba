// After the edits, the changed documents are parsed again and compared node by node with the
// originals: every edited value must read back as the intended string, keys may only appear or
// disappear where planned, and everything else must be equal. Any difference refuses the edit.
import { isAlias, isMap, isPair, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Expectation } from './plan.js';
import { EngineError } from './types.js';
import { formatPath, keyText, type Path } from './walk.js';

function describe(node: unknown): string {
  if (node === null || node === undefined) return 'nothing';
  if (isScalar(node)) return `${typeof node.value} ${JSON.stringify(node.value)}`;
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isAlias(node)) return `alias *${node.source}`;
  return 'an unknown node';
}

function isNullish(node: unknown): boolean {
  return node === null || node === undefined || (isScalar(node) && node.value === null);
}

function fail(path: Path, what: string): never {
  throw new EngineError(
    `Refusing to write: after the edit, ${formatPath(path) || 'the document'} ${what}. This is a bug in gitops-bump; the file was left as it was.`,
    'verify',
  );
}

/** The pairs of a mapping before and after, with the planned removals and insertions checked. */
function plannedPairs(
  a: YAMLMap,
  b: YAMLMap,
  planned: readonly Expectation[],
  path: Path,
): { oldPairs: Pair[]; newPairs: Pair[] } {
  const removed = new Set(planned.flatMap((e) => ('remove' in e ? [e.remove] : [])));
  const inserted = new Map(
    planned.flatMap((e) => ('insert' in e ? [[e.insert.key, e.insert.value] as const] : [])),
  );
  const oldPairs = a.items.filter((p) => !removed.has(keyText(p) ?? '\0'));
  const newPairs = b.items.filter((p) => {
    const key = keyText(p) ?? '\0';
    if (!inserted.has(key)) return true;
    if (!isScalar(p.value) || p.value.value !== inserted.get(key))
      fail(
        [...path, key],
        `reads back as ${describe(p.value)} instead of ${JSON.stringify(inserted.get(key))}`,
      );
    inserted.delete(key);
    return false;
  });
  if (inserted.size > 0) fail(path, `is missing the added key ${[...inserted.keys()].join(', ')}`);
  if (oldPairs.length !== newPairs.length) fail(path, 'gained or lost keys');
  return { oldPairs, newPairs };
}

/** Compares an original and an edited document tree against the planned expectations. */
export function verifyDocument(
  before: Node | null,
  after: Node | null,
  expectations: readonly Expectation[],
): void {
  const byPath = new Map<string, Expectation[]>();
  for (const expectation of expectations) {
    const key = JSON.stringify(expectation.path);
    byPath.set(key, [...(byPath.get(key) ?? []), expectation]);
  }
  const path: Array<string | number> = [];

  const compare = (a: unknown, b: unknown): void => {
    const planned = byPath.get(JSON.stringify(path)) ?? [];
    const set = planned.find((e): e is Extract<Expectation, { set: string }> => 'set' in e);
    if (set) {
      if (!isScalar(b) || b.value !== set.set)
        fail(path, `reads back as ${describe(b)} instead of the string ${JSON.stringify(set.set)}`);
      return;
    }
    if (isNullish(a) || isNullish(b)) {
      if (!isNullish(a) || !isNullish(b))
        fail(path, `changed from ${describe(a)} to ${describe(b)}`);
      return;
    }
    if (isAlias(a) || isAlias(b)) {
      if (!isAlias(a) || !isAlias(b) || a.source !== b.source)
        fail(path, `changed from ${describe(a)} to ${describe(b)}`);
      return;
    }
    if ((a as { anchor?: string }).anchor !== (b as { anchor?: string }).anchor)
      fail(path, 'lost or changed its anchor');
    if (isScalar(a)) {
      if (!isScalar(b) || !Object.is(a.value, b.value) || a.type !== b.type)
        fail(path, `changed from ${describe(a)} to ${describe(b)}`);
      return;
    }
    if (isSeq(a)) {
      if (!isSeq(b) || a.items.length !== b.items.length)
        fail(path, `changed from ${describe(a)} to ${describe(b)}`);
      a.items.forEach((item, index) => {
        path.push(index);
        compare(item, b.items[index]);
        path.pop();
      });
      return;
    }
    if (isMap(a)) {
      if (!isMap(b)) fail(path, `changed from ${describe(a)} to ${describe(b)}`);
      const { oldPairs, newPairs } = plannedPairs(a, b, planned, path);
      oldPairs.forEach((pair, index) => {
        const other = newPairs[index]!;
        if (!isPair(pair) || !isPair(other) || keyText(pair) !== keyText(other))
          fail(path, `has key ${keyText(other)} where ${keyText(pair)} was`);
        path.push(keyText(pair) ?? '?');
        compare(pair.value, other.value);
        path.pop();
      });
      return;
    }
    fail(path, 'holds a node of an unknown kind');
  };
  compare(before, after);
}
