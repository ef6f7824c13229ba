// biome-ignore-all lint/suspicious/noTemplateCurlyInString: compose interpolation is literal text in these fixtures
// Recognition classes of issue 10, each on fixtures written for it, and missed-place reporting
// (decoys that must not be reported included).
import { bumpFiles, MissedPlacesError } from '../../src/engine/bump-files.js';
import { editText, listImages } from '../../src/engine/edit-file.js';
import { InvalidReferenceError, parseReference } from '../../src/engine/image-ref.js';
import { parseKeyPath } from '../../src/engine/locators/key-path-syntax.js';
import type { Bump, EditOptions } from '../../src/engine/types.js';

const DIGEST = `sha256:${'b'.repeat(64)}`;
const OLD = `sha256:${'a'.repeat(64)}`;

function bumpOf(reference: string): Bump {
  const image = parseReference(reference);
  const bump: Bump = { image };
  if (image.tag !== undefined) bump.tag = image.tag;
  if (image.digest !== undefined) bump.digest = image.digest;
  return bump;
}

function edit(text: string, references: string[], options: EditOptions = {}) {
  return editText({ file: 'f.yaml', text, bumps: references.map(bumpOf), options });
}

describe('1. registries and repositories defined elsewhere in a values file', () => {
  it.each([
    ['global.imageRegistry', 'global:\n  imageRegistry: quay.io\n'],
    ['global.image.registry', 'global:\n  image:\n    registry: quay.io\n'],
    ['global.registry', 'global:\n  registry: quay.io\n'],
    ['defaultRegistry', 'defaultRegistry: quay.io\n'],
  ])('prefixes a map without its own registry with %s', (_name, head) => {
    const text = `${head}app:\n  image:\n    repository: org/app\n    tag: 1.0.0\n`;
    expect(edit(text, ['quay.io/org/app:1.1.0']).text).toBe(text.replace('1.0.0', '1.1.0'));
    // The Docker Hub name is another image: untouched, and the line is not a missed place.
    const other = edit(text, ['org/app:1.1.0']);
    expect(other.text).toBe(text);
  });

  it('lets a map with its own registry win over the global one', () => {
    const text =
      'global:\n  imageRegistry: quay.io\nimage:\n  registry: ghcr.io\n  repository: org/app\n  tag: 1.0.0\n';
    expect(edit(text, ['ghcr.io/org/app:2.0.0']).text).toBe(text.replace('1.0.0', '2.0.0'));
    expect(edit(text, ['quay.io/org/app:2.0.0']).text).toBe(text);
  });

  it('joins defaultImageRegistry, defaultImageRepository and image.name', () => {
    const text =
      'defaultImageRegistry: reg.example.com\ndefaultImageRepository: team\nworker:\n  image:\n    name: worker\n    tag: 1.0.0\n';
    expect(edit(text, ['reg.example.com/team/worker:1.2.0']).text).toBe(
      text.replace('1.0.0', '1.2.0'),
    );
  });

  it('bumps the shared global.tag of Istio-style maps and says every image using it moves', () => {
    const text =
      'pilot:\n  hub: ""\n  image: pilot\n  tag: ""\nglobal:\n  hub: docker.io/istio\n  tag: 1.20.0\n';
    const result = edit(text, ['docker.io/istio/pilot:1.21.0']);
    expect(result.text).toBe(text.replace('tag: 1.20.0', 'tag: 1.21.0'));
    expect(result.occurrences[0]!.notes.join(' ')).toContain('global.tag is shared');
  });
});

