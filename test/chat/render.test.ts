/**
 * The chat page's renderer on the cards the bot really builds (every family at 50 members and
 * 20 items, and the vote cards): each component becomes its HTML, every callback value and form
 * field survives for the tap, the output is well formed, and nothing a card carries runs as HTML.
 */
import { describe, expect, it } from 'vitest';
import { buildChairingCard, buildOpenVoteCard, buildSecretBallotCard, buildVoteProgressCard } from '../../cards/vote-cards.js';
import { buildTopicCard, toTopicView } from '../../cards/topic-card.js';
import { button, card, columns, header, md, panel } from '../../cards/components.js';
import type { Card, HeaderTemplate } from '../../cards/types.js';
import { renderCard, type RenderContext } from '../../sandbox/chat/render.js';
import { bigCommittee, bigRoster, bigTopics, buildEveryCard, C, NOW, TZ } from '../cards/fixtures.js';
import { callbackValues } from '../cards/walk.js';
import { attributes, expectWellFormed, fieldsOf, textContent } from './html.js';

const roster = bigRoster();
const ctx: RenderContext = {
  nameOf: (openId) => roster.find((m) => m.openId === openId)?.name,
  people: roster.map((m) => ({ openId: m.openId ?? '', name: m.name })),
  timeZone: TZ,
};
const render = (c: unknown): string => renderCard(c, ctx);
const ballot = { committeeId: C, ballotId: 'b1', title: '关于人事任免的议题', index: 1, method: 'secret', addedAtMeeting: false, open: true } as const;
const chairing = (vote: boolean): Card => buildChairingCard({
  committeeId: C, meetingId: 'mt1', title: '党组会议', closed: false,
  items: bigTopics(3).map((t, i) => ({ topicId: t.id, index: i + 1, title: t.title, kind: t.kind, status: 'confirmed', addedAtMeeting: false, voting: false, can: { vote, defer: true, reconsider: false } })),
});
const every = [
  ...buildEveryCard('all'),
  { name: 'chairing', card: chairing(true) },
  { name: 'open vote', card: buildOpenVoteCard({ ...ballot, method: 'hands', voted: 2, eligible: 7, chairLast: true, chairLastBasis: ['JY-24d'] }) },
  { name: 'vote progress', card: buildVoteProgressCard({ ...ballot, voted: 2, eligible: 7, chairLast: false, chairLastBasis: [] }) },
  { name: 'secret ballot', card: buildSecretBallotCard(ballot, false) },
  { name: 'secret ballot (cast)', card: buildSecretBallotCard(ballot, true) },
];
const ping = { a: 'demo.ping', c: C } as const;

describe('every card the bot builds', () => {
  it.each(every.map((c) => [c.name, c.card] as const))('%s renders every component, well formed, with its title', (_name, built) => {
    const html = render(built);
    expectWellFormed(html);
    expect(html).not.toContain('unsupported');
    expect(textContent(html)).toContain(built.header?.title.content ?? '');
  });

  it.each(every.map((c) => [c.name, c.card] as const))('%s keeps every callback value, in order, for the tap', (_name, built) => {
    const sent = attributes(render(built), 'data-value').map((v) => JSON.parse(v) as unknown);
    expect(sent).toEqual(callbackValues(built));
  });

  it('a form keeps its name, each field its name and kind, and its submit buttons the form and their own name', () => {
    const setup = every.find((c) => c.name === 'setup (first)')!.card;
    const html = render(setup);
    const form = JSON.stringify(setup.body.elements.find((e) => e.tag === 'form'));
    const formName = /"name":"([^"]+)"/.exec(form)![1]!;
    expect(attributes(html, 'data-form')).toEqual([formName, formName]);
    const fields = fieldsOf(html);
    expect(fields.map((f) => f.kind)).toEqual(expect.arrayContaining(['select', 'person', 'persons']));
    for (const f of fields) expect(form).toContain(`"name":"${f.name}"`);
    expect(attributes(html, 'data-submit')).toHaveLength(1);
  });
});

