// Counting helpers and head-counts against exact integer arithmetic (以上: q·k ≥ p·n; 超过: q·k > p·n).
// The reference never looks at the implementation: it finds the smallest qualifying count by BigInt
// ceiling/floor division of p·n by q, and compares reduced fractions independently.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  atLeast,
  evaluateItem,
  getProfile,
  moreThan,
  type Profile,
  type TopicKind,
} from '../../src/rules/index.js';

// ---------- exact reference ----------

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/** Smallest integer count m with m/n ≥ p/q, i.e. ceil(p·n / q). */
function minAtLeast(n: bigint, p: bigint, q: bigint): bigint {
  return (p * n + q - 1n) / q;
}

/** Smallest integer count m with m/n > p/q, i.e. floor(p·n / q) + 1. */
function minMoreThan(n: bigint, p: bigint, q: bigint): bigint {
  return (p * n) / q + 1n;
}

/** Compare k/n with p/q as reduced fractions: −1, 0 or 1. */
function compareFractions(k: bigint, n: bigint, p: bigint, q: bigint): -1 | 0 | 1 {
  const g1 = gcd(k, n) || 1n;
  const g2 = gcd(p, q) || 1n;
  const [a, b] = [k / g1, n / g1];
  const [c, d] = [p / g2, q / g2];
  if (a === c && b === d) return 0;
  const l = a * d;
  const r = c * b;
  return l === r ? 0 : l < r ? -1 : 1;
}

function refAtLeast(k: number, n: number, p: number, q: number): boolean {
  const byMin = BigInt(k) >= minAtLeast(BigInt(n), BigInt(p), BigInt(q));
  const byFraction = compareFractions(BigInt(k), BigInt(n), BigInt(p), BigInt(q)) >= 0;
  expect(byMin).toBe(byFraction); // the two references must agree with each other
  return byMin;
}

function refMoreThan(k: number, n: number, p: number, q: number): boolean {
  const byMin = BigInt(k) >= minMoreThan(BigInt(n), BigInt(p), BigInt(q));
  const byFraction = compareFractions(BigInt(k), BigInt(n), BigInt(p), BigInt(q)) > 0;
  expect(byMin).toBe(byFraction);
  return byMin;
}

const RULE_FRACTIONS: [number, number, string][] = [
  [1, 2, '1/2 半数'],
  [2, 3, '2/3 三分之二'],
  [1, 3, '1/3 三分之一'],
  [3, 5, '3/5 60%'],
];

// ---------- atLeast / moreThan ----------

