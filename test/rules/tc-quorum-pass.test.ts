// Quorum (TC01–TC08) and pass or fail (TC11–TC24): the cases that belong to the rules module.
// TC21 and TC23 need stored state, so they are service checks and are not tested here.
import { describe, expect, it } from 'vitest';
import {
  evaluateItem,
  getProfile,
  type ItemInput,
  type ProfileOverrides,
  type ProfileId,
} from '../../src/rules/index.js';

const JY = getProfile('JY');
const NT = getProfile('NT');
const MS = getProfile('MS');

/** A general item put to a show of hands unless the case says otherwise. */
function item(input: Partial<ItemInput> & Pick<ItemInput, 'members' | 'present'>): ItemInput {
  return { topicKind: 'general', method: 'hands', ...input };
}

describe('quorum', () => {
  it('TC01 JY general item, N=7, 4 present: quorate, needs 4', () => {
    const d = evaluateItem(JY, item({ members: 7, present: 4 }));
    expect(d.quorate).toBe(true);
    expect(d.requiredPresent).toBe(4);
    expect(d.participants).toBe(4);
    expect(d.base).toBe(7);
    expect(d.requiredYes).toBe(4);
    expect(d.passed).toBeNull(); // not voted yet
    expect(d.errors).toEqual([]);
    expect(d.flags).not.toContain('NO_DECISION_POSSIBLE');
    expect(d.flags).not.toContain('QUORUM_UNREACHABLE');
    expect(d.basis).toContain('JY-23a');
  });

  it('TC03 JY personnel item, N=7, 4 present: not quorate, needs 5', () => {
    const d = evaluateItem(JY, item({ members: 7, present: 4, topicKind: 'personnel', method: 'secret' }));
    expect(d.quorate).toBe(false);
    expect(d.requiredPresent).toBe(5);
    expect(d.participants).toBe(4);
    expect(d.passed).toBeNull();
    expect(d.flags).not.toContain('QUORUM_UNREACHABLE'); // 5 ≤ 7 − 0
    expect(d.basis).toContain('JY-23b');
  });

  it('TC03 JY personnel item, N=7, 4 present: votes given are not counted while not quorate', () => {
    const d = evaluateItem(JY, item({
      members: 7, present: 4, topicKind: 'personnel', method: 'secret', votes: { yes: 4, no: 0, abstain: 0 },
    }));
    expect(d.quorate).toBe(false);
    expect(d.passed).toBeNull();
  });

  it('TC04 JY personnel item, N=9, 6 present: quorate, needs 6', () => {
    const d = evaluateItem(JY, item({ members: 9, present: 6, topicKind: 'personnel', method: 'secret' }));
    expect(d.quorate).toBe(true);
    expect(d.requiredPresent).toBe(6);
    expect(d.requiredYes).toBe(5);
    expect(d.passed).toBeNull();
    expect(d.basis).toContain('JY-23b');
  });

  it('TC06 NT general item, N=5, 3 present: not quorate, needs 4 (2/3 for every meeting)', () => {
    const d = evaluateItem(NT, item({ members: 5, present: 3 }));
    expect(d.quorate).toBe(false);
    expect(d.requiredPresent).toBe(4);
    expect(d.passed).toBeNull();
    expect(d.basis).toContain('NT-3.5b');
  });

  it('TC07 NT general item, N=6, 4 present: quorate (12 ≥ 12)', () => {
    const d = evaluateItem(NT, item({ members: 6, present: 4 }));
    expect(d.quorate).toBe(true);
    expect(d.requiredPresent).toBe(4);
    expect(d.requiredYes).toBe(4);
    expect(d.flags).not.toContain('NO_DECISION_POSSIBLE'); // 4 ≤ 4 participants
    expect(d.basis).toContain('NT-3.5b');
  });

  it('TC08 NT general item, N=3, 2 present: quorate (6 ≥ 6, smallest legal 党组)', () => {
    const d = evaluateItem(NT, item({ members: 3, present: 2 }));
    expect(d.quorate).toBe(true);
    expect(d.requiredPresent).toBe(2);
    expect(d.requiredYes).toBe(2);
    expect(d.flags).not.toContain('NO_DECISION_POSSIBLE');
  });
});

