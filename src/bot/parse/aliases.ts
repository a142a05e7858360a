/** English command words people may type and the Chinese command each stands for: the one table. */
export const COMMAND_ALIASES: Readonly<Record<string, string>> = {
  '/setup': '/设置', '/topic': '/议题', '/meeting': '/会议', '/leave': '/请假', '/signin': '/签到', '/vote': '/表决',
  '/eval': '/测评', '/minutes': '/纪要', '/task': '/督办', '/duties': '/职责', '/rules': '/规则', '/help': '/帮助',
};

/** The Chinese command word for an English alias in any case ("/Help" → "/帮助"); other words unchanged. */
export function canonicalCommand(word: string): string {
  return Object.hasOwn(COMMAND_ALIASES, word.toLowerCase()) ? (COMMAND_ALIASES[word.toLowerCase()] ?? word) : word;
}