describe('atLeast / moreThan agree with exact rational arithmetic', () => {
  for (const [p, q, label] of RULE_FRACTIONS) {
    it(`every n in 1..500 and k in 0..n, fraction ${label}`, () => {
      let mismatches = 0;
      const firstBad: string[] = [];
      for (let n = 1; n <= 500; n++) {
        const mA = Number(minAtLeast(BigInt(n), BigInt(p), BigInt(q)));
        const mM = Number(minMoreThan(BigInt(n), BigInt(p), BigInt(q)));
        for (let k = 0; k <= n; k++) {
          const expA = k >= mA;
          const expM = k >= mM;
          if (atLeast(k, n, p, q) !== expA || moreThan(k, n, p, q) !== expM) {
            mismatches++;
            if (firstBad.length < 5) firstBad.push(`k=${k} n=${n}`);
          }
        }
      }
      expect(firstBad).toEqual([]);
      expect(mismatches).toBe(0);
    });
  }

  it('random p/q: atLeast ⇔ q·k ≥ p·n and moreThan ⇔ q·k > p·n (fast-check)', () => {
    const arb = fc
      .integer({ min: 1, max: 500 })
      .chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n }), fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 1000 })));
    fc.assert(
      fc.property(arb, ([n, k, p, q]) => {
        expect(atLeast(k, n, p, q)).toBe(refAtLeast(k, n, p, q));
        expect(moreThan(k, n, p, q)).toBe(refMoreThan(k, n, p, q));
      }),
      { numRuns: 20000 },
    );
  });

  it('random p/q, every n in 1..500 and k in 0..n for each drawn fraction (fast-check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 100 }), (p, q) => {
        for (let n = 1; n <= 500; n++) {
          const mA = Number(minAtLeast(BigInt(n), BigInt(p), BigInt(q)));
          const mM = Number(minMoreThan(BigInt(n), BigInt(p), BigInt(q)));
          for (let k = 0; k <= n; k++) {
            if (atLeast(k, n, p, q) !== k >= mA || moreThan(k, n, p, q) !== k >= mM) {
              expect.fail(`atLeast/moreThan(${k}, ${n}, ${p}, ${q}) disagree with the exact count ${mA}/${mM}`);
            }
          }
        }
        expect(true).toBe(true); // the whole n × k grid agreed for this p/q
      }),
      { numRuns: 25 },
    );
  });

  it('the boundary: k exactly p/q of n is atLeast but not moreThan', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 10 }), (p, q, t) => {
        const n = q * t;
        const k = p * t;
        expect(atLeast(k, n, p, q)).toBe(true);
        expect(moreThan(k, n, p, q)).toBe(false);
        expect(atLeast(k - 1, n, p, q)).toBe(false);
        expect(moreThan(k + 1, n, p, q)).toBe(true);
      }),
    );
  });

  it('half-steps (leave days): atLeast(a/2, b/2, p, q) ⇔ q·a ≥ p·b', () => {
    const arb = fc
      .integer({ min: 1, max: 1000 })
      .chain((b) => fc.tuple(fc.constant(b), fc.integer({ min: 0, max: b }), fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 20 })));
    fc.assert(
      fc.property(arb, ([b, a, p, q]) => {
        expect(atLeast(a / 2, b / 2, p, q)).toBe(refAtLeast(a, b, p, q));
        expect(moreThan(a / 2, b / 2, p, q)).toBe(refMoreThan(a, b, p, q));
      }),
      { numRuns: 5000 },
    );
  });

  it('the floating-point trap: 15 of 25 is 60%以上; 3 of 9 and 6 of 9 hit 1/3 and 2/3 exactly', () => {
    expect(atLeast(15, 25, 3, 5)).toBe(true);
    expect(atLeast(3, 9, 1, 3)).toBe(true);
    expect(moreThan(3, 9, 1, 3)).toBe(false);
    expect(atLeast(6, 9, 2, 3)).toBe(true);
    expect(moreThan(6, 9, 2, 3)).toBe(false);
    // 7·(1/10)·30 = 21.000000000000004 in floats; exactly 21 here
    expect(atLeast(21, 30, 7, 10)).toBe(true);
  });
});

// ---------- minimum head-count table ----------

//            n   半数以上  过半数  三分之二以上
const TABLE: [number, number, number, number][] = [
  [3, 2, 2, 2],
  [4, 2, 3, 3],
  [5, 3, 3, 4],
  [6, 3, 4, 4],
  [7, 4, 4, 5],
  [8, 4, 5, 6],
  [9, 5, 5, 6],
  [11, 6, 6, 8],
  [13, 7, 7, 9],
  [15, 8, 8, 10],
];

function smallest(pred: (k: number) => boolean, n: number): number {
  for (let k = 0; k <= n; k++) if (pred(k)) return k;
  return Infinity;
}

const JY = getProfile('JY');
const NT = getProfile('NT');
const MS = getProfile('MS');

function decide(profile: Profile, members: number, present: number, topicKind: TopicKind = 'general') {
  return evaluateItem(profile, { members, present, topicKind, method: 'secret' });
}

