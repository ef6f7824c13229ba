// Never a silent miss: after the edit, every line of the file that names a bumped image in any
// spelling (with or without `docker.io/` and `library/`, any host case, with a tag or a digest)
// and that the engine did not handle is looked at. Decoys are left alone: comments, Go
// templates and `$(params.x)` (the name is then part of a longer token), URLs, longer names
// (`app-exporter`, `org/app/sub`), host:port pairs, prose in a description or a shell command,
// and a bare name under a key that does not say image (a label, a container's name). What is
// left is a missed place, reported with its line and why it was not bumped.
import { canonicalName, type ImageRef, tryParseReference } from './image-ref.js';
import { type LineIndex, lineStart } from './text.js';
import type { Bump, MissedPlace } from './types.js';

// Characters of an image reference; anything else ends a token.
const TOKEN = /[A-Za-z0-9_.:/@-]+/g;
/** A key on the line whose name says it holds an image. */
const IMAGE_KEY = /^\s*(?:-\s+)*["']?([\w.-]*?(?:image|repository|newname|package)\w*)["']?\s*:/i;
const KEY = /^\s*(?:-\s+)*["']?([^\s"':#][^"':#]*?)["']?\s*:(?:\s|$)/;

/** The code part of a line: before a comment that starts with `#` outside quotes. */
function codeOf(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"') i++;
      continue;
    }
    if ((ch === '"' || ch === "'") && (i === 0 || /[\s:[{,-]/.test(line[i - 1]!))) quote = ch;
    else if (ch === '#' && (i === 0 || /\s/.test(line[i - 1]!))) return line.slice(0, i);
  }
  return line;
}

/** A token read as a reference; an upper-case digest algorithm is read too, to be refused. */
function readToken(token: string): { ref: ImageRef; upperDigest: boolean } | undefined {
  const trimmed = token.replace(/[.:,-]+$/, '');
  const ref = tryParseReference(trimmed);
  if (ref) return { ref, upperDigest: false };
  const at = trimmed.indexOf('@');
  if (at < 0) return undefined;
  const lowered = `${trimmed.slice(0, at)}@${trimmed.slice(at + 1).replace(/^[A-Z0-9]+:/, (m) => m.toLowerCase())}`;
  const loose = lowered !== trimmed ? tryParseReference(lowered) : undefined;
  return loose ? { ref: loose, upperDigest: true } : undefined;
}

/** Why a matching token on a line is a missed place, or undefined when it is a decoy. */
function classify(
  line: string,
  code: string,
  token: { text: string; index: number; ref: ImageRef; upperDigest: boolean },
): string | undefined {
  if (token.index >= code.length) return undefined; // in a comment
  const before = code.slice(0, token.index);
  if (/[/$]$/.test(before) || /\{\{[^}]*$/.test(before)) return undefined; // longer name, template
  const { ref } = token;
  const untagged = ref.tag === undefined && ref.digest === undefined;
  const imageKey = IMAGE_KEY.exec(code)?.[1];
  if (untagged && !imageKey && !ref.name.includes('/')) return undefined; // a label, a name
  if (
    !imageKey &&
    ref.digest === undefined &&
    /^[0-9]+$/.test(ref.tag ?? '') &&
    !ref.name.includes('/')
  )
    return undefined; // host:port
  const value = code
    .replace(KEY, '')
    .replace(/^\s*(?:-\s+)*/, '')
    .trim()
    .replace(/^(["'])(.*)\1$/, '$2');
  if (/\s/.test(value)) return undefined; // prose, a shell command, a list of arguments
  if (token.upperDigest)
    return `the digest algorithm is upper-case (${token.text.slice(token.text.indexOf('@') + 1).split(':')[0]}:), which Kubernetes refuses; write it in lower case`;
  const key = imageKey ?? KEY.exec(code)?.[1];
  if (!key && !line.trim().startsWith('-'))
    return 'this line is part of a value written over several lines, or of a block of text that is not YAML (or YAML nested more than one level deep); its bytes cannot be edited as an image field: edit it by hand';
  const where = key ? `the value of '${key}'` : 'a list item';
  return `${where} names the image, but it is not a place gitops-bump recognises as an image field; edit it by hand, or name it with FILE#KEYPATH`;
}

/** The 1-based lines holding the offsets `hits` (sorted), with their text. */
function linesAt(text: string, hits: readonly number[], lines: LineIndex): Map<number, string> {
  const found = new Map<number, string>();
  let lineEnd = -1;
  for (const at of hits) {
    if (at < lineEnd) continue; // on the line found last
    const start = lineStart(text, at);
    const next = text.indexOf('\n', at);
    lineEnd = next < 0 ? text.length : next;
    found.set(lines.line(at), text.slice(start, lineEnd));
  }
  return found;
}

/** Canonical name with the registry host in lower case (hosts match case-insensitively). */
export function matchName(ref: Pick<ImageRef, 'domain' | 'path'>): string {
  const domain = ref.domain?.toLowerCase();
  return canonicalName(domain === undefined ? { path: ref.path } : { domain, path: ref.path });
}

/**
 * The missed places of a file: lines naming a bumped image that no handled line covers. `hits`
 * are the sorted offsets of every bump's last path component in the text (findAll): every
 * spelling of an image holds it, so only the lines holding a hit are looked at.
 */
export function findMissed(
  text: string,
  bumps: readonly Bump[],
  handled: ReadonlySet<number>,
  scan: { hits: readonly number[]; lines: LineIndex },
): MissedPlace[] {
  const wanted = new Map(bumps.map((b) => [matchName(b.image), b.image.name]));
  const missed: MissedPlace[] = [];
  for (const [line, lineText] of linesAt(text, scan.hits, scan.lines)) {
    if (handled.has(line)) continue;
    const code = codeOf(lineText);
    for (const match of lineText.matchAll(TOKEN)) {
      const read = readToken(match[0]);
      if (!read) continue;
      const image = wanted.get(matchName(read.ref));
      if (image === undefined) continue;
      const reason = classify(lineText, code, { text: match[0], index: match.index, ...read });
      if (reason) {
        missed.push({ line, image, reason });
        break;
      }
    }
  }
  return missed;
}
