/**
 * One plain Chinese sentence for every flag and error code, so no user ever sees a bare code.
 * `Record<Code, string>` makes a new code without a sentence a type error.
 */
import type { RuleErrorCode, RuleFlag, ServiceRuleErrorCode } from './types.js';

export const RULE_FLAG_TEXT: Readonly<Record<RuleFlag, string>> = {
  NO_DECISION_POSSIBLE: '到会人数刚够法定人数,但即使全体到会成员赞成,赞成票也不能超过应到会成员半数,本议题无法作出决定。',
  QUORUM_UNREACHABLE: '扣除回避人员后,可参加本议题的成员不足法定人数,本议题在本次会议上无法表决。',
  RECUSAL_POLICY_SENSITIVE: '本议题结果取决于回避成员是否计入应到会人数,请按本单位规定确认。',
  HALF_POLICY_SENSITIVE: '本议题是否达到法定人数取决于“半数以上”是否包含半数本数,请按本单位规定确认。',
  CLOSE_VOTE_DEFER: '赞成与反对票数接近,建议暂缓作出决定,进一步调查研究后再行复议。',
  AD_HOC_ITEM: '该议题为会上临时增加,规则要求一般不临时增加议题,请主持人确认。',
  WRITTEN_OPINIONS_NOT_COUNTED: '未到会成员的书面意见已记录并提交主持人,但不计入票数。',
  TIER_BOUNDARY_OVERLAP: '请假天数正好处在规定的两个审批档次交界处,已按规则列出的先后顺序确定审批人,建议本单位在制度中写明是否含本数。',
  TIER_GAP: '请假天数落在规定档次之间的空档,已按较高一档确定审批人。',
  LEAVE_UNIT_SENSITIVE: '按工作日和按自然日计算的请假天数对应不同审批人,请按本单位规定确认计算方式。',
  LATE_ADVANCE_REPORT: '外出报告晚于规定的提前报告时间,请尽快报告并说明原因。',
  REPORT_AFTER_DEPARTURE: '外出报告在出发之后才登记,规则要求出发前报告。',
  MAKEUP_SLIP_REQUIRED: '请假开始后才提交申请,需事后补交假条。',
  CONSENT_BEFORE_EXIT_PROCEDURES: '出国(境)须先经主要负责同志同意,方可办理政审及出国(境)手续。',
  OUT_OF_SCOPE: '本单位规则未规定此类请假或外出的审批,请按上级有关规定办理。',
  LATE_NOTICE: '会议通知晚于规定时间发出,请向参会人员说明。',
  LATE_OBJECTION: '异议晚于规定时间提出,已记录并提交会议主持人。',
  DEADLINE_ON_REST_DAY: '截止日是休息日,截止时间不顺延,建议在此前最后一个工作日完成。',
  NO_NOTICE_RULE: '本单位规则未规定会议通知或异议的提前时间。',
  NOTICE_COUNTING_SENSITIVE: '按日历日计算与按小时计算的结果不同,请按本单位规定确认。',
  DUE_ON_REST_DAY: '期限最后一天是休息日,按规定日期提醒,依法可顺延至休息日后的第一个工作日。',
  HOLIDAYS_UNKNOWN: '所涉年份的法定节假日和调休安排尚未录入,本次按周末计算工作日,请核对。',
  DUE_ROLLED_OVER: '期限最后一天是休息日,已顺延至休息日后的第一个工作日。',
  GAP_TOO_LONG: '相邻两次记录间隔过长,虽然每个周期都有记录,仍请注意按期开展。',
  EVAL_POLICY_SENSITIVE: '结果取决于“不了解”“弃权”票是否计入有效票,请按本单位规定确认。',
  NO_EVAL_THRESHOLD: '本单位规则未规定民主测评的处理票数界限,结果仅作记录。',
  UNKNOWN_GRADE: '测评票中有不属于本类测评等次的选项,已计入有效票,请核对测评表。',
  DEFAULT_ASSUMED: '规则原文对此未作明确规定,系统采用了默认做法,可在规则配置中调整。',
};

export const RULE_ERROR_TEXT: Readonly<Record<RuleErrorCode | ServiceRuleErrorCode, string>> = {
  CHAIR_MUST_SPEAK_LAST: '会议主持人应当最后表态,请其他成员表态后主持人再表态。',
  AD_HOC_MOTION_FORBIDDEN: '本单位规则规定不得临时动议,该议题不能在本次会议上表决,请列入下次会议议程。',
  VOTES_EXCEED_PARTICIPANTS: '票数合计超过参加表决的人数,请核对后重新计票。',
  PROXY_NOT_ALLOWED: '不得委托他人代为表决,请本人参加表决。',
  ITEMS_MUST_BE_VOTED_SEPARATELY: '多个事项应当逐项表决,请分别对每个事项投票。',
  NEEDS_TWO_OR_MORE_OPTIONS: '该议题须提出两个以上可供比较的意见和方案,请补充后再提交。',
  REVIEW_NEEDS_SECRETARY_CONSENT: '复议须经党组书记同意,原决定在复议前继续有效。',
  FORM_INCOMPLETE: '表单未填写完整,请补全外出理由、起止时间和审批意见后再提交。',
};

/** The sentence for a flag or error code. */
export function describeRuleCode(code: RuleFlag | RuleErrorCode | ServiceRuleErrorCode): string {
  return (RULE_FLAG_TEXT as Record<string, string>)[code] ?? (RULE_ERROR_TEXT as Record<string, string>)[code] ?? code;
}
