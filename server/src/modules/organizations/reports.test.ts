import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../../test/harness';
import { makeOfficers, orgBody } from './test-factories';

const ctx = await createTestContext();
const beijing = await makeOfficers(ctx);
const liurong = await makeOfficers(ctx, {
  community: '440104004102',
  township: '440104004000',
  county: '440104000000',
});

async function activeOrg(people = beijing, overrides = {}) {
  const { orgId, filingId } = (await people.resident.client.post('/api/organizations', orgBody(overrides))).json();
  await people.committee.client.post(`/api/filings/${filingId}/committee-opinion`, { decision: 'approve' });
  return orgId as string;
}

describe('work reports', () => {
  it('an organization reports, the committee acknowledges; an acknowledged annual report goes public', async () => {
    const orgId = await activeOrg();
    const report = {
      kind: 'annualReport',
      period: '2025',
      content: '全年开展邻里互助活动24次，服务老人300人次。',
      activityCount: 24,
    };
    const filed = await beijing.resident.client.post(`/api/organizations/${orgId}/reports`, report);
    expect(filed.statusCode, filed.body).toBe(200);
    const again = await beijing.resident.client.post(`/api/organizations/${orgId}/reports`, report);
    expect(again.json()).toMatchObject({ code: 'REPORT_ALREADY_SUBMITTED', fields: [{ path: 'period' }] });

    const reportId = filed.json().items[0].id;
    expect((await ctx.app.inject({ url: `/api/public/organizations/${orgId}` })).json().annualReports).toEqual([]);
    const bare = await beijing.committee.client.post(`/api/reports/${reportId}/review`, { decision: 'comment' });
    expect(bare.statusCode).toBe(400);
    const ack = await beijing.committee.client.post(`/api/reports/${reportId}/review`, { decision: 'acknowledge' });
    expect(ack.json().items[0]).toMatchObject({ state: 'acknowledged' });
    expect(
      (await beijing.committee.client.post(`/api/reports/${reportId}/review`, { decision: 'acknowledge' })).statusCode,
    ).toBe(409);
    expect((await ctx.app.inject({ url: `/api/public/organizations/${orgId}` })).json().annualReports).toEqual([
      { period: '2025', activityCount: 24, content: report.content },
    ]);
  });

  it('refuses a period that has not begun, and a committee of another township cannot review', async () => {
    const orgId = await activeOrg();
    const future = await beijing.resident.client.post(`/api/organizations/${orgId}/reports`, {
      kind: 'workReport',
      period: '2099-Q1',
      content: '提前写好的报告内容，共十个字以上。',
    });
    expect(future.json().code).toBe('REPORT_PERIOD_IN_FUTURE');
    const mismatch = await beijing.resident.client.post(`/api/organizations/${orgId}/reports`, {
      kind: 'annualReport',
      period: '2025-Q1',
      content: '年度报告却填了季度，应当被拒绝。',
    });
    expect(mismatch.statusCode).toBe(400);
    const filed = await beijing.resident.client.post(`/api/organizations/${orgId}/reports`, {
      kind: 'workReport',
      period: '2025-Q4',
      content: '本季度开展巡逻12次，调解纠纷2起。',
      activityCount: 14,
    });
    const reportId = filed.json().items[0].id;
    expect(
      (await liurong.committee.client.post(`/api/reports/${reportId}/review`, { decision: 'acknowledge' })).statusCode,
    ).toBe(404);
  });

  it('lists the organizations of the jurisdiction that have not reported, only there', async () => {
    const reporting = await activeOrg(beijing, { name: '按时报告队' });
    const silent = await activeOrg(beijing, { name: '从不报告队' });
    const elsewhere = await activeOrg(liurong, { name: '六榕未报告队', areaCode: '440104004102' });
    await beijing.resident.client.post(`/api/organizations/${reporting}/reports`, {
      kind: 'workReport',
      period: '2026-Q3',
      content: '本季度开展活动五次，服务居民一百人次。',
    });
    const overdue = (await beijing.township.client.get('/api/reports/overdue?kind=workReport&period=2026-Q3')).json();
    const ids = overdue.items.map((o: { id: string }) => o.id);
    expect(ids).toContain(silent);
    expect(ids).not.toContain(reporting);
    expect(ids).not.toContain(elsewhere);
    expect(overdue.total).toBe(ids.length);
  });
});
