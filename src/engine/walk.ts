// Walks a composed YAML document with the path and ancestors of each node, never following
// aliases (so an anchored value is visited once, where it is written, and alias bombs cost
// nothing).
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type Node,
  type Pair,
  type Scalar,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import { EngineError } from './types.js';

/** A path from the document root: mapping keys and sequence indexes. */
export type Path = ReadonlyArray<string | number>;

/** A node with where it stands. */
export interface Visit<T> {
  node: T;
  path: Path;
  /** Collections from the root down to the node's parent. */
  ancestors: ReadonlyArray<YAMLMap | YAMLSeq>;
}

/** Callbacks of a walk; each is optional. */
export interface Visitor {
  map?(visit: Visit<YAMLMap>): void;
  seq?(visit: Visit<YAMLSeq>): void;
  scalar?(visit: Visit<Scalar>): void;
}

/** Documents nested deeper than this are refused: no real manifest comes near it. */
export const MAX_DEPTH = 500;

/** The text of a mapping key, or undefined for a complex key. */
export function keyText(pair: Pair): string | undefined {
  const key = pair.key;
  if (isScalar(key)) return key.value === null ? '' : String(key.value);
  return undefined;
}

/** The pair with the given key in a mapping. */
export function getPair(map: YAMLMap, key: string): Pair | undefined {
  for (const item of map.items) {
    if (isPair(item) && keyText(item) === key) return item;
  }
  return undefined;
}

/** The scalar value of a key, when it is a scalar (null values included). */
export function getScalar(map: YAMLMap, key: string): Scalar | undefined {
  const value = getPair(map, key)?.value;
  return isScalar(value) ? value : undefined;
}

/** The string value of a key, when it is a non-empty string or a plain number. */
export function getString(map: YAMLMap, key: string): string | undefined {
  const scalar = getScalar(map, key);
  if (!scalar || scalar.value === null || scalar.value === undefined) return undefined;
  if (typeof scalar.value === 'string') return scalar.value;
  if (scalar.type === 'PLAIN' && scalar.source !== undefined) return String(scalar.source);
  return String(scalar.value);
}

/** Formats a path as `a.b[0].c`. */
export function formatPath(path: Path): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[\w$-]+$/.test(part)) out += out ? `.${part}` : part;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}

/** Visits every map, sequence and scalar below `root`. */
export function walk(root: Node | null | undefined, visitor: Visitor): void {
  if (!root) return;
  const path: Array<string | number> = [];
  const ancestors: Array<YAMLMap | YAMLSeq> = [];
  const visit = (node: unknown): void => {
    if (ancestors.length > MAX_DEPTH) {
      throw new EngineError(
        `the document is nested more than ${MAX_DEPTH} levels deep`,
        'unsupported',
      );
    }
    if (isAlias(node) || node === null || node === undefined) return;
    if (isMap(node)) {
      visitor.map?.({ node, path: [...path], ancestors: [...ancestors] });
      ancestors.push(node);
      for (const pair of node.items) {
        path.push(keyText(pair) ?? '?');
        visit(pair.value);
        path.pop();
      }
      ancestors.pop();
    } else if (isSeq(node)) {
      visitor.seq?.({ node, path: [...path], ancestors: [...ancestors] });
      ancestors.push(node);
      node.items.forEach((item, index) => {
        path.push(index);
        visit(item);
        path.pop();
      });
      ancestors.pop();
    } else if (isScalar(node)) {
      visitor.scalar?.({ node, path: [...path], ancestors: [...ancestors] });
    }
  };
  visit(root);
}
