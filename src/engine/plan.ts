// Decides, for one site and one bump, which bytes change: the tag (and digest) inside a
// reference string, or the values of a mapping's tag and digest keys, adding or dropping a
// key where the format wants it. Each edit comes with what the re-parsed document must then
// say, so that verify.ts can prove that nothing else changed.
import { isScalar, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { toOriginal } from './interpolation.js';
import {
  doubleQuoted,
  isSafePlain,
  type MappedScalar,
  mapScalar,
  mapValueEdit,
  type TextEdit,
} from './scalar.js';
import type { FieldSite, FieldSlot, ReferenceSite } from './sites.js';
import { lineStart, nextLineStart } from './text.js';
import type { Bump, EditOptions } from './types.js';
import type { Path } from './walk.js';

/** What the re-parsed document must hold after the edits. */
export type Expectation =
  | { path: Path; set: string }
  | { path: Path; insert: { key: string; value: string } }
  | { path: Path; remove: string };

/** The outcome of planning one site for one bump. */
export interface Plan {
  edits: TextEdit[];
  expectations: Expectation[];
  from: string;
  to: string;
  notes: string[];
  /** Offset of the value the line number is taken from. */
  at: number;
  /** Set when the site matched but cannot be bumped. */
  skip?: string;
}

function formatVersion(tag: string | undefined, digest: string | undefined): string {
  return `${tag ?? ''}${digest ? `@${digest}` : ''}`;
}

/** The tag and digest a reference moves to, with notes on what else happens to them. */
function referenceTarget(
  ref: { tag?: string; digest?: string },
  bump: Bump,
  options: EditOptions,
  notes: string[],
): { tag: string | undefined; digest: string | undefined } {
  const tag = bump.tag ?? ref.tag;
  let digest = ref.digest;
  if (bump.digest !== undefined) {
    if (ref.digest !== undefined || options.pinDigest || bump.tag === undefined)
      digest = bump.digest;
  } else if (ref.digest !== undefined && tag !== ref.tag) {
    digest = undefined;
    notes.push(
      `dropped digest ${ref.digest}: it would keep deploying the old image beside the new tag`,
    );
  }
  // A digest-only reference stays digest-only: the new digest replaces the old one.
  if (ref.tag === undefined && ref.digest !== undefined && bump.digest !== undefined)
    return { tag: undefined, digest };
  return { tag, digest };
}

/** Value-space edits that turn the reference at [refStart, refEnd) into name:tag@digest. */
function referenceEdits(
  site: ReferenceSite,
  newTag: string | undefined,
  newDigest: string | undefined,
): Array<{ start: number; end: number; text: string }> {
  const { ref } = site;
  const nameEnd = site.refStart + ref.name.length;
  const tagEnd = ref.tag !== undefined ? nameEnd + 1 + ref.tag.length : nameEnd;
  const edits: Array<{ start: number; end: number; text: string }> = [];
  if (newTag !== ref.tag) {
    if (ref.tag !== undefined) edits.push({ start: nameEnd + 1, end: tagEnd, text: newTag ?? '' });
    else edits.push({ start: nameEnd, end: nameEnd, text: `:${newTag}` });
  }
  if (newDigest !== ref.digest) {
    if (ref.digest !== undefined && newDigest !== undefined)
      edits.push({ start: tagEnd + 1, end: site.refEnd, text: newDigest });
    else if (ref.digest !== undefined) edits.push({ start: tagEnd, end: site.refEnd, text: '' });
    else edits.push({ start: site.refEnd, end: site.refEnd, text: `@${newDigest}` });
  }
  return edits;
}

/** A digest-only pin (no tag beside it) stays one: a bump without a digest cannot move it. */
const DIGEST_ONLY =
  'pinned by digest only (no tag): give the new digest (image:tag@sha256:… or --digest) so that it stays pinned';

const MULTI_LINE =
  'the value is written with escapes or line breaks that cannot be edited in place';

/** Plans a reference string (`name:tag@digest`, possibly embedded in a longer value). */
export function planReference(
  text: string,
  site: ReferenceSite,
  bump: Bump,
  options: EditOptions,
): Plan {
  const { ref, mapped } = site;
  const notes: string[] = [];
  const target = referenceTarget(ref, bump, options, notes);
  const from = formatVersion(ref.tag, ref.digest);
  const to = formatVersion(target.tag, target.digest);
  const plan: Plan = {
    edits: [],
    expectations: [],
    from,
    to,
    notes,
    at: site.node.range?.[0] ?? 0,
  };
  if (site.openTag !== undefined) {
    return {
      ...plan,
      from: `\${${site.openTag}}`,
      skip: `the tag is the variable \${${site.openTag}}, whose value is set outside this file (an .env file or the environment); bump it where ${site.openTag} is set`,
    };
  }
  if (ref.tag === undefined && ref.digest !== undefined && bump.digest === undefined)
    return { ...plan, to: from, skip: DIGEST_ONLY };
  if (from === to) return plan;
  if (site.unmapped) return { ...plan, skip: MULTI_LINE };
  // Edits in the reading of the value, then mapped onto the value itself (interpolation).
  const valueEdits: Array<{ start: number; end: number; text: string }> = [];
  for (const edit of referenceEdits(site, target.tag, target.digest)) {
    const range = site.resolved
      ? toOriginal(site.resolved.at, edit.start, edit.end)
      : [edit.start, edit.end];
    if (!range)
      return {
        ...plan,
        skip: 'the tag is split across an interpolation and cannot be edited in place',
      };
    valueEdits.push({ start: range[0]!, end: range[1]!, text: edit.text });
  }
  let newValue = mapped.value;
  for (const edit of [...valueEdits].reverse()) {
    newValue = newValue.slice(0, edit.start) + edit.text + newValue.slice(edit.end);
  }
  plan.expectations.push({ path: site.path, set: newValue });
  if (mapped.style === 'plain' && !isSafePlain(newValue, site.inFlow)) {
    plan.edits.push({ start: mapped.start, end: mapped.end, text: doubleQuoted(newValue) });
    notes.push('quoted the value so that it stays a string');
    return plan;
  }
  for (const edit of valueEdits) {
    const textEdit = mapValueEdit(mapped, text, edit.start, edit.end, edit.text);
    if (!textEdit) return { ...plan, edits: [], skip: MULTI_LINE };
    plan.edits.push(textEdit);
  }
  return plan;
}

/** The string a scalar holds as written (plain numbers as their source, null as ''). */
export function scalarText(text: string, node: Scalar): string {
  if (node.value === null || node.value === undefined) return '';
  if (node.type === 'PLAIN' && node.range) return text.slice(node.range[0], node.range[1]);
  return String(node.value);
}

/** Rewrites a whole scalar's value; undefined when it cannot be done in place. */
export function setScalar(
  text: string,
  node: Scalar,
  value: string,
  notes: string[],
): TextEdit | undefined {
  const range = node.range;
  if (!range) return undefined;
  const [start, end] = range;
  if (node.type === 'PLAIN' || node.type === undefined) {
    const plainOk = isSafePlain(value, true);
    if (!plainOk) notes.push(`quoted ${JSON.stringify(value)} so that it stays a string`);
    const written = plainOk ? value : doubleQuoted(value);
    if (start === end) {
      const before = text[start - 1];
      // An empty value before a comment (`tag: # note`): keep the comment apart from the value.
      const after = text[start] === '#' ? ' ' : '';
      const lead = before === ' ' || before === '\t' ? '' : ' ';
      return { start, end, text: `${lead}${written}${after}` };
    }
    return { start, end, text: written };
  }
  const mapped: MappedScalar | undefined = mapScalar(text, node);
  if (!mapped || mapped.style === 'literal') return undefined;
  const inPlace = mapValueEdit(mapped, text, 0, mapped.value.length, value);
  if (inPlace) return inPlace;
  return { start, end, text: doubleQuoted(value) };
}

/** Adds `key: value` to a mapping right after the pair `after`, in the mapping's own style. */
function insertPair(
  text: string,
  map: YAMLMap,
  after: Pair,
  key: string,
  value: string,
  eol: string,
): TextEdit | undefined {
  const keyNode = after.key as Scalar;
  const valueNode = isScalar(after.value) ? after.value : undefined;
  const quotedKeys = keyNode.type === 'QUOTE_DOUBLE';
  const keyText = quotedKeys ? doubleQuoted(key) : key;
  const valueText = quotedKeys || !isSafePlain(value, true) ? doubleQuoted(value) : value;
  const valueEnd = valueNode?.range?.[1] ?? keyNode.range?.[1];
  if (valueEnd === undefined || !keyNode.range) return undefined;
  if (map.flow) return { start: valueEnd, end: valueEnd, text: `, ${keyText}: ${valueText}` };
  const keyStart = keyNode.range[0];
  const column = keyStart - lineStart(text, keyStart);
  const at = text[valueEnd - 1] === '\n' ? valueEnd : nextLineStart(text, valueEnd);
  const line = `${' '.repeat(column)}${keyText}: ${valueText}`;
  if (at === text.length && !text.endsWith('\n'))
    return { start: at, end: at, text: `${eol}${line}` };
  return { start: at, end: at, text: `${line}${eol}` };
}

/** Removes a pair that stands on lines of its own; undefined when it shares a line. */
function removePair(text: string, map: YAMLMap, pair: Pair): TextEdit | undefined {
  if (map.flow) return undefined;
  const keyNode = pair.key as Scalar;
  const valueNode = pair.value as Scalar | null;
  if (!keyNode.range) return undefined;
  const start = lineStart(text, keyNode.range[0]);
  if (text.slice(start, keyNode.range[0]).trim() !== '') return undefined;
  const valueEnd = valueNode?.range?.[1] ?? keyNode.range[1];
  const end = text[valueEnd - 1] === '\n' ? valueEnd : nextLineStart(text, valueEnd);
  if (end === text.length && !text.endsWith('\n') && start > 0) {
    const breakStart = text[start - 2] === '\r' ? start - 2 : start - 1;
    return { start: breakStart, end, text: '' };
  }
  return { start, end, text: '' };
}

function hexOnly(digest: string): string {
  const colon = digest.indexOf(':');
  return colon >= 0 ? digest.slice(colon + 1) : digest;
}

/** The planning state of one field site: the plan so far and how to add to it. */
interface FieldPlanning {
  text: string;
  site: FieldSite;
  bump: Bump;
  options: EditOptions;
  eol: string;
  plan: Plan;
  curTag: string | undefined;
  curDigest: string;
}

const UNMAPPED =
  'the value is written in a form that cannot be edited in place (multi-line or block scalar)';

function setSlot(state: FieldPlanning, slot: FieldSlot, value: string): boolean {
  const edit = setScalar(state.text, slot.node, value, state.plan.notes);
  if (!edit) return false;
  state.plan.edits.push(edit);
  state.plan.expectations.push({ path: slot.path, set: value });
  return true;
}

function insertSlot(state: FieldPlanning, key: string | undefined, value: string): boolean {
  const { site, plan } = state;
  if (!site.insert || key === undefined) return false;
  const edit = insertPair(state.text, site.map, site.insert.after, key, value, state.eol);
  if (!edit) return false;
  plan.edits.push(edit);
  plan.expectations.push({ path: site.path, insert: { key, value } });
  plan.notes.push(`added ${key}`);
  return true;
}

/** Writes the new tag (a tag key holding `tag@digest` keeps that form); false when it cannot. */
function planFieldTag(state: FieldPlanning): string | undefined | false {
  const { site, bump, curTag, curDigest, plan } = state;
  if (bump.tag === undefined || bump.tag === curTag) return curTag;
  if (site.tag) {
    const at = curTag?.indexOf('@') ?? -1;
    let value = bump.tag;
    if (at >= 0 && curTag) {
      // A digest inside the tag value: keep the pin, with the new digest when there is one.
      if (bump.digest !== undefined) value = `${bump.tag}@${bump.digest}`;
      else
        plan.notes.push(
          `dropped digest ${curTag.slice(at + 1)} from the tag value: it would keep deploying the old image`,
        );
      if (value === curTag) return curTag;
    }
    if (!setSlot(state, site.tag, value)) return false;
    if (site.sharedTag)
      plan.notes.push(
        `${site.sharedTag} is shared: every image that takes its tag from it moves too`,
      );
    return value;
  }
  if (curDigest !== '' && bump.digest !== undefined) {
    // Pinned by digest only (kustomize ignores newTag then): the new digest is the change.
    plan.notes.push(`no ${site.insert?.tagKey ?? 'tag'} added: the entry is pinned by digest`);
    return curTag;
  }
  if (site.insert) return insertSlot(state, site.insert.tagKey, bump.tag) ? bump.tag : false;
  return false;
}

/** Writes the new digest, or drops a stale one; a skip reason when it cannot. */
function planFieldDigest(
  state: FieldPlanning,
  tagChanged: boolean,
): { digest: string } | { skip: string } {
  const { site, bump, options, curDigest, plan } = state;
  if (bump.digest !== undefined) {
    const want =
      site.digestForm === 'sha' && !curDigest.startsWith('sha256:')
        ? hexOnly(bump.digest)
        : bump.digest;
    const pinned = curDigest !== '';
    if (want === curDigest || !(pinned || options.pinDigest || bump.tag === undefined))
      return { digest: curDigest };
    if (site.digest)
      return setSlot(state, site.digest, want) ? { digest: want } : { skip: UNMAPPED };
    if (site.insert?.digestKey !== undefined)
      return insertSlot(state, site.insert.digestKey, want) ? { digest: want } : { skip: UNMAPPED };
    if (bump.tag === undefined)
      return { skip: 'there is no digest key beside the repository to write the digest into' };
    plan.notes.push('no digest key to pin the digest in: wrote the tag only');
    return { digest: curDigest };
  }
  if (curDigest === '' || !tagChanged || !site.digest) return { digest: curDigest };
  if (site.staleDigest === 'delete') {
    const removed = planRemoveDigest(state);
    if (removed) return { skip: removed };
  } else if (!setSlot(state, site.digest, '')) return { skip: UNMAPPED };
  plan.notes.push(
    `dropped digest ${curDigest}: it would keep deploying the old image beside the new tag`,
  );
  return { digest: '' };
}

/** Removes a stale kustomize digest key; a skip reason when it cannot. */
function planRemoveDigest(state: FieldPlanning): string | undefined {
  const { text, site, plan, curDigest } = state;
  const digest = site.digest!;
  const edit = removePair(text, site.map, digest.pair);
  if (!edit)
    return `the stale digest ${curDigest} shares a line with other keys; remove it by hand or give a digest`;
  plan.edits.push(edit);
  plan.expectations.push({ path: site.path, remove: String((digest.pair.key as Scalar).value) });
  return undefined;
}

/** Plans a mapping that holds the tag and digest in keys of their own. */
export function planFields(
  text: string,
  site: FieldSite,
  bump: Bump,
  options: EditOptions,
  eol: string,
): Plan {
  const curTag = site.tag ? scalarText(text, site.tag.node) : undefined;
  const curDigest = site.digest ? scalarText(text, site.digest.node) : '';
  const lineNode = site.tag?.node ?? site.nameNodes[0];
  const plan: Plan = {
    edits: [],
    expectations: [],
    from: '',
    to: '',
    notes: [],
    at: lineNode?.range?.[0] ?? 0,
  };
  const state: FieldPlanning = { text, site, bump, options, eol, plan, curTag, curDigest };
  plan.from = formatVersion(curTag, curDigest || undefined);
  if (!curTag && curDigest !== '' && bump.digest === undefined)
    return { ...plan, skip: DIGEST_ONLY };
  const newTag = planFieldTag(state);
  if (newTag === false) {
    const skip =
      site.tag || site.insert
        ? UNMAPPED
        : `there is no tag key beside the repository at ${site.path.join('.') || '(root)'}; add one, or name the key with FILE#KEYPATH`;
    return { ...plan, edits: [], expectations: [], skip };
  }
  const digest = planFieldDigest(state, newTag !== curTag);
  if ('skip' in digest) return { ...plan, edits: [], expectations: [], skip: digest.skip };
  plan.to = formatVersion(newTag, digest.digest || undefined);
  return plan;
}
