/**
 * The statistics the indicator engine needs, in plain arithmetic (no dependency, browser-safe).
 * Sources and worked examples: docs/indicators.md §4; the tests check each function against them.
 */

/** The 97.5th percentile of the standard normal distribution: every interval here is two-sided 95%. */
export const Z_95 = 1.959963984540054;

/** A confidence interval and the method it comes from. */
export interface Interval {
  readonly low: number;
  readonly high: number;
  readonly method: IntervalMethod;
}
export type IntervalMethod = "wilson" | "garwood" | "student_t" | "woolf";

/**
 * Wilson score interval for `successes` out of `n` (Wilson 1927, JASA 22:209–212), without
 * continuity correction: method 3 of Newcombe 1998 (Stat Med 17:857–872), the method the English
 * public-health guidance prefers (OHID Fingertips technical guidance, "Proportions"). Null when n is 0.
 */
export function wilson(successes: number, n: number, z = Z_95): Interval | null {
  if (!(n > 0) || successes < 0 || successes > n) return null;
  const z2 = z * z;
  const q = 1 - successes / n;
  const centre = 2 * successes + z2;
  const spread = z * Math.sqrt(z2 + 4 * successes * q);
  const denominator = 2 * (n + z2);
  return {
    low: successes === 0 ? 0 : Math.max(0, (centre - spread) / denominator),
    high: successes === n ? 1 : Math.min(1, (centre + spread) / denominator),
    method: "wilson",
  };
}

/**
 * Exact (Garwood 1936, Biometrika 28:437–442) 95% limits for the expectation of a Poisson count:
 * lower = χ²(α/2; 2k)/2 (0 when k = 0), upper = χ²(1 − α/2; 2k + 2)/2, computed as quantiles of the
 * gamma distribution (χ²(p; 2a)/2 is the p-quantile of Gamma(a, 1)).
 */
export function garwood(count: number, confidence = 0.95): Interval | null {
  if (!Number.isInteger(count) || count < 0) return null;
  const alpha = 1 - confidence;
  const make = (): Interval => ({
    low: count === 0 ? 0 : gammaQuantile(alpha / 2, count),
    high: gammaQuantile(1 - alpha / 2, count + 1),
    method: "garwood",
  });
  return confidence === 0.95 ? cached(garwoodCache, count, make) : make();
}

/** The p-quantile of the chi-square distribution with `df` degrees of freedom. */
export function chiSquareQuantile(p: number, df: number): number {
  return 2 * gammaQuantile(p, df / 2);
}

/**
 * Woolf's (1955) log method for the odds ratio of a 2×2 table: exposed a (event) / b (no event),
 * reference c (event) / d (no event); OR = ad / bc, SE(ln OR) = √(1/a + 1/b + 1/c + 1/d). A zero
 * cell gives no estimate (null): no Haldane correction, see docs/indicators.md §4.3.
 */
export function woolfOddsRatio(
  a: number,
  b: number,
  c: number,
  d: number,
  z = Z_95,
): { value: number; interval: Interval } | null {
  if (!(a > 0 && b > 0 && c > 0 && d > 0)) return null;
  const value = (a * d) / (b * c);
  const se = Math.sqrt(1 / a + 1 / b + 1 / c + 1 / d);
  const log = Math.log(value);
  return {
    value,
    interval: { low: Math.exp(log - z * se), high: Math.exp(log + z * se), method: "woolf" },
  };
}

/**
 * 95% interval for a mean from n values, their sum and sum of squares: mean ± t(0.975; n − 1)·s/√n.
 * Null below 2 values.
 */
export function studentTInterval(n: number, sum: number, sumSquares: number): Interval | null {
  if (!(n >= 2)) return null;
  const mean = sum / n;
  const variance = Math.max(0, (sumSquares - (sum * sum) / n) / (n - 1));
  const half = tCritical(n - 1) * Math.sqrt(variance / n);
  return { low: mean - half, high: mean + half, method: "student_t" };
}

/** Small caches of the two-sided 95% critical values (pure functions of their argument). */
const CACHE_LIMIT = 2000;
const tCache = new Map<number, number>();
const garwoodCache = new Map<number, Interval>();
function cached<T>(cache: Map<number, T>, key: number, make: () => T): T {
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    if (cache.size < CACHE_LIMIT) cache.set(key, value);
  }
  return value;
}
const tCritical = (df: number) => cached(tCache, df, () => studentTQuantile(0.975, df));

/**
 * Sample quantile of definition 2 of Hyndman & Fan 1996 (Am Stat 50:361–365): the inverse of the
 * empirical distribution function, averaging at its steps. With n values and np = j + g: the
 * (j + 1)-th smallest value when g > 0, the mean of the j-th and (j + 1)-th when g = 0. The median
 * (p = 0.5) is the usual one (the middle value, or the mean of the two middle values).
 * `counts` maps each value to how many times it occurs. Null when there is no value.
 */