describe('minimum head-count table', () => {
  it.each(TABLE)('n=%i: 半数以上 %i, 过半数 %i, 三分之二以上 %i', (n, half, majority, twoThirds) => {
    expect(smallest((k) => atLeast(k, n, 1, 2), n)).toBe(half);
    expect(smallest((k) => moreThan(k, n, 1, 2), n)).toBe(majority);
    expect(smallest((k) => atLeast(k, n, 2, 3), n)).toBe(twoThirds);

    // the same numbers through evaluateItem
    expect(decide(JY, n, n).requiredPresent).toBe(half); // JY-23a 半数以上
    expect(decide(JY, n, n, 'personnel').requiredPresent).toBe(twoThirds); // JY-23b
    expect(decide(NT, n, n).requiredPresent).toBe(twoThirds); // NT-3.5b
    expect(decide(MS, n, n).requiredPresent).toBe(majority); // NAT-ORG 过半数
    for (const p of [JY, NT, MS]) expect(decide(p, n, n).requiredYes).toBe(majority); // 赞成票超过应到会半数
  });
});

// ---------- evaluateItem's required numbers for every N in 1..500 ----------

type Rule = { label: string; profile: Profile; topic: TopicKind; ok: (k: number, n: number) => boolean };

const RULES: Rule[] = [
  { label: 'JY general 半数以上 2k ≥ N', profile: JY, topic: 'general', ok: (k, n) => 2 * k >= n },
  { label: 'JY personnel 三分之二以上 3k ≥ 2N', profile: JY, topic: 'personnel', ok: (k, n) => 3 * k >= 2 * n },
  { label: 'NT general 三分之二以上 3k ≥ 2N', profile: NT, topic: 'general', ok: (k, n) => 3 * k >= 2 * n },
  { label: 'NT personnel 三分之二以上 3k ≥ 2N', profile: NT, topic: 'personnel', ok: (k, n) => 3 * k >= 2 * n },
  { label: 'MS general 过半数 2k > N', profile: MS, topic: 'general', ok: (k, n) => 2 * k > n },
  { label: 'MS personnel 过半数 2k > N', profile: MS, topic: 'personnel', ok: (k, n) => 2 * k > n },
];

describe('evaluateItem requiredPresent / requiredYes are the smallest integers satisfying the rule', () => {
  for (const rule of RULES) {
    it(`${rule.label}, every N in 1..500`, () => {
      const bad: string[] = [];
      for (let n = 1; n <= 500; n++) {
        const wantPresent = smallest((k) => rule.ok(k, n), n);
        const wantYes = smallest((k) => 2 * k > n, n);
        expect(wantYes).toBe(Math.floor(n / 2) + 1);
        const full = decide(rule.profile, n, n, rule.topic);
        if (full.requiredPresent !== wantPresent) bad.push(`N=${n} requiredPresent ${full.requiredPresent} ≠ ${wantPresent}`);
        if (full.requiredYes !== wantYes) bad.push(`N=${n} requiredYes ${full.requiredYes} ≠ ${wantYes}`);
        // quorate exactly from wantPresent on
        if (decide(rule.profile, n, wantPresent, rule.topic).quorate !== true) bad.push(`N=${n} present=${wantPresent} not quorate`);
        if (wantPresent > 0 && decide(rule.profile, n, wantPresent - 1, rule.topic).quorate !== false) {
          bad.push(`N=${n} present=${wantPresent - 1} quorate`);
        }
        if (bad.length > 5) break;
      }
      expect(bad).toEqual([]);
    });
  }

  it('requiredYes = floor(N/2) + 1 and passed ⇔ 2·yes > N, random N ≤ 500 (fast-check)', () => {
    const arb = fc
      .integer({ min: 1, max: 500 })
      .chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n })));
    fc.assert(
      fc.property(arb, ([n, yes]) => {
        const d = evaluateItem(JY, {
          members: n, present: n, topicKind: 'general', method: 'secret', votes: { yes, no: n - yes, abstain: 0 },
        });
        expect(d.requiredYes).toBe(Math.floor(n / 2) + 1);
        expect(d.passed).toBe(2 * yes > n);
      }),
      { numRuns: 2000 },
    );
  });
});
