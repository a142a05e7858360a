/**
 * The bot's one time-zone model, owned here. The rules count days and deadlines at a fixed UTC+8
 * (China has kept +08:00 without daylight saving since 1991), and the services turn instants into
 * local dates with the committee's zone. The two agree because a committee's zone, and TZ_DEFAULT,
 * may only be a zone that is +08:00 at every instant from 1992 on (Asia/Shanghai and its aliases,
 * Asia/Hong_Kong, Asia/Macau, Asia/Taipei …); the config and the committee schema refuse any other.
 * Nothing depends on the process's own TZ: every conversion names its zone or offset.
 */

export const RULES_UTC_OFFSET = '+08:00';
export const RULES_UTC_OFFSET_MS = 8 * 3_600_000;
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const FROM_MS = Date.UTC(1992, 0, 1);
const UNTIL_MS = Date.UTC(2100, 0, 1);
/** Every 7 days: no zone has kept a different offset, or daylight saving, for less than a week. */
const STEP_MS = 7 * 86_400_000;
const checked = new Map<string, boolean>();

function offsetAt(format: Intl.DateTimeFormat, ms: number): string | undefined {
  return format.formatToParts(ms).find((part) => part.type === 'timeZoneName')?.value;
}

/** Whether `zone` is an IANA zone at +08:00 at every instant from 1992 to 2100. */
export function isRulesZone(zone: string): boolean {
  const known = checked.get(zone);
  if (known !== undefined) return known;
  let format: Intl.DateTimeFormat;
  try {
    // Only names: an offset such as "+08:00", which newer ICU accepts as a zone, is not one.
    if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(zone)) return false;
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
  } catch {
    return false;
  }
  let ok = true;
  for (let ms = FROM_MS; ms < UNTIL_MS && ok; ms += STEP_MS) ok = offsetAt(format, ms) === `GMT${RULES_UTC_OFFSET}`;
  if (checked.size < 1000) checked.set(zone, ok);
  return ok;
}

/** What to tell someone who gave another zone. */
export const RULES_ZONE_HINT = 'must be a time zone at UTC+8 all year since 1992, such as Asia/Shanghai (the rules count days in +08:00)';