export function quantile(counts: ReadonlyMap<number, number>, p: number): number | null {
  const values = [...counts.entries()].filter(([, count]) => count > 0).sort(([x], [y]) => x - y);
  const n = values.reduce((total, [, count]) => total + count, 0);
  if (n === 0) return null;
  const orderStatistic = (rank: number): number => {
    let seen = 0;
    for (const [value, count] of values) {
      seen += count;
      if (seen >= rank) return value;
    }
    return (values.at(-1) as [number, number])[0];
  };
  const np = n * p;
  const j = Math.round(np);
  if (Math.abs(np - j) < 1e-9) {
    if (j <= 0) return orderStatistic(1);
    if (j >= n) return orderStatistic(n);
    return (orderStatistic(j) + orderStatistic(j + 1)) / 2;
  }
  return orderStatistic(Math.floor(np) + 1);
}

/* ---- special functions -------------------------------------------------------------------- */

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos approximation, g = 7, 9 terms; relative error about 1e-15). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const y = x - 1;
  let sum = LANCZOS[0] as number;
  for (let i = 1; i < LANCZOS.length; i++) sum += (LANCZOS[i] as number) / (y + i);
  const t = y + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(sum);
}

const EPSILON = 1e-16;
const TINY = 1e-300;
const MAX_ITERATIONS = 100_000;

/**
 * The regularized lower incomplete gamma function P(a, x): its series for x < a + 1, else 1 minus the
 * continued fraction of Q(a, x) (modified Lentz), as in Press et al., Numerical Recipes §6.2.
 */
export function gammaP(a: number, x: number): number {
  if (x <= 0) return 0;
  if (x < a + 1) return gammaSeries(a, x);
  return 1 - gammaContinuedFraction(a, x);
}

/** The regularized upper incomplete gamma function Q(a, x) = 1 − P(a, x). */
export function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  if (x < a + 1) return 1 - gammaSeries(a, x);
  return gammaContinuedFraction(a, x);
}

function gammaSeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < MAX_ITERATIONS; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPSILON) break;
  }
  return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
}

function gammaContinuedFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITERATIONS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
}

/**
 * The p-quantile of Gamma(a, 1): the x with P(a, x) = p, by bisection on a bracket then Newton steps
 * kept inside it. P is increasing in x, so the root is unique. For p above ½ the upper tail Q is
 * matched instead, which keeps full precision at p = 0.975.
 */
export function gammaQuantile(p: number, a: number): number {
  if (!(p > 0 && p < 1) || !(a > 0)) throw new RangeError(`gammaQuantile(${p}, ${a}) is undefined`);
  const upper = p > 0.5;
  const target = upper ? 1 - p : p;
  const gap = (x: number) => (upper ? target - gammaQ(a, x) : gammaP(a, x) - target);
  let low = 0;
  let high = Math.max(1, a);
  while (gap(high) < 0) {
    low = high;
    high *= 2;
  }
  let x = (low + high) / 2;
  for (let i = 0; i < 200; i++) {
    const value = gap(x);
    if (value === 0) return x;
    if (value < 0) low = x;
    else high = x;
    const density = Math.exp((a - 1) * Math.log(x) - x - logGamma(a));
    const newton = x - value / density;
    const next = newton > low && newton < high && Number.isFinite(newton) ? newton : (low + high) / 2;
    if (Math.abs(next - x) <= 1e-15 * Math.max(1, x)) return next;
    x = next;
  }
  return x;
}

/** The regularized incomplete beta function I_x(a, b) (Numerical Recipes §6.4, continued fraction). */
export function betaI(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
  return 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

function betaContinuedFraction(x: number, a: number, b: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < MAX_ITERATIONS; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return h;
}

/** Student's t distribution function: F(t) = 1 − ½·I_{df/(df+t²)}(df/2, ½) for t ≥ 0. */
export function studentTCdf(t: number, df: number): number {
  const tail = 0.5 * betaI(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/** The p-quantile of Student's t with `df` degrees of freedom (bisection; p in (0, 1)). */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1) || !(df > 0)) throw new RangeError(`studentTQuantile(${p}, ${df}) is undefined`);
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  const tail = 1 - p;
  const gap = (t: number) => tail - 0.5 * betaI(df / (df + t * t), df / 2, 0.5);
  let low = 0;
  let high = 1;
  while (gap(high) < 0) {
    low = high;
    high *= 2;
  }
  for (let i = 0; i < 200; i++) {
    const middle = (low + high) / 2;
    if (gap(middle) < 0) low = middle;
    else high = middle;
    if (high - low <= 1e-14 * high) break;
  }
  return (low + high) / 2;
}
