/** Asking the rules module from a use case: its RangeError (bad date, bad label, missing days) is bad input. */
import { RefusedError } from '../errors.js';

export function askRules<T>(question: () => T): T {
  try {
    return question();
  } catch (error) {
    // The rules name the field and then quote the value: keep the field, drop the value (details go to logs).
    if (error instanceof RangeError) throw new RefusedError('INVALID_INPUT', error.message.split(', got ')[0]);
    throw error;
  }
}
