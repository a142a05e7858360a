/** Prints what the rules and the services make of instants near local midnight, under this process's TZ. */
import { checkNotice, getProfile } from '../../src/rules/index.js';
import { formatDate, formatInstant, localDay, parseInstant } from '../../src/rules/dates.js';
import { localDate, localDateTime } from '../../src/services/local-date.js';

const instants = ['2025-06-17T15:59:59Z', '2025-06-17T16:00:00Z', '2025-12-31T16:30:00Z'];
const notice = checkNotice(getProfile('JY'), '2025-06-20T09:00:00+08:00', '2025-06-17T16:30:00Z');
process.stdout.write(JSON.stringify({
  tz: process.env.TZ,
  offsetMinutes: new Date('2025-06-17T00:00:00Z').getTimezoneOffset(),
  rules: instants.map((at) => formatDate(localDay(parseInstant(at, 'at')))),
  services: instants.map((at) => localDate(at, 'Asia/Shanghai')),
  formatted: formatInstant(parseInstant(instants[1] ?? '', 'at')),
  people: localDateTime(instants[1] ?? '', 'Asia/Hong_Kong'),
  notice,
}));
