/**
 * The shape of a rule profile: national baseline plus one seed's tightening, every piece of rule
 * data citing the rule ids it comes from (a seed may tighten the floor, never loosen it).
 */
import type {
  ApproverRole, Cited, FilingTarget, Fraction, ProfileId, ProfileOverrides, Threshold, TopicKind,
} from './types.js';

export type BodyKind = 'partyGroup' | 'partyCommittee' | 'npcStandingCommittee';

export interface MeetingRules {
  readonly body: BodyKind;
  readonly generalQuorum: Threshold;
  /** The two-thirds quorum for elevated topics; null where every item already needs it or none does. */
  readonly elevatedQuorum: Threshold | null;
  /** Topics the profile's own or national text elevates, whatever the options say. */
  readonly textElevatedTopics: Cited & { readonly topics: readonly TopicKind[] };
  /** Whether `options.elevatedTopics` (A4) adds topics here. */
  readonly usesElevatedTopicsOption: boolean;
  /** 赞成票超过应到会半数: always over the base, never over those present. */
  readonly pass: Threshold;
  readonly chairLast: Cited | null;
  readonly adHoc: (Cited & { readonly policy: 'flag' | 'forbid' }) | null;
  readonly writtenOpinions: Cited;
  readonly recusal: Cited;
  readonly closeVote: Cited | null;
  /**
   * 复议: whether the 书记 must consent (NT-3.9; elsewhere the 书记 sets the agenda, A21), and whether a
   * personnel item needs more than half of the members to support reopening it (NAT-SEL).
   */
  readonly reconsider: Cited & { readonly chairConsent: boolean; readonly personnelMajority: boolean };
  /** Emergency meetings waive notice and ad-hoc checks; `textual` when the profile's text says so. */
  readonly emergency: Cited & { readonly textual: boolean };
}

export interface DayRule extends Cited {
  readonly days: number;
  /** True where our default stands in for text (flag DEFAULT_ASSUMED). */
  readonly assumed: boolean;
}

export interface NoticeRules {
  readonly notice: DayRule | null;
  readonly objection: DayRule | null;
}

/** One band of a leave tier table, as the text writes it: "N天以内" (upTo) or "N天以上" (from). */
export interface LeaveBand extends Cited {
  readonly words: 'within' | 'orMore';
  readonly days: number;
  readonly route: LeaveRoute;
}

/** Who acts on a request: consent first, then the approvers in order, then filings. */
export interface LeaveRoute {
  readonly approvers: readonly ApproverRole[];
  readonly consent: readonly ApproverRole[];
  readonly filings: readonly FilingTarget[];
  readonly alsoAccepted: readonly ApproverRole[];
}

export interface LeaveRules {
  /** A voting member asking to miss a meeting: the chair approves. */
  readonly memberAbsence: (Cited & { readonly assumed: boolean }) | null;
  /** AJ-15b: staff leave bands in the order the text lists them. */
  readonly staffBands: readonly LeaveBand[] | null;
  /** AJ-15d with A23: office heads, mirrored on the staff bands. */
  readonly deptHeadBands: readonly LeaveBand[] | null;
  /** AJ-30: business trips of office staff by scope. */
  readonly officeTrips: { readonly inDistrict: Cited & { readonly route: LeaveRoute }; readonly outside: Cited & { readonly route: LeaveRoute } } | null;
  /** ZY-JD-4.2d: private leave of county members other than the principal. */
  readonly countyLeaderBands: readonly LeaveBand[] | null;
  /** ZY-JD-4.2c: the county principal's private leave. */
  readonly countyPrincipalLeave: (Cited & { readonly route: LeaveRoute }) | null;
  /** ZY-JD-4.2a: report to the principal about N days before going out (soft). */
  readonly advanceReport: (Cited & { readonly days: number }) | null;
  /** ZY-JD-4.1: going abroad needs the principal's consent before exit procedures. */
  readonly abroadConsent: Cited | null;
  /** JY-11c: a trip outside the city is reported to the chair before departure and filed. */
  readonly outsideCityTrip: (Cited & { readonly assumedFiling: boolean }) | null;
  /** Which applicant roles the profile does not regulate (e.g. AJ county leaders, AJ-15d). */
  readonly outOfScopeBasis: readonly string[];
  /** 事后补交假条 (AJ-15a); applied to every leave logged after it started. */
  readonly makeUpSlip: Cited;
  /** 销假 after the leave (AJ-15c, ZY-JD-4); null where the profile has none. */
  readonly returnReport: Cited | null;
  /** A2: how leave days are counted. */
  readonly dayUnit: Cited;
  /** ZY-JD-4.3a: the record must hold reason, dates and the approver's comment; null where not required. */
  readonly formRequired: Cited | null;
}

export interface EvaluationRules extends Cited {
  /** ZY-JD-1b: 不称职/较差 票超过有效票三分之一; null where the profile sets no threshold. */
  readonly threshold: Fraction | null;
}

export interface LifeMeetingRules {
  readonly report: (Cited & { readonly assumed: boolean }) | null;
  readonly preReport: (Cited & { readonly assumed: boolean }) | null;
}

/** Who signs the minutes before they are issued. */
export interface MinutesRules extends Cited {
  /** JY-27: only the 书记 signs; elsewhere the chair or a vice chair chairing by delegation. */
  readonly chairOnly: boolean;
}

export interface Profile {
  readonly id: ProfileId;
  readonly name: string;
  readonly sourceSeed: string | null;
  readonly effectiveFrom: string;
  readonly basedOn: ProfileId | null;
  readonly options: Readonly<Required<ProfileOverrides>>;
  readonly meeting: MeetingRules;
  readonly notice: NoticeRules;
  readonly leave: LeaveRules;
  readonly minutes: MinutesRules;
  readonly evaluation: EvaluationRules;
  readonly lifeMeeting: LifeMeetingRules;
  /** Report within hours of becoming aware (ZY-BG-2); null where the profile has none. */
  readonly emergencyReport: (Cited & { readonly hours: number }) | null;
}
