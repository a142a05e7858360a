/**
 * decideLeave: who approves, consents, is reported to and filed with for a leave, a meeting
 * absence or a trip (AJ-15, AJ-30, ZY-JD-4, JY-11c, NT-3.5c; A1–A3, A16, A23).
 */
import { flaggingUncoveredYears, formatDate, nextWorkingDayAfter, parseDate, weekendsOnly } from './dates.js';
import type { LeaveBand, LeaveRoute, Profile } from './profile.js';
import type { ApproverRole, FilingTarget, HolidayCalendar, LeaveApplicantRole, LeaveKind, LeaveReason, LeaveScope, RuleFlag } from './types.js';
import { countDays, lastDay, pickBand, readDays, readSpan } from './leave-days.js';
import type { Span } from './leave-days.js';
import { requireOneOf, unique } from './validate.js';

export interface LeaveInput {
  kind?: LeaveKind;
  applicantRole: LeaveApplicantRole;
  reason: LeaveReason;
  days?: number;
  start?: string;
  end?: string;
  requestedOn?: string;
  scope?: LeaveScope;
}

export interface LeaveDecision {
  approvers: ApproverRole[];
  consent: ApproverRole[];
  alsoAccepted: ApproverRole[];
  filings: FilingTarget[];
  reportTo?: ApproverRole;
  reportBy?: string;
  returnBy?: string;
  tasks: string[];
  days: number;
  flags: RuleFlag[];
  basis: string[];
}

type Kind = NonNullable<LeaveInput['kind']>;
type Role = LeaveInput['applicantRole'];

interface Request {
  kind: Kind; role: Role; reason: LeaveInput['reason']; scope: LeaveInput['scope'];
  days: number | null; otherDays: number | null; span: Span; requestedDay: number | null;
}

const MAKEUP_SLIP_TASK = '补交假条';

/** A decision being built: routes merge, flags and basis accumulate. */
class Draft {
  readonly decision: LeaveDecision;
  constructor(days: number | null) {
    this.decision = { approvers: [], consent: [], alsoAccepted: [], filings: [], tasks: [], days: days ?? 0, flags: [], basis: [] };
  }
  route(route: LeaveRoute, basis: readonly string[]): this {
    const d = this.decision;
    d.approvers.push(...route.approvers); d.consent.push(...route.consent);
    d.alsoAccepted.push(...route.alsoAccepted); d.filings.push(...route.filings);
    return this.cite(basis);
  }
  flag(flag: RuleFlag, basis: readonly string[] = []): this { this.decision.flags.push(flag); return this.cite(basis); }
  cite(basis: readonly string[]): this { this.decision.basis.push(...basis); return this; }
  done(): LeaveDecision {
    const d = this.decision;
    return { ...d, approvers: unique(d.approvers), consent: unique(d.consent), alsoAccepted: unique(d.alsoAccepted),
      filings: unique(d.filings), tasks: unique(d.tasks), flags: unique(d.flags), basis: unique(d.basis) };
  }
}

function readRequest(profile: Profile, input: LeaveInput, calendar: HolidayCalendar): Request {
  const role = requireOneOf(input.applicantRole, ['staff', 'deptHead', 'countyLeader', 'countyPrincipal', 'member'] as const, 'applicantRole');
  const reason = requireOneOf(input.reason, ['private', 'sick', 'business'] as const, 'reason');
  const scope = input.scope === undefined ? undefined
    : requireOneOf(input.scope, ['inDistrict', 'outsideDistrict', 'outsideCity', 'abroad'] as const, 'scope');
  // A meeting absence has no destination: a member who names one is going on a trip (JY-11c).
  const memberKind: Kind = scope === undefined ? 'meetingAbsence' : 'trip';
  const defaultKind: Kind = role === 'member' ? memberKind : reason === 'business' ? 'trip' : 'leave';
  const kind = input.kind === undefined ? defaultKind : requireOneOf(input.kind, ['leave', 'meetingAbsence', 'trip'] as const, 'kind');
  const span = readSpan(input.start, input.end);
  const counted = countDays(readDays(input.days), span, profile.options.leaveDayUnit, calendar);
  const requestedDay = input.requestedOn === undefined ? null : parseDate(input.requestedOn, 'requestedOn');
  return { kind, role, reason, scope, span, requestedDay, ...counted };
}

