/**
 * Order statistics computed the way numpy 1.24 / pandas 1.5 compute them, operation for operation,
 * so the adaptive-percentile floor reproduces Coinbase's Python estimator to the last bit where the
 * platform's log/exp agree: `np.median`, scipy's unscaled `median_abs_deviation`, and pandas'
 * `Series.quantile` (linear interpolation at position q·(n − 1), via `np.percentile(q * 100)`).
 */

/** Ascending numeric sort of a copy. */
export function sortedCopy(values: readonly number[]): number[] {
  return Float64Array.from(values)
    .sort()
    .reduce<number[]>((out, v) => {
      out.push(v);
      return out;
    }, []);
}

/** np.median of already-sorted values (mean of the two middle values for an even count). */
export function medianSorted(sorted: readonly number[]): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const mid = n >> 1;
  return n % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * pandas `Series.quantile(q)` (linear) of already-sorted values. pandas passes `q * 100` to
 * np.percentile, which divides by 100 again; numpy then interpolates with its two-sided lerp.
 */
export function quantileSorted(sorted: readonly number[], q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const quantile = (q * 100) / 100;
  const virtualIndex = (n - 1) * quantile;
  if (virtualIndex >= n - 1) return sorted[n - 1];
  if (virtualIndex < 0) return sorted[0];
  const previousIndex = Math.floor(virtualIndex);
  const gamma = virtualIndex - previousIndex;
  const a = sorted[previousIndex];
  const b = sorted[previousIndex + 1];
  const diff = b - a;
  // numpy's _lerp: a + diff·t, or b − diff·(1 − t) when t ≥ 0.5 (keeps the result monotonic).
  return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
}

/**
 * Coinbase's `remove_outliers`: keep values within median ± 3·MAD (MAD unscaled, bounds inclusive),
 * in their original order. Returns them sorted, which is all the callers need.
 */
export function withoutOutliersSorted(values: readonly number[]): number[] {
  const sorted = sortedCopy(values);
  const median = medianSorted(sorted);
  const deviations = sortedCopy(sorted.map((v) => Math.abs(v - median)));
  const mad = medianSorted(deviations);
  const lower = median - 3 * mad;
  const upper = median + 3 * mad;
  return sorted.filter((v) => v >= lower && v <= upper);
}
