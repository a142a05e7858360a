import { describe, expect, it } from 'vitest';
import { parseLeaveArgs, parseMeetingArgs, parseTopicArgs, parseVoteArgs } from '../../../src/bot/parse/commands.js';
import { input, refusalOf } from './parse-support.js';

const at = (local: string) => `${local}:00+08:00`;

describe('/会议 <日期 时间> [地点] [紧急], now 2026-12-01 10:00 (Tuesday)', () => {
  const good: [string, string][] = [
    ['2026-12-10 09:00', '2026-12-10T09:00'],
    ['12-10 09:00', '2026-12-10T09:00'],
    ['12/10 9:00', '2026-12-10T09:00'],
    ['12月10日 9:00', '2026-12-10T09:00'],
    ['12月10号 9:00', '2026-12-10T09:00'],
    ['2026年12月10日 9点30分', '2026-12-10T09:30'],
    ['12月10日上午9点', '2026-12-10T09:00'],
    ['12月10日 上午10点一刻', '2026-12-10T10:15'],
    ['12月10日 中午12点', '2026-12-10T12:00'],
    ['12月10日 下午三点', '2026-12-10T15:00'],
    ['12月10日 晚上8点', '2026-12-10T20:00'],
    ['下午3点', '2026-12-01T15:00'],
    ['下午3点半', '2026-12-01T15:30'],
    ['10:30', '2026-12-01T10:30'],
    ['今天 晚上7点', '2026-12-01T19:00'],
    ['明天 9:00', '2026-12-02T09:00'],
    ['后天下午2点', '2026-12-03T14:00'],
    ['周二 11:00', '2026-12-01T11:00'],
    ['周五 9:00', '2026-12-04T09:00'],
    ['星期五 14:30', '2026-12-04T14:30'],
    ['下周三 9:00', '2026-12-09T09:00'],
    ['下星期一 9:00', '2026-12-07T09:00'],
    ['周日 9:00', '2026-12-06T09:00'],
    ['１２月１０日　９：００', '2026-12-10T09:00'],
    ['1月5日 9:00', '2027-01-05T09:00'],
    ['12月1日 11:00', '2026-12-01T11:00'],
    ['2月29日 9:00', '2028-02-29T09:00'],
  ];
  it.each(good)('%s → %s', (args, expected) => {
    expect(parseMeetingArgs(input(args))).toEqual({ startsAt: at(expected), place: null, emergency: false });
  });

  it('takes the words after the time as the place, and 紧急 as the emergency flag', () => {
    expect(parseMeetingArgs(input('12月10日 9:00 第一会议室'))).toEqual({ startsAt: at('2026-12-10T09:00'), place: '第一会议室', emergency: false });
    expect(parseMeetingArgs(input('12月10日 9:00 三楼　Ａ座 会议室 紧急'))).toEqual({ startsAt: at('2026-12-10T09:00'), place: '三楼 Ａ座 会议室', emergency: true });
    expect(parseMeetingArgs(input('明天 9:00 紧急'))).toEqual({ startsAt: at('2026-12-02T09:00'), place: null, emergency: true });
    expect(parseMeetingArgs(input('12月10日 下午3点 2号楼'))).toEqual({ startsAt: at('2026-12-10T15:00'), place: '2号楼', emergency: false });
  });

  const bad: [string, string][] = [
    ['12月40日 9:00', '日期"12月40日"无法识别。请写成"12月10日 9:00"或"2026-12-10 09:00"。'],
    ['2月30日 9:00', '日期"2月30日"无法识别。请写成"12月10日 9:00"或"2026-12-10 09:00"。'],
    ['2026-13-01 9:00', '日期"2026-13-01"无法识别。请写成"12月10日 9:00"或"2026-12-10 09:00"。'],
    ['0026-12-10 9:00', '日期"0026-12-10"无法识别。请写成"12月10日 9:00"或"2026-12-10 09:00"。'],
    ['第一会议室 9:00', '日期"第一会议室"无法识别。请写成"12月10日 9:00"或"2026-12-10 09:00"。'],
    ['12月10日9:00x', '日期"12月10日9:00x"无法识别。请写成"12月10日 9:00"或"2026-12-10 09:00"。'],
    [`12月10日9:00${'x'.repeat(5000)}`, '日期"12月10日9:00xxxxxxxxxx…"无法识别。请写成"12月10日 9:00"或"2026-12-10 09:00"。'],
    ['', '请写明会议的日期和时间，如"/会议 12月10日 9:00 第一会议室"。'],
    ['12月10日', '请写明会议的时间，如"/会议 12月10日 9:00 第一会议室"。'],
    ['12月10日 第一会议室', '请写明会议的时间，如"/会议 12月10日 9:00 第一会议室"。'],
    ['12月10日 25:00', '时间"25:00"无法识别。请写成"9:00"、"下午3点"或"15:30"。'],
    ['12月10日 9:60', '时间"9:60"无法识别。请写成"9:00"、"下午3点"或"15:30"。'],
    ['12月10日 上午15点', '时间"上午15点"无法识别。请写成"9:00"、"下午3点"或"15:30"。'],
    ['12月10日 晚上12点', '时间"晚上12点"无法识别。请写成"9:00"、"下午3点"或"15:30"。'],
    ['9:30', '时间"9:30"已经过去。请写一个以后的时间，如"明天 9:00"。'],
    ['今天 上午10点', '时间"今天 上午10点"已经过去。请写一个以后的时间，如"明天 9:00"。'],
    ['2026-11-30 09:00', '时间"2026-11-30 09:00"已经过去。请写一个以后的时间，如"明天 9:00"。'],
    ['本周一 9:00', '时间"本周一 9:00"已经过去。请写一个以后的时间，如"明天 9:00"。'],
  ];
  it.each(bad)('refuses %j', (args, message) => {
    expect(refusalOf(() => parseMeetingArgs(input(args)))).toBe(message);
  });
});

