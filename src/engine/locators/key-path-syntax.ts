// The syntax of explicit key paths (`data.backend`, `helm.parameters[name=image.tag].value`,
// `data["app.version"]`), apart from following them through a document (key-path.ts): the
// settings check a `file#key` before anything is read, without loading the YAML library.
import type { KeyPathTarget, KeySegment } from '../types.js';
import { EngineError } from '../types.js';

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
