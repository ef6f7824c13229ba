// Explicit key paths (`data.backend`, `helm.parameters[name=image.tag].value`,
// `data["app.version"]`) for files that hold a version without naming the image, such as
// an `image-versions` ConfigMap.
import {
  type Document,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type Node,
  type Pair,
  type Scalar,
  type YAMLMap,
} from 'yaml';
import type { KeyPathTarget, KeySegment } from '../types.js';
import { EngineError } from '../types.js';
import { getString, keyText, type Path } from '../walk.js';

/** Default template: the new tag alone. */
export const DEFAULT_TEMPLATE = '{{tag}}';

/** Parses a key path; throws with the position of what is wrong. */
export function parseKeyPath(raw: string, template = DEFAULT_TEMPLATE): KeyPathTarget {
  const segments: KeySegment[] = [];
  let at = 0;
  const fail = (why: string): never => {
    throw new EngineError(
      `Invalid key path '${raw}': ${why} at character ${at + 1}. Write keys separated by dots, e.g. data.backend, spec.values.image.tag, helm.parameters[name=image.tag].value or data["app.version"].`,
      'key-path',
    );
  };
  if (raw.trim() === '') fail('it is empty');
  while (at < raw.length) {
    const ch = raw[at];
    if (ch === '[') {
      const close = raw.indexOf(']', at);
      if (close < 0) fail("a '[' is not closed");
      const inner = raw.slice(at + 1, close).trim();
      if (/^[0-9]+$/.test(inner)) segments.push({ index: Number(inner) });
      else if (/^(["']).*\1$/.test(inner)) segments.push({ key: inner.slice(1, -1) });
      else {
        const eq = inner.indexOf('=');
        if (eq <= 0) fail(`'[${inner}]' is neither an index, a quoted key nor key=value`);
        segments.push({
          where: {
            key: inner.slice(0, eq).trim(),
            value: inner
              .slice(eq + 1)
              .trim()
              .replace(/^(["'])(.*)\1$/, '$2'),
          },
        });
      }
      at = close + 1;
      if (raw[at] === '.') at++;
      continue;
    }
    if (ch === '"' || ch === "'") {
      const close = raw.indexOf(ch, at + 1);
      if (close < 0) fail('a quote is not closed');
      segments.push({ key: raw.slice(at + 1, close) });
      at = close + 1;
      if (raw[at] === '.') at++;
      continue;
    }
    let end = at;
    while (end < raw.length && raw[end] !== '.' && raw[end] !== '[') end++;
    const key = raw.slice(at, end);
    if (key === '') fail('a key is empty');
    segments.push({ key });
    at = end;
    if (raw[at] === '.') {
      at++;
      if (at === raw.length) fail('it ends with a dot');
    }
  }
  return { raw, segments, template };
}

/** The pair a key path ends in, with its path; or the reason it does not resolve. */
export type Resolved =
  | { pair: Pair; value: Scalar | null; path: Path; map?: YAMLMap }
  | { missing: string };

/** Follows a key path through a document. */
export function resolveKeyPath(doc: Document, target: KeyPathTarget): Resolved {
  let node: Node | null = doc.contents;
  const path: Array<string | number> = [];
  let pair: Pair | undefined;
  let map: YAMLMap | undefined;
  for (const segment of target.segments) {
    if ('key' in segment) {
      if (!isMap(node)) return { missing: `'${formatSoFar(path)}' is not a mapping` };
      map = node;
      pair = node.items.find((item) => isPair(item) && keyText(item) === segment.key) as
        | Pair
        | undefined;
      if (!pair) {
        const keys = node.items.map((item) => keyText(item) ?? '?').slice(0, 20);
        return {
          missing: `key '${segment.key}' not found under '${formatSoFar(path)}' (keys there: ${keys.join(', ') || 'none'})`,
        };
      }
      path.push(segment.key);
      node = pair.value as Node | null;
    } else if ('index' in segment) {
      if (!isSeq(node)) return { missing: `'${formatSoFar(path)}' is not a list` };
      const item = node.items[segment.index] as Node | undefined;
      if (item === undefined)
        return { missing: `'${formatSoFar(path)}' has no item ${segment.index}` };
      path.push(segment.index);
      pair = undefined;
      node = item;
    } else {
      if (!isSeq(node)) return { missing: `'${formatSoFar(path)}' is not a list` };
      const index = node.items.findIndex(
        (item) => isMap(item) && getString(item, segment.where.key) === segment.where.value,
      );
      if (index < 0)
        return {
          missing: `no item of '${formatSoFar(path)}' has ${segment.where.key}=${segment.where.value}`,
        };
      path.push(index);
      pair = undefined;
      node = node.items[index] as Node;
    }
  }
  if (!pair) return { missing: 'a key path must end in a key, not a list item' };
  if (node !== null && !isScalar(node))
    return { missing: `'${target.raw}' holds a ${isMap(node) ? 'mapping' : 'list'}, not a value` };
  return map ? { pair, value: node, path, map } : { pair, value: node, path };
}

function formatSoFar(path: Path): string {
  return path.length === 0
    ? '(document root)'
    : path.map((p) => (typeof p === 'number' ? `[${p}]` : p)).join('.');
}

/** Fills a template's placeholders; throws when one is unknown or has no value. */
export function renderTemplate(
  template: string,
  values: { tag?: string; digest?: string; name: string },
): string {
  return template.replace(/\{\{\s*([a-z]+)\s*\}\}/g, (_match, key: string) => {
    const image = `${values.name}${values.tag !== undefined ? `:${values.tag}` : ''}${values.digest !== undefined ? `@${values.digest}` : ''}`;
    const value =
      key === 'tag'
        ? values.tag
        : key === 'digest'
          ? values.digest
          : key === 'name'
            ? values.name
            : key === 'image'
              ? image
              : undefined;
    if (key !== 'tag' && key !== 'digest' && key !== 'name' && key !== 'image') {
      throw new EngineError(
        `Unknown placeholder '{{${key}}}' in template '${template}': use {{tag}}, {{digest}}, {{name}} or {{image}}.`,
        'key-path',
      );
    }
    if (value === undefined) {
      throw new EngineError(
        `The template '${template}' uses {{${key}}}, but the image ${values.name} was given without a ${key}.`,
        'key-path',
      );
    }
    return value;
  });
}
