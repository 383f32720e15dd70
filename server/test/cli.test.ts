import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Client, createTestContext, makeUser } from './harness';

const ctx = await createTestContext();
const root = path.resolve(import.meta.dirname, '../..');

function linli(...args: string[]) {
  const result = spawnSync(process.execPath, [path.join(root, 'server/bin/linli.mjs'), ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: ctx.databaseUrl, LINLI_MASTER_KEY: ctx.masterKey },
    encoding: 'utf8',
  });
  return { status: result.status, out: result.stdout + result.stderr };
}

describe('the linli CLI', () => {
  it('lists its commands', () => {
    const { status, out } = linli('--help');
    expect(status).toBe(0);
    for (const command of ['serve', 'migrate', 'seed', 'areas', 'user', 'audit']) {
      expect(out).toContain(command);
    }
  });

  it('user create makes an account that must change its password, and refuses bad input', async () => {
    const ok = linli(
      'user',
      'create',
      '--name',
      '命令行用户',
      '--mobile',
      '13944440001',
      '--password',
      'Gz#Neighbour9',
      '--role',
      'township',
      '--area',
      '440104003000',
    );
    expect(ok.status).toBe(0);
    const signedIn = await new Client(ctx.app).signIn('13944440001', 'Gz#Neighbour9');
    expect(signedIn.json().user.mustChangePassword).toBe(true);
    expect(signedIn.json().grants[0]).toMatchObject({ role: 'township', areaCode: '440104003000' });

    const weak = linli(
      'user',
      'create',
      '--name',
      '弱',
      '--mobile',
      '13944440002',
      '--password',
      'abc',
      '--role',
      'resident',
      '--area',
      '440104003104',
    );
    expect(weak.status).not.toBe(0);
    expect(weak.out).toContain('PASSWORD_TOO_WEAK');
  });

  it('audit verify passes an intact chain and names the first tampered row', async () => {
    await makeUser(ctx);
    const intact = linli('audit', 'verify');
    expect(intact.status).toBe(0);
    expect(intact.out).toContain('OK');

    await ctx.db.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
    await ctx.db.query(`UPDATE audit_log SET actor_role = 'sysadmin' WHERE seq = 2`);
    await ctx.db.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
    const broken = linli('audit', 'verify');
    expect(broken.status).toBe(1);
    expect(broken.out).toContain('seq 2');
  });
});
