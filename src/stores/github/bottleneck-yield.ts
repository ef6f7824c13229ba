// Bottleneck (light) is the queue under @octokit/plugin-retry and @octokit/plugin-throttling. Its
// in-process store acts out a remote one: every step of every job first yields to the event loop
// with setTimeout(0), which node rounds up to 1 ms and runs only in the timers phase. A request
// through both plugins takes a dozen such steps, about 17 ms measured per GitHub request, on a
// run that makes two. This makes the store yield with setImmediate instead: still a turn of the
// event loop (the order of Bottleneck's steps is unchanged), without the timer's rounding. Waits
// Bottleneck means to make (a positive delay) keep their timer.
import Bottleneck from 'bottleneck/light.js';

type Store = { yieldLoop(ms?: number): Promise<void>; Promise: PromiseConstructor };

/** Patches the store's prototype once; returns Bottleneck for the client. */
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
  return Bottleneck;
}

const patched = new WeakSet<object>();
