/**
 * 议事机器人设置: a form (规则, 书记, 副书记, 秘书, 列席, and 审批人 for the approver roles the chosen
 * profile uses; submit 保存设置). Once saved, the roster by role and the profile's key thresholds.
 * Person pickers carry no candidate list (the chat's members are the candidates), which keeps the
 * card small; a field left empty keeps the current holder.
 */
import type { Committee, LeaveApprovers, Role } from '../src/domain/index.js';
import { NO_QUIET_HOURS, RoleSchema } from '../src/domain/index.js';
import { APPROVER_ROLES, REMINDER_DEFAULTS, reminderPolicy } from '../src/rules/index.js';
import { getProfile, listProfiles } from '../src/rules/index.js';
import type { ApproverRole, Profile, ProfileId } from '../src/rules/index.js';
import { action, approverField, FORM_FIELDS } from './actions.js';
import { card, form, header, hr, input, md, multiPersonPicker, note, personPicker, select, submit } from './components.js';
import { APPROVER_ROLE_NAMES, BUTTON, durationWords, FIELD, ROLE_NAMES, TITLE } from './copy.js';
import { profileRuleLines } from './rule-text.js';
import { esc } from './text.js';
import type { Card, Element } from './types.js';
import { names, personOf, type PersonView, type ViewOptions } from './view.js';

/** Approver roles a profile's leave rules name, other than the 书记 (set above as 书记). */
export function approverRolesOf(profile: Profile): ApproverRole[] {
  const l = profile.leave;
  const routes = [
    ...(l.staffBands ?? []).map((b) => b.route), ...(l.deptHeadBands ?? []).map((b) => b.route),
    ...(l.countyLeaderBands ?? []).map((b) => b.route),
    ...(l.officeTrips === null ? [] : [l.officeTrips.inDistrict.route, l.officeTrips.outside.route]),
    ...(l.countyPrincipalLeave === null ? [] : [l.countyPrincipalLeave.route]),
  ];
  const used = new Set(routes.flatMap((r) => [...r.approvers, ...r.consent, ...r.alsoAccepted]));
  return APPROVER_ROLES.filter((role) => role !== 'chair' && used.has(role));
}

/** How many key rules the saved card shows; /规则 shows them all. */
const KEY_RULES = 4;

export interface SetupView {
  committeeId: string;
  profileId: ProfileId;
  profileName: string;
  profiles: { value: ProfileId; text: string }[];
  saved: boolean;
  roster: { role: string; people: PersonView[] }[];
  approverRoles: { role: ApproverRole; name: string; holders: PersonView[] }[];
  keyRules: string[];
  /** The reminder settings in force (the body's, else the defaults), as the form's fields show them. */
  reminders: { signInLead: string; startLeads: string; deadlineLead: string; quietHours: string; taskLead: string };
  can: { save: boolean };
}

export interface SetupInput {
  committeeId: string;
  /** Null before the first save. */
  committee: Committee | null;
  approvers: LeaveApprovers | null;
  /** The profile to show in the form before the first save. */
  profileId?: ProfileId;
}

export function toSetupView(input: SetupInput, opts: ViewOptions<{ save: boolean }>): SetupView {
  const { committee } = input;
  const profileId = committee?.profileId ?? input.profileId ?? 'NATIONAL';
  const profile = getProfile(profileId);
  const roster = committee === null ? [] : RoleSchema.options.map((role: Role) => ({
    role: ROLE_NAMES[role],
    people: committee.roster.filter((m) => m.role === role).map((m) => personOf(committee, m.id)),
  }));
  const assigned = input.approvers?.assignments ?? {};
  return {
    committeeId: input.committeeId,
    profileId,
    profileName: profile.name,
    profiles: listProfiles().map((p) => ({ value: p.id, text: p.name })),
    saved: committee !== null,
    roster,
    approverRoles: approverRolesOf(profile).map((role) => ({
      role, name: APPROVER_ROLE_NAMES[role], holders: (assigned[role] ?? []).map((id) => (committee === null ? { id, name: id } : personOf(committee, id))),
    })),
    keyRules: profileRuleLines(profile).slice(0, KEY_RULES).map((l) => `${l.label}：${l.text}${l.basis.length === 0 ? '' : `（${l.basis.join('、')}）`}`),
    reminders: reminderFields(committee),
    can: opts.can,
  };
}

