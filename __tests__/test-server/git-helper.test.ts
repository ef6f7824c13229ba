// The test server runs git from one small helper process (test-server/git-spawner.ts): shared by
// every server of the process, and ended a moment after the last of them closes, so that a jest
// worker running many test files does not keep one helper per file alive.
import { helperPid } from '../../test-server/git-spawner.js';
import { startTestServer } from '../../test-server/index.js';

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** A little more than the helper's linger after the last server closes. */
const PAST_LINGER_MS = 1500;

it('one helper for all servers of the process; it ends after the last one closes', async () => {
  const first = await startTestServer();
  const second = await startTestServer();
  await first.createRepo('acme/one', { files: { 'a.yaml': 'a: 1\n' } });
  await second.createRepo('acme/two', { files: { 'b.yaml': 'b: 1\n' } });
  const pid = helperPid();
  expect(pid).toBeGreaterThan(0);
  expect(await second.readFile('acme/two', 'main', 'b.yaml')).toBe('b: 1\n');
  expect(helperPid()).toBe(pid);

  await first.close();
  await pause(PAST_LINGER_MS);
  expect(alive(pid!)).toBe(true); // the second server still uses it
  expect(await second.readFile('acme/two', 'main', 'b.yaml')).toBe('b: 1\n');

  await second.close();
  await pause(PAST_LINGER_MS);
  expect(helperPid()).toBeUndefined();
  // Its exit is reaped soon after (a busy machine may take a moment).
  for (let waited = 0; alive(pid!) && waited < 10_000; waited += 100) await pause(100);
  expect(alive(pid!)).toBe(false);

  // A server started later gets a new helper.
  const third = await startTestServer();
  try {
    await third.createRepo('acme/three', { files: { 'c.yaml': 'c: 1\n' } });
    expect(await third.readFile('acme/three', 'main', 'c.yaml')).toBe('c: 1\n');
    expect(helperPid()).not.toBe(pid);
  } finally {
    await third.close();
  }
});