function outOfScope(profile: Profile, request: Request): LeaveDecision {
  return new Draft(request.days).flag('OUT_OF_SCOPE', profile.leave.outOfScopeBasis).done();
}

function requireDays(request: Request): number {
  if (request.days === null) throw new RangeError('days, or both start and end, are required to choose the approver');
  return request.days;
}

function makeUpSlip(profile: Profile, request: Request, draft: Draft): void {
  if (request.requestedDay !== null && request.span.startDay !== null && request.requestedDay > request.span.startDay) {
    draft.flag('MAKEUP_SLIP_REQUIRED', profile.leave.makeUpSlip.basis);
    draft.decision.tasks.push(MAKEUP_SLIP_TASK);
  }
}

/** Chooses a band, and flags LEAVE_UNIT_SENSITIVE when the other day unit would route elsewhere. */
function bandRoute(profile: Profile, bands: readonly LeaveBand[], request: Request, draft: Draft): void {
  const policy = profile.options.overlapPolicy;
  const chosen = pickBand(bands, requireDays(request), policy);
  draft.route(chosen.band.route, chosen.band.basis).cite(profile.leave.dayUnit.basis);
  for (const flag of chosen.flags) draft.flag(flag, [flag === 'TIER_GAP' ? 'A3' : 'A1']);
  if (request.otherDays !== null && pickBand(bands, request.otherDays, policy).band !== chosen.band) {
    draft.flag('LEAVE_UNIT_SENSITIVE', ['A2']);
  }
}

function returnBy(profile: Profile, request: Request, draft: Draft, calendar: HolidayCalendar): void {
  const rule = profile.leave.returnReport;
  const last = lastDay(request.span, request.days, profile.options.leaveDayUnit, calendar);
  if (rule === null || last === null) return;
  draft.decision.returnBy = formatDate(nextWorkingDayAfter(calendar, last));
  draft.cite(rule.basis);
}

/** ZY-JD-4.2a: report about 3 days before going out; ZY-JD-4.1: consent before going abroad. */
function zyReportAndConsent(profile: Profile, request: Request, draft: Draft, reportTo: ApproverRole, isTrip: boolean): void {
  const { advanceReport, abroadConsent } = profile.leave;
  if (advanceReport) {
    draft.decision.reportTo = reportTo;
    draft.cite(advanceReport.basis);
    const start = request.span.startDay;
    if (start !== null) {
      const reportBy = start - advanceReport.days;
      draft.decision.reportBy = formatDate(reportBy);
      const asked = request.requestedDay;
      if (asked !== null && asked > reportBy) draft.flag('LATE_ADVANCE_REPORT');
      if (isTrip && asked !== null && asked > start) draft.flag('REPORT_AFTER_DEPARTURE');
    }
  }
  if (abroadConsent && request.scope === 'abroad') {
    draft.decision.consent.push(reportTo);
    draft.flag('CONSENT_BEFORE_EXIT_PROCEDURES', abroadConsent.basis);
  }
}

