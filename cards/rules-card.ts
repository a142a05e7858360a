/** 议事规则: the committee's profile, its thresholds and deadlines, and the articles they come from. */
import type { Profile } from '../src/rules/index.js';
import { card, header, md, note, panel, ruleSentence } from './components.js';
import { TITLE } from './copy.js';
import { profileRuleLines, type RuleLine } from './rule-text.js';
import { esc } from './text.js';
import type { Card } from './types.js';

export interface RulesView {
  profileId: string;
  profileName: string;
  effectiveFrom: string;
  lines: RuleLine[];
  /** Every rule id the lines cite, each with its one sentence. */
  articles: { id: string; sentence: string }[];
  /** The body's own choices where the text is silent or ambiguous. */
  overrides: number;
}

export function toRulesView(profile: Profile, overrides: Readonly<Record<string, unknown>>): RulesView {
  const lines = profileRuleLines(profile);
  const ids = [...new Set(lines.flatMap((l) => l.basis))];
  return {
    profileId: profile.id,
    profileName: profile.name,
    effectiveFrom: profile.effectiveFrom,
    lines,
    articles: ids.map((id) => ({ id, sentence: ruleSentence(id) })),
    overrides: Object.keys(overrides).length,
  };
}

export function buildRulesCard(view: RulesView): Card {
  const rules = view.lines.map((l) => `- **${esc(l.label)}**：${esc(l.text)}${l.basis.length === 0 ? '' : `（${l.basis.join('、')}）`}`);
  const articles = view.articles.map((a) => `**${esc(a.id)}** ${a.sentence}`);
  return card(header(TITLE.rules, 'indigo', `${view.profileName}（${view.profileId}）`), [
    md(`**规则配置**：${esc(view.profileName)}，${view.effectiveFrom} 起施行${view.overrides > 0 ? `，本单位另有 ${view.overrides} 项自定设置` : ''}`),
    md(rules.join('\n')),
    panel('条文依据', [md(articles.join('\n'))]),
    note('人数按“以上、以下、以内”含本数，“超过、不满、不足”不含本数计算。更换规则：/设置 规则 JY'),
  ], `${TITLE.rules}：${view.profileName}`);
}