describe('pass or fail', () => {
  it('TC11 JY N=7, 5 present, yes=4 no=1: passes, needs 4 yes', () => {
    const d = evaluateItem(JY, item({ members: 7, present: 5, votes: { yes: 4, no: 1, abstain: 0 } }));
    expect(d.quorate).toBe(true);
    expect(d.requiredYes).toBe(4);
    expect(d.passed).toBe(true);
    expect(d.errors).toEqual([]);
    expect(d.basis).toContain('JY-24b');
  });

  it('TC12 JY N=7, 5 present, yes=3 no=1 abstain=1: fails (majority of present, not of N)', () => {
    const d = evaluateItem(JY, item({ members: 7, present: 5, votes: { yes: 3, no: 1, abstain: 1 } }));
    expect(d.quorate).toBe(true);
    expect(d.requiredYes).toBe(4);
    expect(d.passed).toBe(false);
    expect(d.errors).toEqual([]);
    expect(d.basis).toContain('JY-24b');
  });

  it('TC13 JY N=7, 4 present, yes=3 no=1, 3 written 同意 from absentees: fails, opinions recorded not counted', () => {
    const d = evaluateItem(JY, item({
      members: 7, present: 4, votes: { yes: 3, no: 1, abstain: 0 }, writtenOpinions: 3,
    }));
    expect(d.quorate).toBe(true); // 8 ≥ 7
    expect(d.requiredYes).toBe(4);
    expect(d.passed).toBe(false); // counted yes = 3
    expect(d.writtenOpinions).toBe(3);
    expect(d.flags).toContain('WRITTEN_OPINIONS_NOT_COUNTED');
    expect(d.errors).toEqual([]);
  });

  it('TC14 JY N=6, 6 present, major item, yes=3 no=3: fails on the tie, advises CLOSE_VOTE_DEFER', () => {
    const d = evaluateItem(JY, item({
      members: 6, present: 6, topicKind: 'major', votes: { yes: 3, no: 3, abstain: 0 },
    }));
    expect(d.quorate).toBe(true);
    expect(d.requiredYes).toBe(4);
    expect(d.passed).toBe(false); // 6 not > 6
    expect(d.flags).toContain('CLOSE_VOTE_DEFER');
    // 'major' needing 2/3 in JY rests on A4, not on JY's text
    expect(d.flags).toContain('DEFAULT_ASSUMED');
    expect(d.requiredPresent).toBe(4);
  });

  it('TC15 JY N=6, 5 present, yes=4 no=1: passes (8 > 6)', () => {
    const d = evaluateItem(JY, item({ members: 6, present: 5, votes: { yes: 4, no: 1, abstain: 0 } }));
    expect(d.quorate).toBe(true);
    expect(d.requiredYes).toBe(4);
    expect(d.passed).toBe(true);
  });

  it('TC16 NT N=5, 4 present, yes=3 no=1: passes (6 > 5), quorate (12 ≥ 10)', () => {
    const d = evaluateItem(NT, item({ members: 5, present: 4, votes: { yes: 3, no: 1, abstain: 0 } }));
    expect(d.quorate).toBe(true);
    expect(d.requiredPresent).toBe(4);
    expect(d.requiredYes).toBe(3);
    expect(d.passed).toBe(true);
    expect(d.basis).toContain('NT-3.6b');
  });

  it('TC17 NT N=9, 6 present: (a) yes=5 no=1 passes; (b) yes=4 abstain=2 fails', () => {
    const a = evaluateItem(NT, item({ members: 9, present: 6, votes: { yes: 5, no: 1, abstain: 0 } }));
    expect(a.quorate).toBe(true); // 18 ≥ 18
    expect(a.requiredPresent).toBe(6);
    expect(a.requiredYes).toBe(5);
    expect(a.passed).toBe(true); // 10 > 9

    const b = evaluateItem(NT, item({ members: 9, present: 6, votes: { yes: 4, no: 0, abstain: 2 } }));
    expect(b.quorate).toBe(true);
    expect(b.requiredYes).toBe(5);
    expect(b.passed).toBe(false); // 8 ≤ 9
  });

  it('TC18 JY N=7, 7 present, 1 recused, yes=4 no=2: passes under both recusal policies, needs 4', () => {
    const input = item({ members: 7, present: 7, recused: 1, votes: { yes: 4, no: 2, abstain: 0 } });
    const stay = evaluateItem(JY, input);
    expect(stay.participants).toBe(6);
    expect(stay.base).toBe(7);
    expect(stay.quorate).toBe(true);
    expect(stay.requiredYes).toBe(4);
    expect(stay.passed).toBe(true);
    expect(stay.flags).not.toContain('RECUSAL_POLICY_SENSITIVE'); // same outcome either way

    const excl = evaluateItem(getProfile('JY', { recusal: 'excludeFromDenominator' }), input);
    expect(excl.participants).toBe(6);
    expect(excl.base).toBe(6);
    expect(excl.quorate).toBe(true);
    expect(excl.requiredYes).toBe(4);
    expect(excl.passed).toBe(true);
    expect(excl.flags).not.toContain('RECUSAL_POLICY_SENSITIVE');
  });

  it('TC22 JY oral vote with the chair first: CHAIR_MUST_SPEAK_LAST; same order in a secret ballot: no check', () => {
    const order = ['chair', 'm1', 'm2', 'm3', 'm4'];
    const base = { members: 5, present: 5, chairId: 'chair', order, votes: { yes: 5, no: 0, abstain: 0 } };
    const oral = evaluateItem(JY, item({ ...base, method: 'oral' }));
    expect(oral.errors).toContain('CHAIR_MUST_SPEAK_LAST');
    expect(oral.passed).toBeNull(); // errors non-empty

    const secret = evaluateItem(JY, item({ ...base, method: 'secret' }));
    expect(secret.errors).not.toContain('CHAIR_MUST_SPEAK_LAST');
    expect(secret.errors).toEqual([]);
    expect(secret.passed).toBe(true);
  });

  it('TC22 (A8) the chair-last rule also applies to hands and named votes in JY', () => {
    const order = ['chair', 'm1', 'm2', 'm3', 'm4'];
    for (const method of ['hands', 'named'] as const) {
      const d = evaluateItem(JY, item({
        members: 5, present: 5, method, chairId: 'chair', order, votes: { yes: 5, no: 0, abstain: 0 },
      }));
      expect(d.errors).toContain('CHAIR_MUST_SPEAK_LAST');
      expect(d.passed).toBeNull();
    }
  });

  it('TC22 (A8) the chair speaking last in an oral vote raises no error', () => {
    const d = evaluateItem(JY, item({
      members: 5, present: 5, method: 'oral', chairId: 'chair', order: ['m1', 'm2', 'm3', 'm4', 'chair'],
      votes: { yes: 5, no: 0, abstain: 0 },
    }));
    expect(d.errors).toEqual([]);
    expect(d.passed).toBe(true);
  });

  it('TC24 JY N=5, 2 voting members present (2 列席 not counted): not quorate, needs 3', () => {
    const d = evaluateItem(JY, item({ members: 5, present: 2 }));
    expect(d.participants).toBe(2);
    expect(d.quorate).toBe(false);
    expect(d.requiredPresent).toBe(3);
    expect(d.passed).toBeNull();

    // the observers' hands are not votes: only the 2 present members' votes can be recorded
    const voted = evaluateItem(JY, item({ members: 5, present: 2, votes: { yes: 2, no: 0, abstain: 0 } }));
    expect(voted.quorate).toBe(false);
    expect(voted.passed).toBeNull();
  });
});

