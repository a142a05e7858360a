import { describe, expect, it } from 'vitest';
import { checkCard } from '../../sandbox/open-api/card-check.js';
import { RULE_FLAG_TEXT, RULE_IDS } from '../../src/rules/index.js';
import { action } from '../../cards/actions.js';
import {
  basisBlock, basisLines, button, buttonRow, card, datePicker, form, header, hr, input, md, multiPersonPicker, panel, personPicker, ruleSentence, select, submit,
} from '../../cards/components.js';
import { at, clip, esc, formatDay, formatWhen, localDate, localDatetime, typed } from '../../cards/text.js';
import { buildTopicCard, toTopicView } from '../../cards/topic-card.js';
import { bigCommittee, bigTopics, NOW, TZ } from './fixtures.js';
import { fieldLabels } from './walk.js';

describe('components', () => {
  it('every helper together makes a card the stand-in accepts', () => {
    const value = action({ a: 'leave.submit', c: 'c1', m: 'm1' });
    const built = card(header('会议请假', 'orange', '副标题', { text: '待审批', color: 'orange' }), [
      md('**时间**'), hr(), panel('详情', [md('内容')], true),
      ...buttonRow([button({ label: '参加', value, confirm: { title: '确认', text: '确定吗？' } }), button({ label: '请假', value, disabled: true, disabledTips: '已截止' })]),
      form('f', [
        input({ name: 'reason', label: '请假事由', required: true, multiline: true }),
        ...select({ name: 'kind', label: '类型', options: [{ value: 'sick', text: '病假' }, { value: 'private', text: '事假' }], initial: 'private' }),
        ...personPicker({ name: 'chair', label: '书记' }),
        ...multiPersonPicker({ name: 'obs', label: '列席' }),
        ...datePicker({ name: 'start', label: '开始日期', initialDate: '2026-12-10' }),
      ], submit('f_submit', { label: '提交请假', value })),
      ...basisBlock(['JY-23b'], ['CLOSE_VOTE_DEFER']),
    ]);
    expect(checkCard(built)).toBeUndefined();
    expect(JSON.stringify(built)).toContain('"initial_index":2');
  });

  it('an empty button row and an empty basis add no element', () => {
    expect(buttonRow([])).toEqual([]);
    expect(basisBlock([], [])).toEqual([]);
  });

  it('依据 shows each rule id with its one sentence from the rules module, and each flag in Chinese', () => {
    const text = basisLines(['JY-23b', 'NAT-PG-26', 'A5', 'JY-23b'], ['CLOSE_VOTE_DEFER', 'NOT_A_FLAG']);
    expect(text).toContain(`依据：JY-23b “${RULE_IDS['JY-23b']!.quote}”`);
    expect(text).toContain('NAT-PG-26 《党组工作条例(试行)》第26条');
    expect(text).toContain('A5 规则原文未明确规定');
    expect(text.split('JY-23b')).toHaveLength(2);
    expect(text).toContain(RULE_FLAG_TEXT.CLOSE_VOTE_DEFER);
    expect(text).not.toContain('NOT_A_FLAG');
    for (const id of Object.keys(RULE_IDS)) expect(ruleSentence(id)).toMatch(/[\u4e00-\u9fff]/u);
  });
});

describe('text', () => {
  it('typed text cannot mention everyone, link, or format: markdown and tags are made inert', () => {
    const evil = '<at id=all></at> **粗** [链接](https://x.y) <font color=red>红</font>';
    const out = esc(evil);
    expect(out).not.toMatch(/[<>*[\]()]/);
    expect(out).toContain('&#60;at id=all&#62;');
    const topic = { ...bigTopics()[0]!, title: evil };
    const built = buildTopicCard(toTopicView(topic, bigCommittee(), { now: NOW, timeZone: TZ, viewer: 'p0', can: { confirm: true, return: true } }));
    // Markdown is where tags act; header and summary are plain text and show the title as typed.
    const markdown = fieldLabels(built).filter((t) => t.includes('id=all'));
    expect(markdown.length).toBeGreaterThan(0);
    for (const t of markdown) expect(t).not.toContain('<at id=all>');
    expect(built.header!.title.tag).toBe('plain_text');
  });

  it('clip counts characters, never splits a surrogate pair, and typed clips before escaping', () => {
    expect(clip('一二三四五', 5)).toBe('一二三四五');
    expect(clip('一二三四五六', 5)).toBe('一二三四…');
    expect(clip('😀😀😀😀', 3)).toBe('😀😀…');
    expect(typed('**********', 4)).toBe('&#42;&#42;&#42;…');
  });

  it('times in the committee zone, the Chinese way', () => {
    expect(formatWhen('2026-12-10T01:00:00Z', TZ)).toBe('12月10日（周四）09:00');
    expect(formatWhen('2026-12-09T16:30:00Z', TZ)).toBe('12月10日（周四）00:30');
    expect(formatWhen('2026-12-10T01:00:00Z', 'UTC')).toBe('12月10日（周四）01:00');
    expect(formatDay('2026-12-13')).toBe('12月13日（周日）');
    expect(localDate('2026-12-09T16:30:00Z', TZ)).toBe('2026-12-10');
  });

  it('mentions and local times use the markdown tags Feishu documents', () => {
    expect(at('ou_abc')).toBe('<at id=ou_abc></at>');
    expect(localDatetime(1765328400000)).toBe("<local_datetime millisecond='1765328400000' format_type='date_num'></local_datetime>");
  });
});
