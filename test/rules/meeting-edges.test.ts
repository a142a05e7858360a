import { describe, expect, it } from 'vitest';
import { evaluateItem, getProfile } from '../../src/rules/index.js';

describe('evaluateItem beyond the worked cases', () => {
  it('JY-24b a tally given as yes and no only counts the missing abstentions as 0', () => {
    const decision = evaluateItem(getProfile('JY'), {
      members: 7, present: 5, topicKind: 'general', method: 'hands', votes: { yes: 4, no: 1 } as never,
    });
    expect(decision.passed).toBe(true);
    expect(decision.errors).toEqual([]);
  });

  it('A20 an item raised at a JY emergency meeting: no AD_HOC_ITEM, and the waiver rests on a default', () => {
    const decision = evaluateItem(getProfile('JY'), {
      members: 7, present: 5, topicKind: 'general', method: 'hands', emergency: true, addedAtMeeting: true,
    });
    expect(decision.flags).not.toContain('AD_HOC_ITEM');
    expect(decision.flags).toContain('DEFAULT_ASSUMED');
    expect(decision.basis).toContain('A20');
  });

  it('NT-3.4d the NT text itself waives the ad-hoc ban at an emergency meeting: no DEFAULT_ASSUMED', () => {
    const decision = evaluateItem(getProfile('NT'), {
      members: 6, present: 4, topicKind: 'personnel', method: 'hands', emergency: true, addedAtMeeting: true,
    });
    expect(decision.errors).toEqual([]);
    expect(decision.flags).toEqual([]);
    expect(decision.basis).toContain('NT-3.4d');
  });

  it('A4 in ZY a major item needs two thirds by default (DEFAULT_ASSUMED); a personnel item by NAT-LC', () => {
    const major = evaluateItem(getProfile('ZY'), { members: 9, present: 5, topicKind: 'major', method: 'hands' });
    expect(major).toMatchObject({ quorate: false, requiredPresent: 6 });
    expect(major.flags).toContain('DEFAULT_ASSUMED');
    const personnel = evaluateItem(getProfile('ZY'), { members: 9, present: 6, topicKind: 'personnel', method: 'hands' });
    expect(personnel).toMatchObject({ quorate: true, requiredPresent: 6 });
    expect(personnel.flags).not.toContain('DEFAULT_ASSUMED');
    expect(personnel.basis).toContain('NAT-LC');
  });

  it('A4 a body that drops major from elevatedTopics decides major items on the general quorum', () => {
    const profile = getProfile('JY', { elevatedTopics: ['personnel', 'discipline'] });
    const decision = evaluateItem(profile, { members: 9, present: 5, topicKind: 'major', method: 'hands' });
    expect(decision).toMatchObject({ quorate: true, requiredPresent: 5 });
    expect(decision.flags).not.toContain('DEFAULT_ASSUMED');
  });

  it('JY-23b personnel stays at two thirds in JY even if a body removes it from elevatedTopics', () => {
    const profile = getProfile('JY', { elevatedTopics: [] });
    const decision = evaluateItem(profile, { members: 9, present: 5, topicKind: 'personnel', method: 'hands' });
    expect(decision).toMatchObject({ quorate: false, requiredPresent: 6 });
  });

  it('A8 the chair who has not yet spoken is not an error; the chair before others is', () => {
    const profile = getProfile('NATIONAL');
    const base = { members: 5, present: 5, topicKind: 'general', method: 'named', chairId: 'c' } as const;
    expect(evaluateItem(profile, { ...base, order: ['a', 'b'] }).errors).toEqual([]);
    expect(evaluateItem(profile, { ...base, order: ['a', 'c', 'b'] }).errors).toEqual(['CHAIR_MUST_SPEAK_LAST']);
    expect(evaluateItem(getProfile('NATIONAL', { chairLastMethods: ['oral'] }), { ...base, order: ['c', 'a'] }).errors).toEqual([]);
  });
});
