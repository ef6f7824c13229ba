// The write-back flow against an in-memory fake of GitHubPort: retry bounds, lost answers,
// backoff windows. (The real adapter is exercised end to end in the action-*.test.ts files.)
import { parseBumps } from '../../src/engine/bumps.js';
import { parseFileSpecs } from '../../src/engine/file-specs.js';
import { bumpRemote, ContentionError, type RemoteRequest } from '../../src/run/remote.js';
import { backoffMs } from '../../src/run/retry.js';
import { StaleHeadError, UncertainWriteError } from '../../src/stores/github/errors.js';
import type {
  BlobFile,
  CommitRef,
  CommitRequest,
  GitHubPort,
  PathListing,
  Snapshot,
  SnapshotQuery,
} from '../../src/stores/github/port.js';

/** One branch of files; commit() is guarded by the head like GitHub's createCommitOnBranch. */
class FakeGitHub implements GitHubPort {
  head = 'c0';
  files = new Map<string, string>();
  commits: CommitRequest[] = [];
  calls: string[] = [];
  /** Scripted failures for the next commits, in order. */
  commitFaults: Array<'stale' | 'lost-before' | 'lost-after' | 'moved' | 'lost-raced'> = [];
  /** Every commit on the branch, newest first: what `lineage` reads. */
  history: Array<{ oid: string; headline: string; body: string; parentOid: string }> = [];
  /** When each commit landed (ms), newest first: what `landed` reads. */
  landedAt: number[] = [];
  /** The token's request count (rateLimit.used); `othersBeforeRead` are added before the next read. */
  used = 500;
  othersBeforeRead = 0;
  private n = 0;

  async snapshot(q: SnapshotQuery): Promise<Snapshot> {
    this.calls.push('snapshot');
    this.used += this.othersBeforeRead + 1;
    this.othersBeforeRead = 0;
    const files = new Map<string, BlobFile | undefined>();
    for (const p of q.paths) {
      const text = this.files.get(p);
      files.set(p, text === undefined ? undefined : { path: p, text, oid: `b-${p}` });
    }
    return {
      repositoryId: 'R_1',
      nameWithOwner: 'acme/gitops',
      url: 'https://github.test/acme/gitops',
      defaultBranch: 'main',
      allows: { autoMerge: true, squash: true, merge: true, rebase: true },
      base: {
        name: 'main',
        refId: 'REF_1',
        headOid: this.head,
        files,
        ...(q.lineage && { lineage: this.history.slice(0, 2) }),
        ...(q.landed && { landed: this.landedAt.slice(0, q.landed) }),
      },
      labelIds: new Map(),
      userIds: new Map(),
      ...(q.usage && { usage: { used: this.used, resetAt: 3_600_000 } }),
    };
  }
  async closePulls(): Promise<never> {
    throw new Error('commit mode never closes pull requests');
  }
  async pullStatus(): Promise<never> {
    throw new Error('commit mode never polls pull requests');
  }
  async listPaths(): Promise<PathListing> {
    return { paths: [...this.files.keys()], complete: true };
  }
  apply(request: CommitRequest): CommitRef {
    for (const f of request.files) this.files.set(f.path, f.text);
    this.commits.push(request);
    const parentOid = this.head;
    this.head = `c${++this.n}`;
    this.landedAt.unshift(Date.now());
    this.history.unshift({
      oid: this.head,
      headline: request.headline,
      body: request.body,
      parentOid,
    });
    return { oid: this.head, url: `https://github.test/acme/gitops/commit/${this.head}` };
  }
  async commit(request: CommitRequest): Promise<CommitRef> {
    this.calls.push('commit');
    this.used++;
    const fault = this.commitFaults.shift();
    if (fault === 'moved') {
      // Another writer lands first: a different line of the same file.
      this.files.set('d.yaml', (this.files.get('d.yaml') ?? '').replace('other:1', 'other:2'));
      this.head = `c${++this.n}`;
      this.landedAt.unshift(Date.now());
    }
    if (request.expectedHeadOid !== this.head || fault === 'stale')
      throw new StaleHeadError('Expected branch to point to "x" but it did not.');
    if (fault === 'lost-before') throw new UncertainWriteError('502 Bad Gateway');
    if (fault === 'lost-raced') {
      // The write did not land, but another writer made the same change meanwhile.
      this.apply({ ...request, headline: 'Deploy app 2.0.0 (another pipeline)' });
      throw new UncertainWriteError('502 Bad Gateway');
    }
    const ref = this.apply(request);
    if (fault === 'lost-after') throw new UncertainWriteError('socket hang up');
    return ref;
  }
  async putContents(): Promise<CommitRef> {
    throw new Error('not used');
  }
  async openPull(): Promise<never> {
    throw new Error('not used');
  }
  async updatePull(): Promise<never> {
    throw new Error('not used');
  }
  async finishPull(): Promise<never> {
    throw new Error('not used');
  }
  async mergePull(): Promise<never> {
    throw new Error('not used');
  }
}

