/** Input checks shared by the rule functions: every failure is a RangeError naming the field. */

export function requireCount(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${field} must be a whole number, 0 or more, got ${JSON.stringify(value)}`);
  }
  return value;
}

export function requireOneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new RangeError(`${field} must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
  }
  return value as T;
}

export function requireAtMost(value: number, limit: number, field: string, limitName: string): void {
  if (value > limit) throw new RangeError(`${field} (${value}) cannot exceed ${limitName} (${limit})`);
}

/** Keeps the first occurrence of each entry, in order. */
export function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
