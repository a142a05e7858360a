/**
 * Public types of the rules module (shared/rules/API.md). Everything here is plain data so that
 * profiles can be stored, compared and shown to users.
 */

export type ProfileId = 'NATIONAL' | 'JY' | 'NT' | 'MS' | 'ZY' | 'AJ';
export type TopicKind = 'general' | 'major' | 'personnel' | 'discipline';
export type VoteMethod = 'oral' | 'hands' | 'named' | 'secret';

export const TOPIC_KINDS: readonly TopicKind[] = ['general', 'major', 'personnel', 'discipline'];
export const VOTE_METHODS: readonly VoteMethod[] = ['oral', 'hands', 'named', 'secret'];

export type RuleFlag =
  | 'NO_DECISION_POSSIBLE' | 'QUORUM_UNREACHABLE' | 'RECUSAL_POLICY_SENSITIVE' | 'HALF_POLICY_SENSITIVE'
  | 'CLOSE_VOTE_DEFER' | 'AD_HOC_ITEM' | 'WRITTEN_OPINIONS_NOT_COUNTED'
  | 'TIER_BOUNDARY_OVERLAP' | 'TIER_GAP' | 'LEAVE_UNIT_SENSITIVE' | 'LATE_ADVANCE_REPORT'
  | 'REPORT_AFTER_DEPARTURE' | 'MAKEUP_SLIP_REQUIRED' | 'CONSENT_BEFORE_EXIT_PROCEDURES' | 'OUT_OF_SCOPE'
  | 'LATE_NOTICE' | 'LATE_OBJECTION' | 'DEADLINE_ON_REST_DAY' | 'NO_NOTICE_RULE' | 'NOTICE_COUNTING_SENSITIVE'
  | 'DUE_ON_REST_DAY' | 'DUE_ROLLED_OVER' | 'GAP_TOO_LONG'
  | 'EVAL_POLICY_SENSITIVE' | 'NO_EVAL_THRESHOLD' | 'UNKNOWN_GRADE'
  | 'DEFAULT_ASSUMED';

export type RuleErrorCode = 'CHAIR_MUST_SPEAK_LAST' | 'AD_HOC_MOTION_FORBIDDEN' | 'VOTES_EXCEED_PARTICIPANTS';

/** Codes the services raise for rules that need state (Step 2); their sentences live beside ours. */
export type ServiceRuleErrorCode =
  | 'PROXY_NOT_ALLOWED' | 'ITEMS_MUST_BE_VOTED_SEPARATELY' | 'NEEDS_TWO_OR_MORE_OPTIONS'
  | 'REVIEW_NEEDS_SECRETARY_CONSENT' | 'FORM_INCOMPLETE';

/** The CATALOG §4 parameters a body may set for itself; defaults in brackets in API.md. */
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

export type ApproverRole =
  | 'deptHead' | 'deputyInCharge' | 'director' | 'countyPrincipal' | 'cityLeaderInCharge' | 'cityPrincipal' | 'chair';
export type FilingTarget = 'office' | 'cityOrgDept';

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
