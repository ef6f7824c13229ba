// One block per file format the engine locates images in, on fixtures written for the case.
import { editText } from '../../src/engine/edit-file.js';
import { parseReference } from '../../src/engine/image-ref.js';
import { parseKeyPath } from '../../src/engine/locators/key-path-syntax.js';
import type { Bump, EditOptions } from '../../src/engine/types.js';

const DIGEST = `sha256:${'b'.repeat(64)}`;
const OLD_DIGEST = `sha256:${'a'.repeat(64)}`;

function bumpOf(reference: string): Bump {
  const image = parseReference(reference);
  const bump: Bump = { image };
  if (image.tag !== undefined) bump.tag = image.tag;
  if (image.digest !== undefined) bump.digest = image.digest;
  return bump;
}

function edit(text: string, references: string[], options: EditOptions = {}) {
  return editText({ file: 'test.yaml', text, bumps: references.map(bumpOf), options });
}

/** The lines that differ, as [before, after] pairs. */
function diffLines(before: string, after: string): Array<[string, string]> {
  const a = before.split('\n');
  const b = after.split('\n');
  expect(b).toHaveLength(a.length);
  return a.flatMap((line, i) => (line === b[i] ? [] : [[line, b[i]!] as [string, string]]));
}

describe('Kubernetes pod templates', () => {
  const kinds: Array<[string, string]> = [
    [
      'Deployment',
      'spec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: ghcr.io/org/app:1.0.0\n',
    ],
    [
      'StatefulSet',
      'spec:\n  template:\n    spec:\n      containers:\n      - name: web\n        image: ghcr.io/org/app:1.0.0\n',
    ],
    [
      'DaemonSet',
      'spec:\n  template:\n    spec:\n      initContainers:\n      - image: ghcr.io/org/app:1.0.0\n        name: init\n',
    ],
    [
      'ReplicaSet',
      'spec:\n  template:\n    spec:\n      containers: [{name: web, image: ghcr.io/org/app:1.0.0}]\n',
    ],
    [
      'Job',
      'spec:\n  template:\n    spec:\n      containers:\n      - name: web\n        image: "ghcr.io/org/app:1.0.0"\n',
    ],
    [
      'CronJob',
      "spec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n          - name: web\n            image: 'ghcr.io/org/app:1.0.0'\n",
    ],
    ['Pod', 'spec:\n  ephemeralContainers:\n  - name: debug\n    image: ghcr.io/org/app:1.0.0\n'],
    [
      'Rollout',
      'apiVersion: argoproj.io/v1alpha1\nspec:\n  template:\n    spec:\n      containers:\n      - name: web\n        image: ghcr.io/org/app:1.0.0 # pinned\n',
    ],
  ];
  it.each(kinds)('bumps the image of a %s', (kind, body) => {
    const text = `kind: ${kind}\n${body}`;
    const result = edit(text, ['ghcr.io/org/app:1.1.0']);
    const changed = diffLines(text, result.text);
    expect(changed).toHaveLength(1);
    expect(changed[0]![1]).toBe(changed[0]![0].replace('1.0.0', '1.1.0'));
    expect(result.occurrences).toEqual([
      expect.objectContaining({ kind: 'container', from: '1.0.0', to: '1.1.0', changed: true }),
    ]);
  });

  const pod = [
    'kind: Pod',
    'spec:',
    '  containers:',
    '  - name: web',
    '    image: ghcr.io/org/app:1.0.0',
    '  - name: sidecar',
    '    image: ghcr.io/org/app:1.0.0',
    '',
  ].join('\n');

  it('bumps every container of the image without a container filter', () => {
    const result = edit(pod, ['ghcr.io/org/app:2.0.0']);
    expect(result.occurrences.map((o) => o.line)).toEqual([5, 7]);
  });

  it('bumps only the named container with a container filter, and says why the other was left', () => {
    const result = edit(pod, ['ghcr.io/org/app:2.0.0'], { container: 'sidecar' });
    expect(result.occurrences.map((o) => o.line)).toEqual([7]);
    expect(result.text.split('\n')[4]).toBe('    image: ghcr.io/org/app:1.0.0');
    expect(result.skipped).toEqual([
      expect.objectContaining({ line: 5, reason: "container 'web' is not 'sidecar'" }),
    ]);
  });

  it('adds a tag to an untagged image', () => {
    const text = 'spec:\n  containers:\n  - name: lg\n    image: loadgenerator\n';
    expect(edit(text, ['loadgenerator:v3']).text).toBe(
      'spec:\n  containers:\n  - name: lg\n    image: loadgenerator:v3\n',
    );
  });

  it('matches Docker Hub names in any spelling and keeps the spelling', () => {
    const text =
      'a:\n  image: nginx:1.25\nb:\n  image: docker.io/library/nginx:1.25\nc:\n  image: mynginx:1.25\nd:\n  image: bitnami/nginx:1.25\n';
    const result = edit(text, ['index.docker.io/library/nginx:1.27']);
    expect(result.text).toBe(
      'a:\n  image: nginx:1.27\nb:\n  image: docker.io/library/nginx:1.27\nc:\n  image: mynginx:1.25\nd:\n  image: bitnami/nginx:1.25\n',
    );
  });
});

