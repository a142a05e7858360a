import { describe, expect, it } from 'vitest';
import { getProfile } from '../../src/rules/index.js';
import { approverRolesOf } from '../../cards/setup-card.js';
import { elevatedKinds, profileRuleLines, quorumFor, quorumWords, thresholdWords } from '../../cards/rule-text.js';

const line = (id: Parameters<typeof getProfile>[0], label: string, overrides = {}) =>
  profileRuleLines(getProfile(id, overrides)).find((l) => l.label === label);

describe('rule wording', () => {
  it('以上 includes the number, 超过 does not', () => {
    expect(thresholdWords({ fraction: { p: 1, q: 2 }, inclusive: true })).toBe('半数以上');
    expect(thresholdWords({ fraction: { p: 1, q: 2 }, inclusive: false })).toBe('超过半数');
    expect(thresholdWords({ fraction: { p: 2, q: 3 }, inclusive: true })).toBe('三分之二以上');
    expect(thresholdWords({ fraction: { p: 3, q: 5 }, inclusive: true })).toBe('5分之3以上');
  });

  it('each profile says what its text says', () => {
    expect(line('JY', '法定人数')).toMatchObject({ text: '半数以上成员到会方可举行', basis: expect.arrayContaining(['JY-23a']) as unknown });
    expect(line('NT', '法定人数')?.text).toBe('三分之二以上成员到会方可举行');
    expect(line('JY', '表决通过')?.text).toBe('赞成票超过应到会成员半数为通过');
    expect(line('NT', '会议通知')).toMatchObject({ text: '须于会前 2 日通知', basis: expect.arrayContaining(['NT-3.4b']) as unknown });
    expect(line('JY', '会议通知')?.text).toBe('规则未规定提前通知的时间');
    expect(line('NT', '异议')?.text).toContain('会前 1 日');
    expect(line('ZY', '民主测评')?.text).toContain('超过三分之一');
    for (const id of ['NATIONAL', 'JY', 'NT', 'MS', 'ZY', 'AJ'] as const) {
      for (const l of profileRuleLines(getProfile(id))) expect(new Set(l.basis).size).toBe(l.basis.length);
    }
  });

  it('a body reading 半数以上 as excluding half sees 超过半数 (A5)', () => {
    const profile = getProfile('JY', { halfOrMore: 'exclusive' });
    expect(quorumWords(profile, profile.meeting.generalQuorum)).toBe('超过半数');
    expect(line('JY', '法定人数', { halfOrMore: 'exclusive' })?.text).toBe('超过半数成员到会方可举行');
  });

  it('elevated kinds follow the option where the profile lets them', () => {
    const jy = getProfile('JY', { elevatedTopics: ['personnel'] });
    expect(elevatedKinds(jy)).toContain('personnel');
    expect(quorumFor(jy, 'personnel')).toBe(jy.meeting.elevatedQuorum);
    expect(quorumFor(jy, 'general')).toBe(jy.meeting.generalQuorum);
  });

  it('the setup card asks for the approver roles the profile uses, never for the 书记 twice', () => {
    expect(approverRolesOf(getProfile('AJ'))).toEqual(['deptHead', 'deputyInCharge', 'director']);
    expect(approverRolesOf(getProfile('JY'))).toEqual([]);
    for (const id of ['NATIONAL', 'JY', 'NT', 'MS', 'ZY', 'AJ'] as const) expect(approverRolesOf(getProfile(id))).not.toContain('chair');
  });
});
