// The engine's warm-up (src/run/warm-up.ts): while a GitHub run waits for the answer to the read
// it sent at start, the engine bumps a stand-in once, so that its cold first run is not spent
// between the answer and the write. It must run the real path (parse, edit, verify) for the
// run's own file name and key paths, and never throw or touch the settings.
import { parseBumps } from '../../src/engine/bumps.js';
import { parseFileSpecs } from '../../src/engine/file-specs.js';
import { warmEngine } from '../../src/run/warm-up.js';

function settings(files: string[], images: string[]) {
  const names = { image: 'image', tag: 'tag', digest: 'digest' };
  return { files: parseFileSpecs(files), bumps: parseBumps(images, names) };
}

describe('warmEngine', () => {
  it("bumps the stand-in as the run's named file: one occurrence changed and verified", () => {
    const report = warmEngine(
      settings(['apps/api/deployment.yaml'], ['ghcr.io/acme/api:2.0.0']),
      {},
    );
    expect(report?.files.map((f) => f.path)).toEqual(['apps/api/deployment.yaml']);
    expect(report?.occurrences).toHaveLength(1);
    expect(report?.occurrences[0]).toMatchObject({ changed: true, to: '2.0.0' });
    expect(report?.files[0]?.after).toContain('image: ghcr.io/acme/api:2.0.0 # set by CI\n');
    // The image beside it and the second document are left as they were.
    expect(report?.files[0]?.after).toContain(
      'image: "registry.invalid/warm-up/sidecar:1.0.0"\n---\n',
    );
  });

  it('every image of the run, each in a container of its own', () => {
    const report = warmEngine(
      settings(['deploy.yaml'], ['ghcr.io/acme/api:2.0.0', 'docker.io/library/nginx:1.27']),
      {},
    );
    expect(report?.occurrences.map((o) => o.to)).toEqual(['2.0.0', '1.27']);
  });

  it('a glob only: a stand-in name of its own', () => {
    const report = warmEngine(settings(['apps/**/values.yaml'], ['ghcr.io/acme/api:2.0.0']), {});
    expect(report?.files.map((f) => f.path)).toEqual(['warm-up.yaml']);
  });

  it('a key path the stand-in lacks, or a policy that refuses: no throw, no report', () => {
    expect(
      warmEngine(settings(['values.yaml#image.tag'], ['ghcr.io/acme/api:2.0.0']), {}),
    ).toBeUndefined();
    expect(() =>
      warmEngine(settings(['values.json'], ['ghcr.io/acme/api@sha256:' + 'a'.repeat(64)]), {
        pinDigest: true,
      }),
    ).not.toThrow();
  });

  it('leaves the settings as they were', () => {
    const given = settings(['deploy.yaml'], ['ghcr.io/acme/api:2.0.0']);
    const copy = structuredClone(given);
    warmEngine(given, {});
    expect(given).toEqual(copy);
  });
});