function reminderFields(committee: Committee | null): SetupView['reminders'] {
  const policy = reminderPolicy(committee?.reminders);
  return {
    signInLead: String(policy.signInLeadMinutes), startLeads: policy.startLeadMinutes.join(','),
    deadlineLead: String(policy.deadlineLeadWorkingDays), quietHours: policy.quietHours === null ? NO_QUIET_HOURS : `${policy.quietHours.from}-${policy.quietHours.to}`,
    taskLead: String(committee?.reminders?.taskLeadWorkingDays ?? REMINDER_DEFAULTS.taskLeadWorkingDays),
  };
}

function reminderLine(r: SetupView['reminders']): string {
  const leads = r.startLeads.split(',').map((m) => durationWords(Number(m))).join('、');
  const deadline = r.deadlineLead === '0' ? '截止当天上午' : `截止前 ${r.deadlineLead} 个工作日上午`;
  const task = r.taskLead === '0' ? '到期当天上午' : `到期前 ${r.taskLead} 个工作日上午`;
  return `**提醒**：会前 ${r.signInLead} 分钟开始签到；会前 ${leads}提醒参会人员；通知、异议${deadline}提醒；督办事项${task}提醒；${r.quietHours === NO_QUIET_HOURS ? '不设免打扰' : `免打扰 ${r.quietHours}`}`;
}

function setupForm(view: SetupView): Element {
  const S = FORM_FIELDS.setup;
  const keep = view.saved ? '（不选则不变）' : '';
  return form('setup', [
    ...select({ name: S.profile, label: FIELD.profile, required: true, options: view.profiles, initial: view.profileId }),
    ...personPicker({ name: S.chair, label: FIELD.chair, placeholder: `${FIELD.chair}${keep}`, required: !view.saved }),
    ...multiPersonPicker({ name: S.viceChair, label: FIELD.viceChair, placeholder: `${FIELD.viceChair}${keep}` }),
    ...multiPersonPicker({ name: S.clerk, label: FIELD.clerk, placeholder: `${FIELD.clerk}${keep}` }),
    ...multiPersonPicker({ name: S.observers, label: FIELD.observers, placeholder: `${FIELD.observers}${keep}` }),
    ...view.approverRoles.flatMap((a) => multiPersonPicker({ name: approverField(a.role), label: `${FIELD.approver}：${a.name}`, placeholder: `${a.name}${keep}` })),
    input({ name: S.signInLead, label: FIELD.signInLead, maxLength: 60, defaultValue: view.reminders.signInLead }),
    input({ name: S.startLeads, label: FIELD.startLeads, maxLength: 60, defaultValue: view.reminders.startLeads }),
    input({ name: S.deadlineLead, label: FIELD.deadlineLead, maxLength: 60, defaultValue: view.reminders.deadlineLead }),
    input({ name: S.taskLead, label: FIELD.taskLead, maxLength: 60, defaultValue: view.reminders.taskLead }),
    input({ name: S.quietHours, label: FIELD.quietHours, placeholder: `${FIELD.quietHours}，如 22:00-07:30；不设填“${NO_QUIET_HOURS}”`, maxLength: 60, defaultValue: view.reminders.quietHours }),
  ], submit('setup_submit', { label: BUTTON.saveSetup, value: action({ a: 'setup.save', c: view.committeeId }) }));
}

export function buildSetupCard(view: SetupView): Card {
  const elements: Element[] = [];
  if (view.saved) {
    elements.push(md([
      `**规则**：${esc(view.profileName)}（${view.profileId}）`,
      ...view.roster.map((r) => `**${r.role}**：${names(r.people)}`),
      ...view.approverRoles.map((a) => `**${FIELD.approver}（${a.name}）**：${names(a.holders)}`),
      reminderLine(view.reminders),
    ].join('\n')));
    elements.push(md(view.keyRules.map((l) => `- ${esc(l)}`).join('\n')));
    if (view.can.save) elements.push(hr());
  }
  if (view.can.save) {
    elements.push(setupForm(view));
    elements.push(note('未选择的群成员都是“成员”。审批人字段按所选规则列出；更换规则后请重新打开 /设置 填写新规则的审批人。'));
  } else if (!view.saved) {
    elements.push(note('只有书记和秘书可以修改设置。'));
  }
  return card(header(TITLE.setup, view.saved ? 'green' : 'blue', view.saved ? '已保存' : '请选择规则并指定人员'), elements, TITLE.setup);
}