const TEXT =
  'containers:\n  - name: app\n    image: ghcr.io/acme/app:1.0.0\n  - name: other\n    image: ghcr.io/acme/other:1\n';

function request(overrides: Partial<RemoteRequest> = {}): RemoteRequest {
  return {
    repo: { owner: 'acme', name: 'gitops' },
    files: parseFileSpecs(['d.yaml']),
    bumps: parseBumps(['ghcr.io/acme/app:2.0.0'], { image: 'image', tag: 'tag', digest: 'digest' }),
    options: {},
    mode: 'commit',
    commitApi: 'graphql',
    merge: 'auto',
    mergeMethod: 'squash',
    prBranch: 'gitops-bump/app',
    prTitle: 'Bump {{images}}',
    prBody: '',
    prLabels: [],
    prReviewers: [],
    commitMessage: 'Bump {{images}}',
    maxAttempts: 5,
    closeSuperseded: true,
    waitForMergeMs: 0,
    dryRun: false,
    ...overrides,
  };
}

function setup() {
  const github = new FakeGitHub();
  github.files.set('d.yaml', TEXT);
  const log: string[] = [];
  const sleeps: number[] = [];
  const sink = {
    info: (m: string) => log.push(m),
    warning: (m: string) => log.push(`warning: ${m}`),
  };
  const sleep = async (ms: number) => {
    sleeps.push(ms);
  };
  return { github, log, sleeps, sink, sleep };
}

