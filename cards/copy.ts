/**
 * The user-facing Chinese words shared by several cards, handlers and tests. Card titles, button
 * labels and field labels are fixed by the conversation contract: people and tests rely on them,
 * so they are written once, here; the words people also type (roles, kinds, methods, leave types,
 * approvers) come from src/domain/labels.ts, which the command parser reads too. Maps are keyed by the domain's literal types so that a new kind,
 * role or method without its Chinese name is a compile error.
 */
import type {
  Attendance, Evaluation, GeneralLeave, MeetingKind, MeetingStatus, Role, Topic, VoteChoice,
} from '../src/domain/index.js';
import { INDIVIDUAL_GRADES, TEAM_GRADES } from '../src/domain/index.js';
import { APPROVER_ROLE_WORDS, LEAVE_REASON_WORDS, ROLE_WORDS, TOPIC_KIND_WORDS, VOTE_METHOD_WORDS } from '../src/domain/labels.js';
import { DEFAULT_REMINDER_POLICY, getProfile, REMINDER_DEFAULTS } from '../src/rules/index.js';
import type { ApproverRole, ProfileId, TopicKind, VoteMethod } from '../src/rules/index.js';

/** Card titles: each card's header title contains its word. */
export const TITLE = {
  setup: '议事机器人设置',
  topicPending: '议题待确认',
  topicConfirmed: '议题已确认',
  topicReturned: '议题已退回',
  topicList: '议题列表',
  meetingDraft: '会议筹备',
  notice: '会议通知',
  objection: '议题异议',
  meetingLeave: '会议请假',
  generalLeave: '请假申请',
  leaveApproval: '请假审批',
  leaveReturn: '销假提醒',
  signIn: '会议签到',
  chairing: '会议主持',
  vote: '表决',
  secretVote: '无记名投票',
  voteProgress: '表决进度',
  voteResult: '表决结果',
  evaluation: '民主测评',
  evaluationProgress: '测评进度',
  evaluationResult: '测评结果',
  minutes: '会议纪要',
  minutesSigned: '会议纪要（已签发）',
  task: '督办事项',
  duties: '工作职责',
  rules: '议事规则',
  help: '使用帮助',
  meetingReminder: '会议提醒',
  approvalReminder: '审批提醒',
  taskReminder: '督办提醒',
  dutyReminder: '职责提醒',
} as const;

/** Button labels, exactly as people see them. */
export const BUTTON = {
  saveSetup: '保存设置',
  confirm: '确认',
  return: '退回',
  sendNotice: '发送通知',
  cancelMeeting: '取消会议',
  reschedule: '改期',
  confirmReschedule: '确认改期',
  openSignIn: '开始签到',
  attend: '参加',
  leave: '请假',
  object: '提出异议',
  submitLeave: '提交请假',
  approve: '同意',
  reject: '不同意',
  submitApplication: '提交申请',
  returnFromLeave: '销假',
  signIn: '签到',
  vote: '表决',
  defer: '暂缓',
  endMeeting: '结束会议',
  reconsider: '复议',
  yes: '赞成',
  no: '反对',
  abstain: '弃权',
  closeVote: '结束表决',
  closeEvaluation: '结束测评',
  remindNonVoters: '提醒未投票',
  editMinutes: '修改',
  saveMinutes: '保存修改',
  signOff: '审签',
  toTask: '转为督办',
  assignTask: '交办',
  reportProgress: '报告进展',
  done: '办结',
  recordDuty: '登记完成',
} as const;

/** Form field labels: each field's label contains its word. */
export const FIELD = {
  profile: '规则',
  chair: '书记',
  viceChair: '副书记',
  clerk: '秘书',
  observers: '列席',
  approver: '审批人',
  leaveReason: '请假事由',
  writtenOpinion: '书面意见',
  startDate: '开始日期',
  endDate: '结束日期',
  leaveType: '类型',
  returnReason: '退回理由',
  objectionText: '异议内容',
  meetingTime: '会议时间',
  meetingPlace: '会议地点',
  progress: '进展',
  doneDate: '完成日期',
  owner: '负责人',
  due: '办结期限',
  signInLead: '签到时间（会前分钟）',
  startLeads: '会前提醒（会前分钟，逗号分开）',
  deadlineLead: '截止提醒（提前工作日）',
  quietHours: '免打扰时段',
  taskLead: '督办提醒（提前工作日）',
} as const;

/** Status words a card shows as they are. */
export const STATUS = {
  voted: '已投票',
  taskDone: '已办结',
  overdue: '已逾期',
  dutyDone: '已完成',
  dutyPending: '待完成',
} as const;

export const ROLE_NAMES: Readonly<Record<Role, string>> = ROLE_WORDS;

export const TOPIC_KIND_NAMES: Readonly<Record<TopicKind, string>> = TOPIC_KIND_WORDS;

export const TOPIC_STATUS_NAMES: Readonly<Record<Topic['status'], string>> = {
  submitted: '待确认', confirmed: '已确认', scheduled: '已上会', decided: '已表决', returned: '已退回', deferred: '已暂缓',
};

export const METHOD_NAMES: Readonly<Record<VoteMethod, string>> = VOTE_METHOD_WORDS;