describe('kustomization images', () => {
  it('matches on name or newName and sets newTag', () => {
    const text =
      'images:\n- name: app\n  newName: ghcr.io/org/app\n  newTag: 1.0.0\n- name: ghcr.io/org/other\n  newTag: "1.0"\n';
    const result = edit(text, ['ghcr.io/org/app:1.1.0', 'ghcr.io/org/other:1.10']);
    expect(result.text).toBe(
      'images:\n- name: app\n  newName: ghcr.io/org/app\n  newTag: 1.1.0\n- name: ghcr.io/org/other\n  newTag: "1.10"\n',
    );
  });

  it('adds newTag when the entry has none, after newName, in the entry indentation', () => {
    const text =
      'images:\n  - name: redis\n    newName: public.ecr.aws/docker/library/redis # mirror\nresources: []\n';
    const result = edit(text, ['public.ecr.aws/docker/library/redis:8.2']);
    expect(result.text).toBe(
      'images:\n  - name: redis\n    newName: public.ecr.aws/docker/library/redis # mirror\n    newTag: "8.2"\nresources: []\n',
    );
    expect(result.occurrences[0]!.notes).toContain('added newTag');
  });

  it('adds newTag to an entry at the end of a file without a final newline', () => {
    const text = 'images:\n- name: app\n  newName: ghcr.io/org/app';
    expect(edit(text, ['ghcr.io/org/app:v2']).text).toBe(
      'images:\n- name: app\n  newName: ghcr.io/org/app\n  newTag: v2',
    );
  });

  it('adds newTag to a flow-style entry', () => {
    const text = 'images: [{name: ghcr.io/org/app}]\n';
    expect(edit(text, ['ghcr.io/org/app:v2']).text).toBe(
      'images: [{name: ghcr.io/org/app, newTag: v2}]\n',
    );
  });

  it('replaces the digest when one is given, and drops a stale digest when only a tag is', () => {
    const text = `images:\n- name: ghcr.io/org/app\n  newTag: v1\n  digest: ${OLD_DIGEST}\n- name: other\n  newTag: v1\n`;
    const withDigest = edit(text, [`ghcr.io/org/app:v2@${DIGEST}`]);
    expect(withDigest.text).toBe(
      text.replace('newTag: v1\n  digest', 'newTag: v2\n  digest').replace(OLD_DIGEST, DIGEST),
    );
    const tagOnly = edit(text, ['ghcr.io/org/app:v2']);
    expect(tagOnly.text).toBe(
      'images:\n- name: ghcr.io/org/app\n  newTag: v2\n- name: other\n  newTag: v1\n',
    );
    expect(tagOnly.occurrences[0]!.notes[0]).toMatch(/^dropped digest sha256:a+/);
  });

  it('sets a digest-only bump without adding newTag', () => {
    const text = `images:\n- name: ghcr.io/org/app\n  digest: ${OLD_DIGEST}\n`;
    expect(edit(text, [`ghcr.io/org/app@${DIGEST}`]).text).toBe(text.replace(OLD_DIGEST, DIGEST));
  });
});