function zhangye(profile: Profile, request: Request, calendar: HolidayCalendar): LeaveDecision {
  const { countyLeaderBands, countyPrincipalLeave } = profile.leave;
  const principal = request.role === 'countyPrincipal';
  if (!countyLeaderBands || !countyPrincipalLeave || (request.role !== 'countyLeader' && !principal)) return outOfScope(profile, request);
  const isTrip = request.kind === 'trip' || request.reason === 'business';
  if (!isTrip && (request.kind !== 'leave' || request.reason !== 'private')) return outOfScope(profile, request);
  const draft = new Draft(request.days);
  if (!isTrip) {
    if (principal) draft.route(countyPrincipalLeave.route, countyPrincipalLeave.basis);
    else bandRoute(profile, countyLeaderBands, request, draft);
    makeUpSlip(profile, request, draft);
    returnBy(profile, request, draft, calendar);
  }
  zyReportAndConsent(profile, request, draft, principal ? 'cityPrincipal' : 'countyPrincipal', isTrip);
  return draft.done();
}

function anjuOffice(profile: Profile, request: Request, calendar: HolidayCalendar): LeaveDecision {
  const { staffBands, deptHeadBands, officeTrips } = profile.leave;
  const bands = request.role === 'staff' ? staffBands : request.role === 'deptHead' ? deptHeadBands : null;
  if (!bands || !officeTrips) return outOfScope(profile, request);
  const draft = new Draft(request.days);
  if (request.kind === 'trip') {
    if (request.scope === undefined) throw new RangeError('scope is required for a business trip (inDistrict or outside it)');
    const trip = request.scope === 'inDistrict' ? officeTrips.inDistrict : officeTrips.outside;
    return draft.route(trip.route, trip.basis).done();
  }
  bandRoute(profile, bands, request, draft);
  if (request.role === 'deptHead') draft.flag('DEFAULT_ASSUMED');
  makeUpSlip(profile, request, draft);
  returnBy(profile, request, draft, calendar);
  return draft.done();
}

function memberAbsence(profile: Profile, request: Request): LeaveDecision {
  const rule = profile.leave.memberAbsence;
  if (!rule || request.role !== 'member') return outOfScope(profile, request);
  const draft = new Draft(request.days).route({ approvers: ['chair'], consent: [], filings: [], alsoAccepted: [] }, rule.basis);
  if (rule.assumed) draft.flag('DEFAULT_ASSUMED');
  makeUpSlip(profile, request, draft);
  return draft.done();
}

/** JY-11c (A24): a trip outside the city is reported to the chair before departure, then filed. */
function outsideCityTrip(profile: Profile, request: Request): LeaveDecision {
  const rule = profile.leave.outsideCityTrip;
  if (!rule || request.role !== 'member') return outOfScope(profile, request);
  if (request.scope === undefined) throw new RangeError('scope is required for a trip (outsideCity for 离澄)');
  if (request.scope !== 'outsideCity' && request.scope !== 'abroad') return outOfScope(profile, request);
  const draft = new Draft(request.days).route({ approvers: [], consent: [], filings: ['office'], alsoAccepted: [] }, rule.basis);
  if (rule.assumedFiling) draft.flag('DEFAULT_ASSUMED');
  draft.decision.reportTo = 'chair';
  const start = request.span.startDay;
  if (start !== null) {
    draft.decision.reportBy = formatDate(start);
    if (request.requestedDay !== null && request.requestedDay > start) draft.flag('REPORT_AFTER_DEPARTURE');
  }
  return draft.done();
}

/** Who must act on a leave, meeting absence or trip under the profile. */
export function decideLeave(profile: Profile, input: LeaveInput, calendar: HolidayCalendar = weekendsOnly): LeaveDecision {
  return flaggingUncoveredYears(calendar, (noting) => leaveDecision(profile, input, noting));
}

function leaveDecision(profile: Profile, input: LeaveInput, calendar: HolidayCalendar): LeaveDecision {
  const request = readRequest(profile, input, calendar);
  if (profile.leave.countyLeaderBands) return zhangye(profile, request, calendar);
  if (request.kind === 'meetingAbsence') return memberAbsence(profile, request);
  if (profile.leave.staffBands) return anjuOffice(profile, request, calendar);
  if (request.kind === 'trip') return outsideCityTrip(profile, request);
  return outOfScope(profile, request);
}
