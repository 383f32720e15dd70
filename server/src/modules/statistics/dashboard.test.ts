import type { Dashboard } from '@linli/contract/statistics';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../../test/harness';
import { makeOfficers, orgBody } from '../organizations/test-factories';
import { signedIn } from './test-factories';

const ctx = await createTestContext();
const beijing = await makeOfficers(ctx);
const city = await signedIn(ctx, { role: 'civilAffairs', areaCode: '440100000000', areaLevel: 'city' });
const office = await signedIn(ctx, { role: 'civilizationOffice', areaCode: '440104000000', areaLevel: 'county' });

const dashboard = (client = city.client, areaCode = '440100000000') =>
  client.request('GET', `/api/statistics/dashboard?areaCode=${areaCode}`);

/** A guided organization recorded by the committee (active), with overrides. */
async function established(overrides: Parameters<typeof orgBody>[0] = {}) {
  const filed = await beijing.resident.client.request('POST', '/api/organizations', orgBody(overrides));
  expect(filed.statusCode, filed.body).toBe(200);
  const { filingId } = filed.json() as { filingId: string };
  const done = await beijing.committee.client.request('POST', `/api/filings/${filingId}/committee-opinion`, {
    decision: 'approve',
  });
  expect(done.statusCode, done.body).toBe(200);
}

describe('the dashboard is read inside the jurisdiction only', () => {
  const cases: [string, () => ReturnType<typeof dashboard>, number][] = [
    ['a city officer: the city', () => dashboard(city.client, '440100000000'), 200],
    ['a city officer: a county of the city', () => dashboard(city.client, '440104000000'), 200],
    ['a city officer: a community of the city', () => dashboard(city.client, '440104003104'), 200],
    ['a city officer: the province above', () => dashboard(city.client, '440000000000'), 403],
    ['a city officer: the country', () => dashboard(city.client, '000000000000'), 403],
    ['a city officer: another city', () => dashboard(city.client, '510100000000'), 403],
    ['the civilization office: its county', () => dashboard(office.client, '440104000000'), 200],
    ['the civilization office: the neighbouring county', () => dashboard(office.client, '440103000000'), 403],
    ['a township officer: its township', () => dashboard(beijing.township.client, '440104003000'), 200],
    ['a township officer: its county', () => dashboard(beijing.township.client, '440104000000'), 403],
    ['a township officer: another township', () => dashboard(beijing.township.client, '440104004000'), 403],
    ['the committee: its community', () => dashboard(beijing.committee.client, '440104003104'), 200],
    ['the committee: its township', () => dashboard(beijing.committee.client, '440104003000'), 403],
    ['a resident: no statistics at all', () => dashboard(beijing.resident.client, '440104003104'), 403],
  ];
  for (const [name, call, status] of cases) {
    it(`${name} → ${status}`, async () => {
      const res = await call();
      expect(res.statusCode, res.body).toBe(status);
      if (status === 403) {
        expect(res.json().message).toMatch(/管辖范围|权限/);
      }
    });
  }

  it('says in Chinese that the area is outside the jurisdiction', async () => {
    const res = await dashboard(beijing.township.client, '440104000000');
    expect(res.json()).toMatchObject({
      code: 'STATISTICS_OUT_OF_JURISDICTION',
      message: '该区划不在您的管辖范围内，不能查看其统计',
    });
  });

  it('an unknown area is a 404 and a malformed code a field error', async () => {
    expect((await dashboard(city.client, '440199999999')).statusCode).toBe(404);
    const bad = await dashboard(city.client, '4401');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0]).toMatchObject({ path: 'areaCode', message: '区划代码应为12位数字' });
  });

  it('the jurisdiction switcher narrows it: a grant above, switched to a county, sees only that county', async () => {
    const sw = await city.client.request('PUT', '/api/auth/current-area', { code: '440104000000', level: 'county' });
    expect(sw.statusCode, sw.body).toBe(200);
    expect((await dashboard(city.client, '440104000000')).statusCode).toBe(200);
    expect((await dashboard(city.client, '440100000000')).statusCode).toBe(403);
    await city.client.request('PUT', '/api/auth/current-area', { code: '440100000000', level: 'city' });
  });
});