describe('components', () => {
  it('the header takes every Feishu template colour, an unknown one falls back to the plain header', () => {
    const colours: HeaderTemplate[] = ['blue', 'wathet', 'turquoise', 'green', 'yellow', 'orange', 'red', 'carmine', 'violet', 'purple', 'indigo', 'grey'];
    for (const colour of colours) expect(render(card(header('标题', colour), []))).toContain(`class="card-header tpl-${colour}"`);
    expect(render(card(header('标题', 'pink' as HeaderTemplate), []))).toContain('tpl-default');
    const tagged = render(card(header('议题待确认', 'orange', '副标题', { text: '待确认', color: 'orange' }), []));
    expect(textContent(tagged)).toContain('副标题');
    expect(tagged).toContain('<span class="text-tag tag-orange">待确认</span>');
  });

  it('markdown: bold, links (http only), line breaks, lists, colours, mentions by name and local times in Asia/Shanghai', () => {
    const who = roster[3]!;
    const html = render(card(header('t', 'blue'), [md([
      `**加粗** 与 [链接](https://example.com/a?b=1&c=2) 与 [坏链接](javascript:alert(1))`,
      `第二行 <at id=${who.openId}></at> <at id=ou_nobody></at> <at id=all></at>`,
      `<font color='red'>红字</font> <font color='carmine-500'>深红</font>`,
      `<local_datetime millisecond='${Date.parse('2026-12-10T01:00:00Z')}' format_type='date_num'></local_datetime>`,
      '- 第一项', '  例：续行', '- 第二项',
    ].join('\n'))]));
    expectWellFormed(html);
    expect(html).toContain('<strong>加粗</strong>');
    expect(html).toContain('<a href="https://example.com/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer">链接</a>');
    expect(html).not.toContain('javascript:');
    expect(textContent(html)).toContain('坏链接');
    expect(html).toContain('<br>第二行');
    expect(html).toContain(`<span class="mention">@${who.name}</span>`);
    expect(html).toContain('@未知用户');
    expect(html).toContain('@所有人');
    expect(html).toContain('<span class="fg-red">红字</span>');
    expect(html).toContain('<span class="fg-carmine">深红</span>');
    expect(html).toContain('<time class="local-time">2026-12-10 09:00</time>');
    expect(html).toContain('<ul><li>第一项<br>例：续行</li><li>第二项</li></ul>');
  });

  it('the rest of Feishu markdown: strike, <br>, headings, numbered lists, dividers, text tags, person chips, every local time format', () => {
    const who = roster[7]!;
    const ms = Date.parse('2026-12-10T07:05:09Z');
    const at = (f: string) => `<local_datetime millisecond='${ms}' format_type='${f}'></local_datetime>`;
    const html = render(card(header('t', 'blue'), [md([
      '# 标题', `~~删除~~<br>下一行 <text_tag color='green'>已完成</text_tag> <person id='${who.openId}'></person>`,
      '1. 甲', '2. 乙', '---', `<font color='red'>红 <at id=${who.openId}></at> 仍红</font> **未闭合`,
      ['date_short', 'date', 'week', 'week_short', 'time', 'time_sec'].map(at).join(' | '),
    ].join('\n'))]));
    expectWellFormed(html);
    expect(html).toContain('<div class="md-h1">标题</div>');
    expect(html).toContain('<del>删除</del><br>下一行');
    expect(html).toContain('<span class="text-tag tag-green">已完成</span>');
    expect(html).toContain(`<span class="mention">@${who.name}</span>`);
    expect(html).toContain('<ol><li>甲</li><li>乙</li></ol><hr>');
    expect(html).toContain(`<span class="fg-red">红 <span class="mention">@${who.name}</span> 仍红</span> <strong>未闭合</strong>`);
    expect(textContent(html)).toContain('12月10日 15:05 | 2026年12月10日 15:05 | 2026年12月10日 周四 15:05 | 12月10日 周四 15:05 | 15:05 | 15:05:09');
  });

  it('columns, a collapsible panel and a divider', () => {
    const html = render(card(header('t', 'blue'), [columns([md('左')], [md('右')]), panel('条文依据', [md('正文')]), { tag: 'hr' }, panel('展开', [md('x')], true)]));
    expectWellFormed(html);
    expect(html).toMatch(/<div class="cols cols-flow"><div class="col col-auto">.*左.*<\/div><div class="col col-auto">.*右.*<\/div><\/div>/);
    expect(html).toContain('<details class="panel"><summary>条文依据</summary>');
    expect(html).toContain('<details class="panel" open><summary>展开</summary>');
    expect(html).toContain('<hr class="card-hr">');
  });

  it('buttons: each type as a class, a disabled one with its tips, confirm dialogs as data attributes', () => {
    const html = render(card(header('t', 'blue'), [
      button({ label: '确认', value: ping, type: 'primary' }),
      button({ label: '退回', value: ping, type: 'danger' }),
      button({ label: '签到', value: ping, disabled: true, disabledTips: '签到尚未开始' }),
    ]));
    expect(html).toContain('class="btn btn-primary"');
    expect(html).toContain('class="btn btn-danger"');
    expect(html).toMatch(/<span class="btn-wrap" data-tips="签到尚未开始"><button [^>]*disabled title="签到尚未开始"/);
    const secret = render(buildSecretBallotCard(ballot, false));
    expect(attributes(secret, 'data-confirm-text')).toEqual(Array(3).fill(expect.stringContaining('无记名投票提交后不能更改')));
    expect(attributes(secret, 'data-confirm-title')).toHaveLength(3);
  });

  it('form fields: inputs (required, multiline), selects with their options, person pickers from the chat, date pickers', () => {
    const leave = render(every.find((c) => c.name === 'general leave form')!.card);
    expect(fieldsOf(leave).map((f) => f.kind)).toEqual(expect.arrayContaining(['date', 'select', 'input']));
    expect(leave).toMatch(/<input type="date" name="[^"]+" data-field="date"/);
    expect(leave).toMatch(/data-field="input" required/);
    const meetingLeave = render(every.find((c) => c.name === 'meeting leave form')!.card);
    expect(meetingLeave).toContain('<textarea');
    const setup = render(every.find((c) => c.name === 'setup (first)')!.card);
    for (const m of roster.slice(0, 5)) expect(setup).toContain(`<option value="${m.openId}">${m.name}</option>`);
    expect(setup).toMatch(/<select multiple size="6" name="[^"]+" data-field="persons"/);
    const chair = render(chairing(true));
    expect(chair).toContain('<option value="secret">无记名</option>');
    expect(attributes(chair, 'data-submit')).toEqual(['vote_1', 'vote_2', 'vote_3']);
  });
});

