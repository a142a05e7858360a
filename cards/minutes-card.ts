/**
 * 会议纪要 → 会议纪要（已签发）: the drafted text, `修改` (a form with the wording of each item) for
 * the office and `审签` for the signer the profile names; once signed, who signed and when, and no
 * button at all.
 */
import { MINUTES_WORDING_MAX, type Committee, type Meeting, type Minutes, type Topic } from '../src/domain/index.js';
import { action, minutesItemField } from './actions.js';
import { button, buttonRow, card, form, header, hr, input, md, note, submit } from './components.js';
import { BUTTON, TITLE } from './copy.js';
import { clip, esc, formatWhen } from './text.js';
import type { Card } from './types.js';
import { personOf, type ViewOptions } from './view.js';

export interface MinutesCan { edit: boolean; signOff: boolean }

export interface MinutesView {
  committeeId: string;
  meetingId: string;
  title: string;
  body: string;
  signed?: { by: string; at: string };
  drafted: { by: string; at: string };
  /** The form of 修改: each agenda item with its current wording. */
  editing?: { topicId: string; title: string; wording: string }[];
  can: MinutesCan;
}

export interface MinutesSource {
  committee: Pick<Committee, 'id' | 'roster'>;
  meeting: Pick<Meeting, 'id' | 'title'>;
  topics: readonly Pick<Topic, 'id' | 'title'>[];
  minutes: Minutes;
}

export function toMinutesView(src: MinutesSource, opts: ViewOptions<MinutesCan> & { editing?: boolean }): MinutesView {
  const { minutes } = src;
  const signed = minutes.status === 'signed' && minutes.signedBy !== undefined && minutes.signedAt !== undefined
    ? { by: personOf(src.committee, minutes.signedBy).name, at: formatWhen(minutes.signedAt, opts.timeZone) } : undefined;
  const open = signed === undefined;
  return {
    committeeId: src.committee.id, meetingId: src.meeting.id, title: src.meeting.title, body: minutes.body,
    drafted: { by: personOf(src.committee, minutes.draftedBy).name, at: formatWhen(minutes.draftedAt, opts.timeZone) },
    ...(signed && { signed }),
    ...(open && opts.editing === true && opts.can.edit && {
      editing: src.topics.map((t) => ({ topicId: t.id, title: t.title, wording: minutes.wording?.[t.id] ?? '' })),
    }),
    // Signed minutes never change: no button, whoever looks.
    can: { edit: open && opts.can.edit, signOff: open && opts.can.signOff },
  };
}

/** UTF-8 bytes the text of the minutes may take on the card, leaving room for the rest under 30 KB. */
const BODY_BUDGET = 18 * 1024;
const utf8 = new TextEncoder();

/** The drafted Markdown with every line's text made inert; only the draft's own structure stays. Cut at a line when too long. */
function bodyMarkdown(body: string): string {
  const lines = body.split('\n').map((line) => {
    const heading = /^(#{1,3}) (.*)$/.exec(line);
    if (heading) return `**${esc(heading[2] ?? '')}**`;
    const item = /^(\s*)- (.*)$/.exec(line);
    if (item) return `${item[1] ?? ''}- ${esc(item[2] ?? '')}`;
    return esc(line);
  });
  const kept: string[] = [];
  let bytes = 0;
  for (const line of lines) {
    bytes += utf8.encode(line).length + 1;
    if (bytes > BODY_BUDGET) return [...kept, '', '……（纪要较长，卡片只显示前一部分，全文以纪要文本为准。）'].join('\n');
    kept.push(line);
  }
  return kept.join('\n');
}

export function buildMinutesCard(view: MinutesView): Card {
  const c = view.committeeId;
  const m = view.meetingId;
  const title = view.signed ? TITLE.minutesSigned : TITLE.minutes;
  // While the form is open it takes the room the text had.
  const elements: Card['body']['elements'] = view.editing ? [] : [md(bodyMarkdown(view.body)), hr()];
  elements.push(view.signed
    ? md(`**审签**：${esc(view.signed.by)}（${view.signed.at}）`)
    : note(`草稿：${esc(view.drafted.by)} 起草于 ${view.drafted.at}，待审签。`));
  if (view.editing) {
    elements.push(hr(), form('minutes_edit', view.editing.map((item) => input({
      name: minutesItemField(item.topicId), label: `${clip(item.title, 40)}（会议议定）`, multiline: true, maxLength: MINUTES_WORDING_MAX,
      placeholder: '写明会议对本议题的议定意见', ...(item.wording === '' ? {} : { defaultValue: item.wording }),
    })), submit('minutes_save', { label: BUTTON.saveMinutes, value: action({ a: 'minutes.save', c, m }) })));
  }
  elements.push(...buttonRow([
    ...(view.can.edit && !view.editing ? [button({ label: BUTTON.editMinutes, value: action({ a: 'minutes.edit', c, m }) })] : []),
    ...(view.can.signOff ? [button({
      label: BUTTON.signOff, type: 'primary_filled', value: action({ a: 'minutes.signOff', c, m }),
      confirm: { title: '审签会议纪要', text: '审签后纪要即签发，不能再修改。确定审签吗？' },
    })] : []),
  ]));
  return card(header(title, view.signed ? 'green' : 'blue', clip(view.title, 40)), elements, `${title}：${clip(view.title, 40)}`);
}