describe('Helm values and override files', () => {
  it('bumps {registry, repository, tag} at any depth and fills an empty tag', () => {
    const text = [
      'image:',
      '  registry: docker.io',
      '  repository: bitnami/redis',
      '  tag: 8.2.1-debian-12-r0',
      '  digest: ""',
      'deep:',
      '  er:',
      '    exporter:',
      '      registry: quay.io',
      '      repository: prometheus/node-exporter',
      '      tag: "" # defaults to appVersion',
      '',
    ].join('\n');
    const result = edit(text, ['bitnami/redis:8.4.0', 'quay.io/prometheus/node-exporter:v1.9.0']);
    expect(diffLines(text, result.text)).toEqual([
      ['  tag: 8.2.1-debian-12-r0', '  tag: 8.4.0'],
      ['      tag: "" # defaults to appVersion', '      tag: "v1.9.0" # defaults to appVersion'],
    ]);
  });

  it('reads {repository, tag} without an image level and {name, tag}', () => {
    const text =
      'redis:\n  repository: docker.io/redis\n  tag: 7.0.0\nimage:\n  name: quay.io/org/app\n  tag: "1.0.0"\n';
    const result = edit(text, ['redis:8.0.0', 'quay.io/org/app:1.0.1']);
    expect(result.text).toBe(
      'redis:\n  repository: docker.io/redis\n  tag: 8.0.0\nimage:\n  name: quay.io/org/app\n  tag: "1.0.1"\n',
    );
  });

  it('quotes a tag that would read back as a number, even where the old one was plain', () => {
    const text = 'image:\n  repository: gcr.io/heptio-images/ks-guestbook-demo\n  tag: 0.1\n';
    const result = edit(text, ['gcr.io/heptio-images/ks-guestbook-demo:1.10']);
    expect(result.text).toBe(
      'image:\n  repository: gcr.io/heptio-images/ks-guestbook-demo\n  tag: "1.10"\n',
    );
    expect(result.occurrences[0]!.notes).toEqual(['quoted "1.10" so that it stays a string']);
  });

  it('writes sha keys as hex digits and empties a stale one', () => {
    const text = `image:\n  registry: quay.io\n  repository: prometheus/prometheus\n  tag: v3.0.0\n  sha: "${'a'.repeat(64)}"\n`;
    const pinned = edit(text, [`quay.io/prometheus/prometheus:v3.1.0@${DIGEST}`]);
    expect(pinned.text).toBe(
      text.replace('v3.0.0', 'v3.1.0').replace('a'.repeat(64), 'b'.repeat(64)),
    );
    const tagOnly = edit(text, ['quay.io/prometheus/prometheus:v3.1.0']);
    expect(tagOnly.text).toBe(
      text.replace('v3.0.0', 'v3.1.0').replace(`"${'a'.repeat(64)}"`, '""'),
    );
  });

  it("adds a tag key beside a repository that has none, at the map's indentation", () => {
    const text = 'image:\n  repository: ghcr.io/org/app\n  pullPolicy: Always\n';
    const result = edit(text, ['ghcr.io/org/app:2.0.1']);
    expect(result.text).toBe(
      'image:\n  repository: ghcr.io/org/app\n  tag: 2.0.1\n  pullPolicy: Always\n',
    );
    expect(result.occurrences[0]).toMatchObject({ from: '', to: '2.0.1', notes: ['added tag'] });
  });

  it('does not take a git URL repository for an image', () => {
    const text =
      'cloneStaticSiteFromGit:\n  repository: ""\n  branch: main\nimage:\n  repository: bitnami/git\n  tag: 2.0.0\n';
    expect(edit(text, ['bitnami/git:2.1.0']).occurrences).toHaveLength(1);
  });

  it('edits Flux HelmRelease spec.values', () => {
    const text =
      'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nspec:\n  values:\n    redis:\n      repository: public.ecr.aws/docker/library/redis\n      tag: 7.2.4\n';
    expect(edit(text, ['public.ecr.aws/docker/library/redis:7.4.0']).text).toBe(
      text.replace('7.2.4', '7.4.0'),
    );
  });
});

