// Generators for the engine's fuzz test (fuzz.test.ts, run longer by script/fuzz.mjs).
//
// A case is a bump of ghcr.io/org/app (a new tag, sometimes a digest) and a YAML stream that
// holds the image in every place the engine supports: Kubernetes containers, compose services,
// kustomize `images:` entries, Helm values maps, Argo CD helm.parameters, generic references
// and YAML held in literal block scalars. Around them: random keys and values, comments,
// quoting, anchors and aliases, flow collections, indentation, LF or CRLF.
//
// The stream is generated as a small tree (so fast-check can shrink it) and rendered to text.
// While rendering, every value that may change is wrapped in markers; stripping them gives the
// text and the span of each such value, and a record of each placed image says where it is and
// what it holds. `expectations` turns the records into what the engine must do: which spans
// become what, which occurrences it reports, and how the parsed data changes.
import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';

export const IMAGE = 'ghcr.io/org/app';

export type Quote = 'plain' | 'single' | 'double';
export type Path = Array<string | number>;
type FieldKind = 'helm-values' | 'kustomize' | 'argocd-parameter';
type RefLocator = 'container' | 'compose' | 'reference';

// ---------------------------------------------------------------------------------------------
// The tree

export type GNode = GScalar | GRef | GSlot | GMap | GSeq | GAlias | GLiteral;

/** Filler: a scalar written as `text` (already quoted when it is), never changed. */
export interface GScalar {
  kind: 'scalar';
  text: string;
  anchor: boolean;
}

/** A string holding `ghcr.io/org/app:tag[@digest]`, with text around it. */
export interface GRef {
  kind: 'ref';
  locator: RefLocator;
  /** Undefined: the name alone, where the position says it is an image (the tag is added). */
  tag: string | undefined;
  digest: string | undefined;
  quote: Quote;
  prefix: string;
  suffix: string;
  /**
   * Compose interpolation around the tag: `${TAG:-` and `}` (the tag is the default), or an
   * open variable (`${TAG}`: the tag is set outside the file, so the place is reported).
   */
  tagWrap?: { open: string; close: string; variable?: string };
}

/** A value of a field site (Helm values, kustomize entry, Argo CD parameter). */
export interface GSlot {
  kind: 'slot';
  role: 'name' | 'newName' | 'tag' | 'digest';
  /** `null` is an empty value (`tag:`). */
  style: Quote | 'null';
  value: string;
}

export interface GPair {
  key: string;
  value: GNode;
  comment: string | undefined;
  before: string | undefined;
}

export interface GMap {
  kind: 'map';
  pairs: GPair[];
  flow: boolean;
  anchor: boolean;
  site: 'helm-values' | 'kustomize' | undefined;
}

export interface GItem {
  value: GNode;
  comment: string | undefined;
  before: string | undefined;
}

export interface GSeq {
  kind: 'seq';
  items: GItem[];
  flow: boolean;
  anchor: boolean;
  site: 'argocd-parameter' | undefined;
}

/** An alias to the ref-th anchor defined before it (a plain scalar when there is none). */
export interface GAlias {
  kind: 'alias';
  ref: number;
}

export interface GLiteral {
  kind: 'literal';
  header: '|' | '|-';
  body: GDoc | string[];
}

export interface GDoc {
  pairs: GPair[];
  step: 2 | 4;
  seqIndent: boolean;
  explicitStart: boolean;
  markerComment: boolean;
  endMarker: boolean;
}

export interface GStream {
  docs: GDoc[];
  crlf: boolean;
  finalNewline: boolean;
}

/** What one case bumps. */
export interface BumpSpec {
  tag: string;
  digest: string | undefined;
}

export interface FuzzCase {
  bump: BumpSpec;
  stream: GStream;
}

// ---------------------------------------------------------------------------------------------
// Small arbitraries

/** Tags that YAML reads as something else than a string, and common shapes. */
const TAG_SAMPLES = [
  '1.2.3',
  'v1.2.3',
  'sha-abc1234',
  'latest',
  '1.10',
  '1.0',
  '2',
  '0.1',
  '010',
  'true',
  'null',
  'No',
  'on',
  '1e3',
  '0x1F',
  '1_000',
  '_',
  'v1.2.3-rc.1',
  '8.2.1-debian-12-r0',
];

export const tagArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...TAG_SAMPLES) },
  { weight: 2, arbitrary: fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,40}$/) },
);

export const digestArb: fc.Arbitrary<string> = fc
  .stringMatching(/^[0-9a-f]{64}$/)
  .map((hex) => `sha256:${hex}`);

const quoteArb = fc.constantFrom<Quote>('plain', 'single', 'double');

const rarely = (arb: fc.Arbitrary<boolean> = fc.boolean()): fc.Arbitrary<boolean> =>
  fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: arb });

const COMMENTS = [
  '# note',
  '#tight',
  '# image: ghcr.io/org/app:0.0.1',
  '# tag: 9.9.9',
  '# ünïcode ✓',
  "# it's: {[,]} & *x",
  `# ghcr.io/org/app@sha256:${'e'.repeat(64)}`,
];

const commentArb: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 5, arbitrary: fc.constant(undefined) },
  { weight: 2, arbitrary: fc.constantFrom(...COMMENTS) },
);

/** Other images, spelled so that they must never be taken for ghcr.io/org/app. */
const DECOYS = [
  'ghcr.io/org/app2:1.0',
  'ghcr.io/org/apps:1.0',
  'ghcr.io/org/app-x:1.0',
  'ghcr.io/other/app:1.0',
  'docker.io/org/app:1.0',
  'org/app:1.0',
  'app:1.0',
  'ghcr.io/org/app/sub:1.0',
  'ghcr.io:443/org/app:1.0',
  'nginx:1.25',
  `ghcr.io/org/app2@sha256:${'d'.repeat(64)}`,
];

/** Filler scalars, all valid in flow and block context. */
const FILLER = [
  '0',
  '42',
  '-7',
  '3.14',
  '0x1F',
  '1e3',
  'true',
  'false',
  'yes',
  'No',
  'null',
  '~',
  'nginx',
  'IfNotPresent',
  'hello world',
  'a-b_c.d',
  'app',
  'org/app',
  'ghcr.io/org/app',
  'https://ghcr.io/org/app',
  'ghcr.io/org/app.tar',
  'redis:6379',
  '"double"',
  "'single'",
  '"with: colon"',
  "'it''s'",
  '"tab\\there"',
  '"#hash"',
  '""',
  "''",
  '"ünï"',
  ...DECOYS,
  ...DECOYS.map((d) => `"${d}"`),
];

const FILLER_KEYS = [
  'a',
  'b',
  'replicas',
  'enabled',
  'port',
  'labels',
  'annotations',
  'note',
  'x-extra',
  'config.json',
  'weird key',
  '<<',
  '"quoted key"',
  '日本',
];

const scalarArb: fc.Arbitrary<GScalar> = fc
  .record({ text: fc.constantFrom(...FILLER), anchor: rarely() })
  .map(({ text, anchor }) => ({ kind: 'scalar', text, anchor }));

