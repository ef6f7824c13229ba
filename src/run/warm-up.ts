// The engine, run once on a stand-in while a GitHub run waits for its first answer. The first
// time a process parses YAML and edits a reference, V8 compiles and runs cold code (the YAML
// parser, the locators, the verification: about 15 ms); in a run that sent its first read at
// start (src/stores/github/early-read.ts), that wait lands between GitHub's answer and the
// write, unless it is spent while the answer is still on its way. Pure: the stand-in is made
// here, the result is dropped, nothing is printed, and any error is the stand-in's own.
import { type BumpOptions, type BumpReport, bumpFiles } from '../engine/bump-files.js';
import { expandFileSpecs } from '../engine/file-globs.js';
import type { Settings } from './settings.js';

type Run = Pick<Settings, 'files' | 'bumps'>;

/**
 * A Kubernetes Deployment naming every image of the run at a tag no one uses, with what real
 * manifests carry around it (comments, a quoted value, another image, a second document), so
 * that the paths the run's own file takes are the ones warmed.
 */
function standIn(settings: Run): string {
  const containers = settings.bumps.map(
    (b, i) =>
      `        - name: c${i} # the app\n          image: ${b.image.name}:0.0.0-warm-up # set by CI\n`,
  );
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: warm-up # stand-in',
    '  labels:',
    '    app: "warm-up"',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    `${containers.join('')}        - name: sidecar`,
    '          image: "registry.invalid/warm-up/sidecar:1.0.0"',
    '---',
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  name: warm-up',
    'data:',
    '  key: value',
    '',
  ].join('\n');
}

/**
 * Bumps the stand-in as the run will bump its first named file (same name, same key paths).
 * Returns the stand-in's report (for tests), or undefined when the engine refused it.
 */
export function warmEngine(settings: Run, options: BumpOptions): BumpReport | undefined {
  const named = settings.files.find((f) => !f.exclude && !f.isGlob);
  const path = named?.pattern ?? 'warm-up.yaml';
  try {
    const targets = named ? expandFileSpecs([named], [path]) : [{ path, keyPaths: [] }];
    return bumpFiles([{ path, text: standIn(settings) }], targets, settings.bumps, options);
  } catch {
    // A stand-in the run's options refuse (a key path it lacks, a policy) still warmed the parser.
    return undefined;
  }
}
