/**
 * The bot's one error hierarchy: a base class with a stable `code`, and small
 * subclasses that add fields. Boundaries (boot, koa, bot) switch on `code`, never on message text,
 * so messages can be reworded freely while codes stay stable.
 */
import { RULE_ERROR_TEXT } from './rules/messages.js';

/**
 * Stable, snake_case error codes. Add a member here together with its subclass below; the
 * `switch-exhaustiveness-check` lint rule then points at every boundary that must handle it.
 */
export type ErrorCode = 'config_invalid' | 'domain_refused' | 'store_unavailable' | 'store_corrupt' | 'lark_api' | 'input_invalid';

/** Options every {@link BotError} accepts; `cause` is the native `Error` cause. */
export interface BotErrorOptions {
  readonly cause?: unknown;
}

/** Base class of every error the bot throws on purpose. */
export class BotError extends Error {
  /** Stable machine-readable code; boundaries map it to a status, a log line or a toast. */
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: BotErrorOptions) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    // Subclasses get their own name in stack traces and logs without repeating this line.
    this.name = new.target.name;
  }
}

/** One problem with one environment variable: its name and what the operator should do. */
export interface ConfigIssue {
  readonly variable: string;
  readonly fix: string;
}

/**
 * The environment is unusable. Thrown once at boot by `loadConfig`; `main.ts` prints the message
 * and exits with code 1. The message lists every problem as a `NAME: what to fix` line and never
 * contains a value, because values include secrets and the message goes to logs.
 */
export class ConfigError extends BotError {
  /** Every problem found, in the order of `.env.example`. */
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[]) {
    const lines = issues.map((issue) => `${issue.variable}: ${issue.fix}`);
    const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
    super(
      'config_invalid',
      `Configuration is invalid (${count}); fix the environment (see .env.example):\n${lines.join('\n')}`,
    );
    this.issues = Object.freeze([...issues]);
  }
}

/**
 * Why a use case refused a request. Each code has one Chinese sentence in USER_MESSAGES, the one
 * place that turns refusals into what a member sees; the rules module's own codes reuse its sentences.
 */
export type RefusalCode =
  | 'NOT_FOUND' | 'NOT_ALLOWED' | 'INVALID_INPUT' | 'INVALID_STATE' | 'CONFLICT_RETRY'
  | 'NOT_A_MEMBER' | 'NOT_CHAIR' | 'NOT_CLERK' | 'NOT_ELIGIBLE' | 'OBSERVER_CANNOT_VOTE'
  | 'RECUSED' | 'NOT_PRESENT' | 'ALREADY_VOTED' | 'BALLOT_CLOSED' | 'BALLOT_NOT_OPEN'
  | 'CHOICE_UNKNOWN' | 'RESULT_HIDDEN_UNTIL_CLOSE' | 'MINUTES_SIGNED' | 'AGENDA_LOCKED'
  | 'PROXY_NOT_ALLOWED' | 'ITEMS_MUST_BE_VOTED_SEPARATELY' | 'NEEDS_TWO_OR_MORE_OPTIONS'
  | 'REVIEW_NEEDS_SECRETARY_CONSENT' | 'FORM_INCOMPLETE' | 'AD_HOC_MOTION_FORBIDDEN'
  | 'CHAIR_MUST_SPEAK_LAST' | 'VOTES_EXCEED_PARTICIPANTS' | 'NOT_YOUR_TURN' | 'OUT_OF_SCOPE'
  | 'AGENDA_EMPTY' | 'LEAVE_AFTER_START' | 'NOT_INVITED'
  | 'BALLOT_ALREADY_OPEN' | 'NO_ELIGIBLE_VOTERS' | 'SECRET_BALLOT_NO_RESERVATION' | 'REVIEW_NEEDS_MAJORITY' | 'NOT_DEFERRABLE'
  | 'NOT_COMMITTEE_CHAIR' | 'NOT_VOTING_MEMBER' | 'NOT_SUBMITTER' | 'NOT_OWNER_OR_CLERK' | 'LEAVE_PRIVATE'
  | 'NOT_SETUP_OWNER' | 'CHAT_HAS_COMMITTEE' | 'NO_COMMITTEE' | 'FOREIGN_CARD' | 'CHOOSE_COMMITTEE' | 'OWN_LEAVE' | 'NOT_APPROVER'
  | 'NOT_CHAIR_OR_CLERK' | 'NOTICE_NOT_SENT' | 'SIGN_IN_NOT_OPEN'
  | 'NO_UPCOMING_MEETING' | 'NO_LEAVE_TO_RETURN' | 'LEAVE_NOT_FILED' | 'NOT_QUORATE'
  | 'OWNER_NOT_ON_ROSTER' | 'SUBJECT_NOT_ON_ROSTER'
  | 'MEETING_NOT_CLOSED' | 'NO_CLOSED_MEETING' | 'MINUTES_NOT_DRAFTED'
  | 'REMIND_NOT_OPEN';

