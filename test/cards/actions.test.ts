import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ACTION_NAMES, ActionSchema, approverField, DutyRecordFormSchema, FORM_FIELDS, GeneralLeaveFormSchema, MeetingLeaveFormSchema,
  MinutesTaskFormSchema, opinionField, SetupFormSchema, TopicReturnFormSchema,
} from '../../cards/actions.js';
import { buildEveryCard } from './fixtures.js';
import { callbackValues } from './walk.js';

const emitted = buildEveryCard('all').flatMap((c) => callbackValues(c.card));

describe('the actions union', () => {
  it('names every action once, as <noun>.<verb>', () => {
    expect(new Set(ACTION_NAMES).size).toBe(ACTION_NAMES.length);
    for (const name of ACTION_NAMES) expect(name).toMatch(/^[a-z][A-Za-z]*\.[a-z][A-Za-z]*$/);
    for (const name of ['setup.save', 'topic.confirm', 'meeting.sendNotice', 'leave.submit', 'generalLeave.return', 'signIn.signIn', 'ballot.cast', 'evaluation.cast', 'minutes.signOff', 'task.done', 'duty.record']) {
      expect(ACTION_NAMES).toContain(name);
    }
  });

  it('parses every value a card emits, unchanged', () => {
    expect(emitted.length).toBeGreaterThan(20);
    for (const v of emitted) expect(ActionSchema.parse(v)).toEqual(v);
  });

  it('refuses random objects (fast-check)', () => {
    fc.assert(fc.property(fc.object(), (o) => {
      expect(ActionSchema.safeParse(o).success).toBe(false);
    }), { numRuns: 500 });
  });

  it('refuses an emitted value with any one field changed, dropped or added (fast-check)', () => {
    const value = fc.constantFrom(...emitted);
    const junk = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.object());
    fc.assert(fc.property(value, fc.nat(), junk, (v, pick, bad) => {
      const keys = Object.keys(v);
      const key = keys[pick % keys.length]!;
      const { [key]: _dropped, ...without } = v;
      expect(ActionSchema.safeParse(without).success).toBe(false);
      expect(ActionSchema.safeParse({ ...v, extra: bad }).success).toBe(false);
      // An action name that is not in the union, or an id with characters ids never have.
      if (key === 'a') expect(ActionSchema.safeParse({ ...v, a: `${String(v.a)}x` }).success).toBe(false);
      else if (typeof v[key] === 'string') expect(ActionSchema.safeParse({ ...v, [key]: `${String(v[key])} <at id=all>` }).success).toBe(false);
    }), { numRuns: 300 });
  });

  it('carries no names or free text: every string in a value is an id, an action name or the button\'s own choice', () => {
    for (const v of emitted) {
      for (const [k, x] of Object.entries(v)) {
        if (typeof x === 'string') expect(`${k}=${x}`).toMatch(/^[a-z]=[A-Za-z0-9_.-]+$/);
      }
    }
  });
});

describe('form payloads', () => {
  it('setup: profile, people and the approvers of each role; blanks mean "unchanged"', () => {
    const S = FORM_FIELDS.setup;
    const parsed = SetupFormSchema.parse({
      [S.profile]: 'AJ', [S.chair]: 'ou_1', [S.viceChair]: [], [S.clerk]: ['ou_2'], [approverField('deptHead')]: ['ou_3', 'ou_4'],
    });
    expect(parsed).toEqual({ profile: 'AJ', chair: 'ou_1', viceChairs: [], clerks: ['ou_2'], observers: [], approvers: { deptHead: ['ou_3', 'ou_4'] } });
    expect(SetupFormSchema.safeParse({ [S.profile]: 'XX' }).success).toBe(false);
    expect(SetupFormSchema.safeParse({ [S.profile]: 'JY', [approverField('deptHead').replace('deptHead', 'king')]: ['ou_1'] }).success).toBe(false);
    expect(SetupFormSchema.safeParse({ [S.profile]: 'JY', [S.chair]: ['ou_1'] }).success).toBe(false);
  });

  it('meeting leave: a reason is required; written opinions are collected per topic, blanks left out', () => {
    const parsed = MeetingLeaveFormSchema.parse({ reason: ' 外出学习 ', [opinionField('t1')]: '同意', [opinionField('t2')]: '  ' });
    expect(parsed).toEqual({ reason: '外出学习', writtenOpinions: [{ topicId: 't1', text: '同意' }] });
    expect(MeetingLeaveFormSchema.safeParse({ reason: '' }).success).toBe(false);
    expect(MeetingLeaveFormSchema.safeParse({ reason: 'x', [opinionField('bad id')]: '同意' }).success).toBe(false);
  });

  it('general leave: picked dates with their offset, in order, and a known type', () => {
    const F = FORM_FIELDS.generalLeave;
    const ok = { [F.start]: '2026-12-10 +0800', [F.end]: '2026-12-12 +0800', [F.kind]: 'sick', [F.reason]: '发烧' };
    expect(GeneralLeaveFormSchema.parse(ok)).toEqual({ start: '2026-12-10', end: '2026-12-12', reason: 'sick', reasonText: '发烧' });
    expect(GeneralLeaveFormSchema.safeParse({ ...ok, [F.end]: '2026-12-09 +0800' }).success).toBe(false);
    expect(GeneralLeaveFormSchema.safeParse({ ...ok, [F.start]: '2026-02-30 +0800' }).success).toBe(false);
    expect(GeneralLeaveFormSchema.safeParse({ ...ok, [F.kind]: 'holiday' }).success).toBe(false);
  });

  it('topic return needs a reason; a duty needs a real date', () => {
    expect(TopicReturnFormSchema.safeParse({ reason: '   ' }).success).toBe(false);
    expect(TopicReturnFormSchema.parse({ reason: '材料不全' })).toEqual({ reason: '材料不全' });
    expect(DutyRecordFormSchema.parse({ date: '2026-12-01 +0800' })).toEqual({ date: '2026-12-01' });
    expect(DutyRecordFormSchema.safeParse({ date: '12月1日' }).success).toBe(false);
    expect(MinutesTaskFormSchema.parse({ owner: 'ou_abc', due: '2026-12-20 +0800' })).toEqual({ ownerOpenId: 'ou_abc', due: '2026-12-20' });
    for (const bad of [{ owner: 'ou_abc' }, { due: '2026-12-20' }, { owner: 'ou_abc', due: '2026-02-30' }, { owner: '<at id=all>', due: '2026-12-20' }, { owner: 'ou_abc', due: '12月20日' }]) {
      expect(MinutesTaskFormSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