describe('docker compose', () => {
  it('bumps services.*.image and leaves a commented-out image alone', () => {
    const text =
      'services:\n  db:\n    image: mariadb:10.6.4-focal\n    #image: mysql:8.0.27\n    restart: always\n';
    expect(edit(text, ['mariadb:11.4']).text).toBe(
      'services:\n  db:\n    image: mariadb:11.4\n    #image: mysql:8.0.27\n    restart: always\n',
    );
  });

  it('edits the anchor and leaves its aliases', () => {
    const text =
      'x-app: &app\n  image: ghcr.io/org/app:1.0\n  restart: always\nservices:\n  a:\n    <<: *app\n  b: *app\n';
    const result = edit(text, ['ghcr.io/org/app:1.1']);
    expect(result.text).toBe(text.replace('app:1.0', 'app:1.1'));
    expect(result.occurrences).toHaveLength(1);
  });

  it('edits an anchored scalar once', () => {
    const text = 'services:\n  a:\n    image: &img ghcr.io/org/app:1.0\n  b:\n    image: *img\n';
    expect(edit(text, ['ghcr.io/org/app:1.1']).text).toBe(text.replace('app:1.0', 'app:1.1'));
  });

  it('edits the default of an env-var interpolation', () => {
    const interpolation = (tag: string) =>
      `services:\n  kong:\n    image: "\${KONG_DOCKER_TAG:-kong:${tag}}"\n`;
    expect(edit(interpolation('latest'), ['kong:3.9']).text).toBe(interpolation('3.9'));
  });

  it('filters compose services by name with the container filter', () => {
    const text = 'services:\n  web:\n    image: app:1\n  worker:\n    image: app:1\n';
    expect(edit(text, ['app:2'], { container: 'worker' }).text).toBe(
      'services:\n  web:\n    image: app:1\n  worker:\n    image: app:2\n',
    );
  });
});

describe('Argo CD', () => {
  const application = [
    'apiVersion: argoproj.io/v1alpha1',
    'kind: Application',
    'spec:',
    '  source:',
    '    helm:',
    '      parameters:',
    '      - name: image.repository',
    '        value: ghcr.io/org/api',
    '      - name: image.tag',
    '        value: "1.0.0"',
    '      valuesObject:',
    '        worker:',
    '          image:',
    '            repository: ghcr.io/org/worker',
    '            tag: 1.0.0',
    '    kustomize:',
    '      images:',
    '      - ghcr.io/org/web:1.0.0',
    '      - my-app=ghcr.io/org/my-app:0.1',
    '',
  ].join('\n');

  it('bumps helm.parameters, valuesObject and kustomize.images strings', () => {
    const result = edit(application, [
      'ghcr.io/org/api:1.1.0',
      'ghcr.io/org/worker:1.1.0',
      'ghcr.io/org/web:1.1.0',
      'ghcr.io/org/my-app:0.2',
    ]);
    expect(diffLines(application, result.text)).toEqual([
      ['        value: "1.0.0"', '        value: "1.1.0"'],
      ['            tag: 1.0.0', '            tag: 1.1.0'],
      ['      - ghcr.io/org/web:1.0.0', '      - ghcr.io/org/web:1.1.0'],
      ['      - my-app=ghcr.io/org/my-app:0.1', '      - my-app=ghcr.io/org/my-app:0.2'],
    ]);
    expect(result.occurrences.map((o) => o.kind)).toEqual([
      'argocd-parameter',
      'helm-values',
      'reference',
      'reference',
    ]);
  });

  it('edits .argocd-source.yaml override files', () => {
    const text = 'kustomize:\n  images:\n  - quay.io/org/app:0.2';
    expect(edit(text, ['quay.io/org/app:0.3']).text).toBe(
      'kustomize:\n  images:\n  - quay.io/org/app:0.3',
    );
  });
});

describe('any other scalar that is a reference to the image', () => {
  it('bumps ConfigMap values and container arguments', () => {
    const text = [
      'kind: ConfigMap',
      'data:',
      '  KUBECTL_IMAGE: "rancher/kubectl:v1.30.3"',
      '  KUBECTL_IMAGE_WINDOWS: ""',
      '---',
      'kind: Deployment',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '      - args:',
      '        - --executor-image',
      '        - argoproj/argoexec:v2.12.5',
      '        name: controller',
      '        image: argoproj/workflow-controller:v2.12.5',
      '',
    ].join('\n');
    const result = edit(text, ['rancher/kubectl:v1.31.0', 'argoproj/argoexec:v3.0.0']);
    expect(diffLines(text, result.text)).toEqual([
      ['  KUBECTL_IMAGE: "rancher/kubectl:v1.30.3"', '  KUBECTL_IMAGE: "rancher/kubectl:v1.31.0"'],
      ['        - argoproj/argoexec:v2.12.5', '        - argoproj/argoexec:v3.0.0'],
    ]);
  });

  it('does not take host:port values or container names for images', () => {
    const text = 'env:\n  REDIS_ADDR: redis:6379\ncontainers:\n- name: redis\n  image: redis:7.0\n';
    const result = edit(text, ['redis:7.2']);
    expect(result.text).toBe(
      'env:\n  REDIS_ADDR: redis:6379\ncontainers:\n- name: redis\n  image: redis:7.2\n',
    );
  });

  it('bumps images inside YAML held in a ConfigMap literal block scalar', () => {
    const text =
      'kind: ConfigMap\ndata:\n  config.yaml: |\n    utility_images:\n      sidecar: gcr.io/prow/sidecar:v1 # pinned\n    other: value\n';
    expect(edit(text, ['gcr.io/prow/sidecar:v2']).text).toBe(
      text.replace('sidecar:v1', 'sidecar:v2'),
    );
  });
});

