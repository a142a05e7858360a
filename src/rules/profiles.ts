/**
 * getProfile / listProfiles: a base profile plus a body's own choices on the texts' open
 * points (A1–A25). Unknown keys and bad values are refused with a RangeError naming the field.
 */
import { DUTIES } from './duty-data.js';
import type { Profile } from './profile.js';
import { BASE_PROFILES } from './profile-data.js';
import { TOPIC_KINDS, VOTE_METHODS } from './types.js';
import type { Duty, ProfileId, ProfileOverrides } from './types.js';

type Options = Required<ProfileOverrides>;

const PROFILE_IDS: readonly ProfileId[] = ['NATIONAL', 'JY', 'NT', 'MS', 'ZY', 'AJ'];

function defaultOptions(id: ProfileId): Options {
  return {
    recusal: 'stayInDenominator',
    overlapPolicy: 'firstMatch',
    halfOrMore: 'inclusive',
    noticeCounting: 'calendarDate',
    holidayRollover: false,
    leaveDayUnit: id === 'AJ' ? 'workday' : 'calendar',
    evalOperator: 'gt',
    countUnknownAsValid: true,
    closeVoteMargin: 1,
    elevatedTopics: ['personnel', 'discipline', 'major'],
    chairLastMethods: ['oral', 'hands', 'named'],
    reminderLeadDays: 10,
    lifeMeetingPreReportDays: 15,
    lifeMeetingReportDays: 15,
  };
}

const oneOf = <T extends string>(allowed: readonly T[]) => (value: unknown): value is T =>
  typeof value === 'string' && (allowed as readonly string[]).includes(value);
const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
const listOf = <T extends string>(allowed: readonly T[]) => (value: unknown): value is T[] =>
  Array.isArray(value) && value.every(oneOf(allowed));

const VALIDATORS: { readonly [K in keyof Options]: { check: (value: unknown) => boolean; expected: string } } = {
  recusal: { check: oneOf(['stayInDenominator', 'excludeFromDenominator']), expected: "'stayInDenominator' or 'excludeFromDenominator'" },
  overlapPolicy: { check: oneOf(['firstMatch', 'higher']), expected: "'firstMatch' or 'higher'" },
  halfOrMore: { check: oneOf(['inclusive', 'exclusive']), expected: "'inclusive' or 'exclusive'" },
  noticeCounting: { check: oneOf(['calendarDate', 'hours']), expected: "'calendarDate' or 'hours'" },
  holidayRollover: { check: isBoolean, expected: 'true or false' },
  leaveDayUnit: { check: oneOf(['workday', 'calendar']), expected: "'workday' or 'calendar'" },
  evalOperator: { check: oneOf(['gt', 'gte']), expected: "'gt' or 'gte'" },
  countUnknownAsValid: { check: isBoolean, expected: 'true or false' },
  closeVoteMargin: { check: isCount, expected: 'a whole number of votes, 0 or more' },
  elevatedTopics: { check: listOf(TOPIC_KINDS), expected: `a list of ${TOPIC_KINDS.join(', ')}` },
  chairLastMethods: { check: listOf(VOTE_METHODS), expected: `a list of ${VOTE_METHODS.join(', ')}` },
  reminderLeadDays: { check: isCount, expected: 'a whole number of days, 0 or more' },
  lifeMeetingPreReportDays: { check: isCount, expected: 'a whole number of days, 0 or more' },
  lifeMeetingReportDays: { check: isCount, expected: 'a whole number of days, 0 or more' },
};

function isOptionKey(key: string): key is keyof Options {
  return Object.hasOwn(VALIDATORS, key);
}

function applyOverrides(base: Options, overrides: ProfileOverrides): Options {
  if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides)) {
    throw new RangeError('overrides must be an object of profile options');
  }
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    if (!isOptionKey(key)) throw new RangeError(`overrides.${key} is not a rule parameter`);
    if (value === undefined) continue;
    const { check, expected } = VALIDATORS[key];
    if (!check(value)) throw new RangeError(`overrides.${key} must be ${expected}, got ${JSON.stringify(value)}`);
    merged[key] = Array.isArray(value) ? [...new Set(value)] : value;
  }
  return merged as Options;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

export function isProfileId(value: unknown): value is ProfileId {
  return oneOf(PROFILE_IDS)(value);
}

/** The profile `id` with a body's own choices applied; throws RangeError on an unknown id or option. */
export function getProfile(id: ProfileId, overrides: ProfileOverrides = {}): Profile {
  if (!isProfileId(id)) throw new RangeError(`profile must be one of ${PROFILE_IDS.join(', ')}, got ${JSON.stringify(id)}`);
  const options = applyOverrides(defaultOptions(id), overrides);
  return deepFreeze(structuredClone({ ...BASE_PROFILES[id], options }));
}

/** Every profile with its defaults, NATIONAL first. */
export function listProfiles(): Profile[] {
  return PROFILE_IDS.map((id) => getProfile(id));
}

/** The periodic duties of a profile, each citing its rule ids. */
export function duties(profile: Profile): Duty[] {
  return DUTIES[profile.id].map((duty) => structuredClone(duty));
}
