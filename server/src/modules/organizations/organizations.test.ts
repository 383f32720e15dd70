import { creditCodeCheckChar } from '@linli/contract/credit-code';
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

async function file(client = beijing.resident.client, overrides = {}) {
  const res = await client.post('/api/organizations', orgBody(overrides));
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { orgId: string; filingId: string };
}

const count = async (sql: string, params: unknown[]) => (await ctx.db.query(sql, params)).rows[0].n as number;

describe('filing a guided organization', () => {
  it('the committee records it; it becomes active, its filer its administrator, and it goes public', async () => {
    const { orgId, filingId } = await file();
    const pending = await beijing.resident.client.get(`/api/organizations/${orgId}`);
    expect(pending.json()).toMatchObject({ status: 'pending', filings: [{ state: 'awaitingCommittee' }] });
    expect((await ctx.app.inject({ url: `/api/public/organizations/${orgId}` })).statusCode).toBe(404);

    const queue = (await beijing.committee.client.get('/api/filings/queue'))
      .json()
      .items.map((f: { id: string }) => f.id);
    expect(queue).toContain(filingId);
    const done = await beijing.committee.client.post(`/api/filings/${filingId}/committee-opinion`, {
      decision: 'approve',
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({
      status: 'active',
      filings: [{ state: 'approved', steps: [{ step: 'submit' }, { step: 'committeeOpinion', decision: 'approve' }] }],
    });

    const grants = await ctx.db.query("SELECT org_id FROM role_grants WHERE user_id = $1 AND role = 'orgAdmin'", [
      beijing.resident.id,
    ]);
    expect(grants.rows).toEqual([{ org_id: orgId }]);
    const disclosure = await ctx.app.inject({ url: `/api/public/organizations/${orgId}` });
    expect(disclosure.statusCode).toBe(200);
    expect(disclosure.json()).toMatchObject({
      tier: 'guided',
      areaFullName: '广东省广州市越秀区北京街道流水井社区居委会',
    });
    expect(disclosure.body).not.toMatch(/陈大姐|1[3-9]\d{9}/);
  });
});

describe('filing a filed organization', () => {
  it('needs the committee’s opinion and then the township’s decision', async () => {
    const { orgId, filingId } = await file(beijing.resident.client, { tier: 'filed' });
    const opinion = await beijing.committee.client.post(`/api/filings/${filingId}/committee-opinion`, {
      decision: 'approve',
      comment: '同意',
    });
    expect(opinion.json().status).toBe('pending');
    expect(opinion.json().filings[0].state).toBe('awaitingTownship');
    const decision = await beijing.township.client.post(`/api/filings/${filingId}/township-decision`, {
      decision: 'approve',
    });
    expect(decision.json()).toMatchObject({ id: orgId, status: 'active' });
  });

  it('refuses every step that is not the next one with 409 and changes nothing', async () => {
    const { filingId } = await file(beijing.resident.client, { tier: 'filed' });
    const steps = () => count('SELECT count(*)::int AS n FROM filing_steps WHERE filing_id = $1', [filingId]);
    const before = await steps();
    const early = await beijing.township.client.post(`/api/filings/${filingId}/township-decision`, {
      decision: 'approve',
    });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({
      code: 'FILING_ILLEGAL_TRANSITION',
      message: '该备案当前不在这一步，不能执行此操作',
    });
    expect(await steps()).toBe(before);

    await beijing.committee.client.post(`/api/filings/${filingId}/committee-opinion`, { decision: 'approve' });
    const twice = await beijing.committee.client.post(`/api/filings/${filingId}/committee-opinion`, {
      decision: 'approve',
    });
    expect(twice.statusCode).toBe(409);
    const resubmit = await beijing.resident.client.post(`/api/filings/${filingId}/resubmission`, {});
    expect(resubmit.statusCode).toBe(409);
  });

  it('a rejection needs a reason; a return goes back to the submitter, who corrects and resubmits', async () => {
    const { orgId, filingId } = await file(beijing.resident.client, { tier: 'filed' });
    const bare = await beijing.committee.client.post(`/api/filings/${filingId}/committee-opinion`, {
      decision: 'reject',
    });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().fields[0].path).toBe('comment');

    await beijing.committee.client.post(`/api/filings/${filingId}/committee-opinion`, {
      decision: 'returnForChanges',
      comment: '请补充活动场所',
    });
    const fixed = await beijing.resident.client.post(`/api/filings/${filingId}/resubmission`, {
      venue: '流水井社区活动中心',
    });
    expect(fixed.json()).toMatchObject({ venue: '流水井社区活动中心', filings: [{ state: 'awaitingCommittee' }] });
    await beijing.committee.client.post(`/api/filings/${filingId}/committee-opinion`, { decision: 'approve' });
    const rejected = await beijing.township.client.post(`/api/filings/${filingId}/township-decision`, {
      decision: 'reject',
      comment: '成员不足',
    });
    expect(rejected.json()).toMatchObject({ id: orgId, status: 'notEstablished', statusReason: '成员不足' });
  });
});

describe('names', () => {
  it('are unique within a township after normalization (full width, spaces, Latin case), not across townships', async () => {
    await file(beijing.resident.client, { name: '阳光ABC合唱团' });
    const same = await beijing.resident.client.post('/api/organizations', orgBody({ name: '阳光 ａｂｃ 合唱团' }));
    expect(same.statusCode).toBe(409);
    expect(same.json()).toMatchObject({ code: 'ORG_NAME_TAKEN', fields: [{ path: 'name' }] });
    const elsewhere = await liurong.resident.client.post(
      '/api/organizations',
      orgBody({ name: '阳光ABC合唱团', areaCode: '440104004102' }),
    );
    expect(elsewhere.statusCode).toBe(200);
  });
});

describe('registered organizations', () => {
  it('need a valid civil-affairs credit code and are recorded by civil affairs', async () => {
    const bad = await beijing.resident.client.post(
      '/api/organizations',
      orgBody({ tier: 'registered', creditCode: '51440104MJ0000001X' }),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0].path).toBe('creditCode');
    const missing = await beijing.resident.client.post('/api/organizations', orgBody({ tier: 'registered' }));
    expect(missing.statusCode).toBe(400);
  });
});