describe('1b. Istio values', () => {
  const text = [
    '_internal_defaults_do_not_set:',
    '  pilot:',
    '    hub: ""',
    '    tag: ""',
    '    image: pilot',
    '  ztunnel:',
    '    hub: ""',
    '    tag: 1.19.0',
    '    image: ztunnel',
    '  global:',
    '    hub: gcr.io/istio-release',
    '    tag: 1.20.0',
    '    proxy:',
    '      image: proxyv2',
    '',
  ].join('\n');
  it('moves global.tag for an image without a tag of its own, saying others move too', () => {
    const result = edit(text, ['gcr.io/istio-release/proxyv2:1.21.0']);
    expect(result.text).toBe(text.replace('tag: 1.20.0', 'tag: 1.21.0'));
    expect(result.occurrences[0]!.notes.join(' ')).toContain('global.tag is shared');
    expect(edit(text, ['gcr.io/istio-release/pilot:1.21.0']).text).toBe(result.text);
  });
  it('edits a component tag of its own', () => {
    expect(edit(text, ['gcr.io/istio-release/ztunnel:1.21.0']).text).toBe(
      text.replace('tag: 1.19.0', 'tag: 1.21.0'),
    );
  });
  it('bumps two images sharing global.tag to one version once', () => {
    const result = edit(text, [
      'gcr.io/istio-release/pilot:1.21.0',
      'gcr.io/istio-release/proxyv2:1.21.0',
    ]);
    expect(result.text).toBe(text.replace('tag: 1.20.0', 'tag: 1.21.0'));
    expect(result.occurrences).toHaveLength(2);
  });
});

describe('2. image beside a tag key with another name', () => {
  it.each(['imageTag', 'tag', 'version'])('edits %s, never appends to image', (key) => {
    const text = `image: docker.elastic.co/es/es\n${key}: "8.5.1"\nimagePullPolicy: IfNotPresent\n`;
    expect(edit(text, ['docker.elastic.co/es/es:8.6.0']).text).toBe(text.replace('8.5.1', '8.6.0'));
  });
});

describe('3. a Helm image map with no tag key, or an empty one', () => {
  it('adds tag after the repository, at its indentation', () => {
    const text = 'app:\n    image:\n        repository: org/app\n        pullPolicy: Always\n';
    expect(edit(text, ['org/app:1.0.0']).text).toBe(
      'app:\n    image:\n        repository: org/app\n        tag: 1.0.0\n        pullPolicy: Always\n',
    );
  });
  it('adds imageTag beside a lone image string in a values file', () => {
    const text = 'image: docker.elastic.co/beats/filebeat\n\ndaemonset:\n  enabled: true\n';
    expect(edit(text, ['docker.elastic.co/beats/filebeat:8.6.0']).text).toBe(
      'image: docker.elastic.co/beats/filebeat\nimageTag: 8.6.0\n\ndaemonset:\n  enabled: true\n',
    );
  });
  it.each([
    ['tag: ""', 'tag: "1.0.0"'],
    ['tag: null', 'tag: 1.0.0'],
    ['tag:', 'tag: 1.0.0'],
  ])('fills %s', (before, after) => {
    const text = `image:\n  repository: org/app\n  ${before}\n`;
    expect(edit(text, ['org/app:1.0.0']).text).toBe(`image:\n  repository: org/app\n  ${after}\n`);
  });
});

describe('4. compose interpolation', () => {
  it.each([
    ['app:${TAG:-1.0.0}', 'app:${TAG:-2.0.0}'],
    ['app:${TAG-1.0.0}', 'app:${TAG-2.0.0}'],
    ['${IMAGE:-app:1.0.0}', '${IMAGE:-app:2.0.0}'],
    [
      '${REGISTRY:-docker.io}/library/app:${TAG:-1.0.0}',
      '${REGISTRY:-docker.io}/library/app:${TAG:-2.0.0}',
    ],
  ])('bumps the default of %s and keeps it plain', (before, after) => {
    const text = `services:\n  web:\n    image: ${before}\n`;
    expect(edit(text, ['app:2.0.0']).text).toBe(`services:\n  web:\n    image: ${after}\n`);
  });
  it.each(['app:${TAG}', 'app:${TAG:?set TAG}'])(
    'reports %s as missed, naming the variable',
    (value) => {
      const text = `services:\n  web:\n    image: ${value}\n  db:\n    image: app:1.0.0\n`;
      const result = edit(text, ['app:2.0.0']);
      expect(result.text).toBe(text.replace('app:1.0.0', 'app:2.0.0'));
      expect(result.skipped).toEqual([expect.objectContaining({ line: 3 })]);
      expect(result.skipped[0]!.reason).toContain('${TAG}');
    },
  );
});

