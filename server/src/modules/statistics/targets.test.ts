import type { Plan, TargetProgress } from '@linli/contract/statistics';
import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../../test/harness';
import { actorOf } from '../volunteers/test-factories';
import * as svc from './service';
import { signedIn } from './test-factories';

const ctx = await createTestContext();
const GUANGZHOU = '5a1c0000-0000-4000-8000-000000000001';
const SICHUAN = '5a1c0000-0000-4000-8000-000000000002';
const city = await signedIn(ctx, { role: 'civilAffairs', areaCode: '440100000000', areaLevel: 'city' });
const province = await signedIn(ctx, { role: 'civilAffairs', areaCode: '510000000000', areaLevel: 'province' });
const township = await signedIn(ctx, { role: 'township', areaCode: '440104003000', areaLevel: 'township' });
const at = (iso: string) => ({ db: ctx.db, cipher: ctx.cipher, now: () => new Date(iso) });
const target = (plan: Plan, metric: string) => plan.targets.find((t) => t.metric === metric) as TargetProgress;

/** Active organizations written straight into the registry (the rollup triggers count them). */
async function insertOrgs(rows: { area: string; hub?: boolean; founded?: string; prefix: string }[]) {
  const { rows: ids } = await ctx.db.query<{ id: string }>(
    `INSERT INTO organizations (name, name_key, tier, category, hub_kind, area_code, founded_on, member_count, status)
     SELECT x.name, x.name, 'guided', 'charity', CASE WHEN x.hub THEN 'hub' ELSE 'none' END, x.area, x.founded::date, 10, 'active'
       FROM jsonb_to_recordset($1::jsonb) AS x(area text, hub boolean, founded text, name text)
     RETURNING id`,
    [
      JSON.stringify(
        rows.map((r, i) => ({
          hub: r.hub ?? false,
          founded: r.founded ?? '2020-06-01',
          area: r.area,
          name: `${r.prefix}${i}`,
        })),
      ),
    ],
  );
  return ids.map((r) => r.id);
}

const townships = (
  await ctx.db.query<{ code: string }>("SELECT code FROM areas WHERE level = 4 AND code LIKE '4401%' ORDER BY code")
).rows.map((r) => r.code);