describe('explicit key paths (the image-versions pattern)', () => {
  const versions =
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: image-versions\ndata:\n  backend: sha-abc1234 # main-backend\n  frontend: sha-abc1234\n';

  it('writes the tag into the named key only', () => {
    const result = edit(versions, ['harbor.mng.vecton.hu/vecton-main/main-backend:sha-def5678'], {
      keyPaths: [parseKeyPath('data.backend')],
    });
    expect(result.text).toBe(versions.replace('backend: sha-abc1234', 'backend: sha-def5678'));
    expect(result.occurrences).toEqual([
      expect.objectContaining({
        kind: 'key-path',
        from: 'sha-abc1234',
        to: 'sha-def5678',
        line: 6,
      }),
    ]);
  });

  it('fills a template with the image, name or digest', () => {
    const result = edit(versions, [`ghcr.io/org/app:v2@${DIGEST}`], {
      keyPaths: [parseKeyPath('data.frontend', '{{name}}@{{digest}}')],
    });
    expect(result.text).toContain(`  frontend: ghcr.io/org/app@${DIGEST}\n`);
  });

  it('selects list items by a key=value and quotes numeric-looking values', () => {
    const text =
      "helm:\n  parameters:\n  - name: image.tag\n    value: '0.2'\n    forceString: true\n";
    const result = edit(text, ['quay.io/org/app:0.3'], {
      keyPaths: [parseKeyPath('helm.parameters[name=image.tag].value')],
    });
    expect(result.text).toBe(text.replace("'0.2'", "'0.3'"));
  });

  it('says which key is missing and what keys are there', () => {
    expect(() => edit(versions, ['app:1'], { keyPaths: [parseKeyPath('data.backnd')] })).toThrow(
      "test.yaml: key path not found: data.backnd: key 'backnd' not found under 'data' (keys there: backend, frontend). Check the path after '#'.",
    );
  });

  it('refuses a malformed key path with the position', () => {
    expect(() => parseKeyPath('data..backend')).toThrow(
      "Invalid key path 'data..backend': a key is empty at character 6.",
    );
    expect(() => parseKeyPath('data[name=x')).toThrow(
      "Invalid key path 'data[name=x': a '[' is not closed",
    );
  });
});

describe('streams and JSON', () => {
  it('handles --- and ... markers and directives, editing only the documents that hold the image', () => {
    const text = '%YAML 1.2\n---\nimage: a:1\n...\n---\nimage: b:1\n--- # third\nimage: a:1\n';
    expect(edit(text, ['a:2']).text).toBe(
      '%YAML 1.2\n---\nimage: a:2\n...\n---\nimage: b:1\n--- # third\nimage: a:2\n',
    );
  });

  it('edits JSON files, adding keys in JSON style', () => {
    const text =
      '{\n  "images": [\n    {"name": "ghcr.io/org/app"}\n  ],\n  "spec": {"containers": [{"name": "x", "image": "ghcr.io/org/app:1"}]}\n}\n';
    const result = edit(text, ['ghcr.io/org/app:2']);
    expect(result.text).toBe(
      text
        .replace('{"name": "ghcr.io/org/app"}', '{"name": "ghcr.io/org/app", "newTag": "2"}')
        .replace('app:1"', 'app:2"'),
    );
    expect(JSON.parse(result.text).images[0].newTag).toBe('2');
  });
});
