/**
 * The six profiles as data. NATIONAL is the floor (党组工作条例); each seed profile layers on it and
 * may only tighten it. Every piece cites its rule ids.
 */
import type { LeaveBand, LeaveRoute, LeaveRules, MeetingRules, NoticeRules, Profile } from './profile.js';
import type { ApproverRole, FilingTarget, Fraction, ProfileId, Threshold } from './types.js';

const HALF: Fraction = { p: 1, q: 2 };
const TWO_THIRDS: Fraction = { p: 2, q: 3 };
const ONE_THIRD: Fraction = { p: 1, q: 3 };

const halfOrMore = (basis: string[]): Threshold => ({ fraction: HALF, inclusive: true, halfOrMoreText: true, basis });
const moreThanHalf = (basis: string[]): Threshold => ({ fraction: HALF, inclusive: false, halfOrMoreText: false, basis });
const twoThirdsOrMore = (basis: string[]): Threshold => ({ fraction: TWO_THIRDS, inclusive: true, halfOrMoreText: false, basis });

const route = (approvers: ApproverRole[], filings: FilingTarget[] = [], consent: ApproverRole[] = [], alsoAccepted: ApproverRole[] = []): LeaveRoute =>
  ({ approvers, consent, filings, alsoAccepted });
const band = (words: LeaveBand['words'], days: number, r: LeaveRoute, basis: string[]): LeaveBand => ({ words, days, route: r, basis });

const nationalMeeting: MeetingRules = {
  body: 'partyGroup',
  generalQuorum: halfOrMore(['NAT-PG-26', 'NAT-PG-2019']),
  elevatedQuorum: twoThirdsOrMore(['NAT-PG-26', 'NAT-PG-2019']),
  textElevatedTopics: { topics: ['personnel'], basis: ['NAT-PG-26'] },
  usesElevatedTopicsOption: true,
  pass: moreThanHalf(['NAT-PG-27']),
  chairLast: { basis: ['NAT-PG-27', 'NAT-PG-2019', 'A8'] },
  adHoc: { policy: 'flag', basis: ['NAT-PG-25'] },
  writtenOpinions: { basis: ['NAT-PG-27', 'A7'] },
  recusal: { basis: ['NAT-PG-26', 'A6'] },
  closeVote: { basis: ['NAT-PC-17', 'A21'] },
  reconsider: { chairConsent: true, personnelMajority: true, basis: ['NAT-PG-25', 'NAT-SEL', 'A21'] },
  emergency: { textual: false, basis: ['A20'] },
};

const noNotice: NoticeRules = { notice: null, objection: null };

const noLeaveRules: LeaveRules = {
  memberAbsence: null, staffBands: null, deptHeadBands: null, officeTrips: null, countyLeaderBands: null,
  countyPrincipalLeave: null, advanceReport: null, abroadConsent: null, outsideCityTrip: null,
  outOfScopeBasis: [], makeUpSlip: { basis: ['AJ-15a'] }, returnReport: null, dayUnit: { basis: ['A2'] }, formRequired: null,
};

const partyGroupLeave: LeaveRules = {
  ...noLeaveRules, memberAbsence: { assumed: true, basis: ['NAT-PG-26'] }, makeUpSlip: { basis: ['NAT-PG-26'] },
};

const national: Omit<Profile, 'options'> = {
  id: 'NATIONAL', name: '党组(全国《中国共产党党组工作条例》)', sourceSeed: null, effectiveFrom: '2019-04-06', basedOn: null,
  meeting: nationalMeeting,
  notice: noNotice,
  leave: partyGroupLeave,
  minutes: { chairOnly: false, basis: ['NAT-PG-27'] },
  evaluation: { threshold: null, basis: ['NAT-PG-2019'] },
  lifeMeeting: { report: { assumed: true, basis: ['NAT-DSH', 'A11'] }, preReport: null },
  emergencyReport: null,
};

