/**
 * 使用帮助: what this person may do here, one example per command, and what a secret ballot hides
 * and what it does not.
 */
import type { Role } from '../src/domain/index.js';
import { card, header, md, note, panel } from './components.js';
import { ROLE_NAMES, SENTENCE, TITLE } from './copy.js';
import { esc } from './text.js';
import type { Card } from './types.js';

interface Command { word: string; what: string; example: string }

/** The command list of the conversation contract; who may use each is the services' to say. */
export const COMMANDS = [
  { word: '/设置', what: '设置规则、书记、副书记、秘书、列席和审批人', example: '/设置 规则 JY' },
  { word: '/议题', what: '提交议题（一般、重大、人事、处分，默认一般）', example: '/议题 2027年度预算安排 重大' },
  { word: '/议题列表', what: '查看各状态的议题', example: '/议题列表' },
  { word: '/会议', what: '筹备会议，已确认的议题列入议程', example: '/会议 12月10日 9:00 三楼会议室' },
  { word: '/请假', what: '请假：只写原因是下次会议的请假，写日期是一般请假，只发 /请假 私聊收到请假申请表', example: '/请假 12月10日 至 12月12日 事假 家中有事' },
  { word: '/销假', what: '请假结束后销假', example: '/销假' },
  { word: '/签到', what: '书记或秘书点“开始签到”后为本人签到，会议结束前都可以签到（列席人员签到不计入到会人数）', example: '/签到' },
  { word: '/表决', what: '对议程中的一项议题开始表决（会议主持人）', example: '/表决 2 无记名' },
  { word: '/测评', what: '发起民主测评：@ 要测评的人，或写“班子”', example: '/测评 @张三' },
  { word: '/纪要', what: '起草最近一次已结束会议的纪要', example: '/纪要' },
  { word: '/督办', what: '登记督办事项；不带参数时列出未办结事项', example: '/督办 落实会议决定 @李四 12月31日' },
  { word: '/职责', what: '查看本单位的定期工作职责及完成情况', example: '/职责' },
  { word: '/规则', what: '查看本单位的议事规则及条文依据', example: '/规则' },
  { word: '/帮助', what: '显示本帮助', example: '/帮助' },
] as const satisfies readonly Command[];

export type CommandWord = (typeof COMMANDS)[number]['word'];

export interface HelpView {
  role: string;
  commands: Command[];
  firstSetup: boolean;
}

/** The commands `may` allows this person, in the contract's order. */
export function toHelpView(role: Role | null, may: (word: CommandWord) => boolean, firstSetup: boolean): HelpView {
  return {
    role: role === null ? '未登记' : ROLE_NAMES[role],
    commands: COMMANDS.filter((c) => may(c.word)).map(({ word, what, example }) => ({ word, what, example })),
    firstSetup,
  };
}

export function buildHelpCard(view: HelpView): Card {
  const lines = view.commands.map((c) => `- **${esc(c.word)}** ${esc(c.what)}\n  例：${esc(c.example)}`);
  return card(header(TITLE.help, 'blue', `您的身份：${view.role}`), [
    md(`您在这里可以使用以下命令（英文别名也可以，如 /help）：\n${lines.join('\n')}`),
    md('会议通知、请假、签到、表决和测评都可以直接点卡片上的按钮完成；按钮只对有权限的人起作用。'),
    panel('无记名投票保密到什么程度', [md(SENTENCE.secretBallot)]),
    panel('机器人什么时候提醒', [md(SENTENCE.reminders)]),
    ...(view.firstSetup ? [note('尚未完成设置：请先发送 /设置，保存后生效。')] : []),
  ], TITLE.help);
}
