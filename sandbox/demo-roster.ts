/**
 * The demo committee's people and papers: eight people with Chinese names (seven on the body, one
 * 列席), their role words in the body's own terms, and the two topics the demo starts with.
 */
import type { Role } from '../src/domain/committee.js';
import { ROLE_WORDS } from '../src/domain/labels.js';
import { getProfile, type ProfileId } from '../src/rules/index.js';

export type DemoChoice = ProfileId | 'blank';

export interface DemoPerson {
  readonly openId: string;
  readonly name: string;
  /** The role in the body's own words: 书记 in a 党组, 主任 in a 人大常委会. */
  readonly role: string;
}

/** The demo group chat; fixed, so that the committee (whose id comes from it) survives a restart. */
export const DEMO_CHAT_ID = 'oc_yishi_demo';

/** Roster order: chair, vice chair, members, clerk, observer last. */
const PEOPLE: readonly { readonly openId: string; readonly name: string; readonly role: Role }[] = [
  { openId: 'ou_demo_chair', name: '王建国', role: 'chair' },
  { openId: 'ou_demo_vice', name: '李文华', role: 'viceChair' },
  { openId: 'ou_demo_m1', name: '张明', role: 'member' },
  { openId: 'ou_demo_m2', name: '刘芳', role: 'member' },
  { openId: 'ou_demo_m3', name: '陈志强', role: 'member' },
  { openId: 'ou_demo_m4', name: '杨秀英', role: 'member' },
  { openId: 'ou_demo_clerk', name: '赵静', role: 'clerk' },
  { openId: 'ou_demo_observer', name: '周涛', role: 'observer' },
];

/** What a 常委会 or a 人大常委会 calls the roles a 党组 calls 书记, 副书记 and 成员. */
const BODY_ROLE_WORDS = {
  partyGroup: ROLE_WORDS,
  partyCommittee: { ...ROLE_WORDS, member: '常委' },
  npcStandingCommittee: { ...ROLE_WORDS, chair: '主任', viceChair: '副主任', member: '委员' },
} as const;

/** The profile a blank demo is expected to be set up with, and the first start's. */
export const DEMO_DEFAULT_PROFILE: ProfileId = 'JY';

const profileOf = (choice: DemoChoice): ProfileId => (choice === 'blank' ? DEMO_DEFAULT_PROFILE : choice);

/**
 * The demo's people in their order, observers last, each with the role `roles` gives (the saved
 * roster's, once the chat is set up) or else the one the demo seeds, in the body's own words.
 */
export function demoPeople(choice: DemoChoice, roles: ReadonlyMap<string, Role> = new Map()): DemoPerson[] {
  const words = BODY_ROLE_WORDS[getProfile(profileOf(choice)).meeting.body];
  const people = PEOPLE.map((p) => ({ ...p, role: roles.get(p.openId) ?? p.role }));
  const ordered = [...people.filter((p) => p.role !== 'observer'), ...people.filter((p) => p.role === 'observer')];
  return ordered.map((p) => ({ openId: p.openId, name: p.name, role: words[p.role] }));
}

export const openIdOfRole = (role: Role): string[] => PEOPLE.filter((p) => p.role === role).map((p) => p.openId);

/** The chat's name: the body's name, as its group would be called. */
export function demoChatName(choice: DemoChoice): string {
  const id = profileOf(choice);
  return id === 'NATIONAL' ? '演示党组' : getProfile(id).name;
}

/** The topics the demo starts with, each submitted by one person (a member, the clerk). */
export const DEMO_TOPICS: readonly { readonly by: string; readonly text: string }[] = [
  { by: 'ou_demo_m1', text: '关于2027年度重点工作安排的议题 重大' },
  { by: 'ou_demo_clerk', text: '关于机关干部交流轮岗的议题 人事' },
];
