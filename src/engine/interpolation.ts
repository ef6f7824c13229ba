// Compose-style variable interpolation inside a value: `${VAR}`, `${VAR:-default}`,
// `${VAR-default}`, `${VAR:?error}`, `$VAR`. A value is read with each default in place of its
// variable, keeping for every character of that reading where it stands in the value, so a
// tag written as a default is edited where it stands and the `${VAR:-` and `}` around it stay.

/** A variable without a value in the file (`${VAR}`, `${VAR:?err}`, `${VAR:+alt}`). */
export interface OpenVariable {
  name: string;
  /** Where the variable's stand-in sits in the resolved reading. */
  start: number;
  end: number;
}

/** A value read with defaults in place of variables. */
export interface Resolved {
  value: string;
  /** at[i]: offset in the original value of resolved character i; at[value.length] = end. */
  at: number[];
  /** Variables whose value is set outside the file. */
  open: OpenVariable[];
}

// `${NAME` then an optional operator and its word (one level of braces allowed inside).
const BRACED = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-=?+])((?:[^{}]|\{[^{}]*\})*))?\}/y;
const BARE = /\$([A-Za-z_][A-Za-z0-9_]*)/y;
/** What an open variable reads as: lower-case letters, valid in a name and in a tag. */
const STAND_IN = 'x';

/** Reads a value with its interpolations resolved; undefined when it holds none. */
export function resolveInterpolation(value: string): Resolved | undefined {
  if (!value.includes('$')) return undefined;
  let out = '';
  const at: number[] = [];
  const open: OpenVariable[] = [];
  let found = false;
  let i = 0;
  while (i < value.length) {
    if (value.startsWith('$$', i)) {
      at.push(i);
      out += '$';
      i += 2;
      continue;
    }
    BRACED.lastIndex = i;
    BARE.lastIndex = i;
    const braced = value[i] === '$' ? BRACED.exec(value) : null;
    const bare = value[i] === '$' && !braced ? BARE.exec(value) : null;
    const match = braced ?? bare;
    if (!match) {
      at.push(i);
      out += value[i];
      i++;
      continue;
    }
    found = true;
    const [whole, name, operator, word] = match;
    if (operator === ':-' || operator === '-' || operator === ':=' || operator === '=') {
      if (word?.includes('$')) return undefined; // nested interpolation: not read
      const wordStart = i + whole.length - 1 - (word ?? '').length;
      for (let k = 0; k < (word ?? '').length; k++) at.push(wordStart + k);
      out += word ?? '';
    } else {
      open.push({ name: name!, start: out.length, end: out.length + STAND_IN.length });
      at.push(i);
      out += STAND_IN;
    }
    i += whole.length;
  }
  if (!found) return undefined;
  at.push(value.length);
  return { value: out, at, open };
}

/**
 * The range of the original value that resolved[start, end) was written as; undefined when
 * those characters are not one contiguous run of it (they span a `${` or `}`). An empty range
 * maps to the point right after the character before it.
 */
export function toOriginal(
  at: readonly number[],
  start: number,
  end: number,
): [number, number] | undefined {
  if (start === end) {
    const point = start > 0 ? at[start - 1]! + 1 : at[0]!;
    return [point, point];
  }
  const from = at[start]!;
  const to = at[end - 1]! + 1;
  return to - from === end - start ? [from, to] : undefined;
}
