/**
 * Every periodic duty the seed texts set for each profile (windows per A13/A14).
 * Per-person duties (talks with each member) appear as the body's window; who is missing is the
 * services' job.
 */
import type { Cadence, Duty, ProfileId } from './types.js';

const duty = (id: string, title: string, every: Cadence, basis: string[], extra: Partial<Duty> = {}): Duty =>
  ({ id, title, every, basis, ...extra });

const nationalDuties: Duty[] = [
  duty('partyGroupMeeting', '党组会议(原则上每月一次)', 'month', ['NAT-PG-25']),
  duty('annualReport', '向批准设立党组的党组织全面报告工作', 'year', ['NAT-PG-19', 'A14']),
  duty('lifeMeeting', '民主生活会', 'year', ['NAT-DSH']),
];

export const DUTIES: Readonly<Record<ProfileId, readonly Duty[]>> = {
  NATIONAL: nationalDuties,
  JY: [
    duty('partyGroupMeeting', '党组会议(一般每月一次)', 'month', ['JY-21']),
    duty('lifeMeeting', '民主生活会', 'year', ['JY-12a']),
    duty('annualReport', '向市委作全面工作报告', 'year', ['JY-14a', 'A14']),
    duty('memberTalks', '党组书记同班子成员谈心谈话', 'year', ['JY-13a']),
    duty('headTalks', '党组书记同各专委会、各机构主要负责同志谈话', 'term', ['JY-13b']),
    duty('oversightTalks', '党组成员同分管专委会、机构负责同志谈话', 'year', ['JY-13c']),
  ],
  NT: [
    duty('partyGroupMeeting', '党组会议(原则上每月一次)', 'month', ['NT-3.3']),
    duty('annualReport', '向市组织部作全面报告', 'year', ['NT-2.2', 'A14']),
    duty('lifeMeeting', '民主生活会', 'year', ['NT-4.1']),
    duty('chairAnnualReport', '党组书记述职及成员履职考核', 'year', ['NT-5.1']),
  ],
  MS: [
    duty('npcWorkConference', '区委人大工作会议(每届至少一次)', 'term', ['MS-1a']),
    duty('supervisionPlanReview', '审定人大常委会年度监督计划', 'year', ['MS-1b']),
    duty('streetNpcStudy', '街道党工委专题研究人大工作', 'twoMonths', ['MS-1c', 'A13'], { maxGapDays: 62 }),
    duty('streetNpcReport', '街道党工委专题听取人大工作情况汇报', 'halfYear', ['MS-1d', 'A13'], { maxGapDays: 184 }),
    duty('partyGroupReport', '人大常委会党组向区委常委会报告主要工作', 'halfYear', ['MS-3b', 'A14']),
    duty('strictGovernanceReport', '全面从严治党主体责任专题书面报告', 'halfYear', ['MS-3c', 'A12']),
    duty('eightRulesReport', '贯彻落实中央八项规定精神专题书面报告', 'halfYear', ['MS-3c', 'A12']),
    duty('ideologyReport', '意识形态工作专题书面报告', 'halfYear', ['MS-3c', 'A12']),
    duty('constitutionDay', '国家宪法日宣传活动', 'year', ['MS-4b'], { dueDay: '12-04', dueYearOffset: 0 }),
  ],
  ZY: [
    duty('researchReports', '常委调研报告(每人每年1-2篇)', 'year', ['ZY-DY-1']),
    duty('grassrootsStay', '常委基层蹲点调研', 'year', ['ZY-DY-2']),
    duty('quarterlyPartyGroupReport', '人大、政府、政协党组向常委会报告工作', 'quarter', ['ZY-BG-5', 'A14']),
    duty('workPointsReport', '贯彻落实上级年度工作要点书面报告(年中、年末)', 'halfYear', ['ZY-BG-6', 'A14']),
    duty('plenaryReport', '常委会向全委会报告工作', 'halfYear', ['ZY-TB-1', 'A14']),
    duty('monthlyStandingMeeting', '常委会例会', 'month', ['ZY-TB-2']),
    duty('halfMonthBriefing', '常委碰头会', 'halfMonth', ['ZY-TB-3', 'A13'], { maxGapDays: 16 }),
    duty('dutyReview', '述职述廉及民主评议或民主测评', 'year', ['ZY-JD-1a']),
    duty('absenceSummary', '向市委组织部汇总报告班子成员外出和请假情况', 'halfYear', ['ZY-JD-4.3b', 'A14']),
    duty('lifeMeeting', '领导班子民主生活会', 'year', ['ZY-JD-5', 'NAT-DSH']),
  ],
  AJ: [
    ...nationalDuties,
    duty('branchCommitteeMeeting', '支部委员会(每月)', 'month', ['AJ-2']),
    duty('branchMemberMeeting', '支部党员大会(每季度)', 'quarter', ['AJ-2']),
    duty('integrityEducation', '廉政警示教育', 'year', ['AJ-4']),
    duty('studyPlan', '制定全年学习计划', 'year', ['AJ-6']),
    duty('lawStudy', '会前学法(每月至少1次)', 'month', ['AJ-8']),
    duty('training', '人大干部、代表集中培训', 'year', ['AJ-9']),
    duty('researchArticle', '各委室科调研文章(每年至少一篇)', 'year', ['AJ-13']),
    duty('attendanceRecord', '出勤汇总登记交办公室', 'month', ['AJ-14']),
    duty('archiveTransfer', '文件资料移交办公室立卷归档', 'year', ['AJ-20', 'A22'], { dueDay: '03-31', dueYearOffset: 1 }),
    duty('healthCheck', '职工健康体检', 'year', ['AJ-23']),
    duty('quarterlyReview', '季度考核及民主测评', 'quarter', ['AJ-35']),
  ],
};
