// Small helpers shared by the benchmark sections: medians, quantiles, tables, PASS/FAIL.

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
