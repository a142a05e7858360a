/**
 * The rules module's public face (other code calls these names; none is renamed). Pure: no I/O, no clock, no randomness;
 * every ratio is an integer cross-multiplication.
 */
export type {
  ApproverRole, Cadence, Duty, DutyId, FilingTarget, HolidayCalendar, ProfileId, ProfileOverrides,
  RuleErrorCode, RuleFlag, ServiceRuleErrorCode, TopicKind, VoteMethod,
} from './types.js';
export { APPROVER_ROLES, TOPIC_KINDS, VOTE_METHODS } from './types.js';
export type { Profile } from './profile.js';
export { getProfile, listProfiles, duties, isProfileId } from './profiles.js';
export { atLeast, moreThan } from './counting.js';
export { defaultVoteMethod, evaluateItem } from './meeting.js';
export type { ItemDecision, ItemInput } from './meeting.js';
export { decideLeave } from './leave.js';
export type { LeaveDecision, LeaveInput } from './leave.js';
export { checkNotice, checkObjection } from './notice.js';
export type { NoticeCheck } from './notice.js';
export { dueDate } from './deadlines.js';
export type { DueDate } from './deadlines.js';
export { windowCompliance } from './compliance.js';
export { approvalReminders, dutyWindowReminders, dutyWindowStatus, leaveReturnReminders, lifeMeetingReportReminders, meetingLeaveApprovalReminders, REMINDER_DEFAULTS, taskReminders } from './follow-ups.js';
export type { Occurrence } from './follow-ups.js';
export type { ComplianceResult } from './compliance.js';
export { BAD_GRADE, evaluationFlag } from './evaluation.js';
export type { EvaluationInput, EvaluationResult } from './evaluation.js';
export { RULE_ERROR_TEXT, RULE_FLAG_TEXT, describeRuleCode } from './messages.js';
export { RULE_IDS, isKnownRuleId } from './rule-ids.js';
export { weekendsOnly } from './dates.js';
export { DEFAULT_TIME_ZONE, isRulesZone, RULES_ZONE_HINT } from './zone.js';
export { afterQuietHours, DEFAULT_REMINDER_POLICY, planMeetingReminders, reminderPolicy, REMINDER_MORNING_HOUR } from './reminders.js';
export type { MeetingReminderKind, PlannedReminder, QuietWindow, ReminderPolicy } from './reminders.js';
