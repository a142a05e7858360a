/**
 * Public types of the rules module. Everything here is plain data so that
 * profiles can be stored, compared and shown to users.
 *
 * The lists below are the rules' vocabulary and its only spelling: each type is read off its
 * list, and src/domain builds its zod enums from the same lists, so the two cannot drift.
 */

export const PROFILE_IDS = ['NATIONAL', 'JY', 'NT', 'MS', 'ZY', 'AJ'] as const;
export type ProfileId = (typeof PROFILE_IDS)[number];
export const TOPIC_KINDS = ['general', 'major', 'personnel', 'discipline'] as const;
export type TopicKind = (typeof TOPIC_KINDS)[number];
export const VOTE_METHODS = ['oral', 'hands', 'named', 'secret'] as const;
export type VoteMethod = (typeof VOTE_METHODS)[number];

export const LEAVE_KINDS = ['leave', 'meetingAbsence', 'trip'] as const;
export type LeaveKind = (typeof LEAVE_KINDS)[number];
export const LEAVE_APPLICANT_ROLES = ['staff', 'deptHead', 'countyLeader', 'countyPrincipal', 'member'] as const;
export type LeaveApplicantRole = (typeof LEAVE_APPLICANT_ROLES)[number];
export const LEAVE_REASONS = ['private', 'sick', 'business'] as const;
export type LeaveReason = (typeof LEAVE_REASONS)[number];
export const LEAVE_SCOPES = ['inDistrict', 'outsideDistrict', 'outsideCity', 'abroad'] as const;
export type LeaveScope = (typeof LEAVE_SCOPES)[number];

export const EVALUATION_CATEGORIES = ['individual', 'team'] as const;
export type EvaluationCategory = (typeof EVALUATION_CATEGORIES)[number];
/** The grades of a 民主测评 per category, best first; the last is the one ZY-JD-1b counts. */
export const EVALUATION_GRADES = {
  individual: ['优秀', '称职', '基本称职', '不称职'],
  team: ['好', '较好', '一般', '较差'],
} as const;
/** The one option a rater may give besides the grades (弃权 is read the same way when counted). */
export const UNKNOWN_GRADE = '不了解';

export type RuleFlag =
  | 'NO_DECISION_POSSIBLE' | 'QUORUM_UNREACHABLE' | 'RECUSAL_POLICY_SENSITIVE' | 'HALF_POLICY_SENSITIVE'
  | 'CLOSE_VOTE_DEFER' | 'AD_HOC_ITEM' | 'WRITTEN_OPINIONS_NOT_COUNTED'
  | 'TIER_BOUNDARY_OVERLAP' | 'TIER_GAP' | 'LEAVE_UNIT_SENSITIVE' | 'LATE_ADVANCE_REPORT'
  | 'REPORT_AFTER_DEPARTURE' | 'MAKEUP_SLIP_REQUIRED' | 'CONSENT_BEFORE_EXIT_PROCEDURES' | 'OUT_OF_SCOPE'
  | 'LATE_NOTICE' | 'LATE_OBJECTION' | 'DEADLINE_ON_REST_DAY' | 'NO_NOTICE_RULE' | 'NOTICE_COUNTING_SENSITIVE'
  | 'DUE_ON_REST_DAY' | 'DUE_ROLLED_OVER' | 'GAP_TOO_LONG'
  | 'EVAL_POLICY_SENSITIVE' | 'NO_EVAL_THRESHOLD' | 'UNKNOWN_GRADE'
  | 'DEFAULT_ASSUMED' | 'HOLIDAYS_UNKNOWN';

export type RuleErrorCode = 'CHAIR_MUST_SPEAK_LAST' | 'AD_HOC_MOTION_FORBIDDEN' | 'VOTES_EXCEED_PARTICIPANTS';

/** Codes the services raise for rules that need state; their sentences live beside ours. */
export type ServiceRuleErrorCode =
  | 'PROXY_NOT_ALLOWED' | 'ITEMS_MUST_BE_VOTED_SEPARATELY' | 'NEEDS_TWO_OR_MORE_OPTIONS'
  | 'REVIEW_NEEDS_SECRETARY_CONSENT' | 'FORM_INCOMPLETE';

/** The open points of the texts (A1–A25) a body may settle for itself; defaults in profiles.ts. */
export interface ProfileOverrides {
  recusal?: 'stayInDenominator' | 'excludeFromDenominator';
  overlapPolicy?: 'firstMatch' | 'higher';
  halfOrMore?: 'inclusive' | 'exclusive';
  noticeCounting?: 'calendarDate' | 'hours';
  holidayRollover?: boolean;
  leaveDayUnit?: 'workday' | 'calendar';
  evalOperator?: 'gt' | 'gte';
  countUnknownAsValid?: boolean;
  closeVoteMargin?: number;
  elevatedTopics?: TopicKind[];
  chairLastMethods?: VoteMethod[];
  reminderLeadDays?: number;
  lifeMeetingPreReportDays?: number;
  lifeMeetingReportDays?: number;
}

/** Working days and rest days; injected so that statutory holidays and 调休 come from data. */
export interface HolidayCalendar {
  isRestDay(date: string): boolean;
  /**
   * Whether the calendar has the statutory holidays and 调休 days of `year`. Absent means the caller
   * chose weekends only on purpose; false means a guess, and results that relied on it say so.
   */
  covers?(year: number): boolean;
}

/** A piece of rule data together with the rule ids it comes from. */
export interface Cited {
  readonly basis: readonly string[];
}

/** A fraction p/q of a body, compared with integers only. */
export interface Fraction {
  readonly p: number;
  readonly q: number;
}

/**
 * A head-count threshold: `inclusive` for 以上 (q·k ≥ p·n), exclusive for 超过 / 过半数 (q·k > p·n).
 * `halfOrMoreText` marks a threshold whose text says 半数以上, which A5 lets a body read either way.
 */
export interface Threshold extends Cited {
  readonly fraction: Fraction;
  readonly inclusive: boolean;
  readonly halfOrMoreText: boolean;
}

export const APPROVER_ROLES = ['deptHead', 'deputyInCharge', 'director', 'countyPrincipal', 'cityLeaderInCharge', 'cityPrincipal', 'chair'] as const;
export type ApproverRole = (typeof APPROVER_ROLES)[number];
export const FILING_TARGETS = ['office', 'cityOrgDept'] as const;
export type FilingTarget = (typeof FILING_TARGETS)[number];

export type DutyId = string;
export type Cadence = 'halfMonth' | 'month' | 'twoMonths' | 'quarter' | 'halfYear' | 'year' | 'term';

/** A periodic duty: at least one entry in every window of its cadence. */
export interface Duty {
  id: DutyId;
  title: string;
  every: Cadence;
  /** Always includes the seed (or national) rule id it comes from. */
  basis: string[];
  /** A13: GAP_TOO_LONG when two consecutive entries are further apart than this. */
  maxGapDays?: number;
  /** 'MM-DD' when due is a fixed day rather than the window's end. */
  dueDay?: string;
  /** With dueDay, for year windows due in the next year. */
  dueYearOffset?: 0 | 1;
}
