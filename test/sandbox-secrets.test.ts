import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { deriveActionKeys, signActionValue, verifyActionValue } from '../src/bot/action-value.js';
import { loadSandboxSecrets } from '../src/sandbox-secrets.js';

const fresh = () => join(mkdtempSync(join(tmpdir(), 'yishi-sandbox-')), 'data', 'sandbox-secrets.json');

describe('loadSandboxSecrets', () => {
  it('creates the file and its folder owner-only on the first start', () => {
    const path = fresh();
    const secrets = loadSandboxSecrets(path);
    expect(secrets.appId).toMatch(/^cli_[0-9a-f]{16}$/);
    expect(secrets.actionSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(Object.values(secrets)).size).toBe(5);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(path, '..')).mode & 0o077).toBe(0);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(secrets);
  });

  it('gives the same secrets after a restart, so a card posted before it still verifies', () => {
    const path = fresh();
    const before = loadSandboxSecrets(path);
    const value = signActionValue(deriveActionKeys({ current: before.actionSecret, previous: null }), { a: 'demo.ping', c: 'cm_1' });
    const after = loadSandboxSecrets(path);
    expect(after).toEqual(before);
    expect(verifyActionValue(deriveActionKeys({ current: after.actionSecret, previous: null }), value)).toEqual({ a: 'demo.ping', c: 'cm_1' });
    // A different sandbox (another folder) has its own secrets.
    expect(loadSandboxSecrets(fresh()).actionSecret).not.toBe(before.actionSecret);
  });

  it('gives every process the same secrets when several start at once on a fresh folder', async () => {
    const path = fresh();
    const script = `import(${JSON.stringify(new URL('../src/sandbox-secrets.ts', import.meta.url).href)}).then((m) => process.stdout.write(JSON.stringify(m.loadSandboxSecrets(${JSON.stringify(path)}))))`;
    const run = async () => (await promisify(execFile)(process.execPath, ['--import', 'tsx', '-e', script])).stdout;
    const all = await Promise.all([run(), run(), run(), run()]);
    expect(new Set(all).size).toBe(1);
    expect(JSON.parse(all[0] ?? '')).toEqual(loadSandboxSecrets(path));
  });

  it('refuses a damaged file instead of silently replacing it', () => {
    const path = fresh();
    loadSandboxSecrets(path);
    writeFileSync(path, '{"appId":"cli_x"}');
    expect(() => loadSandboxSecrets(path)).toThrow(/delete it to start the sandbox afresh/);
    expect(readFileSync(path, 'utf8')).toBe('{"appId":"cli_x"}');
  });
});
