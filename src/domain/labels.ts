/**
 * The Chinese word for each domain value, as people type it in commands and read it on cards.
 * Each table is keyed by the domain's own literals, so a new literal fails to compile until it has
 * its word; the reverse lookups are built from the same tables.
 */
import type { z } from 'zod';
import type { VoteMethodSchema } from './ballot.js';
import type { Role } from './committee.js';
import type { ApproverRoleSchema, LeaveReasonSchema } from './records.js';
import type { TopicKindSchema } from './topic.js';

type TopicKind = z.infer<typeof TopicKindSchema>;
type LeaveReason = z.infer<typeof LeaveReasonSchema>;
type VoteMethod = z.infer<typeof VoteMethodSchema>;
type ApproverRole = z.infer<typeof ApproverRoleSchema>;

export const TOPIC_KIND_WORDS = { general: '一般', major: '重大', personnel: '人事', discipline: '处分' } as const satisfies Record<TopicKind, string>;

/** 事假 / 病假 / 公出: the kind of reason decideLeave reads. */
export const LEAVE_REASON_WORDS = { private: '事假', sick: '病假', business: '公出' } as const satisfies Record<LeaveReason, string>;

export const VOTE_METHOD_WORDS = { oral: '口头', hands: '举手', named: '记名', secret: '无记名' } as const satisfies Record<VoteMethod, string>;

export const ROLE_WORDS = { chair: '书记', viceChair: '副书记', member: '成员', clerk: '秘书', observer: '列席' } as const satisfies Record<Role, string>;

/** Approver roles as the seed texts name them (AJ-15b, ZY-JD-4.2). */
export const APPROVER_ROLE_WORDS = {
  deptHead: '科室负责人', deputyInCharge: '分管副主任', director: '主任', countyPrincipal: '县区委主要负责同志',
  cityLeaderInCharge: '市委分管领导', cityPrincipal: '市委主要负责同志', chair: '书记',
} as const satisfies Record<ApproverRole, string>;

/** The value whose word is `word`, or undefined. */
export function valueOfWord<V extends string>(words: Readonly<Record<V, string>>, word: string): V | undefined {
  return (Object.keys(words) as V[]).find((value) => words[value] === word);
}

/** The words of a table joined for a sentence: "一般、重大、人事或处分". */
export function wordChoices(words: Readonly<Record<string, string>>, values?: readonly string[]): string {
  const list = (values ?? Object.keys(words)).map((value) => `"${words[value] ?? value}"`);
  return list.length <= 1 ? list.join('') : `${list.slice(0, -1).join('、')}或${list.at(-1) ?? ''}`;
}
