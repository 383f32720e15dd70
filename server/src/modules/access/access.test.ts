import { describe, expect, it } from 'vitest';
import { Client, createTestContext, makeUser } from '../../../test/harness';

const ctx = await createTestContext();

// Two sibling townships of 越秀区, 广州市: 北京街道 and 六榕街道.
const BEIJING = '440104003000';
const LIURONG = '440104004000';

const beijingOfficer = await makeUser(ctx, {
  name: '北京街道干部',
  grant: { role: 'township', areaCode: BEIJING, areaLevel: 'township' },
});
const liurongOfficer = await makeUser(ctx, {
  name: '六榕街道干部',
  grant: { role: 'township', areaCode: LIURONG, areaLevel: 'township' },
});
const liurongResident = await makeUser(ctx, {
  name: '六榕居民',
  areaCode: '440104004102',
  grant: { role: 'resident', areaCode: '440104004102', areaLevel: 'community' },
});
const countyAdmin = await makeUser(ctx, {
  name: '越秀民政',
  grant: { role: 'civilAffairs', areaCode: '440104000000', areaLevel: 'county' },
});

const beijing = await new Client(ctx.app).signInReady(beijingOfficer.mobile, beijingOfficer.password);
const liurong = await new Client(ctx.app).signInReady(liurongOfficer.mobile, liurongOfficer.password);
const county = await new Client(ctx.app).signInReady(countyAdmin.mobile, countyAdmin.password);

describe('jurisdiction: a township officer and the sibling township', () => {
  it('answers 404 for a user of the sibling township, the same as for one that does not exist', async () => {
    const sibling = await beijing.get(`/api/users/${liurongResident.id}`);
    const missing = await beijing.get('/api/users/00000000-0000-4000-8000-000000000000');
    expect(sibling.statusCode).toBe(404);
    expect(sibling.json()).toEqual(missing.json());
    for (const action of ['lock', 'unlock', 'reveal-mobile']) {
      expect((await beijing.post(`/api/users/${liurongResident.id}/${action}`)).statusCode).toBe(404);
    }
    expect((await beijing.request('PATCH', `/api/users/${liurongResident.id}`, { name: '改名' })).statusCode).toBe(404);
  });

  it('never lists users of the sibling township', async () => {
    const ids = (await beijing.get('/api/users?limit=200')).json().items.map((u: { id: string }) => u.id);
    expect(ids).toContain(beijingOfficer.id);
    expect(ids).not.toContain(liurongOfficer.id);
    expect(ids).not.toContain(liurongResident.id);
    const byMobile = await beijing.get(`/api/users?q=${liurongResident.mobile}`);
    expect(byMobile.json().items).toEqual([]);
  });

  it('never lists audit rows of the sibling township', async () => {
    await liurong.post(`/api/users/${liurongResident.id}/reveal-mobile`);
    const items = (await beijing.get('/api/audit?limit=200')).json().items as { areaCode: string | null }[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((a) => a.areaCode?.startsWith('440104003'))).toBe(true);
    const theirs = (await liurong.get('/api/audit?action=personalData.reveal')).json().items;
    expect(theirs.length).toBe(1);
  });

  it('refuses to create a user or grant a role in the sibling township, whatever the body says', async () => {
    const created = await beijing.post('/api/users', {
      name: '越界用户',
      mobile: '13922220001',
      areaCode: '440104004102',
      initialPassword: 'Gz#Neighbour9',
    });
    expect(created.statusCode).toBe(403);
    expect(created.json().fields[0]).toMatchObject({ path: 'areaCode', code: 'AREA_OUT_OF_SCOPE' });
    expect((await ctx.db.query("SELECT 1 FROM users WHERE name = '越界用户'")).rowCount).toBe(0);
  });

  it('the county admin above both sees both townships', async () => {
    const ids = (await county.get('/api/users?limit=200')).json().items.map((u: { id: string }) => u.id);
    expect(ids).toEqual(expect.arrayContaining([beijingOfficer.id, liurongOfficer.id, liurongResident.id]));
  });

  it('the jurisdiction switcher narrows lists and refuses areas outside the grants', async () => {
    const switched = await county.request('PUT', '/api/auth/current-area', { code: LIURONG, level: 'township' });
    expect(switched.statusCode).toBe(200);
    const ids = (await county.get('/api/users?limit=200')).json().items.map((u: { id: string }) => u.id);
    expect(ids).toContain(liurongResident.id);
    expect(ids).not.toContain(beijingOfficer.id);
    expect(
      (await beijing.request('PUT', '/api/auth/current-area', { code: LIURONG, level: 'township' })).statusCode,
    ).toBe(404);
    await county.request('PUT', '/api/auth/current-area', { code: '440104000000', level: 'county' });
  });
});

