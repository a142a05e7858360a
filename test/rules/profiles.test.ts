import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  RULE_IDS, duties, getProfile, isKnownRuleId, listProfiles, type Profile, type ProfileId,
} from '../../src/rules/index.js';

const seedDir = fileURLToPath(new URL('../../docs/seeds/', import.meta.url));
const seedText = (file: string): string => readFileSync(`${seedDir}${file}`, 'utf8');

/** Every `basis` array anywhere inside a value, with the path that leads to it. */
function citations(value: unknown, path = ''): [string, unknown[]][] {
  if (Array.isArray(value) || typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]): [string, unknown[]][] => {
    const here = path ? `${path}.${key}` : key;
    if (key === 'basis' && Array.isArray(inner)) return [[here, inner as unknown[]]];
    if (Array.isArray(inner)) return inner.flatMap((item, i) => citations(item, `${here}[${i}]`));
    return citations(inner, here);
  });
}

/** The rule data of a profile: everything but identity and the body's options. */
function ruleData(profile: Profile): Record<string, unknown> {
  const { meeting, notice, leave, evaluation, lifeMeeting, emergencyReport } = profile;
  return { meeting, notice, leave, evaluation, lifeMeeting, emergencyReport };
}

const SEED_PREFIX: Record<string, string> = { JY: '000_', NT: '001_', MS: '002_', ZY: '003_', AJ: '004_' };

describe('profiles cite existing rule ids', () => {
  it.each(listProfiles().map((p) => [p.id, p] as const))('%s: every basis is a non-empty list of known rule ids', (_id, profile) => {
    const found = citations(ruleData(profile));
    expect(found.length).toBeGreaterThan(5);
    for (const [path, basis] of found) {
      expect(basis.length, path).toBeGreaterThan(0);
      for (const id of basis) expect(isKnownRuleId(String(id)), `${path}: ${String(id)}`).toBe(true);
    }
  });

  it.each(listProfiles().map((p) => [p.id, p] as const))('%s: every rule object that is not null carries a basis', (_id, profile) => {
    const { meeting } = profile;
    const pieces = [meeting.generalQuorum, meeting.pass, meeting.writtenOpinions, meeting.recusal, meeting.emergency, meeting.textElevatedTopics,
      profile.evaluation, profile.leave.makeUpSlip, profile.leave.dayUnit];
    for (const piece of pieces) expect(piece.basis.length).toBeGreaterThan(0);
  });

  it.each(listProfiles().map((p) => [p.id, p] as const))('%s: every duty cites a seed or national rule id', (_id, profile) => {
    const list = duties(profile);
    expect(list.length).toBeGreaterThan(0);
    expect(new Set(list.map((d) => d.id)).size).toBe(list.length);
    for (const duty of list) {
      expect(duty.basis.some((id) => RULE_IDS[id]?.source !== 'AMBIGUITY' && isKnownRuleId(id)), duty.id).toBe(true);
      for (const id of duty.basis) expect(isKnownRuleId(id), `${duty.id}: ${id}`).toBe(true);
    }
  });

  it('every seed rule id quotes its seed document word for word', () => {
    const seeds = readdirSync(seedDir);
    const seedRules = Object.entries(RULE_IDS).filter(([, entry]) => entry.quote !== undefined);
    expect(seedRules.length).toBeGreaterThan(60);
    for (const [id, entry] of seedRules) {
      const file = seeds.find((name) => name.startsWith(SEED_PREFIX[entry.source] ?? '?'));
      expect(file, id).toBeDefined();
      expect(seedText(file!).includes(entry.quote!), `${id}: ${entry.quote!}`).toBe(true);
    }
  });

  it('every seed profile names its seed document, which is in docs/seeds', () => {
    const seeds = readdirSync(seedDir);
    for (const profile of listProfiles()) {
      if (profile.id === 'NATIONAL') {
        expect(profile.sourceSeed).toBeNull();
        expect(profile.basedOn).toBeNull();
      } else {
        expect(seeds).toContain(profile.sourceSeed);
        expect(profile.sourceSeed?.startsWith(SEED_PREFIX[profile.id] ?? '?')).toBe(true);
        expect(profile.basedOn).toBe('NATIONAL');
      }
    }
  });
});

