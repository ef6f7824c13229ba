// biome-ignore-all lint/suspicious/noTemplateCurlyInString: compose interpolation is literal text in these fixtures
// The engine parses only the documents that can name a bumped image, and reads only the lines
// that can (edit-file.ts, text.ts): a pre-filter on the raw text. It must never leave out a
// document or line that reading everything would act on or report. This suite edits the same
// texts both ways, editText(input) and editText(input, true) (every document parsed, every line
// read), and requires the same result: text, occurrences, skipped and missed places, or the same
// refusal. The texts are the real files of the corpora (../shared, when present) with every
// image they hold, in several spellings, and generated streams that spell the image in every
// way a document can: Docker Hub short and long forms, upper-case hosts, `${VAR}` interpolation,
// names split over keys, chart-level registries, YAML escapes, embedded YAML and JSON.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { editText, listImages } from '../../src/engine/edit-file.js';
import { type ImageRef, parseReference } from '../../src/engine/image-ref.js';
import { type Bump, EngineError } from '../../src/engine/types.js';

type Outcome = ReturnType<typeof editText> | { refused: string };

function outcome(file: string, text: string, bumps: Bump[], everything: boolean): Outcome {
  try {
    return editText({ file, text, bumps }, everything);
  } catch (error) {
    if (error instanceof EngineError) return { refused: `${error.code}: ${error.message}` };
    throw error;
  }
}

/**
 * The pre-filtered edit must give what reading everything gives: the same text, occurrences,
 * skipped and missed places, or the same refusal. (Every text here parses: a document that does
 * not parse is refused by reading everything, and left out by the filter when it cannot name the
 * image, as prefilter.test.ts shows.)
 */
function expectSame(file: string, text: string, bumps: Bump[]): void {
  const filtered = outcome(file, text, bumps, false);
  const everything = outcome(file, text, bumps, true);
  expect(filtered).toEqual(everything);
}

// ---------------------------------------------------------------------------------------------
// The corpora

const here = dirname(fileURLToPath(import.meta.url));
const shared = join(here, '..', '..', '..', 'shared');

function yamlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...yamlFiles(full));
    else if (/\.(ya?ml|json)$/i.test(name) && name !== 'cases.json') out.push(full);
  }
  return out.sort();
}

/** Other spellings of the same image: Docker Hub's long forms, an upper-case host. */
function spellings(ref: ImageRef): string[] {
  const names = [ref.name];
  if (ref.domain === undefined || ref.domain === 'docker.io') {
    const path = ref.path.includes('/') ? ref.path : `library/${ref.path}`;
    names.push(`docker.io/${path}`, `index.docker.io/${path}`);
    if (path.startsWith('library/')) names.push(path.slice('library/'.length));
  } else names.push(`${ref.domain.toUpperCase()}/${ref.path}`);
  return [...new Set(names)];
}

function bumpOf(name: string, index: number): Bump | undefined {
  try {
    return { image: parseReference(name), tag: `v9.${index}.0-eq` };
  } catch {
    return undefined;
  }
}

// Reading everything in a file over a megabyte takes seconds: those two files are compared with
// GITOPS_BUMP_HEAVY_TESTS=1 (run it so after a change to the engine). In every file all images
// are bumped at once, in two spellings each; in files up to ALONE_UP_TO bytes each image is also
// bumped alone: every one with GITOPS_BUMP_HEAVY_TESTS=1, else as many as ALONE_BYTES of text
// allows (at least one), spread over the file's list: a plain `npm test` spent 20 s here with
// every one, most of it on a few Helm values files of 100 KB with a dozen images.
const HEAVY = process.env.GITOPS_BUMP_HEAVY_TESTS === '1';
const BIG = 1_000_000;
const ALONE_UP_TO = 150_000;
const ALONE_BYTES = 100_000;

/** The images bumped alone: all, or as many as the budget allows, evenly spread. */
function aloneOnes(images: ImageRef[], textLength: number): Array<[number, ImageRef]> {
  const all = [...images.entries()];
  const most = HEAVY ? all.length : Math.max(1, Math.floor(ALONE_BYTES / textLength));
  if (all.length <= most) return all;
  if (most === 1) return [all[Math.floor(all.length / 2)]!];
  const step = (all.length - 1) / (most - 1);
  const picked = new Set(Array.from({ length: most }, (_, i) => Math.round(i * step)));
  return all.filter(([index]) => picked.has(index));
}

const corpusFiles = ['corpus', 'corpus2']
  .flatMap((folder) => yamlFiles(join(shared, folder)).map((full) => ({ folder, full })))
  .filter(({ full }) => HEAVY || statSync(full).size <= BIG);