describe('figures and breakdowns', () => {
  it('counts organizations by tier and hub for the city, by county and by township, with the list behind each', async () => {
    await established({ hubKind: 'hub', name: '北京街道社区社会组织联合会甲' });
    await established({ category: 'cultureSports', name: '龙藏文体队' });
    const d = (await dashboard()).json() as Dashboard;
    expect(d.area).toMatchObject({ code: '440100000000', level: 'city', name: '广州市' });
    expect(d.children.map((c) => c.code)).toContain('440104000000');
    const guided = d.figures.find((f) => f.key === 'orgs.tier.guided')!;
    expect(guided.value).toBe(2);
    expect(guided.drillDown).toEqual({
      path: '/organizations',
      query: { areaCode: '440100000000', established: 'true', tier: 'guided' },
    });
    expect(guided.children.find((c) => c.code === '440104000000')).toMatchObject({ name: '越秀区', value: 2 });
    expect(guided.children.find((c) => c.code === '440103000000')).toMatchObject({ value: 0 });
    // one township of the city's townships has a hub
    const share = d.figures.find((f) => f.key === 'townships.withHubShare')!;
    expect(share.numerator).toBe(1);
    const townships = (await ctx.db.query("SELECT count(*)::int AS n FROM areas WHERE level = 4 AND code LIKE '4401%'"))
      .rows[0].n as number;
    expect(share.denominator).toBe(townships);
    expect(share.value).toBe(Math.round(1000 / townships) / 10);

    const county = (await dashboard(city.client, '440104000000')).json() as Dashboard;
    const hubShare = county.figures.find((f) => f.key === 'townships.withHubShare')!;
    expect(hubShare.children.find((c) => c.code === '440104003000')).toMatchObject({ value: 100, numerator: 1 });
    expect(hubShare.children.find((c) => c.code === '440104004000')).toMatchObject({ value: 0, numerator: 0 });
    // 流水井 is an urban community: both organizations count for the urban average
    const urban = county.figures.find((f) => f.key === 'orgs.perUrbanCommunity')!;
    expect(urban.numerator).toBe(2);
  });

  it('keeps the incubation figure without a number: no data source yet', async () => {
    const d = (await dashboard()).json() as Dashboard;
    expect(d.figures.find((f) => f.key === 'incubation.countyCoverage')).toMatchObject({
      value: null,
      hasSource: false,
      drillDown: null,
    });
  });

  it('counts new organizations per founding year over the last ten years', async () => {
    const d = (await dashboard()).json() as Dashboard;
    expect(d.newByYear).toHaveLength(10);
    expect(d.newByYear.at(-1)!.year).toBe(d.year);
    expect(d.newByYear.find((y) => y.year === 2021)).toMatchObject({
      count: 2,
      drillDown: { path: '/organizations', query: { areaCode: '440100000000', foundedYear: '2021' } },
    });
  });
});

describe('export', () => {
  it('writes the overview, one sheet per table with area codes and names, and the years', async () => {
    const res = await city.client.request('GET', '/api/statistics/dashboard/export?areaCode=440100000000');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      '概览',
      '社区社会组织',
      '文明实践活动',
      '志愿服务',
      '历年新增',
    ]);
    const orgSheet = workbook.getWorksheet('社区社会组织')!;
    expect(orgSheet.getRow(1).getCell(1).value).toBe('区划代码');
    expect(orgSheet.getRow(1).getCell(4).value).toBe('依法登记（个）');
    const yuexiu = orgSheet.getRows(3, orgSheet.rowCount - 2)!.find((r) => r.getCell(1).value === '440104000000')!;
    expect(yuexiu.getCell(2).value).toBe('越秀区');
    const header = (orgSheet.getRow(1).values as unknown[]).indexOf('社区指导（个）');
    expect(yuexiu.getCell(header).value).toBe(2);
    const overview = workbook.getWorksheet('概览')!;
    const incubation = overview
      .getRows(3, overview.rowCount - 2)!
      .find((r) => r.getCell(1).value === '区(县)级孵化培育覆盖率')!;
    expect(incubation.getCell(6).value).toBe('暂无数据来源');
  });

  it('is refused outside the jurisdiction', async () => {
    const res = await beijing.township.client.request('GET', '/api/statistics/dashboard/export?areaCode=440100000000');
    expect(res.statusCode).toBe(403);
  });
});