describe('jurisdiction', () => {
  it('a township officer never sees or acts on another township’s organizations', async () => {
    const { orgId, filingId } = await file(liurong.resident.client, { areaCode: '440104004102', name: '六榕书画社' });
    const list = (await beijing.township.client.get('/api/organizations?limit=200'))
      .json()
      .items.map((o: { id: string }) => o.id);
    expect(list).not.toContain(orgId);
    expect((await beijing.township.client.get(`/api/organizations/${orgId}`)).statusCode).toBe(404);
    expect(
      (await beijing.committee.client.post(`/api/filings/${filingId}/committee-opinion`, { decision: 'approve' }))
        .statusCode,
    ).toBe(404);
    const queue = (await beijing.committee.client.get('/api/filings/queue'))
      .json()
      .items.map((f: { id: string }) => f.id);
    expect(queue).not.toContain(filingId);
    const search = await beijing.township.client.get(`/api/organizations?q=${encodeURIComponent('书画')}`);
    expect(search.json().items).toEqual([]);
    const filedElsewhere = await beijing.resident.client.post(
      '/api/organizations',
      orgBody({ areaCode: '440104004102' }),
    );
    expect(filedElsewhere.statusCode).toBe(403);
    // the county above sees it
    expect((await beijing.civilAffairs.client.get(`/api/organizations/${orgId}`)).statusCode).toBe(200);
  });
});