describe('commit flow', () => {
  it('re-reads and re-applies after another writer, keeping their change', async () => {
    const { github, sink, sleep, sleeps } = setup();
    github.commitFaults = ['moved'];
    const outcome = await bumpRemote(github, request(), sink, sleep);
    expect(outcome).toMatchObject({ operation: 'committed', attempts: 2 });
    expect(github.calls).toEqual(['snapshot', 'commit', 'snapshot', 'commit']);
    expect(github.files.get('d.yaml')).toBe(
      TEXT.replace('app:1.0.0', 'app:2.0.0').replace('other:1', 'other:2'),
    );
    expect(sleeps).toHaveLength(1);
  });

  it("waits for a crowd the token's count shows, once, reading again after it", async () => {
    const { github, sink, sleep, sleeps, log } = setup();
    github.commitFaults = ['moved'];
    // Before the retry's read: 90 requests by other jobs with the same token; one commit landed.
    const moved = github.commit.bind(github);
    github.commit = async (r) => {
      const ref = moved(r);
      github.othersBeforeRead = github.calls.length === 2 ? 90 : 0;
      return ref;
    };
    const outcome = await bumpRemote(github, request(), sink, sleep);
    expect(outcome).toMatchObject({ operation: 'committed', attempts: 2 });
    expect(github.calls).toEqual(['snapshot', 'commit', 'snapshot', 'snapshot', 'commit']);
    const wait = log.find((l) => l.includes('requests made with this token'));
    // 90 others, less the landed commit's read and write.
    expect(wait).toMatch(
      /^88 requests made with this token since this run's first read were not commits that landed on main \(1 did, within the last minute\): many jobs are writing it at once\. Waiting \d+ s/,
    );
    expect(sleeps).toHaveLength(2);
    // Until the refused write is a minute old, then within 88 s more.
    expect(sleeps[1]).toBeGreaterThan(59_000);
    expect(sleeps[1]).toBeLessThanOrEqual(60_000 + 88_000);
  });

  it("a few others' requests (a small burst) do not make a retry wait", async () => {
    const { github, sink, sleep, sleeps, log } = setup();
    github.commitFaults = ['moved'];
    const moved = github.commit.bind(github);
    github.commit = async (r) => {
      const ref = moved(r);
      github.othersBeforeRead = 40;
      return ref;
    };
    await bumpRemote(github, request(), sink, sleep);
    expect(github.calls).toEqual(['snapshot', 'commit', 'snapshot', 'commit']);
    expect(log.some((l) => l.includes('Waiting'))).toBe(false);
    expect(sleeps).toHaveLength(1);
  });

  it('gives up after max-attempts with a message that counts the writers, writing nothing', async () => {
    const { github, sink, sleep, sleeps } = setup();
    github.commitFaults = ['stale', 'stale', 'stale'];
    await expect(bumpRemote(github, request({ maxAttempts: 3 }), sink, sleep)).rejects.toThrow(
      new ContentionError(
        'acme/gitops@main was moved by other writers 3 times in a row while this bump was being written; nothing was overwritten. Raise max-attempts (now 3), or bump these images together with images: in one job.',
      ),
    );
    expect(github.commits).toHaveLength(0);
    expect(github.calls.filter((c) => c === 'commit')).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
  });

  it('gives up after a lost answer on the last attempt saying so, not that others moved the branch', async () => {
    const { github, sink, sleep, log } = setup();
    github.commitFaults = ['stale', 'lost-before'];
    const run = bumpRemote(github, request({ maxAttempts: 2 }), sink, sleep);
    await expect(run).rejects.toThrow(
      "acme/gitops@main: GitHub's answer to the write of attempt 2, the last max-attempts allows (now 2), was lost (502 Bad Gateway), so whether it landed is not known; nothing was overwritten. Run again: a new run reads what landed.",
    );
    await expect(run).rejects.not.toBeInstanceOf(ContentionError);
    expect(log.some((l) => l.includes('checking whether it landed'))).toBe(false);
  });

  it('a lost answer to a write that landed: found on re-read, not written twice', async () => {
    const { github, sink, sleep, log } = setup();
    github.commitFaults = ['lost-after'];
    const outcome = await bumpRemote(github, request(), sink, sleep);
    expect(github.commits).toHaveLength(1);
    expect(outcome).toMatchObject({ operation: 'committed', commit: { oid: 'c1' }, attempts: 2 });
    expect(log).toContain("The earlier write reached GitHub: c1 on main is this run's commit.");
  });

  it("a lost answer, and another writer made the same change: not reported as this run's commit", async () => {
    const { github, sink, sleep, log } = setup();
    github.commitFaults = ['lost-raced'];
    const outcome = await bumpRemote(github, request(), sink, sleep);
    expect(github.commits).toHaveLength(1);
    expect(outcome.operation).toBe('none');
    expect(outcome.commit).toBeUndefined();
    expect(github.calls).toEqual(['snapshot', 'commit', 'snapshot']);
    expect(log.join('\n')).toContain(
      "main now holds the change, but its head c1 is not this run's commit (another message or parent)",
    );
  });

  it("a lost answer, and another commit landed on top of this run's: the parent is recognised", async () => {
    const { github, sink, sleep } = setup();
    github.commitFaults = ['lost-after'];
    const realSnapshot = github.snapshot.bind(github);
    let reads = 0;
    github.snapshot = async (q) => {
      if (++reads === 2)
        github.apply({
          ...request(),
          branch: 'main',
          expectedHeadOid: 'c1',
          headline: 'unrelated',
          body: '',
          files: [],
        } as never);
      return realSnapshot(q);
    };
    const outcome = await bumpRemote(github, request(), sink, sleep);
    expect(outcome).toMatchObject({ operation: 'committed', commit: { oid: 'c1' } });
  });

  it('a lost answer to a write that did not land: written once on the retry', async () => {
    const { github, sink, sleep, sleeps } = setup();
    github.commitFaults = ['lost-before'];
    const outcome = await bumpRemote(github, request(), sink, sleep);
    expect(github.commits).toHaveLength(1);
    expect(outcome).toMatchObject({ operation: 'committed', commit: { oid: 'c1' } });
    // A lost answer says nothing about other writers: the least window (1 s), not 48 rounds.
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeLessThanOrEqual(1000);
  });

  it('a rerun reads once and writes nothing', async () => {
    const { github, sink, sleep } = setup();
    github.files.set('d.yaml', TEXT.replace('1.0.0', '2.0.0'));
    const outcome = await bumpRemote(github, request(), sink, sleep);
    expect(outcome.operation).toBe('none');
    expect(github.calls).toEqual(['snapshot']);
  });
});

describe('backoff (one policy for the commit and push paths)', () => {
  it.each([
    // attempt, round ms, random, expected wait
    [1, 50, 1, 2400],
    [1, 0, 1, 1000],
    [1, 800, 1, 38_400],
    [1, 1500, 1, 60_000],
    [1, 2500, 1, 60_000],
    [2, 200, 1, 19_200],
    [3, 200, 0.5, 19_200],
    [4, 2000, 1, 60_000],
    [20, 100, 1, 60_000],
    [1, 400, 0, 0],
  ])(
    'attempt %i after a %i ms round (random %f) waits %i ms',
    (attempt, round, random, expected) => {
      expect(backoffMs(attempt, round, () => random)).toBe(expected);
    },
  );
});