describe('edge cases the rules imply', () => {
  it('JY-24b votes adding up to more than participants: VOTES_EXCEED_PARTICIPANTS, passed null', () => {
    const d = evaluateItem(JY, item({ members: 7, present: 5, votes: { yes: 4, no: 2, abstain: 0 } }));
    expect(d.errors).toContain('VOTES_EXCEED_PARTICIPANTS');
    expect(d.passed).toBeNull();
  });

  it('A6 votes counted against participants, not present: a recused member cannot vote', () => {
    const d = evaluateItem(JY, item({ members: 7, present: 7, recused: 1, votes: { yes: 5, no: 2, abstain: 0 } }));
    expect(d.participants).toBe(6);
    expect(d.errors).toContain('VOTES_EXCEED_PARTICIPANTS');
    expect(d.passed).toBeNull();
  });

  it('A19 invalid counts throw RangeError (negative, present > members, recused > present)', () => {
    expect(() => evaluateItem(JY, item({ members: -1, present: 0 }))).toThrow(RangeError);
    expect(() => evaluateItem(JY, item({ members: 7, present: -1 }))).toThrow(RangeError);
    expect(() => evaluateItem(JY, item({ members: 7, present: 8 }))).toThrow(RangeError);
    expect(() => evaluateItem(JY, item({ members: 7, present: 5, recused: -1 }))).toThrow(RangeError);
    expect(() => evaluateItem(JY, item({ members: 7, present: 5, votes: { yes: -1, no: 0, abstain: 0 } })))
      .toThrow(RangeError);
  });

  it('A19 the RangeError for present > members names the field', () => {
    expect(() => evaluateItem(JY, item({ members: 7, present: 8 }))).toThrow(/present|members/);
  });

  it('getProfile: unknown override key, invalid override value and unknown profile throw RangeError', () => {
    expect(() => getProfile('JY', { quorumPolicy: 'x' } as unknown as ProfileOverrides)).toThrow(RangeError);
    expect(() => getProfile('JY', { recusal: 'bogus' } as unknown as ProfileOverrides)).toThrow(RangeError);
    expect(() => getProfile('JY', { halfOrMore: 'maybe' } as unknown as ProfileOverrides)).toThrow(RangeError);
    expect(() => getProfile('XX' as ProfileId)).toThrow(RangeError);
  });

  it('getProfile: the default resolutions are in options', () => {
    expect(JY.options.recusal).toBe('stayInDenominator');
    expect(JY.options.halfOrMore).toBe('inclusive');
    expect(JY.options.overlapPolicy).toBe('firstMatch');
    expect(NT.options.noticeCounting).toBe('calendarDate');
    expect(JY.options.holidayRollover).toBe(false);
    expect(getProfile('AJ').options.leaveDayUnit).toBe('workday');
    expect(getProfile('ZY').options.leaveDayUnit).toBe('calendar');
    expect(getProfile('ZY').options.evalOperator).toBe('gt');
    expect(getProfile('ZY').options.countUnknownAsValid).toBe(true);
    expect(JY.options.closeVoteMargin).toBe(1);
    expect(JY.options.reminderLeadDays).toBe(10);
    expect(getProfile('JY', { recusal: 'excludeFromDenominator' }).options.recusal).toBe('excludeFromDenominator');
  });

  it('NAT-ORG MS N=6, 3 present: not quorate (过半数: 6 not > 6), needs 4', () => {
    const d = evaluateItem(MS, item({ members: 6, present: 3 }));
    expect(d.quorate).toBe(false);
    expect(d.requiredPresent).toBe(4);
    expect(d.requiredYes).toBe(4);
  });

  it('NAT-ORG MS has no 2/3 rule: a personnel item of N=7 is quorate with 4', () => {
    const d = evaluateItem(MS, item({ members: 7, present: 4, topicKind: 'personnel', method: 'secret' }));
    expect(d.quorate).toBe(true);
    expect(d.requiredPresent).toBe(4);
  });

  it('NAT-ORG MS passes by a majority of all members, and applies neither chair-last nor CLOSE_VOTE_DEFER', () => {
    const d = evaluateItem(MS, item({
      members: 7, present: 7, topicKind: 'major', method: 'oral', chairId: 'chair',
      order: ['chair', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6'], votes: { yes: 4, no: 3, abstain: 0 },
    }));
    expect(d.errors).not.toContain('CHAIR_MUST_SPEAK_LAST');
    expect(d.flags).not.toContain('CLOSE_VOTE_DEFER');
    expect(d.passed).toBe(true);
    const fail = evaluateItem(MS, item({ members: 7, present: 6, votes: { yes: 3, no: 1, abstain: 2 } }));
    expect(fail.passed).toBe(false);
  });

  it('A6 JY N=6, 6 present, 1 recused, yes=3 no=2: fails under stayInDenominator, passes with base 5; RECUSAL_POLICY_SENSITIVE', () => {
    const input = item({ members: 6, present: 6, recused: 1, votes: { yes: 3, no: 2, abstain: 0 } });
    const stay = evaluateItem(JY, input);
    expect(stay.participants).toBe(5);
    expect(stay.base).toBe(6);
    expect(stay.requiredYes).toBe(4);
    expect(stay.passed).toBe(false);
    expect(stay.flags).toContain('RECUSAL_POLICY_SENSITIVE');

    const excl = evaluateItem(getProfile('JY', { recusal: 'excludeFromDenominator' }), input);
    expect(excl.base).toBe(5);
    expect(excl.requiredYes).toBe(3);
    expect(excl.requiredPresent).toBe(3);
    expect(excl.passed).toBe(true);
    expect(excl.flags).toContain('RECUSAL_POLICY_SENSITIVE');
  });

  it('A6 excludeFromDenominator also lowers the quorum: JY personnel N=7, 7 present, 3 recused, yes=3 no=1', () => {
    const input = item({
      members: 7, present: 7, recused: 3, topicKind: 'personnel', method: 'secret', votes: { yes: 3, no: 1, abstain: 0 },
    });
    const stay = evaluateItem(JY, input);
    expect(stay.participants).toBe(4);
    expect(stay.base).toBe(7);
    expect(stay.requiredPresent).toBe(5); // 3k ≥ 14
    expect(stay.quorate).toBe(false);
    expect(stay.passed).toBeNull();
    expect(stay.flags).toContain('QUORUM_UNREACHABLE'); // 5 > 7 − 3
    expect(stay.flags).toContain('RECUSAL_POLICY_SENSITIVE');

    const excl = evaluateItem(getProfile('JY', { recusal: 'excludeFromDenominator' }), input);
    expect(excl.base).toBe(4);
    expect(excl.requiredPresent).toBe(3); // 3k ≥ 8
    expect(excl.requiredYes).toBe(3);
    expect(excl.quorate).toBe(true);
    expect(excl.passed).toBe(true); // 6 > 4
    expect(excl.flags).not.toContain('QUORUM_UNREACHABLE'); // 3 ≤ 4
    expect(excl.flags).toContain('RECUSAL_POLICY_SENSITIVE');
  });

  it('A5 JY N=6, 3 present, general: quorate only under inclusive 半数以上; HALF_POLICY_SENSITIVE and NO_DECISION_POSSIBLE', () => {
    const inc = evaluateItem(JY, item({ members: 6, present: 3 }));
    expect(inc.quorate).toBe(true);
    expect(inc.requiredPresent).toBe(3);
    expect(inc.requiredYes).toBe(4);
    expect(inc.flags).toContain('HALF_POLICY_SENSITIVE');
    expect(inc.flags).toContain('NO_DECISION_POSSIBLE'); // quorate and 4 > 3

    const exc = evaluateItem(getProfile('JY', { halfOrMore: 'exclusive' }), item({ members: 6, present: 3 }));
    expect(exc.quorate).toBe(false);
    expect(exc.requiredPresent).toBe(4);
    expect(exc.flags).toContain('HALF_POLICY_SENSITIVE');
  });

  it('A5 JY N=7, 4 present: both readings agree, no HALF_POLICY_SENSITIVE', () => {
    const d = evaluateItem(JY, item({ members: 7, present: 4 }));
    expect(d.flags).not.toContain('HALF_POLICY_SENSITIVE');
  });

  it('A6 QUORUM_UNREACHABLE when requiredPresent > members − recused (NT N=6, 3 recused)', () => {
    const d = evaluateItem(NT, item({ members: 6, present: 6, recused: 3 }));
    expect(d.participants).toBe(3);
    expect(d.requiredPresent).toBe(4);
    expect(d.quorate).toBe(false);
    expect(d.flags).toContain('QUORUM_UNREACHABLE');
    expect(d.passed).toBeNull();
  });

  it('A4 JY discipline item needs 2/3 (DEFAULT_ASSUMED); a general item does not', () => {
    const disc = evaluateItem(JY, item({ members: 7, present: 4, topicKind: 'discipline', method: 'secret' }));
    expect(disc.quorate).toBe(false);
    expect(disc.requiredPresent).toBe(5);
    expect(disc.flags).toContain('DEFAULT_ASSUMED');

    const custom = getProfile('JY', { elevatedTopics: ['personnel'] });
    const d = evaluateItem(custom, item({ members: 7, present: 4, topicKind: 'discipline', method: 'secret' }));
    expect(d.quorate).toBe(true);
    expect(d.requiredPresent).toBe(4);
    // personnel stays 2/3 in JY by its own text (JY-23b) whatever elevatedTopics says
    const pers = evaluateItem(custom, item({ members: 7, present: 4, topicKind: 'personnel', method: 'secret' }));
    expect(pers.quorate).toBe(false);
    expect(pers.requiredPresent).toBe(5);
  });

  it('A21 CLOSE_VOTE_DEFER: JY major 4–3 passes with the advisory; not for general items; never at emergencies', () => {
    const major = evaluateItem(JY, item({ members: 7, present: 7, topicKind: 'major', votes: { yes: 4, no: 3, abstain: 0 } }));
    expect(major.passed).toBe(true); // advice never changes passed
    expect(major.flags).toContain('CLOSE_VOTE_DEFER');

    const general = evaluateItem(JY, item({ members: 7, present: 7, votes: { yes: 4, no: 3, abstain: 0 } }));
    expect(general.flags).not.toContain('CLOSE_VOTE_DEFER');

    const emergency = evaluateItem(JY, item({
      members: 7, present: 7, topicKind: 'major', emergency: true, votes: { yes: 4, no: 3, abstain: 0 },
    }));
    expect(emergency.flags).not.toContain('CLOSE_VOTE_DEFER');
    expect(emergency.passed).toBe(true);

    const wide = evaluateItem(JY, item({ members: 7, present: 7, topicKind: 'personnel', method: 'secret', votes: { yes: 5, no: 2, abstain: 0 } }));
    expect(wide.flags).not.toContain('CLOSE_VOTE_DEFER');
    const wider = evaluateItem(getProfile('JY', { closeVoteMargin: 3 }), item({
      members: 7, present: 7, topicKind: 'personnel', method: 'secret', votes: { yes: 5, no: 2, abstain: 0 },
    }));
    expect(wider.flags).toContain('CLOSE_VOTE_DEFER');
  });

  it('A7 written opinions of 0 raise no WRITTEN_OPINIONS_NOT_COUNTED', () => {
    const d = evaluateItem(JY, item({ members: 7, present: 5, votes: { yes: 4, no: 1, abstain: 0 } }));
    expect(d.writtenOpinions).toBe(0);
    expect(d.flags).not.toContain('WRITTEN_OPINIONS_NOT_COUNTED');
  });
});
