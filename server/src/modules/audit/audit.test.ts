import { describe, expect, it } from 'vitest';
import { Client, createTestContext, makeUser } from '../../../test/harness';
import { verifyAudit } from './service';

const ctx = await createTestContext();

describe('the audit trail', () => {
  it('writes a row for every change, in the same transaction', async () => {
    const admin = await makeUser(ctx, {
      grant: { role: 'civilAffairs', areaCode: '440104000000', areaLevel: 'county' },
    });
    const client = await new Client(ctx.app).signInReady(admin.mobile, admin.password);
    const created = await client.post('/api/users', {
      name: '新干部',
      mobile: '13933330001',
      areaCode: '440104003000',
      initialPassword: 'Gz#Neighbour9',
      grant: { role: 'township', areaCode: '440104003000', areaLevel: 'township' },
    });
    expect(created.statusCode).toBe(200);
    const { rows } = await ctx.db.query(
      'SELECT action, actor_id, actor_role, area_code, after FROM audit_log WHERE entity_id = $1 ORDER BY seq',
      [created.json().id],
    );
    expect(rows.map((r) => r.action)).toEqual(['user.create', 'role.grant']);
    expect(rows[0]).toMatchObject({ actor_id: admin.id, actor_role: 'civilAffairs', area_code: '440104003000' });
    expect(JSON.stringify(rows[0].after)).not.toContain('13933330001');

    // a failing create (mobile taken) leaves no row behind
    const before = (await ctx.db.query('SELECT count(*)::int AS n FROM audit_log')).rows[0].n;
    const again = await client.post('/api/users', {
      name: '重复',
      mobile: '13933330001',
      areaCode: '440104003000',
      initialPassword: 'Gz#Neighbour9',
    });
    expect(again.json()).toMatchObject({ code: 'USER_MOBILE_TAKEN', fields: [{ path: 'mobile' }] });
    expect((await ctx.db.query('SELECT count(*)::int AS n FROM audit_log')).rows[0].n).toBe(before);
  });

  it('refuses UPDATE, DELETE and TRUNCATE on audit rows', async () => {
    await expect(ctx.db.query("UPDATE audit_log SET action = 'x'")).rejects.toThrow(/append-only/);
    await expect(ctx.db.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(ctx.db.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
  });

  it('verifies an intact chain and names the first tampered row', async () => {
    await makeUser(ctx);
    await makeUser(ctx);
    const intact = await verifyAudit(ctx);
    expect(intact.firstBroken).toBeNull();
    expect(intact.rows).toBeGreaterThan(4);

    // an attacker with superuser rights switches the guard off and edits row 3
    await ctx.db.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
    await ctx.db.query(`UPDATE audit_log SET after = '{"name":"篡改"}' WHERE seq = 3`);
    await ctx.db.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
    const tampered = await verifyAudit(ctx);
    expect(tampered.firstBroken).toEqual({ seq: 3, reason: 'content does not match its hash' });
  });

  it('finds a deleted row by the gap it leaves', async () => {
    await ctx.db.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
    await ctx.db.query('DELETE FROM audit_log WHERE seq <= 3');
    await ctx.db.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
    expect((await verifyAudit(ctx)).firstBroken?.seq).toBe(4);
  });
});