describe('5. digests', () => {
  it('keeps tag@digest in a tag value', () => {
    const text = `image:\n  repository: org/app\n  tag: 1.0.0@${OLD}\n`;
    expect(edit(text, [`org/app:2.0.0@${DIGEST}`]).text).toBe(
      text.replace(`1.0.0@${OLD}`, `2.0.0@${DIGEST}`),
    );
  });
  it('empties a sibling digest when a key path moves the tag', () => {
    const text = `api:\n  image:\n    tag: 1.0.0\n    digest: ${OLD}\n`;
    const result = edit(text, ['org/app:2.0.0'], { keyPaths: [parseKeyPath('api.image.tag')] });
    expect(result.text).toBe('api:\n  image:\n    tag: 2.0.0\n    digest: ""\n');
  });
  it('keeps a digest-only reference digest-only', () => {
    const text = `image: org/app@${OLD}\n`;
    expect(edit(text, [`org/app:2.0.0@${DIGEST}`]).text).toBe(`image: org/app@${DIGEST}\n`);
  });
});

describe('6. files strict YAML 1.2 rejects but Kubernetes reads', () => {
  it('edits byte-exactly around an under-indented multi-line quoted flow sequence', () => {
    const text =
      'spec:\n  container:\n    image: golang:1.18\n    args: ["\n      go build\n    "]\n';
    expect(edit(text, ['golang:1.19']).text).toBe(text.replace('1.18', '1.19'));
  });
  it('edits around TAB-led continuation lines in a double-quoted scalar', () => {
    const text = 'a:\n  b: "one\n\ttwo"\n  image: app:1.0\n';
    expect(edit(text, ['app:1.1']).text).toBe(text.replace('app:1.0', 'app:1.1'));
  });
});

describe('6b. what no mainstream parser reads', () => {
  it('is still refused, naming the line', () => {
    const text = 'a:\n  b: "never closed\n  image: app:1.0\n';
    expect(() => edit(text, ['app:1.1'])).toThrow(/f\.yaml:\d+:\d+: the YAML does not parse/);
  });
});

describe('7. one place that cannot be bumped never aborts the others', () => {
  it('writes every other image of the file', () => {
    const text = `a:\n  image: app:\${TAG}\nb:\n  image: app:1.0\n`;
    const result = edit(text, ['app:2.0']);
    expect(result.text).toContain('image: app:2.0');
    expect(result.skipped).toHaveLength(1);
  });
});

describe('8. names', () => {
  it('matches either name of an Argo CD old=new:tag override', () => {
    const text = 'kustomize:\n  images:\n  - old/app=new/app:1.0\n';
    expect(edit(text, ['old/app:2.0']).text).toBe(text.replace('1.0', '2.0'));
    expect(edit(text, ['new/app:2.0']).text).toBe(text.replace('1.0', '2.0'));
  });
  it('matches the registry host case-insensitively', () => {
    const text = 'image: GHCR.io/acme/app:1.0\n';
    expect(edit(text, ['ghcr.io/acme/app:2.0']).text).toBe('image: GHCR.io/acme/app:2.0\n');
  });
  it('refuses an upper-case digest algorithm', () => {
    expect(() => parseReference(`app@SHA256:${'a'.repeat(64)}`)).toThrow(InvalidReferenceError);
    const text = `image: app@SHA256:${'a'.repeat(64)}\n`;
    const result = edit(text, [`app@${DIGEST}`]);
    expect(result.text).toBe(text);
    expect(result.missed[0]!.reason).toContain('upper-case');
  });
  it('follows compose merge keys for the container filter', () => {
    const text =
      'x-app: &app\n  image: app:1.0\nservices:\n  web:\n    <<: *app\n  worker:\n    image: app:1.0\n';
    const web = edit(text, ['app:2.0'], { container: 'web' });
    expect(web.text).toBe(text.replace('  image: app:1.0\nservices', '  image: app:2.0\nservices'));
    expect(web.occurrences[0]).toMatchObject({ kind: 'compose', line: 2 });
    const worker = edit(text, ['app:2.0'], { container: 'worker' });
    expect(worker.text).toBe(text.replace('    image: app:1.0', '    image: app:2.0'));
    expect(worker.skipped[0]!.reason).toContain("not in a container named 'worker'");
  });
});

