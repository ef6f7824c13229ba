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
import type { KeyPathTarget } from '../types.js';
import { EngineError } from '../types.js';
import { getString, keyText, type Path } from '../walk.js';

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