const jiangyin: Omit<Profile, 'options'> = {
  ...national,
  id: 'JY', name: '江阴市人大常委会党组', sourceSeed: '000_b4dcb8677ea97559.txt', effectiveFrom: '2017-01-18', basedOn: 'NATIONAL',
  meeting: {
    ...nationalMeeting,
    generalQuorum: halfOrMore(['JY-23a']),
    elevatedQuorum: twoThirdsOrMore(['JY-23b']),
    textElevatedTopics: { topics: ['personnel'], basis: ['JY-23b'] },
    pass: moreThanHalf(['JY-24b']),
    chairLast: { basis: ['JY-24d', 'NAT-PG-2019', 'A8'] },
    adHoc: { policy: 'flag', basis: ['JY-22'] },
    writtenOpinions: { basis: ['JY-23c', 'JY-24c', 'A7'] },
    recusal: { basis: ['JY-23d', 'A6'] },
  },
  leave: {
    ...partyGroupLeave,
    memberAbsence: { assumed: true, basis: ['JY-23c'] },
    makeUpSlip: { basis: ['JY-23c'] },
    outsideCityTrip: { assumedFiling: true, basis: ['JY-11c', 'A24'] },
  },
  minutes: { chairOnly: true, basis: ['JY-27'] },
  evaluation: { threshold: null, basis: ['JY-35'] },
  lifeMeeting: { report: { assumed: false, basis: ['JY-12d', 'A10'] }, preReport: null },
};

const nantong: Omit<Profile, 'options'> = {
  ...national,
  id: 'NT', name: '南通市住房保障和房产管理局党组', sourceSeed: '001_b1c76b0e781a5db3.txt', effectiveFrom: '2017-10-23', basedOn: 'NATIONAL',
  meeting: {
    ...nationalMeeting,
    generalQuorum: twoThirdsOrMore(['NT-3.5b']),
    elevatedQuorum: null,
    textElevatedTopics: { topics: [], basis: ['NT-3.5b'] },
    usesElevatedTopicsOption: false,
    pass: moreThanHalf(['NT-3.6b']),
    chairLast: { basis: ['NAT-PG-27', 'NAT-PG-2019', 'A8'] },
    adHoc: { policy: 'forbid', basis: ['NT-3.4a', 'NT-2.5'] },
    writtenOpinions: { basis: ['NT-3.5c', 'A7'] },
    closeVote: { basis: ['NT-3.6d', 'NAT-PC-17', 'A21'] },
    reconsider: { chairConsent: true, personnelMajority: true, basis: ['NT-3.9', 'NAT-SEL'] },
    emergency: { textual: true, basis: ['NT-3.4d', 'A20'] },
  },
  notice: {
    notice: { days: 2, assumed: false, basis: ['NT-3.4b', 'A9'] },
    objection: { days: 1, assumed: false, basis: ['NT-3.4c', 'A9'] },
  },
  leave: { ...partyGroupLeave, memberAbsence: { assumed: false, basis: ['NT-3.5c'] }, makeUpSlip: { basis: ['NT-3.5c'] } },
  evaluation: { threshold: null, basis: ['NT-4.4'] },
  lifeMeeting: {
    report: { assumed: true, basis: ['NT-4.3', 'A11'] },
    preReport: { assumed: true, basis: ['NT-4.1', 'A11'] },
  },
};

const mingshan: Omit<Profile, 'options'> = {
  ...national,
  id: 'MS', name: '明山区人大常委会', sourceSeed: '002_2a5a24568bdfa34f.txt', effectiveFrom: '2020-07-24', basedOn: 'NATIONAL',
  meeting: {
    body: 'npcStandingCommittee',
    generalQuorum: moreThanHalf(['NAT-ORG-51', 'MS-7']),
    elevatedQuorum: null,
    textElevatedTopics: { topics: [], basis: ['NAT-ORG-51'] },
    usesElevatedTopicsOption: false,
    pass: moreThanHalf(['NAT-ORG-51']),
    chairLast: null,
    adHoc: null,
    writtenOpinions: { basis: ['NAT-NPCSC', 'A7'] },
    recusal: { basis: ['A6'] },
    closeVote: null,
    reconsider: { chairConsent: false, personnelMajority: false, basis: ['NAT-NPCSC'] },
    emergency: { textual: false, basis: ['A20'] },
  },
  notice: { notice: { days: 7, assumed: true, basis: ['NAT-NPCSC'] }, objection: null },
  leave: { ...noLeaveRules, outOfScopeBasis: ['MS-7'], makeUpSlip: { basis: ['NAT-NPCSC'] } },
  evaluation: { threshold: null, basis: ['MS-5a'] },
  lifeMeeting: { report: null, preReport: null },
};

