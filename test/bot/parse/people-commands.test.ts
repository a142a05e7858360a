import { describe, expect, it } from 'vitest';
import { canonicalCommand } from '../../../src/bot/parse/aliases.js';
import { mentionedPeople } from '../../../src/bot/parse/mentions.js';
import { parseEvaluationArgs, parseSetupArgs, parseTaskArgs } from '../../../src/bot/parse/people-commands.js';
import { BOT, input, refusalOf } from './parse-support.js';

describe('mentions', () => {
  it('takes open_ids from the mentions in order, each once, without the bot', () => {
    expect(mentionedPeople(input('', ['ou_b', BOT, 'ou_a', 'ou_b', BOT]))).toEqual(['ou_b', 'ou_a']);
    expect(mentionedPeople(input('@张三 @李四', [BOT]))).toEqual([]);
  });
});

describe('/测评 @对象… | /测评 班子 [名称]', () => {
  it.each([
    ['', [BOT, 'ou_a', 'ou_b', 'ou_a'], { kind: 'people', openIds: ['ou_a', 'ou_b'] }],
    ['班子', [BOT], { kind: 'team', name: null }],
    ['班子 县委领导班子', [], { kind: 'team', name: '县委领导班子' }],
  ] as const)('%j with %j', (args, mentions, expected) => {
    expect(parseEvaluationArgs(input(args, [...mentions]))).toEqual(expected);
  });

  it.each([
    ['', [BOT], '请 @ 要测评的人，如"/测评 @张三 @李四"；测评班子请写"/测评 班子"。'],
    ['张三 李四', [BOT], '请用 @ 选择人员，"张三 李四"不是 @ 提及。如"/测评 @张三 @李四"。'],
    ['张三', ['ou_a'], '请用 @ 选择人员，"张三"不是 @ 提及。如"/测评 @张三 @李四"。'],
    ['班子', ['ou_a'], '测评班子时不用 @ 人。请写成"/测评 班子"或"/测评 @张三 @李四"。'],
  ])('refuses %j with %j', (args, mentions, message) => {
    expect(refusalOf(() => parseEvaluationArgs(input(args, mentions)))).toBe(message);
  });
});

describe('/督办 <事项> @负责人 <日期>', () => {
  it.each([
    ['', [], { kind: 'list' }],
    ['', [BOT], { kind: 'list' }],
    ['完成年度预算报告 12月20日', [BOT, 'ou_a'], { kind: 'create', title: '完成年度预算报告', ownerOpenId: 'ou_a', due: '2026-12-20' }],
    ['整改 落实 1月5日', ['ou_a'], { kind: 'create', title: '整改 落实', ownerOpenId: 'ou_a', due: '2027-01-05' }],
    ['今天办完 今天', ['ou_a'], { kind: 'create', title: '今天办完', ownerOpenId: 'ou_a', due: '2026-12-01' }],
    ['报告 ２０２６－１２－３１', ['ou_a'], { kind: 'create', title: '报告', ownerOpenId: 'ou_a', due: '2026-12-31' }],
  ] as const)('%j with %j', (args, mentions, expected) => {
    expect(parseTaskArgs(input(args, [...mentions]))).toEqual(expected);
  });

  const example = '"/督办 完成年度预算报告 @张三 12月20日"';
  it.each([
    ['完成年度预算报告 12月20日', [BOT], `请 @ 督办事项的负责人，如${example}。`],
    ['完成年度预算报告', ['ou_a'], `请写明办结期限，如${example}。`],
    ['完成年度预算报告 下个月', ['ou_a'], `请写明办结期限，如${example}。`],
    ['12月20日', ['ou_a'], `请写明督办事项，如${example}。`],
    ['完成 12月40日', ['ou_a'], '日期"12月40日"无法识别。请写成"12月10日"或"2026-12-10"。'],
    ['完成 2026-11-30', ['ou_a'], '期限"2026-11-30"已经过去。请写今天或以后的日期，如"12月20日"。'],
    ['完成 12月20日', ['ou_a', 'ou_b'], `督办事项只能有一位负责人，请只 @ 一人，如${example}。`],
  ])('refuses %j with %j', (args, mentions, message) => {
    expect(refusalOf(() => parseTaskArgs(input(args, mentions)))).toBe(message);
  });
});