describe('/议题 <标题> [一般|重大|人事|处分]', () => {
  it.each([
    ['关于预算调整的请示', { title: '关于预算调整的请示', kind: 'general' }],
    ['关于干部任免的议题 人事', { title: '关于干部任免的议题', kind: 'personnel' }],
    ['  多个   空格  重大 ', { title: '多个 空格', kind: 'major' }],
    ['违纪问题处理 处分', { title: '违纪问题处理', kind: 'discipline' }],
    ['一般 一般', { title: '一般', kind: 'general' }],
    ['重大事项报告', { title: '重大事项报告', kind: 'general' }],
  ])('%j', (args, expected) => {
    expect(parseTopicArgs(input(args))).toEqual(expected);
  });

  it.each([
    ['', '请写明议题标题，如"/议题 关于2027年度部门预算的请示 重大"。'],
    ['处分', '请写明议题标题，如"/议题 关于2027年度部门预算的请示 重大"。'],
    ['题'.repeat(201), '议题标题太长了（最多 200 字）。请简短些，如"/议题 关于2027年度部门预算的请示 重大"。'],
  ])('refuses %j', (args, message) => {
    expect(refusalOf(() => parseTopicArgs(input(args)))).toBe(message);
  });
});

describe('/请假 <原因> and /请假 <开始> 至 <结束> <类型> <原因>', () => {
  it.each([
    ['出差在外', { kind: 'meeting', reason: '出差在外' }],
    ['明天出差', { kind: 'meeting', reason: '明天出差' }],
    ['明天 去省里 开会', { kind: 'meeting', reason: '明天 去省里 开会' }],
    ['明天 到省里开会', { kind: 'meeting', reason: '明天 到省里开会' }],
    ['12月10日 至 12月12日 事假 家中有事', { kind: 'general', start: '2026-12-10', end: '2026-12-12', reason: 'private', reasonText: '家中有事' }],
    ['12月10日至12月12日 病假 住院 治疗', { kind: 'general', start: '2026-12-10', end: '2026-12-12', reason: 'sick', reasonText: '住院 治疗' }],
    ['12月30日 至 1月3日 公出 赴省里学习', { kind: 'general', start: '2026-12-30', end: '2027-01-03', reason: 'business', reasonText: '赴省里学习' }],
    ['12月20日 至 2月10日 病假 手术', { kind: 'general', start: '2026-12-20', end: '2027-02-10', reason: 'sick', reasonText: '手术' }],
    ['2027-12-28 至 1月4日 公出 培训', { kind: 'general', start: '2027-12-28', end: '2028-01-04', reason: 'business', reasonText: '培训' }],
    ['12月10日 事假 家中有事', { kind: 'general', start: '2026-12-10', end: '2026-12-10', reason: 'private', reasonText: '家中有事' }],
    ['2026-11-20 至 11月22日 病假 补交假条', { kind: 'general', start: '2026-11-20', end: '2026-11-22', reason: 'sick', reasonText: '补交假条' }],
    ['明天 至 后天 事假 家中有事', { kind: 'general', start: '2026-12-02', end: '2026-12-03', reason: 'private', reasonText: '家中有事' }],
    ['１２月１０日～１２月１１日　公出　调研', { kind: 'general', start: '2026-12-10', end: '2026-12-11', reason: 'business', reasonText: '调研' }],
  ])('%j', (args, expected) => {
    expect(parseLeaveArgs(input(args))).toEqual(expected);
  });

  const example = '"/请假 12月10日 至 12月12日 事假 家中有事"';
  it.each([
    ['', '请写明请假事由，如"/请假 出差在外"。'],
    ['12月10日 至 12月40日 事假 有事', '日期"12月40日"无法识别。请写成"12月10日"或"2026-12-10"。'],
    ['12月10日 至 12月12日x 事假 有事', '日期"12月12日x"无法识别。请写成"12月10日"或"2026-12-10"。'],
    ['12月10日 至 事假 有事', `请写明结束日期，如${example}。`],
    ['12月10日 至 12月12日 年假 有事', `请假类型"年假"无法识别。请写"事假"、"病假"或"公出"，如${example}。`],
    ['12月10日 至 12月12日', `请写明请假类型（"事假"、"病假"或"公出"），如${example}。`],
    ['12月10日 至 12月12日 事假', `请写明请假事由，如${example}。`],
    ['后天 至 明天 事假 有事', `结束日期早于开始日期。请写成${example}。`],
    // A date without a year is the one nearest the start: reversed days are refused, not rolled into next year.
    ['12月9日 至 12月7日 事假 有事', `结束日期早于开始日期。请写成${example}。`],
    ['6月10日 至 3月1日 病假 住院', `结束日期早于开始日期。请写成${example}。`],
    ['2027-01-05 至 2026-12-30 事假 有事', `结束日期早于开始日期。请写成${example}。`],
  ])('refuses %j', (args, message) => {
    expect(refusalOf(() => parseLeaveArgs(input(args)))).toBe(message);
  });
});

describe('/表决 <议题序号> [举手|记名|无记名]', () => {
  it.each([
    ['2', { item: 2, method: null }],
    ['3 无记名', { item: 3, method: 'secret' }],
    ['第2项 举手', { item: 2, method: 'hands' }],
    ['１２ 记名', { item: 12, method: 'named' }],
  ])('%j', (args, expected) => {
    expect(parseVoteArgs(input(args))).toEqual(expected);
  });

  it.each([
    ['', '请写明议题序号，如"/表决 2 无记名"。'],
    ['二', '议题序号"二"无法识别。请写数字，如"/表决 2 无记名"。'],
    ['0', '议题序号"0"无法识别。请写数字，如"/表决 2 无记名"。'],
    ['2 秘密', '表决方式"秘密"无法识别。请写"口头"、"举手"、"记名"或"无记名"，如"/表决 2 无记名"。'],
    ['2 举手 多余 的话', '无法识别"多余 的话"。请写成"/表决 2 无记名"。'],
  ])('refuses %j', (args, message) => {
    expect(refusalOf(() => parseVoteArgs(input(args)))).toBe(message);
  });
});
