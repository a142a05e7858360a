/** The chat page server's own sentences (the page's labels live in its HTML and script). */
export const PAGE_SENTENCE = {
  /** The profile switcher's choice of a demo with nothing set up. */
  blankProfile: '空白（机器人刚入群）',
  badRequest: '请求内容有误，请刷新页面后重试。',
  tooLarge: '请求内容过大。',
  unknownPerson: '没有这个人，请在“当前身份”中选择。',
  notYourChat: '只能在群聊或自己与机器人的私聊中发消息。',
  unknownMessage: '没有这条消息，请刷新页面。',
  notVisible: '这条消息不在当前身份的会话中。',
  notCard: '这条消息不是卡片，不能点按。',
  botSilent: '机器人没有及时回应，请稍后重试。',
  refused: (code: number | undefined): string => `飞书不接受机器人的回应${code === undefined ? '' : `（错误码 ${code}）`}，请稍后重试。`,
  resetFailed: '重置演示失败，请查看机器人日志。',
  noFile: '没有这个文件。',
  demoNotReady: '演示正在准备，请稍候，页面会自动刷新。',
} as const;