describe('9. values over several lines', () => {
  it('edits a folded value whose tag sits on one line', () => {
    const text = 'data:\n  image: >-\n    app:1.0\n  other: x\n';
    expect(edit(text, ['app:2.0']).text).toBe(text.replace('app:1.0', 'app:2.0'));
  });
  it('reports no missed place on the line of a folded value it edited, nor on a rerun', () => {
    const text = 'spec:\n  args: >-\n    ghcr.io/acme/api:1.0.0\n';
    const result = edit(text, ['ghcr.io/acme/api:1.2.0']);
    expect(result.text).toBe(text.replace('1.0.0', '1.2.0'));
    expect(result.missed).toEqual([]);
    expect(edit(result.text, ['ghcr.io/acme/api:1.2.0']).missed).toEqual([]);
  });
  it('reports a value folded over lines as missed, with why', () => {
    const text = 'data:\n  image: >-\n    see\n    app:1.0\n';
    const result = edit(text, ['app:2.0']);
    expect(result.text).toBe(text);
    // Prose (several words once folded) is a decoy; a reference alone on its line is not.
    const alone = edit('data:\n  image: "\n    app:1.0"\n', ['app:2.0']);
    expect(alone.text).toBe('data:\n  image: "\n    app:1.0"\n');
    expect(alone.missed).toEqual([expect.objectContaining({ line: 3 })]);
  });
});

describe('10. images inside strings', () => {
  it('bumps an image map inside YAML held in a block scalar, one level deep', () => {
    const text =
      'data:\n  config.yaml: |\n    image:\n      repository: org/app\n      tag: 1.0.0\n';
    expect(edit(text, ['org/app:2.0.0']).text).toBe(text.replace('tag: 1.0.0', 'tag: 2.0.0'));
  });
  it.each([
    [`values: '{"image": "org/app:1.0", "replicas": 2}'`],
    [`values: "{\\"image\\": \\"org/app:1.0\\"}"`],
    [`values: '[{"name": "web", "image": "org/app:1.0"}]'`],
  ])('bumps a reference inside a one-line JSON string: %s', (line) => {
    const text = `kind: ConfigMap\ndata:\n  ${line}\n`;
    const result = edit(text, ['org/app:2.0']);
    expect(result.text).toBe(text.replace('org/app:1.0', 'org/app:2.0'));
    expect(result.occurrences).toHaveLength(1);
  });
  it('bumps image_name + image_version inside YAML held in a block scalar', () => {
    const text =
      'data:\n  settings.yaml: |\n    worker:\n      image_name: org/app\n      image_version: 1.0.0\n';
    expect(edit(text, ['org/app:2.0.0']).text).toBe(text.replace('1.0.0', '2.0.0'));
  });
  it('bumps a JSON6902 patch value', () => {
    const text =
      'patches:\n- target: {kind: Deployment}\n  patch: |-\n    - op: replace\n      path: /spec/template/spec/containers/0/image\n      value: org/app:1.0\n';
    expect(edit(text, ['org/app:2.0']).text).toBe(text.replace('org/app:1.0', 'org/app:2.0'));
  });
});

describe('11. never edit what is not an image', () => {
  it('leaves labels, names and host:port alone and does not report them', () => {
    const text =
      'metadata:\n  labels:\n    app: app\n    app.kubernetes.io/version: "1.0"\nspec:\n  containers:\n  - name: app\n    image: app:1.0\n    env:\n    - name: ADDR\n      value: app:8080\n';
    const result = edit(text, ['app:2.0']);
    expect(result.text).toBe(text.replace('image: app:1.0', 'image: app:2.0'));
    expect(result.missed).toEqual([]);
  });
});

describe('11. bare names only where the schema says image', () => {
  it('reports, and does not edit, a bare name under a key that merely contains the word', () => {
    const text = 'ui:\n  selectedImage: ghcr.io/acme/app\n';
    const result = edit(text, ['ghcr.io/acme/app:2.0']);
    expect(result.text).toBe(text);
    expect(result.missed).toEqual([expect.objectContaining({ line: 2 })]);
  });
  it('edits a bare name in a JSON6902 value for an …/image path', () => {
    const text =
      '- op: replace\n  path: /spec/template/spec/containers/0/image\n  value: ghcr.io/acme/app\n';
    expect(edit(text, ['ghcr.io/acme/app:2.0']).text).toBe(
      text.replace('value: ghcr.io/acme/app', 'value: ghcr.io/acme/app:2.0'),
    );
  });
});

