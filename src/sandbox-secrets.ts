/**
 * Sandbox mode's credentials (no Feishu account): generated on the first start and kept in a file,
 * so that a card posted before a restart still verifies after it, and the stand-in and the bot
 * keep agreeing on keys. The file is the sandbox's only secret on disk: mode 0600, in a 0700 folder.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';

/** Sandbox mode's data folder (redis-server's files and this file), in the working directory. */
export const SANDBOX_DATA_DIR = 'data';
export const SANDBOX_SECRETS_NAME = 'sandbox-secrets.json';
export const SANDBOX_SECRETS_FILE = join(SANDBOX_DATA_DIR, SANDBOX_SECRETS_NAME);

const hex = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`));

const SandboxSecretsSchema = z.object({
  appId: z.string().regex(/^cli_[0-9a-f]{16}$/),
  appSecret: hex(16),
  encryptKey: hex(16),
  verificationToken: hex(16),
  actionSecret: hex(32),
});
export type SandboxSecrets = z.infer<typeof SandboxSecretsSchema>;

function generate(): SandboxSecrets {
  const h = (bytes: number) => randomBytes(bytes).toString('hex');
  return { appId: `cli_${h(8)}`, appSecret: h(16), encryptKey: h(16), verificationToken: h(16), actionSecret: h(32) };
}

function read(path: string): SandboxSecrets {
  const parsed = SandboxSecretsSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  // Regenerating would silently break every card already posted: stop and say what to do instead.
  if (!parsed.success) throw new Error(`${path} is not a sandbox secrets file; delete it to start the sandbox afresh`);
  return parsed.data;
}

/**
 * The secrets in `path`, created (with its folder) on the first call. Two processes starting at
 * once agree: the file appears whole or not at all (written aside, then hard-linked into place).
 */
export function loadSandboxSecrets(path: string = SANDBOX_SECRETS_FILE): SandboxSecrets {
  if (existsSync(path)) return read(path);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const aside = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(aside, `${JSON.stringify(generate(), null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  // A umask cannot loosen it, but make sure anyway.
  chmodSync(aside, 0o600);
  try {
    linkSync(aside, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(aside, { force: true });
  }
  return read(path);
}