describe('finding organizations', () => {
  it('by two characters of the name, by a leader’s mobile, with filters', async () => {
    const leaderMobile = '13955550001';
    const { orgId, filingId } = await file(beijing.resident.client, {
      name: '流水井邻里守望队',
      leaders: [{ name: '王队长', role: 'leader', mobile: leaderMobile }],
    });
    await beijing.committee.client.post(`/api/filings/${filingId}/committee-opinion`, { decision: 'approve' });
    const byName = (await beijing.township.client.get(`/api/organizations?q=${encodeURIComponent('守望队')}`)).json()
      .items;
    expect(byName.map((o: { id: string }) => o.id)).toContain(orgId);
    const byMobile = (await beijing.township.client.get(`/api/organizations?q=${leaderMobile}`)).json().items;
    expect(byMobile.map((o: { id: string }) => o.id)).toEqual([orgId]);
    const tooShort = await beijing.township.client.get(`/api/organizations?q=${encodeURIComponent('守')}`);
    expect(tooShort.statusCode).toBe(400);
    const filtered = (await beijing.township.client.get('/api/organizations?tier=registered')).json().items;
    expect(filtered.every((o: { tier: string }) => o.tier === 'registered')).toBe(true);
    const detail = await beijing.township.client.get(`/api/organizations/${orgId}`);
    expect(detail.json().leaders[0].mobileMasked).toBe('139****0001');
  });

  it('pages with a keyset cursor without repeats', async () => {
    for (let i = 0; i < 5; i++) {
      await file(beijing.resident.client, { name: `分页测试队${i}` });
    }
    for (const sort of ['name', 'founded']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/api/organizations?limit=2&sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`;
        const page = (await beijing.township.client.get(url)).json();
        seen.push(...page.items.map((o: { id: string }) => o.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.length).toBe(
        await count(`SELECT count(*)::int AS n FROM organizations WHERE area_code LIKE '440104003%'`, []),
      );
    }
  });
});

describe('supervision', () => {
  it('marks an organization abnormal with a reason and lets it exit; other moves are refused', async () => {
    const { orgId, filingId } = await file();
    await beijing.committee.client.post(`/api/filings/${filingId}/committee-opinion`, { decision: 'approve' });
    const exitDirect = await beijing.township.client.post(`/api/organizations/${orgId}/status`, {
      status: 'dissolved',
      reason: '直接退出',
    });
    expect(exitDirect.statusCode).toBe(409);
    const abnormal = await beijing.township.client.post(`/api/organizations/${orgId}/status`, {
      status: 'abnormal',
      reason: '一年未报告工作',
    });
    expect(abnormal.json()).toMatchObject({ status: 'abnormal', statusReason: '一年未报告工作' });
    const exit = await beijing.township.client.post(`/api/organizations/${orgId}/status`, {
      status: 'dissolved',
      reason: '长期不开展活动，予以退出',
    });
    expect(exit.json().status).toBe('dissolved');
    expect(
      (await beijing.committee.client.post(`/api/organizations/${orgId}/status`, { status: 'active', reason: '恢复' }))
        .statusCode,
    ).toBe(403);
  });

  it('a change filing takes effect only when approved', async () => {
    const { orgId, filingId } = await file();
    await beijing.committee.client.post(`/api/filings/${filingId}/committee-opinion`, { decision: 'approve' });
    const filed = await beijing.resident.client.post(`/api/organizations/${orgId}/changes`, { memberCount: 40 });
    expect(filed.json().memberCount).toBe(25);
    const again = await beijing.resident.client.post(`/api/organizations/${orgId}/changes`, { memberCount: 41 });
    expect(again.json().code).toBe('FILING_OPEN_EXISTS');
    const changeId = filed.json().filings[0].id;
    const approved = await beijing.committee.client.post(`/api/filings/${changeId}/committee-opinion`, {
      decision: 'approve',
    });
    expect(approved.json().memberCount).toBe(40);
  });
});

describe('who administers a new organization', () => {
  it('an officer recording an organization on its behalf does not become its administrator', async () => {
    const { orgId, filingId } = await file(beijing.committee.client);
    await beijing.committee.client.post(`/api/filings/${filingId}/committee-opinion`, { decision: 'approve' });
    const grants = await ctx.db.query("SELECT 1 FROM role_grants WHERE org_id = $1 AND role = 'orgAdmin'", [orgId]);
    expect(grants.rowCount).toBe(0);
  });
});

describe('sorting', () => {
  it('sorts names by pinyin', async () => {
    for (const name of ['张家巷合唱团', '阿婆茶话会', '王府井书画社', '白云舞蹈队']) {
      await file(liurong.resident.client, { name, areaCode: '440104004102' });
    }
    const names = (await liurong.township.client.get('/api/organizations?sort=name&limit=200'))
      .json()
      .items.map((o: { name: string }) => o.name);
    const four = names.filter((n: string) => ['张家巷合唱团', '阿婆茶话会', '王府井书画社', '白云舞蹈队'].includes(n));
    expect(four).toEqual(['阿婆茶话会', '白云舞蹈队', '王府井书画社', '张家巷合唱团']);
  });
});

describe('partial changes', () => {
  it('a change or a resubmission touches only the fields it names', async () => {
    const { orgId, filingId } = await file(beijing.resident.client, {
      tier: 'filed',
      serviceTargets: ['elderly'],
      hubKind: 'hub',
    });
    await beijing.committee.client.post(`/api/filings/${filingId}/committee-opinion`, {
      decision: 'returnForChanges',
      comment: '请改场所',
    });
    const resubmitted = await beijing.resident.client.post(`/api/filings/${filingId}/resubmission`, {
      venue: '新场所',
    });
    expect(resubmitted.json()).toMatchObject({ venue: '新场所', serviceTargets: ['elderly'], hubKind: 'hub' });
    await beijing.committee.client.post(`/api/filings/${filingId}/committee-opinion`, { decision: 'approve' });
    await beijing.township.client.post(`/api/filings/${filingId}/township-decision`, { decision: 'approve' });
    const change = (
      await beijing.resident.client.post(`/api/organizations/${orgId}/changes`, { memberCount: 33 })
    ).json();
    expect(change.filings[0].proposed).toEqual({ memberCount: 33 });
    const approved = await beijing.committee.client.post(`/api/filings/${change.filings[0].id}/committee-opinion`, {
      decision: 'approve',
    });
    const done = await beijing.township.client.post(`/api/filings/${change.filings[0].id}/township-decision`, {
      decision: 'approve',
    });
    expect(approved.statusCode).toBe(200);
    expect(done.json()).toMatchObject({
      memberCount: 33,
      serviceTargets: ['elderly'],
      hubKind: 'hub',
      venue: '新场所',
    });
  });
});

describe('export', () => {
  it('streams only the jurisdiction’s organizations into the .xlsx, audited', async () => {
    await file(liurong.resident.client, { areaCode: '440104004102', name: '六榕导出测试社' });
    await file(beijing.resident.client, { name: '北京导出测试社' });
    const res = await beijing.township.client.get('/api/organizations/export');
    expect(res.statusCode).toBe(200);
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const names = wb.worksheets[0]!.getColumn(1).values.slice(2) as string[];
    const codes = wb.worksheets[0]!.getColumn(5).values.slice(2) as string[];
    expect(names).toContain('北京导出测试社');
    expect(names).not.toContain('六榕导出测试社');
    expect(codes.every((c) => c.startsWith('440104003'))).toBe(true);
    const audit = await ctx.db.query("SELECT actor_id FROM audit_log WHERE action = 'organization.export'");
    expect(audit.rows).toEqual([{ actor_id: beijing.township.id }]);
  });
});

describe('what the first SQL snapshot showed no test reached', () => {
  it('a credit code belongs to one organization', async () => {
    const code = (first17: string) => first17 + creditCodeCheckChar(first17);
    const taken = code('52440104MJ0000123');
    const first = await beijing.resident.client.post(
      '/api/organizations',
      orgBody({ tier: 'registered', creditCode: taken, name: '越秀慈善服务中心' }),
    );
    expect(first.statusCode, first.body).toBe(200);
    const second = await liurong.resident.client.post(
      '/api/organizations',
      orgBody({ tier: 'registered', creditCode: taken, name: '六榕公益服务中心', areaCode: '440104004102' }),
    );
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({ code: 'ORG_CREDIT_CODE_TAKEN', fields: [{ path: 'creditCode' }] });
  });

  it('an approved change of leaders replaces them: the old mobile no longer finds the organization', async () => {
    const oldMobile = '13955551001';
    const newMobile = '13955551002';
    const { orgId, filingId } = await file(beijing.resident.client, {
      leaders: [{ name: '周阿姨', role: 'leader', mobile: oldMobile }],
    });
    await beijing.committee.client.post(`/api/filings/${filingId}/committee-opinion`, { decision: 'approve' });
    const change = await beijing.resident.client.post(`/api/organizations/${orgId}/changes`, {
      leaders: [{ name: '吴叔叔', role: 'leader', mobile: newMobile }],
    });
    expect(change.statusCode, change.body).toBe(200);
    const approved = await beijing.committee.client.post(
      `/api/filings/${change.json().filings[0].id}/committee-opinion`,
      {
        decision: 'approve',
      },
    );
    expect(approved.json().leaders).toEqual([expect.objectContaining({ name: '吴叔叔', mobileMasked: '139****1002' })]);
    const found = async (mobile: string) =>
      (await beijing.township.client.get(`/api/organizations?q=${mobile}`))
        .json()
        .items.map((o: { id: string }) => o.id);
    expect(await found(oldMobile)).not.toContain(orgId);
    expect(await found(newMobile)).toContain(orgId);
  });

  it('“my filings” lists the caller’s own filings and nobody else’s', async () => {
    const mine = await file(liurong.resident.client, { name: '六榕象棋社', areaCode: '440104004102' });
    const theirs = await file(beijing.resident.client, { name: '流水井象棋社' });
    const ids = (await liurong.resident.client.get('/api/filings/mine')).json().items.map((f: { id: string }) => f.id);
    expect(ids).toContain(mine.filingId);
    expect(ids).not.toContain(theirs.filingId);
  });
});