/** Filler for values whose key says they are an image (`APP_IMAGE`): no untagged name there. */
const scalarNotImageArb: fc.Arbitrary<GScalar> = scalarArb.filter((s) => s.text !== IMAGE);

const S = (text: string): GScalar => ({ kind: 'scalar', text, anchor: false });

const P = (key: string, value: GNode, comment?: string, before?: string): GPair => ({
  key,
  value,
  comment,
  before,
});

const I = (value: GNode, comment?: string, before?: string): GItem => ({ value, comment, before });

const M = (pairs: GPair[], flow = false): GMap => ({
  kind: 'map',
  pairs,
  flow,
  anchor: false,
  site: undefined,
});

const Q = (items: GItem[], flow = false): GSeq => ({
  kind: 'seq',
  items,
  flow,
  anchor: false,
  site: undefined,
});

/** Filler nodes; with `refs`, some leaves are references to the image. */
function fillerArb(bump: BumpSpec | undefined, maxDepth: number): fc.Arbitrary<GNode> {
  const leaf: fc.Arbitrary<GNode> = bump
    ? fc.oneof(
        { weight: 4, arbitrary: scalarArb },
        { weight: 1, arbitrary: refArb(bump, 'reference', GENERIC_AFFIXES) },
      )
    : scalarArb;
  const tree = fc.letrec<{ node: GNode; map: GMap; seq: GSeq; alias: GAlias }>((tie) => ({
    node: fc.oneof(
      { maxDepth, depthIdentifier: 'filler' },
      { weight: 4, arbitrary: leaf },
      { weight: 1, arbitrary: tie('map') },
      { weight: 1, arbitrary: tie('seq') },
      { weight: 1, arbitrary: tie('alias') },
    ),
    map: fc
      .record({
        pairs: fc.uniqueArray(pairArb(tie('node')), { maxLength: 3, selector: (p) => p.key }),
        flow: fc.boolean(),
        anchor: rarely(),
      })
      .map(({ pairs, flow, anchor }) => ({ ...M(pairs, flow), anchor })),
    seq: fc
      .record({
        items: fc.array(itemArb(tie('node')), { maxLength: 3 }),
        flow: fc.boolean(),
        anchor: rarely(),
      })
      .map(({ items, flow, anchor }) => ({ ...Q(items, flow), anchor })),
    alias: fc.nat(20).map((ref) => ({ kind: 'alias', ref })),
  }));
  return tree.node;
}

function pairArb(value: fc.Arbitrary<GNode>, keys = FILLER_KEYS): fc.Arbitrary<GPair> {
  return fc
    .record({
      key: fc.constantFrom(...keys),
      value,
      comment: commentArb,
      before: commentArb,
    })
    .map(({ key, value, comment, before }) => P(key, value, comment, before));
}

function itemArb(value: fc.Arbitrary<GNode>): fc.Arbitrary<GItem> {
  return fc
    .record({ value, comment: commentArb, before: commentArb })
    .map(({ value, comment, before }) => I(value, comment, before));
}

/** A few filler pairs, each with where it goes among the pairs it is mixed into. */
function fillerPairsArb(bump?: BumpSpec, maxLength = 2): fc.Arbitrary<Array<[number, GPair]>> {
  return fc.array(fc.tuple(fc.nat(10), pairArb(fillerArb(bump, 2))), { maxLength });
}

/** Mixes filler pairs into a mapping's pairs; a filler key that is already there is dropped. */
function mix(pairs: GPair[], filler: Array<[number, GPair]>): GPair[] {
  const out = [...pairs];
  for (const [at, pair] of filler) {
    if (out.some((p) => p.key === pair.key)) continue;
    out.splice(at % (out.length + 1), 0, pair);
  }
  return out;
}

/** A generated order for up to four pairs, with comments beside and above each. */
type Order = Array<[number, string | undefined, string | undefined]>;
const orderArb: fc.Arbitrary<Order> = fc.array(fc.tuple(fc.nat(), commentArb, commentArb), {
  minLength: 4,
  maxLength: 4,
});

/** The pairs in a generated order, each with its generated comments. */
function arrange(pairs: GPair[], order: Order): GPair[] {
  return pairs
    .map((pair, i) => {
      const [rank, comment, before] = order[i] ?? [0, undefined, undefined];
      return { pair: { ...pair, comment, before }, rank };
    })
    .sort((a, b) => a.rank - b.rank)
    .map((x) => x.pair);
}