const zhangye: Omit<Profile, 'options'> = {
  ...national,
  id: 'ZY', name: '张掖市、县区党委常委会', sourceSeed: '003_8a95763c26eca595.txt', effectiveFrom: '2009-09-02', basedOn: 'NATIONAL',
  meeting: {
    ...nationalMeeting,
    body: 'partyCommittee',
    generalQuorum: halfOrMore(['NAT-LC']),
    elevatedQuorum: twoThirdsOrMore(['NAT-LC']),
    textElevatedTopics: { topics: ['personnel'], basis: ['NAT-LC'] },
    pass: moreThanHalf(['NAT-LC']),
    chairLast: { basis: ['NAT-SEL', 'A8'] },
    adHoc: { policy: 'flag', basis: ['NAT-LC'] },
    writtenOpinions: { basis: ['NAT-LC', 'A7'] },
    recusal: { basis: ['NAT-LC', 'A6'] },
  },
  leave: {
    ...noLeaveRules,
    countyLeaderBands: [
      band('within', 3, route(['countyPrincipal']), ['ZY-JD-4.2d']),
      band('within', 7, route(['countyPrincipal'], ['cityOrgDept']), ['ZY-JD-4.2d']),
      band('orMore', 8, route(['cityLeaderInCharge'], ['cityOrgDept'], ['countyPrincipal']), ['ZY-JD-4.2d']),
    ],
    countyPrincipalLeave: { route: route(['cityPrincipal'], ['cityOrgDept']), basis: ['ZY-JD-4.2c'] },
    advanceReport: { days: 3, basis: ['ZY-JD-4.2a', 'A16'] },
    abroadConsent: { basis: ['ZY-JD-4.1'] },
    outOfScopeBasis: ['ZY-JD-4'],
    returnReport: { basis: ['ZY-JD-4'] },
    makeUpSlip: { basis: ['ZY-JD-4.2b'] },
    formRequired: { basis: ['ZY-JD-4.3a'] },
    dayUnit: { basis: ['A2'] },
  },
  evaluation: { threshold: ONE_THIRD, basis: ['ZY-JD-1b', 'A15'] },
  lifeMeeting: { report: { assumed: true, basis: ['ZY-JD-5', 'A11'] }, preReport: null },
  emergencyReport: { hours: 2, basis: ['ZY-BG-2', 'A17'] },
};

const anju: Omit<Profile, 'options'> = {
  ...national,
  id: 'AJ', name: '安居区人大常委会机关', sourceSeed: '004_cb3f54d61513015c.txt', effectiveFrom: '2018-03-14', basedOn: 'NATIONAL',
  leave: {
    ...partyGroupLeave,
    staffBands: [
      band('within', 1, route(['deptHead'], ['office']), ['AJ-15b']),
      band('within', 3, route(['deputyInCharge'], ['office']), ['AJ-15b']),
      band('orMore', 3, route(['director'], ['office']), ['AJ-15b']),
    ],
    deptHeadBands: [
      band('within', 3, route(['deputyInCharge'], ['office'], [], ['director']), ['AJ-15d', 'A23']),
      band('orMore', 3, route(['director'], ['office'], [], ['deputyInCharge']), ['AJ-15d', 'A23']),
    ],
    officeTrips: {
      inDistrict: { route: route(['deputyInCharge']), basis: ['AJ-30'] },
      outside: { route: route(['director']), basis: ['AJ-30'] },
    },
    outOfScopeBasis: ['AJ-15d'],
    returnReport: { basis: ['AJ-15c'] },
    makeUpSlip: { basis: ['AJ-15a'] },
    dayUnit: { basis: ['A2', 'AJ-15b'] },
  },
  evaluation: { threshold: null, basis: ['AJ-35'] },
};

export const BASE_PROFILES: Readonly<Record<ProfileId, Omit<Profile, 'options'>>> = {
  NATIONAL: national, JY: jiangyin, NT: nantong, MS: mingshan, ZY: zhangye, AJ: anju,
};