describe('granting roles', () => {
  it('a civil affairs admin grants roles inside the jurisdiction, never above their own', async () => {
    const target = await makeUser(ctx, {
      areaCode: '440104003104',
      grant: { role: 'resident', areaCode: '440104003104', areaLevel: 'community' },
    });
    const ok = await county.post(`/api/users/${target.id}/grants`, {
      role: 'committee',
      areaCode: '440104003104',
      areaLevel: 'community',
    });
    expect(ok.statusCode).toBe(200);
    expect(
      ok
        .json()
        .grants.map((g: { role: string }) => g.role)
        .sort(),
    ).toEqual(['committee', 'resident']);

    const above = await county.post(`/api/users/${target.id}/grants`, {
      role: 'sysadmin',
      areaCode: '000000000000',
      areaLevel: 'country',
    });
    expect(above.statusCode).toBe(403);
    const outside = await county.post(`/api/users/${target.id}/grants`, {
      role: 'township',
      areaCode: '440103001000',
      areaLevel: 'township',
    });
    expect(outside.json().code).toBe('ROLE_NOT_GRANTABLE');
    const wrongLevel = await county.post(`/api/users/${target.id}/grants`, {
      role: 'township',
      areaCode: '440104003104',
      areaLevel: 'community',
    });
    expect(wrongLevel.json().code).toBe('ROLE_AREA_LEVEL_INVALID');
  });

  it('a township officer cannot make a civil affairs admin, even in their own township', async () => {
    const target = await makeUser(ctx, {
      areaCode: BEIJING,
      grant: { role: 'resident', areaCode: '440104003104', areaLevel: 'community' },
    });
    const res = await beijing.post(`/api/users/${target.id}/grants`, {
      role: 'civilAffairs',
      areaCode: '440104000000',
      areaLevel: 'county',
    });
    expect(res.statusCode).toBe(403);
    expect(
      (await ctx.db.query("SELECT 1 FROM role_grants WHERE user_id = $1 AND role = 'civilAffairs'", [target.id]))
        .rowCount,
    ).toBe(0);
  });

  it('revoking is audited and the grantable-role list follows the grantor', async () => {
    const target = await makeUser(ctx, {
      areaCode: BEIJING,
      grant: { role: 'committee', areaCode: '440104003104', areaLevel: 'community' },
    });
    const grantId = (await beijing.get(`/api/users/${target.id}`)).json().grants[0].id;
    expect((await beijing.request('DELETE', `/api/users/${target.id}/grants/${grantId}`)).statusCode).toBe(200);
    const audit = await ctx.db.query(
      "SELECT before->>'role' AS role FROM audit_log WHERE action = 'role.revoke' AND entity_id = $1",
      [target.id],
    );
    expect(audit.rows).toEqual([{ role: 'committee' }]);
    const roles = (await beijing.get('/api/roles/grantable')).json().items.map((r: { role: string }) => r.role);
    expect(roles).toContain('committee');
    expect(roles).not.toContain('civilAffairs');
  });

  it('a resident has no user management at all', async () => {
    const resident = await makeUser(ctx, {
      grant: { role: 'resident', areaCode: '440104003104', areaLevel: 'community' },
    });
    const client = await new Client(ctx.app).signInReady(resident.mobile, resident.password);
    expect((await client.get('/api/users')).statusCode).toBe(403);
    expect((await client.get('/api/audit')).statusCode).toBe(403);
    expect((await client.get('/api/roles/grantable')).statusCode).toBe(403);
  });
});