describe('recognitions', () => {
  it('civil affairs and the township of the organization grant and revoke them, audited; others cannot', async () => {
    const filed = await beijing.resident.client.request(
      'POST',
      '/api/organizations',
      orgBody({ name: '流水井品牌服务队' }),
    );
    const { orgId, filingId } = filed.json() as { orgId: string; filingId: string };
    const body = { kind: 'brandOrg', year: 2023, reason: '连续三年服务成效突出' };
    // not yet established
    const early = await beijing.township.client.request('POST', `/api/organizations/${orgId}/recognitions`, body);
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('RECOGNITION_NOT_ESTABLISHED');
    await beijing.committee.client.request('POST', `/api/filings/${filingId}/committee-opinion`, {
      decision: 'approve',
    });

    const granted = await beijing.township.client.request('POST', `/api/organizations/${orgId}/recognitions`, body);
    expect(granted.statusCode, granted.body).toBe(200);
    expect(granted.json()).toMatchObject({
      canManage: true,
      items: [{ kind: 'brandOrg', year: 2023, grantedAreaName: '广东省广州市越秀区北京街道', revokedAt: null }],
    });
    const twice = await city.client.request('POST', `/api/organizations/${orgId}/recognitions`, body);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('RECOGNITION_DUPLICATE');
    const short = await city.client.request('POST', `/api/organizations/${orgId}/recognitions`, {
      ...body,
      reason: '好',
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().fields[0]).toMatchObject({ path: 'reason', message: '请填写认定或撤销的理由，至少2个字' });

    // the committee reads them but may not grant; another township does not see the organization
    const read = await beijing.committee.client.request('GET', `/api/organizations/${orgId}/recognitions`);
    expect(read.json()).toMatchObject({ canManage: false });
    expect(
      (await beijing.committee.client.request('POST', `/api/organizations/${orgId}/recognitions`, body)).statusCode,
    ).toBe(403);
    const other = await signedIn(ctx, { role: 'township', areaCode: '440104004000', areaLevel: 'township' });
    expect((await other.client.request('POST', `/api/organizations/${orgId}/recognitions`, body)).statusCode).toBe(404);

    const brandsOf = async () =>
      ((await dashboard(city.client, '440104003000')).json() as Dashboard).figures.find(
        (f) => f.key === 'orgs.brandOrg',
      )!;
    expect((await brandsOf()).value).toBe(1);
    const id = granted.json().items[0].id as string;
    const revoked = await city.client.request('POST', `/api/organizations/${orgId}/recognitions/${id}/revocation`, {
      reason: '年度复核未通过',
    });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json().items[0]).toMatchObject({ revokeReason: '年度复核未通过' });
    expect((await brandsOf()).value).toBe(0);
    const again = await city.client.request('POST', `/api/organizations/${orgId}/recognitions/${id}/revocation`, {
      reason: '再次撤销',
    });
    expect(again.json().code).toBe('RECOGNITION_ALREADY_REVOKED');
    const audit = await ctx.db.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE entity_id = $1 AND action LIKE 'organization.recogni%' ORDER BY seq",
      [orgId],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['organization.recognize', 'organization.recognitionRevoke']);
  });
});