describe('nothing a card carries runs as HTML', () => {
  const attack = '<script>alert(1)</script><img src=x onerror=alert(2)>"\'&';

  it('a topic title with <script> (escaped by the card, as typed text is) shows as text', () => {
    const topic = { ...bigTopics(1)[0]!, title: attack, status: 'submitted' as const };
    const html = render(buildTopicCard(toTopicView(topic, bigCommittee(), { now: NOW, timeZone: TZ, viewer: 'p0', can: { confirm: true, return: true } })));
    expectWellFormed(html);
    expect(html).not.toMatch(/<script|<img/i);
    expect(textContent(html)).toContain(attack);
  });

  it('raw tags in markdown, titles, labels, options, values and tips never become elements or break attributes', () => {
    const hostile: Card = {
      schema: '2.0', config: { update_multi: true },
      header: { title: { tag: 'plain_text', content: attack }, subtitle: { tag: 'lark_md', content: attack }, template: 'blue' },
      body: { elements: [
        md(`${attack} <font color='red" onclick="x'>f</font> <a href='javascript:alert(3)'>a</a>`),
        { tag: 'button', text: { tag: 'plain_text', content: attack }, disabled: true, disabled_tips: { tag: 'plain_text', content: attack },
          confirm: { title: { tag: 'plain_text', content: attack }, text: { tag: 'plain_text', content: attack } }, behaviors: [{ type: 'callback', value: { a: attack } }] },
        { tag: 'form', name: attack, elements: [
          { tag: 'input', name: attack, placeholder: { tag: 'plain_text', content: attack }, label: { tag: 'plain_text', content: attack }, default_value: attack },
          { tag: 'select_static', name: 'pick', options: [{ text: { tag: 'plain_text', content: attack }, value: attack }] },
          { tag: 'button', name: attack, form_action_type: 'submit', text: { tag: 'plain_text', content: '提交' } },
        ] },
        panel(attack, [md(attack)]),
        { tag: attack } as unknown as Card['body']['elements'][number],
      ] },
    };
    const html = render(hostile);
    expectWellFormed(html);
    expect(html).not.toMatch(/<script|<img|<a href="javascript|onclick="/i);
    expect(attributes(html, 'data-value').map((v) => JSON.parse(v) as unknown)).toEqual([{ a: attack }]);
    expect(attributes(html, 'data-submit')).toEqual([attack]);
    expect(attributes(html, 'data-confirm-text')).toEqual([attack]);
  });

  it('a 1.0 card or something that is not a card is named, not rendered', () => {
    expect(render({ elements: [md('<script>')] })).toContain('仅支持预览卡片 JSON 2.0');
    expect(render('<script>')).not.toContain('<script');
  });
});