/** The rules module's codes are refusals too, with the rules' own sentences. */
type RuleRefusalCode = keyof typeof RULE_ERROR_TEXT;
const _ruleCodesAreRefusals: readonly RefusalCode[] = [] as RuleRefusalCode[];

export const USER_MESSAGES: Readonly<Record<RefusalCode, string>> = {
  ...RULE_ERROR_TEXT,
  NOT_FOUND: '没有找到要操作的对象,请刷新后重试。',
  NOT_ALLOWED: '您没有进行此项操作的权限。',
  INVALID_INPUT: '填写的内容不符合要求,请检查后重新提交。',
  INVALID_STATE: '当前状态下不能进行此项操作,请刷新查看最新状态。',
  CONFLICT_RETRY: '有人同时修改了同一内容,请稍后重试。',
  NOT_A_MEMBER: '您不在本会议组织的成员名单中,如有疑问请联系办公室。',
  NOT_CHAIR: '此项操作须由会议主持人(书记或受委托的副书记)进行。',
  NOT_CLERK: '此项操作须由书记或秘书(办公室工作人员)进行。',
  NOT_ELIGIBLE: '您不在本次表决的表决人名单中,不能投票。',
  OBSERVER_CANNOT_VOTE: '列席人员不参加表决。',
  RECUSED: '您已对本议题回避,不参加表决。',
  NOT_PRESENT: '您未签到,不能参加本次表决。请先签到。',
  ALREADY_VOTED: '您已经投过票,每人每项只能投一次票。',
  BALLOT_CLOSED: '本项表决已经结束,不能再投票。',
  BALLOT_NOT_OPEN: '本项表决尚未开始。',
  CHOICE_UNKNOWN: '所选项不在本次表决的选项中,请重新选择。',
  RESULT_HIDDEN_UNTIL_CLOSE: '表决结束后才公布票数。',
  MINUTES_SIGNED: '会议纪要已经审签,不能再修改。',
  AGENDA_LOCKED: '会议通知发出后不能再调整议程,如确需增加议题请按临时议题办理。',
  NOT_YOUR_TURN: '还未轮到您审批,请等待前一位审批人处理。',
  OUT_OF_SCOPE: '本单位规则未规定此类事项的办理程序,请按上级有关规定办理。',
  AGENDA_EMPTY: '会议议程还没有议题,请先确定议题再发送会议通知。',
  LEAVE_AFTER_START: '请假应当在会前提出,会议开始后不能再请假。',
  NOT_INVITED: '您不在本次会议的参会或列席人员名单中,如需列席请联系办公室。',
  BALLOT_ALREADY_OPEN: '本议题已有正在进行的表决,请先结束该表决。',
  NO_ELIGIBLE_VOTERS: '目前没有可以参加表决的成员,请成员签到后再开始表决。',
  SECRET_BALLOT_NO_RESERVATION: '无记名投票不记录个人表态,不能登记保留意见。',
  REVIEW_NEEDS_MAJORITY: '干部任免事项的复议须经超过半数的成员同意。',
  NOT_DEFERRABLE: '只有表决结果接近的重要事项或干部任免事项才能暂缓决定。',
  NOT_COMMITTEE_CHAIR: '此项操作须由书记进行。',
  NOT_VOTING_MEMBER: '此项操作须由有表决权的成员(书记、副书记、委员)进行,列席人员和秘书不能进行。',
  NOT_SUBMITTER: '议题须由书记、副书记、委员或秘书提出,列席人员不能提出议题。',
  NOT_OWNER_OR_CLERK: '此项操作须由本人、书记或秘书进行。',
  LEAVE_PRIVATE: '请假详情只有本人、审批人、书记和秘书可以查看。',
  NOT_SETUP_OWNER: '首次设置须由把机器人拉入本群的人进行,请联系他完成设置。',
  CHAT_HAS_COMMITTEE: '本群已经完成设置,如需修改请由书记或秘书发送 /设置。',
  NO_COMMITTEE: '本群还没有完成设置,请先发送 /设置。',
  FOREIGN_CARD: '这张卡片不属于本群,请使用本群最新的卡片。',
  CHOOSE_COMMITTEE: '您同时是几个组织的成员,请先选择要办理的组织。',
  OWN_LEAVE: '不能审批自己的请假,请由其他有权审批的人办理。',
  NOT_APPROVER: '此项请假须由当前审批环节的审批人办理。',
  NOT_CHAIR_OR_CLERK: '此项操作须由会议主持人(书记或受委托的副书记)或秘书进行。',
  NOTICE_NOT_SENT: '会议通知还没有发出,请先发送会议通知,再开始签到。',
  SIGN_IN_NOT_OPEN: '目前没有正在签到的会议。书记或秘书点“开始签到”后,再点签到卡片上的“签到”或发送 /签到。',
  NO_UPCOMING_MEETING: '目前没有您需要参加的待召开会议。如要请事假、病假，请发送"/请假 12月10日 至 12月12日 事假 家中有事"。',
  NO_LEAVE_TO_RETURN: '您目前没有已批准、待销假的请假。',
  LEAVE_NOT_FILED: '这次请假尚待办公室备案，备案后即可销假。',
  OWNER_NOT_ON_ROSTER: '督办事项的负责人须是本组织名单中的成员，请 @ 名单中的人。',
  SUBJECT_NOT_ON_ROSTER: '测评对象须是本组织名单中的成员，请 @ 名单中的人。',
  MEETING_NOT_CLOSED: '请先结束会议，再起草会议纪要。',
  NO_CLOSED_MEETING: '还没有已结束的会议。会议主持人点“结束会议”后，再发送 /纪要。',
  MINUTES_NOT_DRAFTED: '会议纪要还没有起草，请先发送 /纪要。',
  NOT_QUORATE: '到会人数不足，本议题暂不能表决。',
  REMIND_NOT_OPEN: '表决（测评）已经结束，无需再提醒。',
};

