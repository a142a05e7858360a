// Leave approval (TC27–TC44) and trips (TC74, TC75).
// TC44's reminder part is in tc-deadlines; its FORM_INCOMPLETE part is a service check.
import { describe, expect, it } from 'vitest';
import { decideLeave, getProfile } from '../../src/rules/index.js';

const AJ = getProfile('AJ');
const ZY = getProfile('ZY');
const JY = getProfile('JY');
const NT = getProfile('NT');

describe('AJ staff leave (AJ-15)', () => {
  it('TC27 AJ staff, 0.5 working day, private: 委室科负责人 approves, filed with 办公室, 销假 the next working day', () => {
    const d = decideLeave(AJ, {
      applicantRole: 'staff', reason: 'private', days: 0.5, start: '2025-06-16', end: '2025-06-16',
    });
    expect(d.approvers).toEqual(['deptHead']);
    expect(d.consent).toEqual([]);
    expect(d.filings).toEqual(['office']);
    expect(d.days).toBe(0.5);
    expect(d.returnBy).toBe('2025-06-17'); // Monday leave → Tuesday
    expect(d.flags).not.toContain('OUT_OF_SCOPE');
    expect(d.flags).not.toContain('MAKEUP_SLIP_REQUIRED');
    expect(d.basis).toContain('AJ-15b');
  });

  it('TC27 (AJ-15c) a leave ending on Friday 2025-06-20 is reported back on Monday 2025-06-23', () => {
    const d = decideLeave(AJ, {
      applicantRole: 'staff', reason: 'private', days: 0.5, start: '2025-06-20', end: '2025-06-20',
    });
    expect(d.approvers).toEqual(['deptHead']);
    expect(d.returnBy).toBe('2025-06-23');
  });

  it('TC28 AJ staff, 1 working day: 委室科负责人, no flag (nested 以内 bands, first match)', () => {
    const d = decideLeave(AJ, { applicantRole: 'staff', reason: 'private', days: 1 });
    expect(d.approvers).toEqual(['deptHead']);
    expect(d.days).toBe(1);
    expect(d.flags).toEqual([]);
  });

  it('TC29 AJ staff, 1.5 working days: 常委会分管副主任', () => {
    const d = decideLeave(AJ, { applicantRole: 'staff', reason: 'private', days: 1.5 });
    expect(d.approvers).toEqual(['deputyInCharge']);
    expect(d.filings).toEqual(['office']);
    expect(d.days).toBe(1.5);
    expect(d.flags).not.toContain('TIER_BOUNDARY_OVERLAP');
  });

  it('TC31 AJ staff, 3.5 and 4 working days: 常委会主任', () => {
    for (const days of [3.5, 4]) {
      const d = decideLeave(AJ, { applicantRole: 'staff', reason: 'sick', days });
      expect(d.approvers).toEqual(['director']);
      expect(d.filings).toEqual(['office']);
      expect(d.days).toBe(days);
      expect(d.flags).not.toContain('TIER_BOUNDARY_OVERLAP');
    }
  });

  it('TC33 AJ 委室科负责人, 2 working days: 分管领导, 主要领导 also accepted, DEFAULT_ASSUMED', () => {
    const d = decideLeave(AJ, { applicantRole: 'deptHead', reason: 'private', days: 2 });
    expect(d.approvers).toEqual(['deputyInCharge']);
    expect(d.alsoAccepted).toEqual(['director']);
    expect(d.flags).toContain('DEFAULT_ASSUMED');
    expect(d.basis).toContain('AJ-15d');
  });

  it('TC34 AJ 县级领导干部, any length: OUT_OF_SCOPE with no approvers', () => {
    for (const days of [0.5, 3, 10]) {
      const d = decideLeave(AJ, { applicantRole: 'countyLeader', reason: 'private', days });
      expect(d.flags).toContain('OUT_OF_SCOPE');
      expect(d.approvers).toEqual([]);
    }
  });

  it('TC35 AJ staff, leave 2025-06-16..20 requested 2025-06-17: MAKEUP_SLIP_REQUIRED, task 补交假条, 销假 Monday 2025-06-23', () => {
    const d = decideLeave(AJ, {
      applicantRole: 'staff', reason: 'private', start: '2025-06-16', end: '2025-06-20', requestedOn: '2025-06-17',
    });
    expect(d.days).toBe(5); // Mon–Fri working days
    expect(d.approvers).toEqual(['director']);
    expect(d.flags).toContain('MAKEUP_SLIP_REQUIRED');
    expect(d.tasks).toContain('补交假条');
    expect(d.returnBy).toBe('2025-06-23');
  });

  it('TC35 a one-day leave on 2025-06-16 logged 2025-06-17 is accepted with 补交假条; 销假 2025-06-17', () => {
    const d = decideLeave(AJ, {
      applicantRole: 'staff', reason: 'private', start: '2025-06-16', end: '2025-06-16', requestedOn: '2025-06-17',
    });
    expect(d.days).toBe(1);
    expect(d.approvers).toEqual(['deptHead']);
    expect(d.flags).toContain('MAKEUP_SLIP_REQUIRED');
    expect(d.tasks).toContain('补交假条');
    expect(d.returnBy).toBe('2025-06-17');
  });

  it('AJ-15a a request logged on or before the start needs no 补交假条', () => {
    for (const requestedOn of ['2025-06-13', '2025-06-16']) {
      const d = decideLeave(AJ, {
        applicantRole: 'staff', reason: 'private', start: '2025-06-16', end: '2025-06-16', requestedOn,
      });
      expect(d.flags).not.toContain('MAKEUP_SLIP_REQUIRED');
      expect(d.tasks).not.toContain('补交假条');
    }
  });
});

