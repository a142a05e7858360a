import { describe, expect, it } from 'vitest';
import { checkCard } from '../../sandbox/open-api/card-check.js';
import { deriveActionKeys, signActionValue, verifyActionValue } from '../../src/bot/action-value.js';
import { sealCard } from '../../src/bot/seal.js';
import { ActionSchema } from '../../cards/actions.js';
import { buildEveryCard } from '../cards/fixtures.js';
import { callbackValues } from '../cards/walk.js';

const key = deriveActionKeys({ current: 'seal-test-secret', previous: null });
const sign = (v: Parameters<typeof signActionValue>[1]) => signActionValue(key, v);
const cards = buildEveryCard('all');

describe('sealCard', () => {
  it('signs every callback value of every built card; each verifies and parses back to what the card emitted', () => {
    let checked = 0;
    for (const { card } of cards) {
      const plain = callbackValues(card);
      const sealed = sealCard(card, sign);
      expect(checkCard(sealed)).toBeUndefined();
      const values = callbackValues(sealed);
      expect(values).toHaveLength(plain.length);
      values.forEach((v, i) => {
        const fields = verifyActionValue(key, v);
        expect(fields).not.toBeNull();
        expect(ActionSchema.parse(fields)).toEqual(plain[i]);
        checked += 1;
      });
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('an unsealed card fails verification, and so does a value sealed with another key or edited after sealing', () => {
    const other = deriveActionKeys({ current: 'another-secret', previous: null });
    for (const { card } of cards) {
      for (const v of callbackValues(card)) expect(verifyActionValue(key, v)).toBeNull();
      for (const v of callbackValues(sealCard(card, (x) => signActionValue(other, x)))) expect(verifyActionValue(key, v)).toBeNull();
      for (const v of callbackValues(sealCard(card, sign))) expect(verifyActionValue(key, { ...v, c: 'c_other' })).toBeNull();
    }
  });

  it('leaves the card it was given as it was', () => {
    const { card } = cards.find((c) => c.name === 'notice')!;
    const before = JSON.stringify(card);
    sealCard(card, sign);
    expect(JSON.stringify(card)).toBe(before);
  });

  it('refuses to seal a callback value without an action name', () => {
    const bad = { schema: '2.0', body: { elements: [{ tag: 'button', behaviors: [{ type: 'callback', value: { c: 'c1' } }] }] } };
    expect(() => sealCard(bad, sign)).toThrow(TypeError);
  });
});
