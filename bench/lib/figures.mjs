// Shared by the benchmarks: medians, number formats and plain-text tables.

export function median(xs) {
  return [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
}

export function max(xs) {
  return Math.max(...xs);
}

export function fmt(x, digits = 1) {
  return x === undefined || Number.isNaN(x) ? '-' : x.toFixed(digits);
}

/** `median (max)` of the figures. */
export function medianMax(xs, digits = 1) {
  return `${fmt(median(xs), digits)} (${fmt(max(xs), digits)})`;
}

/** Columns padded to their widest cell, a dashed rule under the header. */
export function printTable(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}

/** PASS/FAIL lines for targets; sets a failing exit code when one is missed. */
export function printChecks(checks) {
  console.log('');
  for (const [name, ok, detail] of checks) console.log(`${ok ? 'PASS' : 'FAIL'}  ${name}: ${detail}`);
  if (checks.some(([, ok]) => !ok)) process.exitCode = 1;
}