describe('/设置 …', () => {
  it.each([
    ['', [BOT], { kind: 'card' }],
    ['规则 jy', [], { kind: 'profile', profileId: 'JY' }],
    ['规则 NATIONAL', [], { kind: 'profile', profileId: 'NATIONAL' }],
    ['规则 ＮＴ', [], { kind: 'profile', profileId: 'NT' }],
    ['书记', [BOT, 'ou_a'], { kind: 'role', role: 'chair', openIds: ['ou_a'] }],
    ['副书记', ['ou_a'], { kind: 'role', role: 'viceChair', openIds: ['ou_a'] }],
    ['列席', ['ou_a', 'ou_b'], { kind: 'role', role: 'observer', openIds: ['ou_a', 'ou_b'] }],
    ['秘书', ['ou_c'], { kind: 'role', role: 'clerk', openIds: ['ou_c'] }],
    ['成员', ['ou_d'], { kind: 'role', role: 'member', openIds: ['ou_d'] }],
    ['审批 主任', ['ou_a'], { kind: 'approver', role: 'director', openIds: ['ou_a'] }],
    ['审批 分管副主任', [BOT, 'ou_b'], { kind: 'approver', role: 'deputyInCharge', openIds: ['ou_b'] }],
    ['审批 科室负责人', ['ou_c'], { kind: 'approver', role: 'deptHead', openIds: ['ou_c'] }],
  ] as const)('%j with %j', (args, mentions, expected) => {
    expect(parseSetupArgs(input(args, [...mentions]))).toEqual(expected);
  });

  const approvers = '"科室负责人"、"分管副主任"、"主任"、"县区委主要负责同志"、"市委分管领导"、"市委主要负责同志"或"书记"';
  it.each([
    ['规则', [], '请写明规则，如"/设置 规则 JY"。可选：NATIONAL、JY、NT、MS、ZY、AJ。'],
    ['规则 XX', [], '规则"XX"不存在。可选：NATIONAL、JY、NT、MS、ZY、AJ，如"/设置 规则 JY"。'],
    ['规则 JY 多余', [], '无法识别"多余"。请写成"/设置 规则 JY"。'],
    ['书记', [BOT], '请 @ 要设为书记的人，如"/设置 书记 @张三"。'],
    ['书记 张三', [], '请用 @ 选择人员，"张三"不是 @ 提及。如"/设置 书记 @张三"。'],
    ['审批', ['ou_a'], `请写明审批人的职务（${approvers}），如"/设置 审批 主任 @张三"。`],
    ['审批 局长', ['ou_a'], `审批职务"局长"无法识别。请写${approvers}，如"/设置 审批 主任 @张三"。`],
    ['审批 主任', [], '请 @ 要设为主任的审批人，如"/设置 审批 主任 @张三"。'],
    ['组长', ['ou_a'], '无法识别"组长"。请写成"/设置"、"/设置 规则 JY"、"/设置 书记 @张三"或"/设置 审批 主任 @张三"；角色可写"书记"、"副书记"、"成员"、"秘书"或"列席"。'],
  ])('refuses %j with %j', (args, mentions, message) => {
    expect(refusalOf(() => parseSetupArgs(input(args, mentions)))).toBe(message);
  });
});

describe('English aliases', () => {
  it('maps each English alias to its Chinese command, in any case, and leaves others alone', () => {
    const pairs = [
      ['/setup', '/设置'], ['/topic', '/议题'], ['/meeting', '/会议'], ['/leave', '/请假'], ['/signin', '/签到'], ['/vote', '/表决'],
      ['/eval', '/测评'], ['/minutes', '/纪要'], ['/task', '/督办'], ['/duties', '/职责'], ['/rules', '/规则'], ['/help', '/帮助'],
    ];
    expect(pairs.map(([alias]) => canonicalCommand(alias ?? ''))).toEqual(pairs.map(([, word]) => word));
    expect(canonicalCommand('/HELP')).toBe('/帮助');
    expect(['/帮助', '/toString', '/constructor', '/unknown'].map(canonicalCommand)).toEqual(['/帮助', '/toString', '/constructor', '/unknown']);
  });
});
