// User input never enters a GraphQL document or a URL unencoded: file paths with quotes,
// spaces, '#', unicode and GraphQL syntax go through both write paths intact.
import type { TestServer } from '../../test-server/index.js';
import { bump, calls, gitopsServer } from './fixtures.js';

const IMAGE_LINE = (tag: string) => `image: ghcr.io/acme/platform-demo:${tag}\n`;
const PATHS = [
  'apps/my app/"quoted" values.yaml',
  "apps/it's/ünïcødé-日本.yaml",
  'apps/hash #1/values.yaml',
  'apps/gql/) { __typename } query x {.yaml',
  'apps/percent%20and+plus/values.yaml',
];

let server: TestServer;
beforeEach(async () => {
  server = await gitopsServer({
    files: Object.fromEntries(PATHS.map((p) => [p, IMAGE_LINE('1111111')])),
  });
});
afterEach(async () => {
  await server.close();
});

it('GraphQL: every odd path is read and committed as written, in 2 requests', async () => {
  // A literal path with '#' is named by escaping nothing: the key path separator is the last
  // '#', and 'values.yaml' is no key path that resolves, so the file name wins.
  const run = await bump(server, {
    image: 'ghcr.io/acme/platform-demo:2222222',
    files: PATHS.join('\n'),
  });
  expect(run.status).toBe(0);
  expect(calls(server)).toHaveLength(2);
  for (const path of PATHS)
    expect(await server.readFile('acme/gitops', 'main', path)).toBe(IMAGE_LINE('2222222'));
  expect(JSON.parse(run.outputs.files!).sort()).toEqual([...PATHS].sort());
});

it.each(PATHS)('Contents API: %s is URL-encoded and written', async (path) => {
  const run = await bump(server, {
    image: 'ghcr.io/acme/platform-demo:3333333',
    files: path,
    'commit-api': 'contents',
  });
  expect(run.status).toBe(0);
  expect(await server.readFile('acme/gitops', 'main', path)).toBe(IMAGE_LINE('3333333'));
  const put = server.requests.find((r) => r.method === 'PUT')!;
  expect(put.status).toBe(200);
  expect(put.url).not.toMatch(/[ "#]/);
});