describe('profiles: a national floor that seeds only tighten', () => {
  const national = getProfile('NATIONAL');
  const ids: ProfileId[] = ['JY', 'NT', 'ZY', 'AJ'];

  it.each(ids)('%s party body: quorum and pass rule are at least as strict as the national text', (id) => {
    const profile = getProfile(id);
    const { generalQuorum, pass } = profile.meeting;
    const natQuorum = national.meeting.generalQuorum.fraction;
    expect(generalQuorum.fraction.p * natQuorum.q).toBeGreaterThanOrEqual(natQuorum.p * generalQuorum.fraction.q);
    expect(pass.fraction).toEqual(national.meeting.pass.fraction);
    expect(pass.inclusive).toBe(false);
    expect(profile.meeting.chairLast).not.toBeNull();
    expect(profile.meeting.adHoc).not.toBeNull();
  });

  it('NT needs two thirds for every item, JY / ZY / NATIONAL / AJ for personnel by their own or the national text', () => {
    expect(getProfile('NT').meeting.generalQuorum.fraction).toEqual({ p: 2, q: 3 });
    for (const id of ['JY', 'ZY', 'NATIONAL', 'AJ'] as const) {
      expect(getProfile(id).meeting.textElevatedTopics.topics).toContain('personnel');
    }
  });

  it('the default resolutions hold, with AJ counting working days', () => {
    expect(getProfile('JY').options).toEqual({
      recusal: 'stayInDenominator', overlapPolicy: 'firstMatch', halfOrMore: 'inclusive', noticeCounting: 'calendarDate',
      holidayRollover: false, leaveDayUnit: 'calendar', evalOperator: 'gt', countUnknownAsValid: true, closeVoteMargin: 1,
      elevatedTopics: ['personnel', 'discipline', 'major'], chairLastMethods: ['oral', 'hands', 'named'],
      reminderLeadDays: 10, lifeMeetingPreReportDays: 15, lifeMeetingReportDays: 15,
    });
    expect(getProfile('AJ').options.leaveDayUnit).toBe('workday');
    expect(getProfile('ZY').options.leaveDayUnit).toBe('calendar');
  });

  it('lists six profiles, NATIONAL first, with Chinese names and effective dates', () => {
    const all = listProfiles();
    expect(all.map((p) => p.id)).toEqual(['NATIONAL', 'JY', 'NT', 'MS', 'ZY', 'AJ']);
    for (const p of all) {
      expect(p.name).toMatch(/[\u4e00-\u9fff]/);
      expect(p.effectiveFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(getProfile('JY').effectiveFrom).toBe('2017-01-18');
  });
});

describe('profile overrides', () => {
  it('applies a body\'s own choices and leaves the rest at their defaults', () => {
    const profile = getProfile('AJ', { overlapPolicy: 'higher', reminderLeadDays: 5 });
    expect(profile.options.overlapPolicy).toBe('higher');
    expect(profile.options.reminderLeadDays).toBe(5);
    expect(profile.options.recusal).toBe('stayInDenominator');
  });

  it('returns frozen profiles that one body cannot change for another', () => {
    const first = getProfile('JY');
    expect(Object.isFrozen(first.options.elevatedTopics)).toBe(true);
    expect(() => { (first.options.elevatedTopics as string[]).push('general'); }).toThrow(TypeError);
    expect(getProfile('JY').options.elevatedTopics).toEqual(['personnel', 'discipline', 'major']);
  });

  it.each([
    [{ quorum: 'half' }, 'overrides.quorum'],
    [{ recusal: 'sometimes' }, 'overrides.recusal'],
    [{ closeVoteMargin: -1 }, 'overrides.closeVoteMargin'],
    [{ closeVoteMargin: 1.5 }, 'overrides.closeVoteMargin'],
    [{ elevatedTopics: ['budget'] }, 'overrides.elevatedTopics'],
    [{ chairLastMethods: 'oral' }, 'overrides.chairLastMethods'],
    [{ holidayRollover: 'yes' }, 'overrides.holidayRollover'],
    [{ reminderLeadDays: Number.NaN }, 'overrides.reminderLeadDays'],
  ])('refuses %j with a RangeError naming %s', (overrides, field) => {
    expect(() => getProfile('JY', overrides as never)).toThrow(RangeError);
    expect(() => getProfile('JY', overrides as never)).toThrow(field);
  });

  it('refuses an unknown profile id', () => {
    expect(() => getProfile('SH' as ProfileId)).toThrow(RangeError);
  });
});