/**
 * A use case said no. `code` is stable; `detail` is for logs and never holds a payload or a choice.
 * Nothing was changed when this is thrown.
 */
export class RefusedError extends BotError {
  readonly refusal: RefusalCode;
  readonly detail: string | undefined;

  constructor(refusal: RefusalCode, detail?: string) {
    super('domain_refused', `refused: ${refusal}${detail === undefined ? '' : ` (${detail})`}`);
    this.refusal = refusal;
    this.detail = detail;
  }

  /** The Chinese sentence a member sees. */
  get userMessage(): string {
    return USER_MESSAGES[this.refusal];
  }
}

/** The figures of an item that is not quorate, as the rules module counted them. */
export interface QuorumShortfall {
  readonly kind: string;
  readonly members: number;
  readonly required: number;
  readonly present: number;
  readonly basis: readonly string[];
}

/**
 * 表决 on an item without its quorum. The shell words the figures (the rules' own words for the
 * threshold live with the cards); until then the fixed sentence stands.
 */
export class NotQuorateError extends RefusedError {
  readonly shortfall: QuorumShortfall;
  readonly sentence: string | undefined;

  constructor(shortfall: QuorumShortfall, sentence?: string) {
    super('NOT_QUORATE', `required ${shortfall.required}, present ${shortfall.present}`);
    this.shortfall = shortfall;
    this.sentence = sentence;
  }

  override get userMessage(): string {
    return this.sentence ?? USER_MESSAGES[this.refusal];
  }
}

/** A private-chat command from someone on several rosters: the handler asks which committee is meant. */
export class ChooseCommitteeError extends RefusedError {
  readonly choices: readonly { readonly id: string; readonly name: string }[];

  constructor(choices: readonly { id: string; name: string }[]) {
    super('CHOOSE_COMMITTEE', `${choices.length} committees`);
    this.choices = Object.freeze(choices.map((c) => ({ id: c.id, name: c.name })));
  }
}

/** What was wrong with typed input; logs carry this, never the input. */
export type InputProblem = 'unreadable' | 'missing' | 'past' | 'order' | 'too_long' | 'unknown_word' | 'mention';

/**
 * A command's arguments could not be read. `userMessage` is one Chinese sentence that says what is
 * wrong and gives an example; it may quote the input, so the error's own message never does.
 */
export class InputError extends BotError {
  readonly problem: InputProblem;
  readonly userMessage: string;

  constructor(problem: InputProblem, userMessage: string) {
    super('input_invalid', `input refused: ${problem}`);
    this.problem = problem;
    this.userMessage = userMessage;
  }
}

/** Redis is unreachable or timed out: the outcome of a write is unknown, so answer "pending". */
export class StoreUnavailableError extends BotError {
  constructor(cause: unknown) {
    super('store_unavailable', 'the store did not answer in time; the outcome is unknown', { cause });
  }
}

/** A stored value failed validation on the way back: a bug or tampering, never user input. */
export class StoreCorruptError extends BotError {
  constructor(key: string, cause?: unknown) {
    super('store_corrupt', `stored value at ${key} failed validation`, { cause });
  }
}

/** The answer to a command word the bot does not know; the word is cut so that no long text is echoed. */
export function unknownCommandMessage(word: string): string {
  const shown = [...word].length > 12 ? `${[...word].slice(0, 12).join('')}…` : word;
  return `没有"${shown}"这个指令。发送 /帮助 查看您可以使用的指令。`;
}

/** Told to the sender of a command whose last attempt failed (a refusal is answered instead). */
export const COMMAND_FAILED_MESSAGE = '这条指令没有处理成功,请稍后重试;如多次失败请联系办公室。';

/** The one place that turns any error into the sentence a user sees. */
export function userMessageOf(error: unknown): string {
  if (error instanceof RefusedError || error instanceof InputError) return error.userMessage;
  if (error instanceof StoreUnavailableError) return '已提交，正在确认…再次点击不会重复计票。';
  return '系统出现异常,操作未完成,请稍后重试或联系办公室。';
}