export const CHOICE_NAMES: Readonly<Record<VoteChoice, string>> = { yes: '赞成', no: '反对', abstain: '弃权' };

export const MEETING_KIND_NAMES: Readonly<Record<MeetingKind, string>> = {
  regular: '例会', emergency: '紧急会议', enlarged: '扩大会议', lifeMeeting: '民主生活会',
};

export const MEETING_STATUS_NAMES: Readonly<Record<MeetingStatus, string>> = {
  scheduled: '筹备中', noticed: '已通知', inProgress: '进行中', closed: '已结束', cancelled: '已取消',
};

/** General leave types as typed after `/请假 … 至 …`. */
export const LEAVE_REASON_NAMES: Readonly<Record<GeneralLeave['input']['reason'], string>> = LEAVE_REASON_WORDS;

export const LEAVE_KIND_NAMES: Readonly<Record<NonNullable<GeneralLeave['input']['kind']>, string>> = {
  leave: '请假', meetingAbsence: '会议请假', trip: '外出',
};

export const LEAVE_STATUS_NAMES: Readonly<Record<GeneralLeave['status'], string>> = {
  pending: '审批中', approved: '已批准', rejected: '未批准', filed: '已备案', returned: '已销假', outOfScope: '不在本规则范围',
};

export const MEETING_LEAVE_STATUS_NAMES: Readonly<Record<NonNullable<Attendance['leave']>['status'], string>> = {
  pending: '待审批', approved: '已同意', rejected: '未同意', recorded: '已登记',
};

/** The approver roles of the leave rules, as `/设置 审批 <角色>` names them. */
export const APPROVER_ROLE_NAMES: Readonly<Record<ApproverRole, string>> = APPROVER_ROLE_WORDS;

/** Profile names come from the rules module; the record type makes a seventh profile a compile error here. */
export const PROFILE_NAMES: Readonly<Record<ProfileId, string>> = {
  NATIONAL: getProfile('NATIONAL').name,
  JY: getProfile('JY').name,
  NT: getProfile('NT').name,
  MS: getProfile('MS').name,
  ZY: getProfile('ZY').name,
  AJ: getProfile('AJ').name,
};

export const WEEKDAY_NAMES = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'] as const;

/** Sentences more than one card uses. */
/** A lead time in words: "1 天", "2 小时", "30 分钟". */
export function durationWords(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440} 天`;
  if (minutes % 60 === 0) return `${minutes / 60} 小时`;
  return `${minutes} 分钟`;
}

export const SENTENCE = {
  lateNoticeConfirmTitle: '通知已晚于规定时间',
  meetingCancelled: '本次会议已取消。',
  noObservers: '无',
  noAgenda: '暂无议题',
  omitted: (n: number) => `……另有 ${n} 项未显示`,
  /** What a secret ballot hides and what it does not, said plainly (help, and the ballot card itself). */
  secretBallot: [
    '无记名投票只在您与机器人的私聊中进行，提交后不能更改。',
    '机器人只保存“谁已投票”和每个选项的票数，不保存谁投了什么：其他成员、书记、能读取数据库或备份的人都无法知道您的选择。',
    '但飞书平台本身、企业管理员和正在运行的机器人程序在投票时能看到您点击的按钮，无法对它们保密。',
  ].join('\n'),
  /** When the bot reminds, said in the help card (the rules module's defaults; a body sets its own on /设置). */
  reminders: [
    '通知期限前，未发通知的会议会提醒秘书；会前最后两个工作日上午，提醒尚未回复会议通知的人（最后一天同时加急）；有异议期限的，期限当天上午提醒。',
    `会前 ${DEFAULT_REMINDER_POLICY.startLeadMinutes.map(durationWords).join('和')}提醒参会人员；会前 ${DEFAULT_REMINDER_POLICY.signInLeadMinutes} 分钟自动开始签到。`,
    `免打扰时段（默认 ${DEFAULT_REMINDER_POLICY.quietHours?.from ?? ''} 至 ${DEFAULT_REMINDER_POLICY.quietHours?.to ?? ''}）内不发提醒，时段结束后补发。以上时间由书记或秘书在 /设置 中修改。`,
    `会议请假需主持人同意的，请假后下一个工作日上午和会前 ${durationWords(REMINDER_DEFAULTS.meetingLeaveLeadMinutes)}提醒主持人审批；督办事项默认到期前 ${REMINDER_DEFAULTS.taskLeadWorkingDays} 个工作日上午提醒负责人（可在 /设置 中修改）。`,
  ].join('\n'),
  /** The private ballot once the vote is closed: the same words for every recipient. */
  secretBallotClosed: '投票已结束，结果见群里的“表决结果”卡片。',
} as const;

/** The domain's grades are already the Chinese words people tick; here by category for the ballot cards. */
export const EVALUATION_GRADES: Readonly<Record<Evaluation['category'], readonly string[]>> = { individual: INDIVIDUAL_GRADES, team: TEAM_GRADES };

export const EVALUATION_CATEGORY_NAMES: Readonly<Record<Evaluation['category'], string>> = { individual: '个人', team: '班子' };