const describeCorpora = corpusFiles.length > 0 ? describe : describe.skip;

function imagesIn(text: string): ImageRef[] {
  let names: string[];
  try {
    names = [...new Set(listImages(text).map((f) => f.name))];
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    try {
      return [parseReference(name)];
    } catch {
      return [];
    }
  });
}

/** All images at once, image i in its spelling i + shift (wrapping). */
function allAtOnce(images: ImageRef[], shift: number): Bump[] {
  return images.flatMap((image, index) => {
    const names = spellings(image);
    const bump = bumpOf(names[(index + shift) % names.length]!, index);
    return bump ? [bump] : [];
  });
}

describeCorpora('the pre-filter on the corpora (../shared)', () => {
  it.each(
    corpusFiles.map(({ folder, full }) => [
      `${folder}/${relative(join(shared, folder), full)}`,
      full,
    ]),
  )('%s: all images at once in two spellings, and each alone', (file, full) => {
    const text = readFileSync(full, 'utf8');
    const images = imagesIn(text);
    let compared = 0;
    if (images.length > 0) {
      for (const shift of [0, 1]) {
        expectSame(file, text, allAtOnce(images, shift));
        compared++;
      }
    }
    if (text.length <= ALONE_UP_TO) {
      for (const [index, image] of aloneOnes(images, text.length)) {
        const bump = bumpOf(image.name, index);
        if (bump) {
          expectSame(file, text, [bump]);
          compared++;
        }
      }
      // An image the file does not hold at all: nothing to do either way.
      expectSame(file, text, [bumpOf('ghcr.io/nobody/absent', 0)!]);
      compared++;
    }
    expect(compared).toBeGreaterThan(0);
  });
});

// ---------------------------------------------------------------------------------------------
// Generated streams

/** Documents that name ghcr.io/org/app or nginx, in every spelling a document can. */
const NAMING = [
  'kind: Pod\nspec:\n  containers:\n    - name: app\n      image: ghcr.io/org/app:1.0.0\n',
  'kind: Pod\nspec:\n  containers:\n    - name: app\n      image: GHCR.IO/org/app:1.0.0 # upper-case host\n',
  "kind: Pod\nspec:\n  containers:\n    - name: web\n      image: 'ghcr.io/org/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef'\n",
  'kind: Pod\nspec:\n  containers:\n    - name: web\n      image: "ghcr.io/org/\\x61pp:1.0.0"\n',
  'kind: Pod\nspec:\n  containers:\n    - name: web\n      image: "ghcr.io/org/\\u0061pp:1.0.0"\n',
  'kind: Pod\nspec:\n  containers:\n    - name: web\n      image: "ghcr.io/org\\x2fapp:1.0.0"\n',
  'kind: Pod\nspec:\n  containers:\n    - name: web\n      image: "ghcr.io/org/ap\\\n        p:1.0.0"\n',
  'kind: Pod\nspec:\n  containers:\n    - name: web\n      image: "ghcr.io/o\\\n        rg/app:1.0.0"\n',
  'kind: Pod\nspec:\n  containers:\n    - name: web\n      image: "ghcr.io/org/a\\\n        \\\n        pp:1.0.0"\n',
  'kind: Pod\nspec:\n  containers:\n    - name: web\n      image: "ngi\\\n   nx:1.25"\n',
  'kind: Pod\nspec:\n  containers:\n    - name: web\n      image: nginx:1.25\n',
  'kind: Pod\nspec:\n  containers:\n    - name: web\n      image: docker.io/library/nginx:1.25\n',
  'kind: Pod\nspec:\n  containers:\n    - name: web\n      image: index.docker.io/library/nginx:1.25\n',
  'kind: Pod\nspec:\n  containers:\n    - name: web\n      image: library/nginx:1.25\n',
  'kind: Pod\nspec:\n  containers:\n    - name: web\n      image: "ngin\\x78:1.25"\n',
  'services:\n  web:\n    image: ${REGISTRY:-ghcr.io}/org/app:${TAG:-1.0.0}\n',
  'services:\n  web:\n    image: ghcr.io/org/app:${TAG}\n',
  'services:\n  web:\n    image: ${IMAGE:-nginx:1.25}\n',
  'image:\n  registry: ghcr.io\n  repository: org/app\n  tag: 1.0.0\n',
  'image:\n  registry: ghcr.io/org\n  repository: app\n  tag: "1.0.0"\n',
  'global:\n  imageRegistry: ghcr.io\nimage:\n  repository: org/app\n  tag: 1.0.0\n',
  'global:\n  imageRegistry: ghcr.io\n',
  'image:\n  repository: org/app\n  tag: 1.0.0\n',
  'image:\n  repository: "org/\\x61pp"\n  tag: 1.0.0\n',
  'image:\n  repository: nginx\n  tag: "1.25"\n',
  'images:\n  - name: ghcr.io/org/app\n    newTag: 1.0.0\n',
  'images:\n  - name: nginx\n    newName: ghcr.io/org/app\n    newTag: 1.0.0\n',
  'kind: ConfigMap\ndata:\n  config.yaml: |\n    image: ghcr.io/org/app:1.0.0\n    other: 1\n',
  'kind: ConfigMap\ndata:\n  config.yaml: |\n    image: "ghcr.io/org/\\x61pp:1.0.0"\n',
  'spec:\n  values: \'{"image": "ghcr.io/org/app:1.0.0"}\'\n',
  'spec:\n  values: \'{"image": "ghcr.io/org/\\u0061pp:1.0.0"}\'\n',
  'spec:\n  source:\n    helm:\n      parameters:\n        - name: image.repository\n          value: ghcr.io/org/app\n        - name: image.tag\n          value: 1.0.0\n',
  'x:\n  selfImageRef: ghcr.io/org/app\n  other: ghcr.io/org/app:1.0.0\n',
  'args:\n  - --image=ghcr.io/org/app:1.0.0\n  - ghcr.io/org/app:1.0.0\n',
  'script: >-\n  run ghcr.io/org/app:1.0.0\n  --fast\n',
  'base: &img ghcr.io/org/app:1.0.0\nimage: *img\n',
  'image: [ghcr.io/org/app:1.0.0, nginx:1.25]\n',
];