describe('ZY county leaders (ZY-JD-4)', () => {
  it('TC36 ZY county member, private, 3 calendar days: 县区委主要负责同志 approves, no filing (tier 1)', () => {
    const d = decideLeave(ZY, { applicantRole: 'countyLeader', reason: 'private', days: 3 });
    expect(d.approvers).toEqual(['countyPrincipal']);
    expect(d.consent).toEqual([]);
    expect(d.filings).toEqual([]);
    expect(d.days).toBe(3);
    expect(d.flags).not.toContain('TIER_BOUNDARY_OVERLAP');
    expect(d.flags).not.toContain('TIER_GAP');
    expect(d.basis).toContain('ZY-JD-4.2d');
  });

  it('TC37 ZY county member, private, 5 days: 县区委主要负责同志 approves, filed with 市委组织部 (tier 2)', () => {
    const d = decideLeave(ZY, { applicantRole: 'countyLeader', reason: 'private', days: 5 });
    expect(d.approvers).toEqual(['countyPrincipal']);
    expect(d.consent).toEqual([]);
    expect(d.filings).toEqual(['cityOrgDept']);
  });

  it('TC37 (A2) ZY counts calendar days, both ends included: 2025-06-16..20 is 5 days, tier 2', () => {
    const d = decideLeave(ZY, { applicantRole: 'countyLeader', reason: 'private', start: '2025-06-16', end: '2025-06-20' });
    expect(d.days).toBe(5);
    expect(d.approvers).toEqual(['countyPrincipal']);
    expect(d.filings).toEqual(['cityOrgDept']);
  });

  it('TC40 ZY county member, private, 8 days: consent of 县区委主要负责同志, 市委分管领导 approves, 市委组织部 filing, no flag', () => {
    const d = decideLeave(ZY, { applicantRole: 'countyLeader', reason: 'private', days: 8 });
    expect(d.consent).toEqual(['countyPrincipal']);
    expect(d.approvers).toEqual(['cityLeaderInCharge']);
    expect(d.filings).toEqual(['cityOrgDept']);
    expect(d.flags).toEqual([]);
  });

  it('TC41 ZY county principal, private, 2 days: 市委主要负责同志 approves, 市委组织部 filing', () => {
    const d = decideLeave(ZY, { applicantRole: 'countyPrincipal', reason: 'private', days: 2 });
    expect(d.approvers).toEqual(['cityPrincipal']);
    expect(d.filings).toEqual(['cityOrgDept']);
    expect(d.basis).toContain('ZY-JD-4.2c');
  });

  it('TC41 no tiers for the county principal: 10 days still goes to 市委主要负责同志', () => {
    const d = decideLeave(ZY, { applicantRole: 'countyPrincipal', reason: 'private', days: 10 });
    expect(d.approvers).toEqual(['cityPrincipal']);
    expect(d.filings).toEqual(['cityOrgDept']);
    expect(d.flags).not.toContain('TIER_GAP');
  });

  it('TC43 ZY 1-day trip to Hong Kong: member needs consent of 县区委主要负责同志 before exit procedures; principal of 市委主要负责同志', () => {
    const member = decideLeave(ZY, { applicantRole: 'countyLeader', reason: 'private', days: 1, scope: 'abroad' });
    expect(member.consent).toContain('countyPrincipal');
    expect(member.flags).toContain('CONSENT_BEFORE_EXIT_PROCEDURES');
    expect(member.basis).toContain('ZY-JD-4.1');

    const principal = decideLeave(ZY, { applicantRole: 'countyPrincipal', reason: 'private', days: 1, scope: 'abroad' });
    expect(principal.consent).toContain('cityPrincipal');
    expect(principal.flags).toContain('CONSENT_BEFORE_EXIT_PROCEDURES');
  });

  it('TC43 出国(境) consent is needed whatever the length and reason (business trip, 10 days)', () => {
    const member = decideLeave(ZY, { applicantRole: 'countyLeader', reason: 'business', kind: 'trip', days: 10, scope: 'abroad' });
    expect(member.consent).toContain('countyPrincipal');
    expect(member.flags).toContain('CONSENT_BEFORE_EXIT_PROCEDURES');
    const principal = decideLeave(ZY, { applicantRole: 'countyPrincipal', reason: 'business', kind: 'trip', days: 10, scope: 'abroad' });
    expect(principal.consent).toContain('cityPrincipal');
    expect(principal.flags).toContain('CONSENT_BEFORE_EXIT_PROCEDURES');
  });
});

