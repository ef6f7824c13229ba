// Small helpers shared by the benchmark sections: medians, quantiles, tables, PASS/FAIL, a seeded
// random source, the busiest minute of a list of times.

export function median(values) {
  return quantile(values, 0.5);
}

/** The q-quantile (0..1) with linear interpolation; undefined for no values. */
export function quantile(values, q) {
  if (values.length === 0) return undefined;
  const s = [...values].sort((a, b) => a - b);
  const at = (s.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return s[lo] + (s[hi] - s[lo]) * (at - lo);
}

export function fmtMs(ms) {
  return ms === undefined ? '-' : ms.toFixed(0);
}

export function verdict(ok) {
  return ok ? 'PASS' : 'FAIL';
}

/** Prints a table: the first column left-aligned, the others right-aligned. */
export function table(log, header, body) {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => String(b[i]).length)));
  const line = (cells) =>
    cells
      .map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i])))
      .join('  ')
      .trimEnd();
  log(line(header));
  log(line(widths.map((w) => '-'.repeat(w))));
  for (const b of body) log(line(b));
}

/** A seeded random source in [0, 1) (mulberry32): the same seed, the same numbers. */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The most of the given times (ms) that fall in any 60 s window. */
export function mostInAMinute(times) {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i] - sorted[j] >= 60_000) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}
