/** The rules' vocabulary is spelled once (src/rules/types.ts) and the domain's schemas are built from it. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import {
  ApproverRoleSchema, EvaluationCategorySchema, FilingTargetSchema, INDIVIDUAL_GRADES, LeaveApplicantRoleSchema, LeaveKindSchema,
  LeaveReasonSchema, LeaveScopeSchema, MeetingLeaveSchema, ProfileIdSchema, RoleSchema, TEAM_GRADES, TopicKindSchema, VoteMethodSchema,
} from '../../src/domain/index.js';
import type { LeaveInput } from '../../src/rules/index.js';
import * as vocabulary from '../../src/rules/types.js';
import type {
  ApproverRole, EvaluationCategory, FilingTarget, LeaveApplicantRole, LeaveKind, LeaveReason, LeaveScope, ProfileId, TopicKind, VoteMethod,
} from '../../src/rules/types.js';

describe('the rules’ vocabulary and the domain schemas', () => {
  it('have the same members, in the same order', () => {
    const pairs: [readonly string[], readonly string[]][] = [
      [ProfileIdSchema.options, vocabulary.PROFILE_IDS], [TopicKindSchema.options, vocabulary.TOPIC_KINDS],
      [VoteMethodSchema.options, vocabulary.VOTE_METHODS], [ApproverRoleSchema.options, vocabulary.APPROVER_ROLES],
      [FilingTargetSchema.options, vocabulary.FILING_TARGETS], [LeaveKindSchema.options, vocabulary.LEAVE_KINDS],
      [LeaveApplicantRoleSchema.options, vocabulary.LEAVE_APPLICANT_ROLES], [LeaveReasonSchema.options, vocabulary.LEAVE_REASONS],
      [LeaveScopeSchema.options, vocabulary.LEAVE_SCOPES], [EvaluationCategorySchema.options, vocabulary.EVALUATION_CATEGORIES],
      [MeetingLeaveSchema.shape.reasonKind.unwrap().options, vocabulary.LEAVE_REASONS],
      [INDIVIDUAL_GRADES, [...vocabulary.EVALUATION_GRADES.individual, vocabulary.UNKNOWN_GRADE]],
      [TEAM_GRADES, [...vocabulary.EVALUATION_GRADES.team, vocabulary.UNKNOWN_GRADE]],
    ];
    for (const [schema, list] of pairs) expect(schema).toEqual(list);
  });

  it('have the same types (checked by the compiler)', () => {
    expectTypeOf<z.infer<typeof ProfileIdSchema>>().toEqualTypeOf<ProfileId>();
    expectTypeOf<z.infer<typeof TopicKindSchema>>().toEqualTypeOf<TopicKind>();
    expectTypeOf<z.infer<typeof VoteMethodSchema>>().toEqualTypeOf<VoteMethod>();
    expectTypeOf<z.infer<typeof ApproverRoleSchema>>().toEqualTypeOf<ApproverRole>();
    expectTypeOf<z.infer<typeof FilingTargetSchema>>().toEqualTypeOf<FilingTarget>();
    expectTypeOf<z.infer<typeof LeaveKindSchema>>().toEqualTypeOf<LeaveKind>();
    expectTypeOf<z.infer<typeof LeaveApplicantRoleSchema>>().toEqualTypeOf<LeaveApplicantRole>();
    expectTypeOf<z.infer<typeof LeaveReasonSchema>>().toEqualTypeOf<LeaveReason>();
    expectTypeOf<z.infer<typeof LeaveScopeSchema>>().toEqualTypeOf<LeaveScope>();
    expectTypeOf<z.infer<typeof EvaluationCategorySchema>>().toEqualTypeOf<EvaluationCategory>();
    expectTypeOf<NonNullable<LeaveInput['kind']>>().toEqualTypeOf<LeaveKind>();
    expect(true).toBe(true);
  });

  it('are spelled nowhere in src/domain', () => {
    const words = Object.values(vocabulary).flatMap((v): readonly unknown[] => (typeof v === 'string' ? [v] : Array.isArray(v) ? v : Object.values(v).flat()))
      // Committee roles are the domain's own vocabulary; some share a word with the rules' (chair, member).
      .filter((w): w is string => typeof w === 'string' && !(RoleSchema.options as readonly string[]).includes(w));
    expect(words).toContain('meetingAbsence');
    const dir = resolve(import.meta.dirname, '../../src/domain');
    // labels.ts holds the Chinese words people read, keyed by these types (checked by the compiler);
    // a word may equal a Chinese literal of the rules (一般 is a topic kind's word and a team grade).
    const found = readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'labels.ts').flatMap((file) => {
      const text = readFileSync(join(dir, file), 'utf8');
      return words.filter((w) => text.includes(`'${w}'`)).map((w) => `${file}: '${w}'`);
    });
    expect(found).toEqual([]);
  });
});
