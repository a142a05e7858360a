/**
 * Integer-only threshold helpers (民法典 1259, 刑法 99). 以上 / 以内 include the number, 超过 / 不满 exclude it.
 * No ratio is ever a float: `q·k ≥ p·n` is exact for the numbers a meeting or a leave can have.
 */
import type { Fraction, Threshold } from './types.js';

function halfSteps(value: number, field: string): number {
  const doubled = value * 2;
  if (!Number.isFinite(value) || value < 0 || !Number.isInteger(doubled)) {
    throw new RangeError(`${field} must be a non-negative number in steps of 0.5, got ${String(value)}`);
  }
  return doubled;
}

function positiveInteger(value: number, field: string): number {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new RangeError(`${field} must be a positive integer, got ${String(value)}`);
  }
  return value;
}

/** 以上: is k at least p/q of n? (`q·k ≥ p·n`; k and n may be half-steps.) */
export function atLeast(k: number, n: number, p: number, q: number): boolean {
  return positiveInteger(q, 'q') * halfSteps(k, 'k') >= positiveInteger(p, 'p') * halfSteps(n, 'n');
}

/** 超过: is k more than p/q of n? (`q·k > p·n`; k and n may be half-steps.) */
export function moreThan(k: number, n: number, p: number, q: number): boolean {
  return positiveInteger(q, 'q') * halfSteps(k, 'k') > positiveInteger(p, 'p') * halfSteps(n, 'n');
}

/** Whether a whole count k meets a threshold over a base n. */
export function meets(threshold: Threshold, k: number, n: number, inclusive = threshold.inclusive): boolean {
  const { p, q } = threshold.fraction;
  return inclusive ? atLeast(k, n, p, q) : moreThan(k, n, p, q);
}

/** The smallest whole count that meets p/q of n (inclusive) or exceeds it (exclusive). */
export function smallestCount(fraction: Fraction, n: number, inclusive: boolean): number {
  const { p, q } = fraction;
  const product = p * n;
  return inclusive ? Math.floor((product + q - 1) / q) : Math.floor(product / q) + 1;
}
