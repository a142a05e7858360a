/** What sandbox mode prints when it is up: what it started and where, in Chinese and English. */
import type { Sandbox } from './start.js';

export function sandboxBanner(sandbox: Pick<Sandbox, 'redisChild' | 'standIn' | 'demo'>, port: number): string {
  const page = `http://localhost:${port}`;
  const redis = sandbox.redisChild === null
    ? ['  Redis：使用 REDIS_URL 指定的服务器', '  Redis: the server REDIS_URL names']
    : [`  Redis：redis-server（进程号 ${sandbox.redisChild.pid}），数据目录 ${sandbox.redisChild.dir}（AOF 已开启）`,
      `  Redis: redis-server (pid ${sandbox.redisChild.pid}), data in ${sandbox.redisChild.dir} (AOF on)`];
  const demo = sandbox.demo.profile();
  return [
    '',
    '议事沙盒已启动（没有 LARK_APP_ID：本地替身扮演飞书开放平台）',
    'Yishi sandbox is up (no LARK_APP_ID: a local stand-in plays the Feishu Open Platform)',
    ...redis,
    `  飞书开放平台替身 / Open Platform stand-in: ${sandbox.standIn.url}`,
    `  演示委员会 / demo committee: ${demo === 'blank' ? '未设置 / not set up' : demo}，${sandbox.demo.people().length} 人 / people`,
    '',
    `  打开 ${page}`,
    `  Open ${page}`,
    '  按 Ctrl-C 停止（redis-server 一并停止）/ Press Ctrl-C to stop (redis-server stops with it)',
    '',
  ].join('\n') + '\n';
}