describe('never a silent miss', () => {
  const text = [
    'spec:', //                                                         1
    '  containers:', //                                                 2
    '  - name: web', //                                                 3
    '    image: ghcr.io/acme/app:1.0', //                               4 bumped
    '    # image: ghcr.io/acme/app:0.9', //                             5 comment
    '    args: ["--help", "see https://ghcr.io/acme/app:1.0 docs"]', //  6 prose/URL
    '    command: ["sh", "-c", "docker run ghcr.io/acme/app:1.0"]', //   7 shell
    '  - name: exporter', //                                            8
    '    image: ghcr.io/acme/app-exporter:1.0', //                      9 longer name
    '    env:', //                                                      10
    '    - name: TPL', //                                               11
    '      value: "{{ .Values.registry }}/ghcr.io/acme/app:1.0"', //    12 template
    '    - name: SELF', //                                              13
    '      value: ghcr.io/acme/app:1.0', //                             14 bumped (reference)
    'status:', //                                                       15
    '  lastImage: [ghcr.io/acme/app:1.0, other]', //                    16 missed? flow list
    'notes:', //                                                        17
    '  selfImageRef: ghcr.io/acme/app', //                              18 untagged, image key: missed
    '',
  ].join('\n');

  it('reports missed places and no decoy', () => {
    const result = edit(text, ['ghcr.io/acme/app:2.0']);
    const lines = result.missed.map((m) => m.line);
    expect(lines).not.toEqual(expect.arrayContaining([5, 6, 7, 9, 12]));
    expect(lines).toContain(18);
    expect(result.occurrences.map((o) => o.line)).toEqual(expect.arrayContaining([4, 14]));
  });

  it('fails the whole bump with on-missed fail, and warns by default', () => {
    const files = [{ path: 'f.yaml', text: 'a:\n  image: app:1.0\nb:\n  image: app:${TAG}\n' }];
    const targets = [{ path: 'f.yaml', keyPaths: [] }];
    const report = bumpFiles(files, targets as never, [bumpOf('app:2.0')]);
    expect(report.missed).toEqual([expect.objectContaining({ file: 'f.yaml', line: 4 })]);
    expect(report.files[0]!.after).toContain('app:2.0');
    expect(() =>
      bumpFiles(files, targets as never, [bumpOf('app:2.0')], { onMissed: 'fail' }),
    ).toThrow(MissedPlacesError);
  });

  it('lists images only, not user: "unit:root" or a bare digest', () => {
    const found = listImages(
      `user: "unit:root"\nsum: "sha256:${'a'.repeat(64)}"\nimage: app:1.0\n`,
    );
    expect(found.map((f) => f.value)).toEqual(['app:1.0']);
  });

  it('lists an interpolated reference as written, not cut at the resolved length', () => {
    const found = listImages('services:\n  api:\n    image: ghcr.io/acme/api:${TAG:-1.0}\n');
    expect(found.map((f) => f.value)).toEqual(['ghcr.io/acme/api:${TAG:-1.0}']);
  });
});

describe('an image found only where it cannot be bumped', () => {
  it('fails, listing the places and why, not "found in none of the files"', () => {
    const files = [{ path: 'c.yaml', text: 'services:\n  web:\n    image: app:${TAG}\n' }];
    expect(() =>
      bumpFiles(files, [{ path: 'c.yaml', keyPaths: [] }] as never, [bumpOf('app:2.0')]),
    ).toThrow(/was found but not bumped:\n {2}c\.yaml:3: the tag is the variable \$\{TAG\}/);
  });
});

describe('a value whose bytes cannot be mapped onto it is reported, not dropped', () => {
  const split = 'containers:\n  - image: "ghcr.io/org/ap\\\n      p:1.0.0"\n';

  it('an image written over two lines with an escaped line break: not bumped, and said so', () => {
    const result = edit(split, ['ghcr.io/org/app:2.0.0']);
    expect(result.text).toBe(split);
    expect(result.skipped).toEqual([
      expect.objectContaining({
        line: 2,
        image: 'ghcr.io/org/app',
        reason: expect.stringContaining('cannot be edited in place'),
      }),
    ]);
  });

  it('already at the version asked for: nothing to say', () => {
    const result = edit(split, ['ghcr.io/org/app:1.0.0']);
    expect(result.text).toBe(split);
    expect(result.skipped).toEqual([]);
  });
});