/** Documents that do not name either image, decoys included. */
const OTHER = [
  'kind: Service\nmetadata:\n  name: app\n  labels:\n    app.kubernetes.io/name: app\n',
  'kind: Pod\nspec:\n  containers:\n    - name: app\n      image: ghcr.io/org/app-exporter:1.0\n',
  '# ghcr.io/org/app:1.0.0 in a comment\nkind: Namespace\n',
  'url: https://ghcr.io/org/app\nhome: https://nginx.org\n',
  'kind: Pod\nspec:\n  containers:\n    - name: app\n      image: ghcr.io/other/app:1.0\n',
  'image:\n  repository: org/tool\n  tag: 2.0\n',
  'a: 1\nb: [1, 2]\n',
  'apiVersion: apps/v1\nkind: Deployment\n',
  'kind: CronJob\ncommand: |\n  run --image=other \\\n    --fast && \\\n  echo done\n',
  'regex: "^v\\\\d+"\npath: "C:\\\\tools"\n',
  '',
];

const BUMP_NAMES = [
  ['ghcr.io/org/app', 'GHCR.io/org/app'],
  ['nginx', 'docker.io/library/nginx', 'library/nginx'],
];

const streamArb = fc.record({
  docs: fc.array(fc.oneof(fc.constantFrom(...NAMING), fc.constantFrom(...OTHER)), {
    minLength: 1,
    maxLength: 6,
  }),
  starts: fc.boolean(),
  crlf: fc.boolean(),
  bumps: fc.tuple(fc.nat(2), fc.nat(3)),
});

describe('the pre-filter on generated streams', () => {
  it('gives what reading every document and line gives', () => {
    fc.assert(
      fc.property(streamArb, ({ docs, starts, crlf, bumps }) => {
        let text = docs.map((doc, i) => (i > 0 || starts ? `---\n${doc}` : doc)).join('');
        if (crlf) text = text.replace(/\n/g, '\r\n');
        const chosen: Bump[] = [];
        // At most one spelling per image (two spellings of one image are refused).
        const [app, hub] = bumps;
        if (app < 2) chosen.push({ image: parseReference(BUMP_NAMES[0]![app]!), tag: '2.0.0' });
        if (hub < 3) chosen.push({ image: parseReference(BUMP_NAMES[1]![hub]!), tag: '1.27' });
        if (chosen.length === 0) return;
        expectSame('gen.yaml', text, chosen);
      }),
      { numRuns: 400 },
    );
  });

  it.each(NAMING)('gives what reading everything gives for %j beside other documents', (doc) => {
    const text = `${OTHER.join('---\n')}---\n${doc}---\n${OTHER[0]}`;
    for (const names of [
      ['ghcr.io/org/app'],
      ['nginx'],
      ['ghcr.io/org/app', 'docker.io/library/nginx'],
    ]) {
      expectSame(
        'gen.yaml',
        text,
        names.map((name) => ({ image: parseReference(name), tag: '2.0.0' })),
      );
    }
  });
});