/** Puts one item at a position given by a generated number. */
function insertAt<T>(list: T[], at: number, item: T): T[] {
  const out = [...list];
  out.splice(at % (out.length + 1), 0, item);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Image placements

const NO_AFFIX: Array<[string, string]> = [['', '']];
const GENERIC_AFFIXES: Array<[string, string]> = [
  ['', ''],
  ['', ''],
  ['--image=', ''],
  ['app=', ''],
  ['${APP_IMAGE:-', '}'],
  ['${APP_IMAGE-', '}'],
];
const COMPOSE_AFFIXES: Array<[string, string]> = [
  ['', ''],
  ['', ''],
  ['${APP_IMAGE:-', '}'],
];
/** Interpolation around a tag: a default in two spellings, or an open variable. */
const TAG_WRAPS: Array<GRef['tagWrap']> = [
  undefined,
  undefined,
  undefined,
  { open: '${APP_TAG:-', close: '}' },
  { open: '${APP_TAG-', close: '}' },
  // biome-ignore lint/suspicious/noTemplateCurlyInString: compose interpolation, literal text
  { open: '', close: '', variable: '${APP_TAG}' },
];

/** An old tag: any tag, often the new one (so that nothing changes). */
const oldTagArb = (bump: BumpSpec): fc.Arbitrary<string> =>
  fc.oneof({ weight: 3, arbitrary: tagArb }, { weight: 1, arbitrary: fc.constant(bump.tag) });

const oldDigestArb = (bump: BumpSpec): fc.Arbitrary<string> =>
  bump.digest === undefined ? digestArb : fc.oneof(digestArb, fc.constant(bump.digest));

function refArb(
  bump: BumpSpec,
  locator: RefLocator,
  affixes: Array<[string, string]>,
  imagePosition = false,
): fc.Arbitrary<GRef> {
  const tag: fc.Arbitrary<string | undefined> = imagePosition
    ? fc.oneof(
        { weight: 6, arbitrary: oldTagArb(bump) },
        { weight: 1, arbitrary: fc.constant(undefined) },
      )
    : oldTagArb(bump);
  return fc
    .record({
      tag,
      digest: fc.option(oldDigestArb(bump), { nil: undefined, freq: 3 }),
      quote: quoteArb,
      affix: fc.constantFrom(...affixes),
      wrap: fc.constantFrom(...TAG_WRAPS),
    })
    .map(({ tag, digest, quote, affix, wrap }) => {
      const ref: GRef = {
        kind: 'ref',
        locator,
        tag,
        digest,
        quote,
        prefix: affix[0],
        suffix: affix[1],
      };
      // Not nested in another interpolation; an open variable only with no digest after it.
      const fits = tag !== undefined && !affix[0].includes('$') && (!wrap?.variable || !digest);
      if (wrap && fits && locator !== 'container') ref.tagWrap = wrap;
      return ref;
    });
}

const decoyArb: fc.Arbitrary<GNode> = fc.constantFrom(...DECOYS).map(S);

function slotArb(
  role: GSlot['role'],
  value: fc.Arbitrary<string>,
  styles: Array<GSlot['style']> = ['plain', 'single', 'double'],
): fc.Arbitrary<GSlot> {
  return fc.record({ value, style: fc.constantFrom(...styles) }).map(({ value, style }) => ({
    kind: 'slot',
    role,
    // An empty string cannot be written plain.
    style: value === '' && style === 'plain' ? 'double' : style,
    value: style === 'null' ? '' : value,
  }));
}

const tagSlotArb = (bump: BumpSpec, allowNull: boolean): fc.Arbitrary<GSlot> =>
  slotArb(
    'tag',
    fc.oneof({ weight: 6, arbitrary: oldTagArb(bump) }, { weight: 1, arbitrary: fc.constant('') }),
    allowNull ? ['plain', 'single', 'double', 'null'] : ['plain', 'single', 'double'],
  );

const digestValueArb = (bump: BumpSpec): fc.Arbitrary<string> =>
  fc.oneof({ weight: 3, arbitrary: oldDigestArb(bump) }, { weight: 1, arbitrary: fc.constant('') });

/** A container of a pod spec, its image usually the bumped one. */
function containerArb(bump: BumpSpec): fc.Arbitrary<GNode> {
  const argArb: fc.Arbitrary<GItem[]> = fc.oneof(
    scalarArb.map((s) => [I(s)]),
    refArb(bump, 'reference', [
      ['', ''],
      ['--image=', ''],
    ]).map((r) => [I(r)]),
    refArb(bump, 'reference', NO_AFFIX, true).map((r) => [I(S('--executor-image')), I(r)]),
  );
  const envArb: fc.Arbitrary<GNode> = fc
    .record({
      name: fc.constantFrom('APP_IMAGE', 'LOG_LEVEL', 'X'),
      value: fc.oneof(scalarArb, refArb(bump, 'reference', GENERIC_AFFIXES)),
      flow: rarely(),
    })
    .map(({ name, value, flow }) => M([P('name', S(name)), P('value', value)], flow));
  return fc
    .record({
      name: fc.constantFrom('web', 'app', 'sidecar', 'init'),
      image: fc.oneof(
        { weight: 5, arbitrary: refArb(bump, 'container', NO_AFFIX, true) },
        { weight: 1, arbitrary: decoyArb },
      ),
      imageFirst: fc.boolean(),
      comment: commentArb,
      args: fc.option(
        fc
          .tuple(fc.array(argArb, { maxLength: 3 }), fc.boolean())
          .map(([items, flow]) => Q(items.flat(), flow)),
        { nil: undefined },
      ),
      env: fc.option(
        fc
          .tuple(fc.array(itemArb(envArb), { maxLength: 2 }), rarely())
          .map(([items, flow]) => Q(items, flow)),
        { nil: undefined },
      ),
      flow: rarely(),
      filler: fillerPairsArb(),
    })
    .map(({ name, image, imageFirst, comment, args, env, flow, filler }) => {
      const named = P('name', S(name));
      const imaged = P('image', image, comment);
      const pairs = imageFirst ? [imaged, named] : [named, imaged];
      if (args) pairs.push(P('args', args));
      if (env) pairs.push(P('env', env));
      return M(mix(pairs, filler), flow);
    });
}

type Section = { key: string; value: GNode; comment: string | undefined };

/** A pod spec with containers (and init containers), at the depth of its kind. */
function workloadArb(bump: BumpSpec): fc.Arbitrary<Section> {
  const list = fc
    .tuple(fc.array(containerArb(bump), { minLength: 1, maxLength: 3 }), rarely())
    .map(([containers, flow]) =>
      Q(
        containers.map((c) => I(c)),
        flow,
      ),
    );
  return fc
    .record({
      containers: list,
      init: fc.option(list, { nil: undefined, freq: 3 }),
      listKey: fc.constantFrom('containers', 'containers', 'ephemeralContainers'),
      shape: fc.constantFrom('pod', 'deployment', 'cronjob'),
      podFiller: fillerPairsArb(),
      outerFiller: fillerPairsArb(),
      comment: commentArb,
    })
    .map(({ containers, init, listKey, shape, podFiller, outerFiller, comment }) => {
      const podPairs = [P(listKey, containers)];
      if (init) podPairs.push(P('initContainers', init));
      const podSpec = M(mix(podPairs, podFiller));
      const template = M([
        P('metadata', M([P('labels', M([P('app', S('web'))]))])),
        P('spec', podSpec),
      ]);
      let spec: GMap;
      if (shape === 'pod') spec = podSpec;
      else if (shape === 'deployment') spec = M(mix([P('template', template)], outerFiller));
      else
        spec = M([
          P('schedule', S('"*/5 * * * *"')),
          P('jobTemplate', M([P('spec', M(mix([P('template', template)], outerFiller)))])),
        ]);
      return { key: 'spec', value: spec, comment };
    });
}

/** Compose services at the root of a document. */
function composeArb(bump: BumpSpec): fc.Arbitrary<Section> {
  const service = fc
    .record({
      name: fc.constantFrom('web', 'worker', 'db', 'cache'),
      image: fc.oneof(
        { weight: 4, arbitrary: refArb(bump, 'compose', COMPOSE_AFFIXES, true) },
        { weight: 1, arbitrary: decoyArb },
      ),
      comment: commentArb,
      filler: fillerPairsArb(),
      flow: rarely(),
    })
    .map(({ name, image, comment, filler, flow }) =>
      P(name, M(mix([P('image', image, comment)], filler), flow)),
    );
  return fc
    .record({
      services: fc.uniqueArray(service, { minLength: 1, maxLength: 3, selector: (p) => p.key }),
      comment: commentArb,
    })
    .map(({ services, comment }) => ({ key: 'services', value: M(services), comment }));
}

/** A kustomize `images:` list. Inside a block scalar, only entries edited within a line. */
function kustomizeArb(bump: BumpSpec, inner: boolean): fc.Arbitrary<Section> {
  const entry = fc
    .record({
      newName: fc.boolean(),
      nameQuote: quoteArb,
      // Adding newTag adds a line, which is refused inside a block scalar.
      tag: inner
        ? (tagSlotArb(bump, false) as fc.Arbitrary<GSlot | undefined>)
        : fc.option(tagSlotArb(bump, false), { nil: undefined, freq: 4 }),
      // So does dropping a stale digest key.
      digest: inner
        ? fc.constant(undefined)
        : fc.option(slotArb('digest', digestValueArb(bump)), { nil: undefined, freq: 2 }),
      order: orderArb,
      flow: rarely(),
      filler: fillerPairsArb(undefined, 1),
    })
    .map(({ newName, nameQuote, tag, digest, order, flow, filler }) => {
      const pairs: GPair[] = newName
        ? [
            P('name', { kind: 'slot', role: 'name', style: nameQuote, value: 'app' }),
            P('newName', { kind: 'slot', role: 'newName', style: nameQuote, value: IMAGE }),
          ]
        : [P('name', { kind: 'slot', role: 'name', style: nameQuote, value: IMAGE })];
      if (tag) pairs.push(P('newTag', tag));
      if (digest) pairs.push(P('digest', digest));
      const shuffled = arrange(pairs, order);
      const map: GMap = { ...M(mix(shuffled, filler), flow), site: 'kustomize' };
      return map as GNode;
    });
  const other = fc.constantFrom<GNode>(
    M([P('name', S('nginx')), P('newTag', S('1.25'))]),
    M([P('name', S('ghcr.io/org/app2')), P('newTag', S('"1.0"'))]),
  );
  const item = fc.oneof(
    { weight: 4, arbitrary: entry },
    { weight: 1, arbitrary: other },
    { weight: 1, arbitrary: refArb(bump, 'reference', NO_AFFIX, true) },
  );
  return fc
    .record({
      items: fc.array(itemArb(item), { minLength: 1, maxLength: 3 }),
      comment: commentArb,
    })
    .map(({ items, comment }) => ({ key: 'images', value: Q(items), comment }));
}

/** A Helm values map for the image, at some depth under a random key. */
function helmMapArb(bump: BumpSpec): fc.Arbitrary<GNode> {
  return fc
    .record({
      variant: fc.constantFrom('repository', 'registry', 'image', 'name', 'chart-registry'),
      nameQuote: quoteArb,
      tag: fc.option(tagSlotArb(bump, true), { nil: undefined, freq: 8 }),
      // A digest inside the tag value (`tag: 1.8.2@sha256:…`).
      pinInTag: fc.option(oldDigestArb(bump), { nil: undefined, freq: 6 }),
      digestKey: fc.constantFrom('digest', 'sha'),
      digest: fc.option(
        slotArb('digest', digestValueArb(bump), ['plain', 'single', 'double', 'null']),
        { nil: undefined, freq: 2 },
      ),
      hexOnly: fc.boolean(),
      order: orderArb,
      flow: rarely(),
      filler: fillerPairsArb(undefined, 2),
    })
    .map(
      ({
        variant,
        nameQuote,
        tag: plainTag,
        pinInTag,
        digestKey,
        digest,
        hexOnly,
        order,
        flow,
        filler,
      }) => {
        const tag =
          plainTag && pinInTag && plainTag.value !== '' && plainTag.style !== 'null'
            ? { ...plainTag, value: `${plainTag.value}@${pinInTag}` }
            : plainTag;
        const name = (value: string): GSlot => ({
          kind: 'slot',
          role: 'name',
          style: nameQuote,
          value,
        });
        const pairs: GPair[] = [];
        if (variant === 'registry') {
          pairs.push(P('registry', S('ghcr.io')), P('repository', name('org/app')));
        } else if (variant === 'chart-registry') {
          // The registry comes from the chart level (`global.imageRegistry`, see below).
          pairs.push(P('repository', name('org/app')));
        } else pairs.push(P(variant, name(IMAGE)));
        // `image` and `name` only name an image beside a tag key.
        const tagSlot: GSlot | undefined =
          tag ??
          (variant === 'image' || variant === 'name'
            ? { kind: 'slot', role: 'tag', style: 'plain', value: '1.0' }
            : undefined);
        if (tagSlot) pairs.push(P('tag', tagSlot));
        if (digest) {
          const value =
            digestKey === 'sha' && hexOnly && digest.value.startsWith('sha256:')
              ? digest.value.slice('sha256:'.length)
              : digest.value;
          // A plain hex string of digits only would read as a number: quote it.
          const style =
            digest.style === 'plain' && /^[0-9]+$/.test(value) ? 'double' : digest.style;
          pairs.push(P(digestKey, { ...digest, value, style }));
        }
        const shuffled = arrange(pairs, order);
        const map: GMap = {
          ...M(mix(shuffled, filler), flow),
          site: 'helm-values',
        };
        if (variant !== 'chart-registry') return map as GNode;
        const global = M([P('imageRegistry', S('ghcr.io'))]);
        return M([P('global', global), P('app', map)]) as GNode;
      },
    );
}

function helmArb(bump: BumpSpec): fc.Arbitrary<Section> {
  return fc
    .record({
      key: fc.constantFrom('image', 'app', 'worker', 'global'),
      wrap: fc.array(fc.constantFrom('deep', 'values', 'sub'), { maxLength: 2 }),
      site: helmMapArb(bump),
      filler: fillerPairsArb(),
      comment: commentArb,
    })
    .map(({ key, wrap, site, filler, comment }) => {
      let value: GNode = site;
      for (const k of wrap) value = M(mix([P(k, value)], filler));
      return { key, value, comment };
    });
}

/** An Argo CD Application source: helm.parameters, valuesObject, kustomize.images. */
function argoArb(bump: BumpSpec): fc.Arbitrary<Section> {
  const param = (
    name: string,
    value: GNode,
    flow: boolean,
    valueFirst: boolean,
    comment?: string,
  ): GItem => {
    const pairs = [P('name', S(name)), P('value', value, comment)];
    return I(M(valueFirst ? pairs.reverse() : pairs, flow));
  };
  return fc
    .record({
      prefix: fc.constantFrom('image.', 'app.image.', ''),
      registry: fc.boolean(),
      nameQuote: quoteArb,
      tag: fc.option(tagSlotArb(bump, false), { nil: undefined, freq: 10 }),
      digest: fc.option(slotArb('digest', digestValueArb(bump)), { nil: undefined, freq: 3 }),
      flows: fc.array(rarely(), { minLength: 8, maxLength: 8 }),
      firsts: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
      comments: fc.array(commentArb, { minLength: 4, maxLength: 4 }),
      others: fc.array(
        fc.tuple(
          fc.nat(10),
          fc.constantFrom('replicaCount', 'service.port', 'image.pullPolicy'),
          scalarArb,
        ),
        { maxLength: 2 },
      ),
      forceString: fc.boolean(),
      values: fc.option(helmMapArb(bump), { nil: undefined, freq: 3 }),
      images: fc.option(
        fc.array(
          refArb(
            bump,
            'reference',
            [
              ['', ''],
              ['my-app=', ''],
            ],
            true,
          ),
          { minLength: 1, maxLength: 2 },
        ),
        { nil: undefined, freq: 3 },
      ),
      comment: commentArb,
    })
    .map(
      ({
        prefix,
        registry,
        nameQuote,
        tag,
        digest,
        flows,
        firsts,
        comments,
        others,
        forceString,
        values,
        images,
        comment,
      }) => {
        const flow = (i: number): boolean => flows[i] ?? false;
        const first = (i: number): boolean => firsts[i] ?? false;
        const name = (value: string): GSlot => ({
          kind: 'slot',
          role: 'name',
          style: nameQuote,
          value,
        });
        let params: GItem[] = [];
        if (registry) {
          params.push(param(`${prefix}registry`, S('ghcr.io'), flow(0), first(0)));
          params.push(
            param(`${prefix}repository`, name('org/app'), flow(1), first(1), comments[1]),
          );
        } else
          params.push(param(`${prefix}repository`, name(IMAGE), flow(1), first(1), comments[1]));
        if (tag) {
          const item = param(`${prefix}tag`, tag, flow(2), first(2), comments[2]);
          if (forceString && item.value.kind === 'map')
            item.value.pairs.push(P('forceString', S('true')));
          params.push(item);
        }
        if (digest) params.push(param(`${prefix}digest`, digest, flow(3), first(3), comments[3]));
        const used = new Set<string>();
        others.forEach(([at, key, value], i) => {
          if (used.has(key) || key === `${prefix}pullPolicy`) return;
          used.add(key);
          params = insertAt(params, at, param(key, value, flow(4 + i), first(4 + i)));
        });
        const parameters: GSeq = { ...Q(params), site: 'argocd-parameter' };
        const helmPairs = [P('parameters', parameters)];
        if (values) helmPairs.push(P('valuesObject', M([P('image', values)])));
        const sourcePairs = [
          P('repoURL', S('https://example.com/charts')),
          P('helm', M(helmPairs)),
        ];
        if (images) sourcePairs.push(P('kustomize', M([P('images', Q(images.map((r) => I(r))))])));
        return { key: 'source', value: M(sourcePairs), comment };
      },
    );
}

/** A ConfigMap-like `data:` map: references, filler, and YAML or scripts in block scalars. */
function dataArb(bump: BumpSpec, inner: boolean): fc.Arbitrary<Section> {
  const script = fc
    .constantFrom(
      ['#!/bin/sh', 'set -e', 'echo "deploying ghcr.io/org/app:0.1"', '', 'exit 0'],
      ['plain text', 'no: yaml: here'],
    )
    .map((body): GNode => ({ kind: 'literal', header: '|', body: [...body] }));
  // One level deep: a block scalar's document holds no block scalars of its own.
  if (inner)
    return fc
      .record({
        pairs: fc.uniqueArray(
          pairArb(fc.oneof(refArb(bump, 'reference', GENERIC_AFFIXES), scalarNotImageArb), [
            'APP_IMAGE',
            'LOG_LEVEL',
            'other',
          ]),
          { minLength: 1, maxLength: 2, selector: (p) => p.key },
        ),
        comment: commentArb,
      })
      .map(({ pairs, comment }) => ({ key: 'data', value: M(pairs), comment }));
  const embedded = fc
    .record({ doc: docArb(bump, true), header: fc.constantFrom<'|' | '|-'>('|', '|-') })
    .map(({ doc, header }): GNode => ({ kind: 'literal', header, body: doc }));
  const value: fc.Arbitrary<GNode> = fc.oneof(
    { weight: 2, arbitrary: refArb(bump, 'reference', GENERIC_AFFIXES) },
    { weight: 1, arbitrary: scalarNotImageArb },
    { weight: 1, arbitrary: script },
    { weight: 3, arbitrary: embedded },
  );
  return fc
    .record({
      pairs: fc.uniqueArray(
        pairArb(value, [
          'APP_IMAGE',
          'config.yaml',
          'values.yaml',
          'script.sh',
          'LOG_LEVEL',
          'other',
        ]),
        { minLength: 1, maxLength: 3, selector: (p) => p.key },
      ),
      comment: commentArb,
    })
    .map(({ pairs, comment }) => ({ key: 'data', value: M(pairs), comment }));
}

/** Random nesting with references anywhere. */
function genericArb(bump: BumpSpec): fc.Arbitrary<Section> {
  return fc
    .record({
      key: fc.constantFrom('extra', 'settings', 'x-defaults'),
      value: fillerArb(bump, 3),
      comment: commentArb,
    })
    .map(({ key, value, comment }) => ({ key, value, comment }));
}

function docArb(bump: BumpSpec, inner: boolean): fc.Arbitrary<GDoc> {
  const sections: Array<fc.Arbitrary<Section>> = [
    workloadArb(bump),
    composeArb(bump),
    kustomizeArb(bump, inner),
    helmArb(bump),
    genericArb(bump),
    dataArb(bump, inner),
  ];
  if (!inner) sections.push(argoArb(bump));
  return fc
    .record({
      sections: fc.uniqueArray(fc.oneof(...sections), {
        minLength: inner ? 1 : 0,
        maxLength: inner ? 2 : 3,
        selector: (s) => s.key,
      }),
      kind: fc.option(fc.constantFrom('Deployment', 'ConfigMap', 'Kustomization', 'Application'), {
        nil: undefined,
      }),
      filler: fillerPairsArb(undefined, 2),
      step: fc.constantFrom<2 | 4>(2, 4),
      seqIndent: fc.boolean(),
      explicitStart: fc.boolean(),
      markerComment: rarely(),
      endMarker: rarely(),
      befores: fc.array(commentArb, { minLength: 4, maxLength: 4 }),
    })
    .map(
      ({
        sections,
        kind,
        filler,
        step,
        seqIndent,
        explicitStart,
        markerComment,
        endMarker,
        befores,
      }) => {
        const pairs = sections.map((s, i) => P(s.key, s.value, s.comment, befores[i]));
        if (kind) pairs.unshift(P('kind', S(kind)));
        return {
          pairs: mix(pairs, filler),
          step,
          seqIndent,
          explicitStart,
          markerComment,
          endMarker,
        };
      },
    );
}

/** A whole case: the bump first, then a stream whose old values are often the new ones. */
export const caseArb: fc.Arbitrary<FuzzCase> = fc
  .record({ tag: tagArb, digest: fc.option(digestArb, { nil: undefined, freq: 3 }) })
  .chain((bump) =>
    fc
      .record({
        docs: fc.array(docArb(bump, false), { minLength: 1, maxLength: 3 }),
        crlf: fc.boolean(),
        finalNewline: fc.oneof(
          { weight: 5, arbitrary: fc.constant(true) },
          { weight: 1, arbitrary: fc.constant(false) },
        ),
      })
      .map((stream) => withText({ bump, stream })),
  );

/** Counterexamples print as the bump and the rendered text, not as the tree. */
function withText(c: FuzzCase): FuzzCase {
  Object.defineProperty(c, fc.toStringMethod, {
    value: () => JSON.stringify({ bump: c.bump, text: render(c.stream).text }),
  });
  return c;
}

// ---------------------------------------------------------------------------------------------
// Rendering

/** Where an embedded (block scalar) document sits in the outer stream. */
export interface Host {
  doc: number;
  path: Path;
}

export interface SlotRecord {
  span: number;
  style: GSlot['style'];
  value: string;
  key: string;
  path: Path;
}

export interface RefRecord {
  type: 'ref';
  kind: RefLocator;
  doc: number;
  host: Host | undefined;
  path: Path;
  tag: string | undefined;
  digest: string | undefined;
  prefix: string;
  suffix: string;
  tagWrap?: GRef['tagWrap'];
  scalarSpan: number;
  tagSpan: number;
  digestSpan: number | undefined;
}

export interface FieldRecord {
  type: 'fields';
  kind: FieldKind;
  doc: number;
  host: Host | undefined;
  path: Path;
  flow: boolean;
  name?: SlotRecord;
  newName?: SlotRecord;
  tag?: SlotRecord;
  digest?: SlotRecord;
}

export type PlacedRecord = RefRecord | FieldRecord;

export interface Rendered {
  text: string;
  eol: string;
  records: PlacedRecord[];
  spans: Map<number, { start: number; end: number }>;
}

const OPEN = '\uE000';
const MID = '\uE001';
const CLOSE = '\uE002';

interface Ctx {
  step: number;
  seqIndent: boolean;
  doc: number;
  host: Host | undefined;
  anchors: string[];
  anchorCount: number;
  records: PlacedRecord[];
  counter: { next: number };
}

function mark(ctx: Ctx, content: string): { id: number; text: string } {
  const id = ctx.counter.next++;
  return { id, text: `${OPEN}${id}${MID}${content}${CLOSE}` };
}

function quote(value: string, style: Quote): string {
  if (style === 'single') return `'${value.replace(/'/g, "''")}'`;
  if (style === 'double') return JSON.stringify(value);
  return value;
}

function anchorName(ctx: Ctx, anchored: boolean): string | undefined {
  return anchored ? `a${++ctx.anchorCount}` : undefined;
}

/** Renders a scalar-like node (scalar, reference, slot, alias) in place. */
function inlineScalar(
  node: GScalar | GRef | GSlot | GAlias,
  path: Path,
  ctx: Ctx,
  site: FieldRecord | undefined,
  key: string,
  inFlow: boolean,
  comment: boolean,
): string {
  switch (node.kind) {
    case 'scalar': {
      const name = anchorName(ctx, node.anchor);
      if (name) ctx.anchors.push(name);
      return name ? `&${name} ${node.text}` : node.text;
    }
    case 'alias':
      return ctx.anchors.length === 0 ? 'x0' : `*${ctx.anchors[node.ref % ctx.anchors.length]}`;
    case 'ref': {
      const wrap = node.tagWrap;
      const tag = mark(ctx, wrap?.variable ?? node.tag ?? '');
      const digest = node.digest !== undefined ? mark(ctx, `@${node.digest}`) : undefined;
      let style = node.quote;
      if (
        style === 'plain' &&
        inFlow &&
        /[{}[\],]/.test(node.prefix + node.suffix + (wrap?.open ?? '') + (wrap?.variable ?? ''))
      )
        style = 'double';
      const open = style === 'single' ? "'" : style === 'double' ? '"' : '';
      const body = `${open}${node.prefix}${IMAGE}${node.tag === undefined ? '' : ':'}${wrap?.open ?? ''}${tag.text}${wrap?.close ?? ''}${digest?.text ?? ''}${node.suffix}${open}`;
      const scalar = mark(ctx, body);
      ctx.records.push({
        type: 'ref',
        kind: node.locator,
        doc: ctx.doc,
        host: ctx.host,
        path,
        tag: node.tag,
        digest: node.digest,
        prefix: node.prefix,
        suffix: node.suffix,
        ...(wrap && { tagWrap: wrap }),
        scalarSpan: scalar.id,
        tagSpan: tag.id,
        digestSpan: digest?.id,
      });
      return scalar.text;
    }
    case 'slot': {
      if (!site) throw new Error('generator bug: a slot outside a field site');
      let content: string;
      if (node.style === 'null') content = comment || inFlow ? ' ' : '';
      else content = quote(node.value, node.style);
      const m = mark(ctx, content);
      site[node.role] = { span: m.id, style: node.style, value: node.value, key, path };
      return m.text;
    }
  }
}

function isInline(node: GNode): boolean {
  if (node.kind === 'map') return node.flow || node.pairs.length === 0;
  if (node.kind === 'seq') return node.flow || node.items.length === 0;
  return node.kind !== 'literal';
}

function siteFor(node: GMap | GSeq, path: Path, ctx: Ctx): FieldRecord | undefined {
  if (!node.site) return undefined;
  const record: FieldRecord = {
    type: 'fields',
    kind: node.site,
    doc: ctx.doc,
    host: ctx.host,
    path,
    flow: node.flow,
  };
  ctx.records.push(record);
  return record;
}

/** Renders any node in flow style. */
function flowNode(
  node: GNode,
  path: Path,
  ctx: Ctx,
  site: FieldRecord | undefined,
  key: string,
): string {
  if (node.kind === 'literal') throw new Error('generator bug: a block scalar in flow context');
  if (node.kind === 'map') {
    const name = anchorName(ctx, node.anchor);
    const own = siteFor(node, path, ctx) ?? site;
    const parts = node.pairs.map((pair) => {
      const value = flowNode(pair.value, [...path, keyName(pair.key)], ctx, own, pair.key);
      // An empty value's span holds the space after the colon.
      const empty = pair.value.kind === 'slot' && pair.value.style === 'null';
      return empty ? `${pair.key}:${value}` : `${pair.key}: ${value}`;
    });
    if (name) ctx.anchors.push(name);
    return `${name ? `&${name} ` : ''}{${parts.join(', ')}}`;
  }
  if (node.kind === 'seq') {
    const name = anchorName(ctx, node.anchor);
    const own = siteFor(node, path, ctx) ?? site;
    const parts = node.items.map((item, i) => flowNode(item.value, [...path, i], ctx, own, ''));
    if (name) ctx.anchors.push(name);
    return `${name ? `&${name} ` : ''}[${parts.join(', ')}]`;
  }
  return inlineScalar(node, path, ctx, site, key, true, false);
}

const spaces = (n: number): string => ' '.repeat(n);

/** A key as the data has it (a quoted key without its quotes). */
const keyName = (key: string): string => (key.startsWith('"') ? JSON.parse(key) : key);

/** Renders the pairs of a block mapping at column `col` (the first after `firstPrefix`). */
function blockPairs(
  pairs: GPair[],
  col: number,
  path: Path,
  ctx: Ctx,
  site: FieldRecord | undefined,
  firstPrefix?: string,
): string[] {
  const lines: string[] = [];
  pairs.forEach((pair, i) => {
    const first = i === 0 && firstPrefix !== undefined;
    if (pair.before && !first) lines.push(spaces(col) + pair.before);
    const lead = first ? firstPrefix : spaces(col);
    const value = pair.value;
    const childPath = [...path, keyName(pair.key)];
    const comment = pair.comment ? ` ${pair.comment}` : '';
    if (value.kind === 'slot' && value.style === 'null') {
      const text = inlineScalar(value, childPath, ctx, site, pair.key, false, comment !== '');
      lines.push(`${lead}${pair.key}:${text}${pair.comment ?? ''}`);
    } else if (isInline(value)) {
      const text =
        value.kind === 'map' || value.kind === 'seq'
          ? flowNode(value, childPath, ctx, site, pair.key)
          : inlineScalar(
              value as GScalar | GRef | GSlot | GAlias,
              childPath,
              ctx,
              site,
              pair.key,
              false,
              comment !== '',
            );
      lines.push(`${lead}${pair.key}: ${text}${comment}`);
    } else if (value.kind === 'literal') {
      lines.push(`${lead}${pair.key}: ${value.header}${comment}`);
      const body = Array.isArray(value.body)
        ? value.body
        : renderDocLines(value.body, {
            ...ctx,
            step: value.body.step,
            seqIndent: value.body.seqIndent,
            doc: 0,
            host: { doc: ctx.doc, path: childPath },
            anchors: [],
            anchorCount: 0,
          });
      for (const line of body) lines.push(line === '' ? '' : spaces(col + ctx.step) + line);
    } else if (value.kind === 'map') {
      const name = anchorName(ctx, value.anchor);
      lines.push(`${lead}${pair.key}:${name ? ` &${name}` : ''}${comment}`);
      const own = siteFor(value, childPath, ctx);
      lines.push(...blockPairs(value.pairs, col + ctx.step, childPath, ctx, own));
      if (name) ctx.anchors.push(name);
    } else if (value.kind === 'seq') {
      const name = anchorName(ctx, value.anchor);
      lines.push(`${lead}${pair.key}:${name ? ` &${name}` : ''}${comment}`);
      const own = siteFor(value, childPath, ctx);
      const dash = col + (ctx.seqIndent ? ctx.step : 0);
      lines.push(...blockItems(value.items, dash, childPath, ctx, own));
      if (name) ctx.anchors.push(name);
    }
  });
  return lines;
}

/** Renders the items of a block sequence with their dash at column `col`. */
function blockItems(
  items: GItem[],
  col: number,
  path: Path,
  ctx: Ctx,
  site: FieldRecord | undefined,
): string[] {
  const lines: string[] = [];
  items.forEach((item, i) => {
    if (item.before) lines.push(spaces(col) + item.before);
    const value = item.value;
    const childPath = [...path, i];
    const dash = `${spaces(col)}- `;
    if (value.kind === 'map' && !isInline(value) && !value.anchor) {
      const own = siteFor(value, childPath, ctx) ?? site;
      lines.push(...blockPairs(value.pairs, col + 2, childPath, ctx, own, dash));
    } else if (value.kind === 'literal') {
      throw new Error('generator bug: a block scalar in a sequence');
    } else {
      const comment = item.comment ? ` ${item.comment}` : '';
      const text =
        value.kind === 'map' || value.kind === 'seq'
          ? flowNode(value, childPath, ctx, site, '')
          : inlineScalar(value, childPath, ctx, site, '', false, comment !== '');
      lines.push(`${dash}${text}${comment}`);
    }
  });
  return lines;
}

function renderDocLines(doc: GDoc, ctx: Ctx): string[] {
  return blockPairs(doc.pairs, 0, [], ctx, undefined);
}

/** Strips the markers, giving the text and where each marked span ended up. */
function strip(marked: string): {
  text: string;
  spans: Map<number, { start: number; end: number }>;
} {
  const spans = new Map<number, { start: number; end: number }>();
  const open: Array<{ id: number; start: number }> = [];
  let text = '';
  for (let i = 0; i < marked.length; i++) {
    const ch = marked[i]!;
    if (ch === OPEN) {
      const mid = marked.indexOf(MID, i);
      open.push({ id: Number(marked.slice(i + 1, mid)), start: text.length });
      i = mid;
    } else if (ch === CLOSE) {
      const top = open.pop()!;
      spans.set(top.id, { start: top.start, end: text.length });
    } else text += ch;
  }
  return { text, spans };
}

export function render(stream: GStream): Rendered {
  const eol = stream.crlf ? '\r\n' : '\n';
  const counter = { next: 0 };
  const records: PlacedRecord[] = [];
  const lines: string[] = [];
  stream.docs.forEach((doc, index) => {
    const ctx: Ctx = {
      step: doc.step,
      seqIndent: doc.seqIndent,
      doc: index,
      host: undefined,
      anchors: [],
      anchorCount: 0,
      records,
      counter,
    };
    const body = renderDocLines(doc, ctx);
    // A first document without content needs its marker, or it would not be a document.
    if (index > 0 || doc.explicitStart || body.length === 0)
      lines.push(doc.markerComment ? '--- # next' : '---');
    lines.push(...body);
    if (doc.endMarker && index < stream.docs.length - 1) lines.push('...');
  });
  const marked = lines.join(eol) + (stream.finalNewline ? eol : '');
  const { text, spans } = strip(marked);
  return { text, eol, records, spans };
}

// ---------------------------------------------------------------------------------------------
// Expectations: what the engine must do with each placed image

/** A span of the input that must read as one of `options` in the output. */
export interface ExpectedEdit {
  start: number;
  end: number;
  options: string[];
  /** Options that quote a value that was plain: the occurrence must say so. */
  quoting: boolean[];
}

export type JsEdit =
  | { op: 'set'; path: Path; value: string }
  | { op: 'delete'; path: Path }
  | { op: 'insert'; path: Path; key: string; value: string };

export interface Expected {
  record: PlacedRecord;
  kind: string;
  line: number;
  from: string;
  to: string;
  changed: boolean;
  /** Reported in `skipped` rather than `occurrences`, and left as it was. */
  skipped: boolean;
  edits: ExpectedEdit[];
  js: JsEdit[];
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text[i] === '\n') line++;
  return line;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function nextLineStart(text: string, offset: number): number {
  const at = text.indexOf('\n', offset);
  return at < 0 ? text.length : at + 1;
}

/** The string a slot holds as the engine reads it (plain nulls read as ''). */
function current(slot: SlotRecord | undefined): string | undefined {
  if (!slot) return undefined;
  if (slot.style === 'null') return '';
  if (slot.style === 'plain' && parseYaml(slot.value) === null) return '';
  return slot.value;
}

function formatVersion(tag: string | undefined, digest: string | undefined): string {
  return `${tag ?? ''}${digest ? `@${digest}` : ''}`;
}

export function expectations(rendered: Rendered, bump: BumpSpec): Expected[] {
  const { text, eol, spans } = rendered;
  const span = (id: number): { start: number; end: number } => {
    const found = spans.get(id);
    if (!found) throw new Error(`generator bug: span ${id} is missing`);
    return found;
  };

  /** The edit that writes `value` into a slot, in the slot's style. */
  const setSlot = (slot: SlotRecord, value: string): ExpectedEdit => {
    const { start, end } = span(slot.span);
    if (slot.style === 'single') return { start, end, options: [`'${value}'`], quoting: [false] };
    if (slot.style === 'double') return { start, end, options: [`"${value}"`], quoting: [false] };
    if (slot.style === 'null') {
      const after = text.slice(start, end) === ' ' && text[end] === '#' ? ' ' : '';
      return {
        start,
        end,
        options: [` ${value}${after}`, ` ${JSON.stringify(value)}${after}`],
        quoting: [false, true],
      };
    }
    if (value === '') return { start, end, options: ['""'], quoting: [true] };
    return { start, end, options: [value, JSON.stringify(value)], quoting: [false, true] };
  };

  return rendered.records.map((record): Expected => {
    if (record.type === 'ref') {
      // A digest-only reference stays digest-only when the bump gives a digest.
      const digestOnly =
        record.tag === undefined && record.digest !== undefined && bump.digest !== undefined;
      const newTag = digestOnly ? undefined : bump.tag;
      let newDigest: string | undefined;
      if (record.digest !== undefined) {
        if (bump.digest !== undefined) newDigest = bump.digest;
        else if (newTag === record.tag) newDigest = record.digest;
      }
      const wrap = record.tagWrap;
      const pinnedOnly =
        record.tag === undefined && record.digest !== undefined && bump.digest === undefined;
      if (wrap?.variable || pinnedOnly) {
        // An open variable, or a digest-only pin and no digest: reported, nothing written.
        // The tag is an open variable: reported as skipped, nothing written.
        const at = span(record.scalarSpan).start;
        return {
          record,
          kind: record.kind,
          line: lineOf(text, at),
          from: '',
          to: '',
          changed: false,
          skipped: true,
          edits: [],
          js: [],
        };
      }
      const from = formatVersion(record.tag, record.digest);
      const to = formatVersion(newTag, newDigest);
      const changed = from !== to;
      const wrapped = `${wrap?.open ?? ''}${newTag ?? ''}${wrap?.close ?? ''}${newDigest ? `@${newDigest}` : ''}`;
      const value = `${record.prefix}${IMAGE}${newTag === undefined ? '' : ':'}${wrap ? wrapped : to}${record.suffix}`;
      const scalar = span(record.scalarSpan);
      // In place: the tag and digest replaced, all else as it was; or, for a plain scalar that
      // would not stay plain, the whole value double-quoted (with a note).
      const cut = (id: number | undefined): { start: number; end: number } | undefined =>
        id === undefined ? undefined : span(id);
      const tagAt = span(record.tagSpan);
      const digestAt = cut(record.digestSpan);
      let inPlace =
        text.slice(scalar.start, tagAt.start) +
        (record.tag === undefined && newTag !== undefined ? ':' : '') +
        (newTag ?? '');
      inPlace += digestAt
        ? text.slice(tagAt.end, digestAt.start) +
          (newDigest ? `@${newDigest}` : '') +
          text.slice(digestAt.end, scalar.end)
        : text.slice(tagAt.end, scalar.end);
      const options = [inPlace];
      const quoting = [false];
      if (/^[^'"]/.test(text.slice(scalar.start, scalar.end))) {
        options.push(JSON.stringify(value));
        quoting.push(true);
      }
      const edits: ExpectedEdit[] = [{ ...scalar, options, quoting }];
      return {
        record,
        kind: record.kind,
        line: lineOf(text, scalar.start),
        from,
        to,
        changed,
        skipped: false,
        edits: changed ? edits : [],
        js: changed ? [{ op: 'set', path: record.path, value }] : [],
      };
    }

    // A field site: a port of the engine's rules for tag and digest keys, spelled out.
    const edits: ExpectedEdit[] = [];
    const js: JsEdit[] = [];
    const curTag = current(record.tag);
    const curDigest = current(record.digest) ?? '';
    const lineNode = record.tag ?? record.name;
    if (!lineNode) throw new Error('generator bug: a field site without a name');
    const line = lineOf(text, span(lineNode.span).start);
    const isKustomize = record.kind === 'kustomize';
    let newTag = curTag;
    let newDigest = curDigest;
    const base = { record, kind: record.kind, line };
    const skip = (): Expected => ({
      ...base,
      from: '',
      to: '',
      changed: false,
      skipped: true,
      edits: [],
      js: [],
    });

    // A digest-only pin and no digest in the bump: reported, nothing written.
    if (!curTag && curDigest !== '' && bump.digest === undefined) return skip();
    if (bump.tag !== curTag) {
      if (record.tag) {
        // A tag value holding `tag@digest` keeps that form (the digest is dropped without one).
        const pinned = curTag?.includes('@') === true;
        const value = pinned && bump.digest !== undefined ? `${bump.tag}@${bump.digest}` : bump.tag;
        if (value !== curTag) {
          edits.push(setSlot(record.tag, value));
          js.push({ op: 'set', path: record.tag.path, value });
        }
        newTag = value;
      } else if (curDigest !== '' && bump.digest !== undefined) {
        // Pinned by digest: no tag key is added.
      } else if (isKustomize || record.kind === 'helm-values') {
        // A missing tag key is added after the name: kustomize `newTag`, Helm `tag`.
        const tagKey = isKustomize ? 'newTag' : 'tag';
        const after = record.newName ?? record.name!;
        const { start, end } = span(after.span);
        if (record.flow) {
          edits.push({
            start: end,
            end,
            options: [`, ${tagKey}: ${bump.tag}`, `, ${tagKey}: ${JSON.stringify(bump.tag)}`],
            quoting: [false, false],
          });
        } else {
          const keyStart = start - after.key.length - 2;
          const column = keyStart - lineStart(text, keyStart);
          const at = text[end - 1] === '\n' ? end : nextLineStart(text, end);
          const lineText = (v: string) => `${spaces(column)}${tagKey}: ${v}`;
          const atEnd = at === text.length && !text.endsWith('\n');
          const options = [bump.tag, JSON.stringify(bump.tag)].map((v) =>
            atEnd ? `${eol}${lineText(v)}` : `${lineText(v)}${eol}`,
          );
          edits.push({ start: at, end: at, options, quoting: [false, false] });
        }
        js.push({ op: 'insert', path: record.path, key: tagKey, value: bump.tag });
        newTag = bump.tag;
      } else return skip();
    }
    const tagChanged = newTag !== curTag;

    if (bump.digest !== undefined) {
      const want =
        record.kind === 'helm-values' &&
        record.digest?.key === 'sha' &&
        !curDigest.startsWith('sha256:')
          ? bump.digest.slice('sha256:'.length)
          : bump.digest;
      if (want !== curDigest && curDigest !== '' && record.digest) {
        edits.push(setSlot(record.digest, want));
        js.push({ op: 'set', path: record.digest.path, value: want });
        newDigest = want;
      }
    } else if (curDigest !== '' && tagChanged && record.digest) {
      if (isKustomize) {
        const { start: valueStart, end: valueEnd } = span(record.digest.span);
        const keyStart = valueStart - record.digest.key.length - 2;
        let start = lineStart(text, keyStart);
        if (record.flow || text.slice(start, keyStart).trim() !== '') return skip();
        const end = text[valueEnd - 1] === '\n' ? valueEnd : nextLineStart(text, valueEnd);
        if (end === text.length && !text.endsWith('\n') && start > 0)
          start = text[start - 2] === '\r' ? start - 2 : start - 1;
        // The last line of a file without a final newline goes with the break before it; an
        // added newTag then comes after that break.
        const added = edits.find((e) => e.start === e.end && e.start > start && e.start < end);
        if (added) {
          const lineBreak = text.slice(start, added.start);
          added.options = added.options.map((o) => lineBreak + o.replace(/\r?\n$/, ''));
          added.start = added.end = start;
        }
        edits.push({ start, end, options: [''], quoting: [false] });
        js.push({ op: 'delete', path: record.digest.path });
      } else {
        edits.push(setSlot(record.digest, ''));
        js.push({ op: 'set', path: record.digest.path, value: '' });
      }
      newDigest = '';
    }
    const from = formatVersion(curTag, curDigest || undefined);
    const to = formatVersion(newTag, newDigest || undefined);
    return { ...base, from, to, changed: from !== to, skipped: false, edits, js };
  });
}