describe('trips (JY-11c, AJ-30)', () => {
  it('TC74 JY member trip outside Jiangyin from 2025-05-12: (a) report logged 2025-05-09 is fine; (b) 2025-05-13 → REPORT_AFTER_DEPARTURE', () => {
    const a = decideLeave(JY, {
      kind: 'trip', applicantRole: 'member', reason: 'business', scope: 'outsideCity',
      start: '2025-05-12', end: '2025-05-14', requestedOn: '2025-05-09',
    });
    expect(a.reportTo).toBe('chair');
    expect(a.flags).not.toContain('REPORT_AFTER_DEPARTURE');
    expect(a.flags).not.toContain('OUT_OF_SCOPE');
    expect(a.filings).toEqual(['office']);
    expect(a.flags).toContain('DEFAULT_ASSUMED');
    expect(a.basis).toContain('JY-11c');

    const b = decideLeave(JY, {
      kind: 'trip', applicantRole: 'member', reason: 'business', scope: 'outsideCity',
      start: '2025-05-12', end: '2025-05-14', requestedOn: '2025-05-13',
    });
    expect(b.reportTo).toBe('chair');
    expect(b.flags).toContain('REPORT_AFTER_DEPARTURE');
  });

  it('TC75 AJ staff business trip: (a) in the district → 分管领导; (b) outside → 常委会主任', () => {
    const a = decideLeave(AJ, { kind: 'trip', applicantRole: 'staff', reason: 'business', scope: 'inDistrict', days: 1 });
    expect(a.approvers).toEqual(['deputyInCharge']);
    expect(a.flags).not.toContain('OUT_OF_SCOPE');
    expect(a.basis).toContain('AJ-30');

    const b = decideLeave(AJ, { kind: 'trip', applicantRole: 'staff', reason: 'business', scope: 'outsideDistrict', days: 1 });
    expect(b.approvers).toEqual(['director']);
    expect(b.basis).toContain('AJ-30');
  });
});

