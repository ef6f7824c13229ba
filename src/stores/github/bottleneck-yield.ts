// Bottleneck (light) is the queue under @octokit/plugin-retry and @octokit/plugin-throttling. Its
// in-process store acts out a remote one: every step of every job first yields to the event loop
// with setTimeout(0), which node rounds up to 1 ms and runs only in the timers phase. A request
// through both plugins takes a dozen such steps, about 17 ms measured per GitHub request, on a
// run that makes two. This makes the store yield with setImmediate instead: still a turn of the
// event loop (the order of Bottleneck's steps is unchanged), without the timer's rounding. The
// same goes for the start of each job (`_run`), which Bottleneck puts on a timer even when it
// means no wait (two per request, 2-3 ms between GitHub's answer and the next request). Waits
// Bottleneck means to make (a positive delay), and jobs with an expiration, keep their timers.
// (limiter.stop() cannot cancel a job in the moment before it starts then; neither octokit
// plugin calls stop.)
import Bottleneck from 'bottleneck/light.js';

type Store = { yieldLoop(ms?: number): Promise<void>; Promise: PromiseConstructor };

/** The parts of a Bottleneck job and limiter that `_run` uses (bottleneck 2.19, light.js). */
interface Job {
  options: { expiration?: number | null };
  doRun(): void;
  doExecute(
    limiter: unknown,
    clear: () => void,
    run: (wait: number) => unknown,
    free: () => void,
  ): void;
}
interface Limiter {
  _run(index: string, job: Job, wait: number): unknown;
  _clearGlobalState(index: string): void;
  _free(index: string, job: Job): void;
  _limiter: unknown;
  _scheduled: Record<string, unknown>;
}

/** Patches the store's and the limiter's prototypes once; returns Bottleneck for the client. */
export function quickYieldingBottleneck(): typeof Bottleneck {
  const limiter = new Bottleneck() as unknown as { _store?: Store };
  const store = limiter._store && (Object.getPrototypeOf(limiter._store) as Store);
  if (store && typeof store.yieldLoop === 'function' && !patched.has(store)) {
    patched.add(store);
    store.yieldLoop = function (this: Store, ms = 0) {
      return new this.Promise((resolve) =>
        ms > 0 ? setTimeout(resolve, ms) : setImmediate(resolve),
      ) as Promise<void>;
    };
  }
  const proto = Bottleneck.prototype as unknown as Limiter;
  if (typeof proto._run === 'function' && !patched.has(proto)) {
    patched.add(proto);
    const timed = proto._run;
    proto._run = function (this: Limiter, index, job, wait) {
      if (wait > 0 || job.options.expiration != null) return timed.call(this, index, job, wait);
      // Bottleneck's own _run, with setImmediate for its setTimeout(…, 0).
      job.doRun();
      const clear = this._clearGlobalState.bind(this, index);
      const run = this._run.bind(this, index, job);
      const free = this._free.bind(this, index, job);
      const timeout = setImmediate(() => job.doExecute(this._limiter, clear, run, free));
      this._scheduled[index] = { timeout, expiration: undefined, job };
      return this._scheduled[index];
    };
  }
  return Bottleneck;
}

const patched = new WeakSet<object>();
