/**
 * Ridge regression on sparse 0/1 indicator features (trait dummies), with an unpenalised
 * intercept: centre y and X on the training rows, solve (XcᵀXc + λI)β = Xcᵀyc by Cholesky,
 * intercept = ȳ − x̄ᵀβ. Small p (hundreds of trait values), so dense p×p algebra is fine.
 */

export interface RidgeModel {
  intercept: number;
  coefficients: Float64Array;
}

/** Each row lists the indices of its active (value 1) features. */
export type SparseRow = readonly number[];

export function fitRidge({
  rows,
  y,
  featureCount,
  lambda,
}: {
  rows: SparseRow[];
  y: readonly number[];
  featureCount: number;
  lambda: number;
}): RidgeModel {
  const n = rows.length;
  const p = featureCount;
  if (n === 0) return { intercept: 0, coefficients: new Float64Array(p) };
  const mean = new Float64Array(p);
  for (const row of rows) for (const j of row) mean[j] += 1 / n;
  const yMean = y.reduce((a, b) => a + b, 0) / n;
  // Σ (x − x̄)(x − x̄)ᵀ = XᵀX − n·x̄x̄ᵀ; Σ (x − x̄)(y − ȳ) = Xᵀy − n·x̄·ȳ.
  const gram = new Float64Array(p * p);
  const xty = new Float64Array(p);
  rows.forEach((row, i) => {
    for (const a of row) {
      xty[a] += y[i];
      for (const b of row) gram[a * p + b] += 1;
    }
  });
  for (let a = 0; a < p; a++) {
    xty[a] -= n * mean[a] * yMean;
    for (let b = 0; b < p; b++) gram[a * p + b] -= n * mean[a] * mean[b];
    gram[a * p + a] += lambda;
  }
  const coefficients = choleskySolve(gram, xty, p);
  let intercept = yMean;
  for (let j = 0; j < p; j++) intercept -= mean[j] * coefficients[j];
  return { intercept, coefficients };
}

export function predictRidge(model: RidgeModel, row: SparseRow): number {
  let value = model.intercept;
  for (const j of row) value += model.coefficients[j];
  return value;
}

/** Solves A·x = b for symmetric positive-definite A (row-major p×p). */
export function choleskySolve(a: Float64Array, b: Float64Array, p: number): Float64Array {
  const l = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * p + j];
      for (let k = 0; k < j; k++) sum -= l[i * p + k] * l[j * p + k];
      if (i === j) {
        if (sum <= 0) throw new Error("ridge system is not positive definite; raise lambda");
        l[i * p + i] = Math.sqrt(sum);
      } else {
        l[i * p + j] = sum / l[j * p + j];
      }
    }
  }
  const z = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let sum = b[i];
    for (let k = 0; k < i; k++) sum -= l[i * p + k] * z[k];
    z[i] = sum / l[i * p + i];
  }
  const x = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let sum = z[i];
    for (let k = i + 1; k < p; k++) sum -= l[k * p + i] * x[k];
    x[i] = sum / l[i * p + i];
  }
  return x;
}

/** Split-conformal half-width: the ⌈(n + 1)(1 − α)⌉-th smallest absolute residual (∞ when too few). */
export function conformalHalfWidth(absResiduals: readonly number[], coverage: number): number {
  const sorted = [...absResiduals].sort((a, b) => a - b);
  const k = Math.ceil((sorted.length + 1) * coverage);
  return k > sorted.length ? Number.POSITIVE_INFINITY : sorted[k - 1];
}