describe('edge cases the rules imply', () => {
  it('A1 AJ staff, exactly 3 working days: first match gives 分管副主任 with TIER_BOUNDARY_OVERLAP; "higher" gives 主任', () => {
    const first = decideLeave(AJ, { applicantRole: 'staff', reason: 'private', days: 3 });
    expect(first.approvers).toEqual(['deputyInCharge']);
    expect(first.flags).toContain('TIER_BOUNDARY_OVERLAP');

    const higher = decideLeave(getProfile('AJ', { overlapPolicy: 'higher' }), { applicantRole: 'staff', reason: 'private', days: 3 });
    expect(higher.approvers).toEqual(['director']);
    expect(higher.flags).toContain('TIER_BOUNDARY_OVERLAP');
  });

  it('A2 AJ leave Fri 2025-06-20 to Mon 2025-06-23: 2 working days (分管副主任), 4 calendar days would go to 主任 → LEAVE_UNIT_SENSITIVE', () => {
    const d = decideLeave(AJ, { applicantRole: 'staff', reason: 'private', start: '2025-06-20', end: '2025-06-23' });
    expect(d.days).toBe(2);
    expect(d.approvers).toEqual(['deputyInCharge']);
    expect(d.flags).toContain('LEAVE_UNIT_SENSITIVE');
    expect(d.returnBy).toBe('2025-06-24');

    const cal = decideLeave(getProfile('AJ', { leaveDayUnit: 'calendar' }), {
      applicantRole: 'staff', reason: 'private', start: '2025-06-20', end: '2025-06-23',
    });
    expect(cal.days).toBe(4);
    expect(cal.approvers).toEqual(['director']);
    expect(cal.flags).toContain('LEAVE_UNIT_SENSITIVE');
  });

  it('A2 AJ days given explicitly win over start/end', () => {
    const d = decideLeave(AJ, { applicantRole: 'staff', reason: 'private', days: 0.5, start: '2025-06-16', end: '2025-06-20' });
    expect(d.days).toBe(0.5);
    expect(d.approvers).toEqual(['deptHead']);
  });

  it('A3 ZY 7.5 days falls in the gap between 7 and 8: tier 3 with TIER_GAP', () => {
    const d = decideLeave(ZY, { applicantRole: 'countyLeader', reason: 'private', days: 7.5 });
    expect(d.consent).toEqual(['countyPrincipal']);
    expect(d.approvers).toEqual(['cityLeaderInCharge']);
    expect(d.filings).toEqual(['cityOrgDept']);
    expect(d.flags).toContain('TIER_GAP');
  });

  it('A3 ZY exactly 7 days is tier 2, no flag of the tier table', () => {
    const d = decideLeave(ZY, { applicantRole: 'countyLeader', reason: 'private', days: 7 });
    expect(d.approvers).toEqual(['countyPrincipal']);
    expect(d.filings).toEqual(['cityOrgDept']);
    expect(d.flags).not.toContain('TIER_GAP');
    expect(d.flags).not.toContain('TIER_BOUNDARY_OVERLAP');
  });

  it('A16 ZY county member business trip from 2025-06-20: report by 2025-06-17 to the county principal; 06-18 is late', () => {
    const late = decideLeave(ZY, {
      kind: 'trip', applicantRole: 'countyLeader', reason: 'business', scope: 'outsideCity',
      start: '2025-06-20', end: '2025-06-21', requestedOn: '2025-06-18',
    });
    expect(late.reportTo).toBe('countyPrincipal');
    expect(late.reportBy).toBe('2025-06-17');
    expect(late.approvers).toEqual([]);
    expect(late.flags).toContain('LATE_ADVANCE_REPORT');

    const onTime = decideLeave(ZY, {
      kind: 'trip', applicantRole: 'countyLeader', reason: 'business', scope: 'outsideCity',
      start: '2025-06-20', end: '2025-06-21', requestedOn: '2025-06-17',
    });
    expect(onTime.reportBy).toBe('2025-06-17');
    expect(onTime.flags).not.toContain('LATE_ADVANCE_REPORT');
  });

  it('NT-3.5c NT member asking to miss a meeting: the chair approves, by NT text (no DEFAULT_ASSUMED)', () => {
    const d = decideLeave(NT, { applicantRole: 'member', reason: 'private' });
    expect(d.approvers).toEqual(['chair']);
    expect(d.flags).not.toContain('DEFAULT_ASSUMED');
    expect(d.flags).not.toContain('OUT_OF_SCOPE');
    expect(d.basis).toContain('NT-3.5c');
  });

  it('JY-23c JY member asking to miss a meeting: the chair approves, DEFAULT_ASSUMED', () => {
    const d = decideLeave(JY, { kind: 'meetingAbsence', applicantRole: 'member', reason: 'sick' });
    expect(d.approvers).toEqual(['chair']);
    expect(d.flags).toContain('DEFAULT_ASSUMED');
  });

  it('ZY-JD-4 AJ-style staff leave is not regulated by ZY: OUT_OF_SCOPE with empty approvers', () => {
    const d = decideLeave(ZY, { applicantRole: 'staff', reason: 'private', days: 1 });
    expect(d.flags).toContain('OUT_OF_SCOPE');
    expect(d.approvers).toEqual([]);
  });
});
