// Writes a deterministic multi-document Kubernetes manifest for the engine benchmark.
//
// Every document depends only on its index, so 2x and 4x files are the 1x file plus more
// documents and the size grows linearly with the number of documents (10,000 ≈ 10.8 MB).
// Every Deployment has its own image, registry.example.com/team-<i % 9>/service-<i>:1.<i % 50>.<i % 7>;
// the target image, registry.example.com/team-3/service-4242, is in exactly one document.
// From 2x on, registry.example.com/team-3/service-42420 (same prefix, other image) is there too.
//
// Usage as a script: node bench/generate-manifest.mjs [DOCS=10000] [OUT=manifest.yaml]
import { createWriteStream } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { mulberry32 } from './stats.mjs';

export const TARGET_INDEX = 4242;
export const TARGET_IMAGE = imageName(TARGET_INDEX);
export const TARGET_OLD_TAG = tagFor(TARGET_INDEX);
export const TARGET_NEW_TAG = '9.9.9';
/** Documents in the 1x file, and its expected size. */
export const BASE_DOCS = 10_000;
export const BASE_BYTES = 10.8e6;

/** Every SERVICE_EVERY-th document (index % SERVICE_EVERY === SERVICE_EVERY - 1) is a Service. */
const SERVICE_EVERY = 4;

export function imageName(i) {
  return `registry.example.com/team-${i % 9}/service-${i}`;
}

export function tagFor(i) {
  return `1.${i % 50}.${i % 7}`;
}

/** Small deterministic PRNG (mulberry32), seeded per document. */
function rng(seed) {
  return mulberry32(seed * 2654435761);
}

const LOG_LEVELS = ['debug', 'info', 'warn', 'error'];
const CPU = ['50m', '100m', '250m', '500m', '1'];
const MEM = ['64Mi', '128Mi', '256Mi', '512Mi', '1Gi'];
const EXTRA_ENV = [
  ['OTEL_EXPORTER_OTLP_ENDPOINT', 'http://otel-collector.observability:4317'],
  ['HTTP_TIMEOUT', '"30s"'],
  ['CACHE_TTL_SECONDS', '"300"'],
  ['REGION', 'eu-west-1'],
  ['ENABLE_PPROF', '"false"'],
  ['GOMAXPROCS', '"2"'],
];

function deployment(i) {
  const r = rng(i + 1);
  const pick = (list) => list[Math.floor(r() * list.length)];
  const team = `team-${i % 9}`;
  const name = `service-${i}`;
  const tag = tagFor(i);
  const image = `${imageName(i)}:${tag}`;
  // A few images are quoted, a third carry a trailing comment (the target, 4242, does).
  const imageValue = i % 11 === 0 ? `"${image}"` : image;
  const imageComment = i % 3 === 0 ? ' # bumped by CI' : '';
  const replicas = 1 + (i % 4);
  const env = [
    ['LOG_LEVEL', pick(LOG_LEVELS)],
    ['SERVICE_NAME', name],
    ['DB_HOST', `db-${i}.${team}.svc.cluster.local`],
  ];
  const extra = Math.floor(r() * 2);
  for (let k = 0; k < extra; k++) env.push(EXTRA_ENV[(i + k * 5) % EXTRA_ENV.length]);
  const envLines = env
    .map(([k, v]) => `            - name: ${k}\n              value: ${v}\n`)
    .join('');
  const sidecar =
    i % 8 === 1
      ? `        - name: envoy
          image: registry.example.com/platform/envoy:1.29.1
          args: ["--config-path", "/etc/envoy/envoy.yaml"]
          resources:
            requests:
              cpu: 50m
              memory: 64Mi
`
      : '';
  return `---
# ${name} (${team})
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${team}
  labels:
    app.kubernetes.io/name: ${name}
    app.kubernetes.io/part-of: ${team}
    app.kubernetes.io/version: "${tag}"
  annotations:
    example.com/owner: '${team}@example.com'
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app.kubernetes.io/name: ${name}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: ${name}
    spec:
      containers:
        - name: app
          image: ${imageValue}${imageComment}
          ports:
            - name: http
              containerPort: 8080
          env:
${envLines}          resources:
            requests:
              cpu: ${pick(CPU)}
              memory: ${pick(MEM)}
            limits:
              memory: ${pick(MEM)}
          readinessProbe:
            httpGet:
              path: /healthz
              port: http
          livenessProbe:
            httpGet:
              path: /livez
              port: http
            initialDelaySeconds: ${10 + (i % 20)}
${sidecar}`;
}

function service(i) {
  const team = `team-${i % 9}`;
  const name = `service-${i - 1}`;
  return `---
# Service for ${name}
apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${team}
  labels:
    app.kubernetes.io/name: ${name}
spec:
  type: ClusterIP
  selector:
    app.kubernetes.io/name: ${name}
  ports:
    - name: http
      port: 80
      targetPort: http # the container's named port
      protocol: TCP
`;
}

/** The text of document `i` (0-based), including its leading `---` line. */
export function documentText(i) {
  return i % SERVICE_EVERY === SERVICE_EVERY - 1 ? service(i) : deployment(i);
}

/**
 * Writes `docs` documents to `file`; resolves to the number of bytes written.
 * Documents are written in chunks, so memory use stays small even for large files.
 */
export async function generateManifest(file, docs = BASE_DOCS) {
  if (docs <= TARGET_INDEX) {
    throw new Error(`need more than ${TARGET_INDEX} documents to include the target image`);
  }
  const out = createWriteStream(file);
  let bytes = 0;
  let chunk =
    '# Generated by bench/generate-manifest.mjs: benchmark fixture, not a real cluster.\n';
  for (let i = 0; i < docs; i++) {
    chunk += documentText(i);
    if (chunk.length > 1 << 20 || i === docs - 1) {
      bytes += Buffer.byteLength(chunk);
      if (!out.write(chunk)) await new Promise((done) => out.once('drain', done));
      chunk = '';
    }
  }
  await new Promise((done, fail) => {
    out.once('error', fail);
    out.end(done);
  });
  return bytes;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const docs = Number(process.argv[2] ?? BASE_DOCS);
  const file = process.argv[3] ?? 'manifest.yaml';
  const bytes = await generateManifest(file, docs);
  console.log(`${file}: ${docs} documents, ${(bytes / 1e6).toFixed(2)} MB`);
}