describe('the Guangzhou preset on hand-built data', () => {
  it('≥ 80 % of townships with a hub by 2023: on track half-way with half of them, lagging once the deadline passed', async () => {
    const half = townships.slice(0, Math.ceil(townships.length / 2));
    await insertOrgs(half.map((area) => ({ area, hub: true, prefix: '枢纽' })));
    const actor = await actorOf(ctx, city.id);
    const midway = await svc.getPlan(at('2022-11-01T00:00:00+08:00'), actor, GUANGZHOU);
    const share = target(midway, 'townships.withHubShare');
    const expected = Math.round((half.length / townships.length) * 1000) / 10;
    expect(share).toMatchObject({ value: expected, target: 80, status: 'onTrack', areaCode: '440100000000' });
    // 2021-09-01 → 2023-12-31: 426 of 852 days
    expect(share.elapsed).toBeCloseTo(0.5, 2);
    // by district: the first districts in code order got a hub in every township, the last none
    const yuexiu = share.children.find((c) => c.code === '440104000000')!;
    expect(yuexiu).toMatchObject({ name: '越秀区', value: 100, status: 'met' });
    const conghua = share.children.find((c) => c.code === '440117000000')!;
    expect(conghua).toMatchObject({ value: 0, status: 'lagging' });

    const late = await svc.getPlan(at('2024-01-05T00:00:00+08:00'), actor, GUANGZHOU);
    expect(target(late, 'townships.withHubShare').status).toBe('lagging');

    const more = townships.slice(half.length, Math.ceil(townships.length * 0.85));
    await insertOrgs(more.map((area) => ({ area, hub: true, prefix: '枢纽乙' })));
    const met = await svc.getPlan(at('2024-01-05T00:00:00+08:00'), actor, GUANGZHOU);
    expect(target(met, 'townships.withHubShare')).toMatchObject({ status: 'met' });
    expect(target(met, 'townships.withHubShare').value).toBeGreaterThanOrEqual(80);
  });

  it('≥ 3 brand organizations in each district: counted from recognitions, lagging districts named', async () => {
    const [a, b, c, d] = await insertOrgs([
      { area: '440104003104', prefix: '越秀品牌' },
      { area: '440104003107', prefix: '越秀品牌' },
      { area: '440104004102', prefix: '越秀品牌' },
      { area: '440105001101', prefix: '海珠品牌' },
    ]);
    for (const id of [a, b, c, d]) {
      const res = await city.client.request('POST', `/api/organizations/${id}/recognitions`, {
        kind: 'brandOrg',
        year: 2022,
        reason: '服务成效突出，群众认可度高',
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    const plan = await svc.getPlan(at('2022-11-01T00:00:00+08:00'), await actorOf(ctx, city.id), GUANGZHOU);
    const brands = target(plan, 'orgs.brandOrg');
    expect(brands).toMatchObject({ eachChild: true, target: 3, value: 4, status: 'lagging' });
    expect(brands.children.find((ch) => ch.code === '440104000000')).toMatchObject({ value: 3, status: 'met' });
    // 1 of 3 is a third, behind half of the time
    expect(brands.children.find((ch) => ch.code === '440105000000')).toMatchObject({ value: 1, status: 'lagging' });

    // a revoked recognition no longer counts
    const list = await city.client.request('GET', `/api/organizations/${a}/recognitions`);
    const recognitionId = list.json().items[0].id as string;
    const revoked = await city.client.request(
      'POST',
      `/api/organizations/${a}/recognitions/${recognitionId}/revocation`,
      { reason: '年度复核未通过' },
    );
    expect(revoked.statusCode, revoked.body).toBe(200);
    const after = await svc.getPlan(at('2022-11-01T00:00:00+08:00'), await actorOf(ctx, city.id), GUANGZHOU);
    expect(target(after, 'orgs.brandOrg').children.find((ch) => ch.code === '440104000000')).toMatchObject({
      value: 2,
      status: 'onTrack',
    });
  });

  it('district incubation coverage has no data source yet: no number, no traffic light', async () => {
    const plan = await svc.getPlan(at('2021-10-01T00:00:00+08:00'), await actorOf(ctx, city.id), GUANGZHOU);
    expect(target(plan, 'incubation.countyCoverage')).toMatchObject({
      hasSource: false,
      value: null,
      status: 'noData',
      target: 50,
      deadline: '2021-12-31',
    });
  });
});

describe('the Sichuan preset', () => {
  it('≥ 2,000 new organizations a year, measured against the share of the year gone by', async () => {
    const chengdu = (
      await ctx.db.query<{ code: string }>(
        "SELECT code FROM areas WHERE level = 5 AND code LIKE '5101%' ORDER BY code LIMIT 1200",
      )
    ).rows;
    await insertOrgs(chengdu.map((r) => ({ area: r.code, founded: '2022-03-01', prefix: '川新' })));
    const actor = await actorOf(ctx, province.id);
    const july = await svc.getPlan(at('2022-07-02T12:00:00+08:00'), actor, SICHUAN);
    const yearly = target(july, 'orgs.newThisYear');
    expect(yearly).toMatchObject({ value: 1200, target: 2000, status: 'onTrack' });
    expect(yearly.elapsed).toBeCloseTo(0.5, 1);
    const november = await svc.getPlan(at('2022-11-20T12:00:00+08:00'), actor, SICHUAN);
    expect(target(november, 'orgs.newThisYear').status).toBe('lagging');
    // next year starts from nothing again
    const nextYear = await svc.getPlan(at('2023-02-01T12:00:00+08:00'), actor, SICHUAN);
    expect(target(nextYear, 'orgs.newThisYear')).toMatchObject({ value: 0, status: 'lagging' });
  });

  it('keeps the plan’s blanks (□) without a value until the province fills them in', async () => {
    const actor = await actorOf(ctx, province.id);
    const plan = await svc.getPlan(at('2022-07-02T12:00:00+08:00'), actor, SICHUAN);
    const urban = target(plan, 'orgs.perUrbanCommunity');
    expect(urban).toMatchObject({ target: null, status: 'noValue', eachChild: true });
    expect(urban.children.length).toBe(21);

    const res = await province.client.request('PUT', `/api/statistics/plans/${SICHUAN}`, {
      title: plan.title,
      areaCode: '510000000000',
      startsOn: plan.startsOn,
      endsOn: plan.endsOn,
      targets: plan.targets.map((t) => ({
        metric: t.metric,
        areaCode: t.areaCode,
        eachChild: t.eachChild,
        comparator: t.comparator,
        value: t.metric === 'orgs.perUrbanCommunity' ? 10 : t.target,
        deadline: t.deadline,
        note: t.note,
      })),
    });
    expect(res.statusCode, res.body).toBe(200);
    const filled = target(res.json() as Plan, 'orgs.perUrbanCommunity');
    expect(filled.target).toBe(10);
    expect(filled.children.find((c) => c.code === '510100000000')!.status).toMatch(/onTrack|lagging/);
    const audit = await ctx.db.query("SELECT count(*)::int AS n FROM audit_log WHERE action = 'plan.update'");
    expect(audit.rows[0].n).toBe(1);
  });
});

describe('keeping plans', () => {
  const body = (overrides: Record<string, unknown> = {}) => ({
    title: '越秀区社区社会组织三年行动',
    areaCode: '440104000000',
    startsOn: '2024-01-01',
    endsOn: '2026-12-31',
    targets: [
      {
        metric: 'orgs.perUrbanCommunity',
        areaCode: '440104000000',
        eachChild: true,
        value: 10,
        deadline: '2026-12-31',
      },
    ],
    ...overrides,
  });

  it('creates, lists, changes and deletes an officer’s plan, audited', async () => {
    const created = await city.client.request('POST', '/api/statistics/plans', body());
    expect(created.statusCode, created.body).toBe(200);
    const plan = created.json() as Plan;
    expect(plan).toMatchObject({ areaName: '广东省广州市越秀区', canManage: true, preset: null });
    expect(plan.targets[0]!.children.map((c) => c.code)).toContain('440104003000');
    const listed = (await city.client.request('GET', '/api/statistics/plans')).json().items as Plan[];
    expect(listed.map((p) => p.id)).toEqual(expect.arrayContaining([plan.id, GUANGZHOU]));
    expect(listed.map((p) => p.id)).not.toContain(SICHUAN);
    const deleted = await city.client.request('DELETE', `/api/statistics/plans/${plan.id}`);
    expect(deleted.statusCode, deleted.body).toBe(200);
    const actions = await ctx.db.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE entity = 'plan' AND entity_id = $1 ORDER BY seq",
      [plan.id],
    );
    expect(actions.rows.map((r) => r.action)).toEqual(['plan.create', 'plan.delete']);
  });

  it('refuses bad targets field by field and changes nothing', async () => {
    const before = (await ctx.db.query('SELECT count(*)::int AS n FROM plans')).rows[0].n;
    const res = await city.client.request(
      'POST',
      '/api/statistics/plans',
      body({
        targets: [
          { metric: 'orgs.brandOrg', areaCode: '440300000000', value: 3, deadline: '2026-12-31' },
          { metric: 'townships.withHubShare', areaCode: '440104000000', value: 120, deadline: '2026-12-31' },
          { metric: 'orgs.brandOrg', areaCode: '440104003104', eachChild: true, value: 3, deadline: '2023-12-31' },
        ],
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().fields.map((f: { path: string }) => f.path)).toEqual([
      'targets.0.areaCode',
      'targets.1.value',
      'targets.2.eachChild',
      'targets.2.deadline',
    ]);
    const unknown = await city.client.request(
      'POST',
      '/api/statistics/plans',
      body({ targets: [{ metric: 'orgs.made-up', areaCode: '440104000000', value: 1, deadline: '2026-12-31' }] }),
    );
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().fields[0]).toMatchObject({ path: 'targets.0.metric', message: '不是平台的统计指标' });
    expect((await ctx.db.query('SELECT count(*)::int AS n FROM plans')).rows[0].n).toBe(before);
  });

  it('a township officer keeps no plan of the district; a preset cannot be deleted', async () => {
    const res = await township.client.request('POST', '/api/statistics/plans', body());
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('PLAN_OUT_OF_JURISDICTION');
    expect((await township.client.request('GET', `/api/statistics/plans/${GUANGZHOU}`)).statusCode).toBe(404);
    const preset = await city.client.request('DELETE', `/api/statistics/plans/${GUANGZHOU}`);
    expect(preset.statusCode).toBe(409);
    expect(preset.json().code).toBe('PLAN_PRESET_LOCKED');
  });
});
