import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../../test/harness';
import { daysFromNow, makeCommunity } from '../activities/test-factories';
import { summarizeOrgRatings } from './index';
import { dayFromToday, makeResident, needBody, postNeed } from './test-factories';

const ctx = await createTestContext();
// 北京街道流水井社区: committee, township, county civil affairs, and an organization (its admin is `orgAdmin`)
const beijing = await makeCommunity(ctx);
// a second organization of 流水井社区 with its own administrator
const neighbour = await makeCommunity(ctx, undefined, { name: '流水井邻居合唱团' });
// 六榕街道: another township of the same county, with its own organization
const liurong = await makeCommunity(
  ctx,
  { community: '440104004102', township: '440104004000', county: '440104000000' },
  { name: '六榕书画社' },
);
const poster = await makeResident(ctx);
const otherResident = await makeResident(ctx);

const count = async (sql: string, params: unknown[] = []) => (await ctx.db.query(sql, params)).rows[0].n as number;
const auditRows = () => count('SELECT count(*)::int AS n FROM audit_log');
const snapshot = async (id: string) => ({
  need: (await ctx.db.query('SELECT * FROM needs WHERE id = $1', [id])).rows[0],
  steps: await count('SELECT count(*)::int AS n FROM need_steps WHERE need_id = $1', [id]),
  audit: await auditRows(),
});

describe('the loop: 点单 → 派单 → 接单 → 办结 → 评单', () => {
  it('a resident posts, the committee dispatches, the organization accepts and completes, the resident rates', async () => {
    const body = needBody({ contactName: '王小明', contactMobile: '13912345678' });
    const id = await postNeed(poster.client, body);
    const mine = (await poster.client.get(`/api/needs/${id}`)).json();
    expect(mine).toMatchObject({
      status: 'posted',
      dispatchLevel: 'station',
      isMine: true,
      contact: { name: '王小明', mobile: '13912345678', isMasked: false },
      abilities: { cancel: true, rate: false, dispatch: false, revealContact: false },
    });

    const queue = (await beijing.committee.client.get('/api/needs/queue')).json().items;
    expect(queue.map((n: { id: string }) => n.id)).toContain(id);
    const seen = queue.find((n: { id: string }) => n.id === id);
    expect(seen.abilities).toMatchObject({ dispatch: true, redispatch: true, decline: true, accept: false });

    const dispatched = await beijing.committee.client.post(`/api/needs/${id}/dispatch`, {
      orgId: beijing.orgId,
      note: '请尽快联系老人',
    });
    expect(dispatched.statusCode, dispatched.body).toBe(200);
    expect(dispatched.json()).toMatchObject({ status: 'dispatched', orgId: beijing.orgId });
    expect(
      (await beijing.committee.client.get('/api/needs/queue')).json().items.map((n: { id: string }) => n.id),
    ).not.toContain(id);

    const assigned = (await beijing.orgAdmin.client.get('/api/needs/assigned')).json().items;
    expect(assigned.find((n: { id: string }) => n.id === id).abilities).toMatchObject({ accept: true, refuse: true });

    const accepted = await beijing.orgAdmin.client.post(`/api/needs/${id}/acceptance`, {
      plan: 'volunteerTask',
      note: '安排两名志愿者每周二、五送餐',
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({
      status: 'accepted',
      fulfilment: { kind: 'volunteerTask', activityId: null, note: '安排两名志愿者每周二、五送餐' },
    });
    const done = await beijing.orgAdmin.client.post(`/api/needs/${id}/completion`, { note: '已连续送餐四周' });
    expect(done.json()).toMatchObject({ status: 'done', doneNote: '已连续送餐四周' });

    const rated = await poster.client.post(`/api/needs/${id}/rating`, {
      stars: 5,
      comment: '志愿者很热心，电话13912345678',
    });
    expect(rated.statusCode, rated.body).toBe(200);
    const final = rated.json();
    expect(final).toMatchObject({ status: 'rated', stars: 5, rating: { stars: 5 } });
    expect(final.timeline.map((s: { action: string; toStatus: string }) => `${s.action}→${s.toStatus}`)).toEqual([
      'post→posted',
      'dispatch→dispatched',
      'accept→accepted',
      'complete→done',
      'rate→rated',
    ]);
    expect(final.timeline[1]).toMatchObject({
      actorRole: 'committee',
      orgId: beijing.orgId,
      comment: '请尽快联系老人',
    });
    expect(final.timeline[2]).toMatchObject({ actorRole: 'orgAdmin' });

    const audit = await ctx.db.query(
      "SELECT action FROM audit_log WHERE entity = 'need' AND entity_id = $1 ORDER BY seq",
      [id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'need.post',
      'need.dispatch',
      'need.accept',
      'need.complete',
      'need.rate',
    ]);

    // the rating on the organization's record: public, without personal data
    const ratings = await ctx.app.inject({ url: `/api/public/organizations/${beijing.orgId}/ratings` });
    expect(ratings.statusCode, ratings.body).toBe(200);
    expect(ratings.json()).toMatchObject({ count: 1, averageStars: 5, distribution: [0, 0, 0, 0, 1] });
    expect(ratings.json().recent[0].comment).toBe('志愿者很热心，电话139****5678');
    expect(ratings.body).not.toContain('王小明');
    expect((await summarizeOrgRatings(ctx.db, beijing.orgId)).count).toBe(1);
  });

  it('accepting as an activity creates a draft prefilled from the need, linked by id, in the same transaction', async () => {
    const id = await postNeed(poster.client, needBody({ title: '楼道垃圾分类宣传', field: 'customs' }));
    await beijing.committee.client.post(`/api/needs/${id}/dispatch`, { orgId: beijing.orgId });

    // a bad plan: field errors under `activity.`, and nothing changes (no activity, still dispatched)
    const before = await snapshot(id);
    const activities = await count('SELECT count(*)::int AS n FROM activities');
    const bad = await beijing.orgAdmin.client.post(`/api/needs/${id}/acceptance`, {
      plan: 'activity',
      activity: { startsAt: daysFromNow(10, 2), endsAt: daysFromNow(10) },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toEqual([
      expect.objectContaining({ path: 'activity.endsAt', code: 'activity.endsBeforeStart' }),
    ]);
    expect(await snapshot(id)).toEqual(before);
    expect(await count('SELECT count(*)::int AS n FROM activities')).toBe(activities);

    const ok = await beijing.orgAdmin.client.post(`/api/needs/${id}/acceptance`, {
      plan: 'activity',
      activity: { startsAt: daysFromNow(10), endsAt: daysFromNow(10, 2), expectedParticipants: 30 },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const activityId = ok.json().fulfilment.activityId;
    const activity = (await beijing.orgAdmin.client.get(`/api/activities/${activityId}`)).json();
    expect(activity).toMatchObject({
      status: 'draft',
      orgId: beijing.orgId,
      title: '楼道垃圾分类宣传',
      field: 'customs',
      address: '流水井社区8号楼3单元',
      targetGroups: ['elderly'],
      expectedParticipants: 30,
    });
  });
});

describe('illegal steps answer 409 and change nothing', () => {
  it('completing a need that is only dispatched, cancelling an accepted one, dispatching it twice', async () => {
    const id = await postNeed(poster.client);
    await beijing.committee.client.post(`/api/needs/${id}/dispatch`, { orgId: beijing.orgId });
    let before = await snapshot(id);
    const early = await beijing.orgAdmin.client.post(`/api/needs/${id}/completion`, { note: '已办结' });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({
      code: 'NEED_ILLEGAL_TRANSITION',
      message: '该需求当前不在这一步，不能执行此操作',
    });
    const twice = await beijing.committee.client.post(`/api/needs/${id}/dispatch`, { orgId: neighbour.orgId });
    expect(twice.json().code).toBe('NEED_ILLEGAL_TRANSITION');
    expect(await snapshot(id)).toEqual(before);

    await beijing.orgAdmin.client.post(`/api/needs/${id}/acceptance`, { plan: 'volunteerTask', note: '志愿者上门' });
    before = await snapshot(id);
    const cancel = await poster.client.post(`/api/needs/${id}/cancellation`, { reason: '不需要了' });
    expect(cancel.statusCode).toBe(409);
    const rateEarly = await poster.client.post(`/api/needs/${id}/rating`, { stars: 4 });
    expect(rateEarly.json().code).toBe('NEED_ILLEGAL_TRANSITION');
    expect(await snapshot(id)).toEqual(before);
  });

  it('bad input gets field-level errors: a township as the area, a past deadline, a bad mobile', async () => {
    const before = await count('SELECT count(*)::int AS n FROM needs');
    const bad = await poster.client.post(
      '/api/needs',
      needBody({ areaCode: '440104003000', deadline: dayFromToday(-1), contactMobile: '12345' }),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields.map((f: { path: string; code: string }) => `${f.path}:${f.code}`)).toEqual([
      'areaCode:NEED_AREA_NOT_COMMUNITY',
      'contactMobile:mobile.invalid',
      'deadline:NEED_DEADLINE_INVALID',
    ]);
    const other = await poster.client.post('/api/needs', needBody({ areaCode: '440104004102' }));
    expect(other.statusCode).toBe(403);
    expect(other.json().fields[0]).toMatchObject({ path: 'areaCode', code: 'AREA_OUT_OF_SCOPE' });
    const stars = await poster.client.post('/api/needs', { ...needBody(), title: '' });
    expect(stars.statusCode).toBe(400);
    expect(stars.json().fields[0].path).toBe('title');
    expect(await count('SELECT count(*)::int AS n FROM needs')).toBe(before);
  });
});

describe('re-dispatch upward: station → institute → center', () => {
  it('each level dispatches only at its own level; the county center is the top', async () => {
    const id = await postNeed(poster.client, needBody({ title: '适老化改造咨询' }));
    // the township cannot dispatch what still waits at the community's station
    const early = await beijing.township.client.post(`/api/needs/${id}/dispatch`, { orgId: beijing.orgId });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('NEED_NOT_YOUR_LEVEL');
    const bare = await beijing.committee.client.post(`/api/needs/${id}/redispatch`, {});
    expect(bare.statusCode).toBe(400);
    expect(bare.json().fields[0].path).toBe('reason');

    const up = await beijing.committee.client.post(`/api/needs/${id}/redispatch`, {
      reason: '本社区没有能提供此服务的组织',
    });
    expect(up.json()).toMatchObject({
      status: 'redispatched',
      dispatchLevel: 'institute',
      statusReason: '本社区没有能提供此服务的组织',
    });
    expect(
      (await beijing.committee.client.post(`/api/needs/${id}/dispatch`, { orgId: beijing.orgId })).json().code,
    ).toBe('NEED_NOT_YOUR_LEVEL');
    const townshipQueue = (await beijing.township.client.get('/api/needs/queue')).json().items;
    expect(townshipQueue.map((n: { id: string }) => n.id)).toContain(id);
    // another township's office: not its need at all
    expect((await liurong.township.client.post(`/api/needs/${id}/dispatch`, { orgId: liurong.orgId })).statusCode).toBe(
      404,
    );
    expect((await liurong.township.client.get(`/api/needs/${id}`)).statusCode).toBe(404);

    const center = await beijing.township.client.post(`/api/needs/${id}/redispatch`, {
      reason: '街道内也没有合适的组织',
    });
    expect(center.json()).toMatchObject({ status: 'redispatched', dispatchLevel: 'center' });
    const top = await beijing.civilAffairs.client.post(`/api/needs/${id}/redispatch`, { reason: '再上报' });
    expect(top.statusCode).toBe(409);
    expect(top.json().code).toBe('NEED_TOP_LEVEL');

    // the county center may use any active organization of the county: 六榕's
    const dispatched = await beijing.civilAffairs.client.post(`/api/needs/${id}/dispatch`, { orgId: liurong.orgId });
    expect(dispatched.statusCode, dispatched.body).toBe(200);
    expect(dispatched.json()).toMatchObject({ status: 'dispatched', dispatchLevel: 'center', orgName: '六榕书画社' });

    // refused: back in the county center's queue, not the community's
    const refused = await liurong.orgAdmin.client.post(`/api/needs/${id}/refusal`, { reason: '本组织不具备改造资质' });
    expect(refused.json()).toEqual({ ok: true });
    expect((await beijing.civilAffairs.client.get(`/api/needs/${id}`)).json()).toMatchObject({
      status: 'refused',
      dispatchLevel: 'center',
      orgId: null,
      statusReason: '本组织不具备改造资质',
    });
    expect(
      (await beijing.civilAffairs.client.get('/api/needs/queue')).json().items.map((n: { id: string }) => n.id),
    ).toContain(id);
    expect(
      (await beijing.committee.client.get('/api/needs/queue')).json().items.map((n: { id: string }) => n.id),
    ).not.toContain(id);
    expect((await liurong.orgAdmin.client.get(`/api/needs/${id}`)).statusCode).toBe(404);

    const timeline = (await beijing.civilAffairs.client.get(`/api/needs/${id}`)).json().timeline;
    expect(timeline.map((s: { action: string; level: string }) => `${s.action}@${s.level}`)).toEqual([
      'post@station',
      'redispatch@institute',
      'redispatch@center',
      'dispatch@center',
      'refuse@center',
    ]);
    expect(timeline[4]).toMatchObject({ orgName: '六榕书画社', comment: '本组织不具备改造资质' });
  });

  it('a station dispatches only to active organizations of its community', async () => {
    const id = await postNeed(poster.client);
    const before = await snapshot(id);
    const far = await beijing.committee.client.post(`/api/needs/${id}/dispatch`, { orgId: liurong.orgId });
    expect(far.statusCode).toBe(400);
    expect(far.json().fields[0]).toMatchObject({ path: 'orgId', code: 'NEED_ORG_UNAVAILABLE' });
    const unknown = await beijing.committee.client.post(`/api/needs/${id}/dispatch`, {
      orgId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.statusCode).toBe(400);
    expect(await snapshot(id)).toEqual(before);
  });
});

describe('scope', () => {
  it('a committee sees only its community’s needs; a township its own township’s', async () => {
    const liurongPoster = await makeResident(ctx, '440104004102');
    const theirs = await postNeed(liurongPoster.client, needBody({ areaCode: '440104004102', address: '六榕社区1号' }));
    const ours = await postNeed(poster.client);
    const committeeList = (await beijing.committee.client.get('/api/needs?limit=200')).json().items;
    expect(committeeList.length).toBeGreaterThan(0);
    expect(new Set(committeeList.map((n: { areaCode: string }) => n.areaCode))).toEqual(new Set(['440104003104']));
    expect(committeeList.map((n: { id: string }) => n.id)).toContain(ours);
    expect((await beijing.committee.client.get(`/api/needs/${theirs}`)).statusCode).toBe(404);
    const liurongList = (await liurong.township.client.get('/api/needs?limit=200')).json().items;
    expect(liurongList.map((n: { id: string }) => n.id)).toEqual([theirs]);
    // the county sees both, oldest first
    const county = (await beijing.civilAffairs.client.get('/api/needs?limit=200&isOpen=true')).json().items;
    expect(county.map((n: { id: string }) => n.id)).toEqual(expect.arrayContaining([ours, theirs]));
    const times = county.map((n: { postedAt: string }) => n.postedAt);
    expect([...times].sort()).toEqual(times);
    // residents and organizations have no jurisdiction list
    expect((await poster.client.get('/api/needs')).statusCode).toBe(403);
    // another resident of the same community does not see someone else's need
    expect((await otherResident.client.get(`/api/needs/${ours}`)).statusCode).toBe(404);
    expect((await otherResident.client.get('/api/needs/mine')).json().items).toEqual([]);
  });

  it('an organization acts only on needs dispatched to it', async () => {
    const id = await postNeed(poster.client);
    await beijing.committee.client.post(`/api/needs/${id}/dispatch`, { orgId: beijing.orgId });
    const before = await snapshot(id);
    for (const path of ['acceptance', 'refusal', 'completion']) {
      const res = await neighbour.orgAdmin.client.post(`/api/needs/${id}/${path}`, {
        plan: 'volunteerTask',
        note: '我们来做',
        reason: '不做',
      });
      expect(res.statusCode, path).toBe(404);
    }
    expect((await neighbour.orgAdmin.client.get(`/api/needs/${id}`)).statusCode).toBe(404);
    expect(
      (await neighbour.orgAdmin.client.get('/api/needs/assigned')).json().items.map((n: { id: string }) => n.id),
    ).not.toContain(id);
    // a committee officer holds no organization's grant
    expect((await beijing.committee.client.post(`/api/needs/${id}/refusal`, { reason: '不做' })).statusCode).toBe(403);
    expect(await snapshot(id)).toEqual(before);
  });
});

describe('the contact is personal data', () => {
  it('is encrypted at rest, masked for everyone but the poster, revealed (audited) to the handlers only', async () => {
    const mobile = '13987654321';
    const id = await postNeed(poster.client, needBody({ contactName: '李阿婆', contactMobile: mobile }));
    const stored = (await ctx.db.query('SELECT * FROM needs WHERE id = $1', [id])).rows[0];
    expect(JSON.stringify(stored)).not.toContain(mobile);
    expect(JSON.stringify(stored)).not.toContain('李阿婆');

    const seen = (await beijing.committee.client.get(`/api/needs/${id}`)).json();
    expect(seen.contact).toEqual({ name: '李**', mobile: '139****4321', isMasked: true });
    expect(seen.abilities.revealContact).toBe(true);
    expect(seen.timeline[0].actorName).toBeNull(); // the poster's name is not shown to officers
    const township = (await beijing.township.client.get(`/api/needs/${id}`)).json();
    expect(township.contact.isMasked).toBe(true);
    expect(township.abilities.revealContact).toBe(false); // not at the township's level
    expect((await beijing.township.client.post(`/api/needs/${id}/contact`)).statusCode).toBe(403);
    expect((await beijing.orgAdmin.client.post(`/api/needs/${id}/contact`)).statusCode).toBe(404);

    const audit = await auditRows();
    const revealed = await beijing.committee.client.post(`/api/needs/${id}/contact`);
    expect(revealed.json()).toEqual({ name: '李阿婆', mobile });
    expect(await auditRows()).toBe(audit + 1);
    const entry = (await ctx.db.query('SELECT action, actor_role FROM audit_log ORDER BY seq DESC LIMIT 1')).rows[0];
    expect(entry).toEqual({ action: 'need.contactReveal', actor_role: 'committee' });

    // once dispatched, the organization may reveal it too; lists never carry it
    await beijing.committee.client.post(`/api/needs/${id}/dispatch`, { orgId: beijing.orgId });
    expect((await beijing.orgAdmin.client.post(`/api/needs/${id}/contact`)).json().mobile).toBe(mobile);
    const list = await beijing.committee.client.get('/api/needs?limit=200');
    expect(list.body).not.toContain('4321');
    const logged = await ctx.db.query('SELECT 1 FROM audit_log WHERE before::text LIKE $1 OR after::text LIKE $1', [
      `%${mobile}%`,
    ]);
    expect(logged.rowCount).toBe(0);
  });
});

describe('rating', () => {
  const doneNeed = async () => {
    const id = await postNeed(poster.client);
    await beijing.committee.client.post(`/api/needs/${id}/dispatch`, { orgId: neighbour.orgId });
    await neighbour.orgAdmin.client.post(`/api/needs/${id}/acceptance`, {
      plan: 'volunteerTask',
      note: '合唱团上门慰问',
    });
    await neighbour.orgAdmin.client.post(`/api/needs/${id}/completion`, { note: '已上门慰问演出' });
    return id;
  };

  it('only by the poster, only after done, stars 1–5', async () => {
    const id = await doneNeed();
    const byCommittee = await beijing.committee.client.post(`/api/needs/${id}/rating`, { stars: 5 });
    expect(byCommittee.statusCode).toBe(403);
    expect(byCommittee.json().code).toBe('NEED_NOT_POSTER');
    expect((await otherResident.client.post(`/api/needs/${id}/rating`, { stars: 5 })).statusCode).toBe(404);
    const six = await poster.client.post(`/api/needs/${id}/rating`, { stars: 6 });
    expect(six.statusCode).toBe(400);
    expect(six.json().fields[0].path).toBe('stars');
    expect(await count('SELECT count(*)::int AS n FROM need_ratings WHERE need_id = $1', [id])).toBe(0);
    expect((await poster.client.post(`/api/needs/${id}/rating`, { stars: 3, comment: '还可以' })).statusCode).toBe(200);
    const again = await poster.client.post(`/api/needs/${id}/rating`, { stars: 5 });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'NEED_ALREADY_RATED' });
  });

  it('ten simultaneous ratings of one need leave exactly one', async () => {
    const id = await doneNeed();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => poster.client.post(`/api/needs/${id}/rating`, { stars: (i % 5) + 1 })),
    );
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, ...Array(9).fill(409)]);
    expect(await count('SELECT count(*)::int AS n FROM need_ratings WHERE need_id = $1', [id])).toBe(1);
    expect(await count("SELECT count(*)::int AS n FROM need_steps WHERE need_id = $1 AND action = 'rate'", [id])).toBe(
      1,
    );
    expect(
      await count("SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND action = 'need.rate'", [id]),
    ).toBe(1);
  });
});

describe('statistics on hand-built needs', () => {
  it('response (posted → accepted) and completion (accepted → done) medians and p90 per area and organization', async () => {
    const { rows } = await ctx.db.query<{ code: string }>(
      "SELECT code FROM areas WHERE level = 5 AND code LIKE '440104003%' AND code <> '440104003104' ORDER BY code LIMIT 1",
    );
    const other = rows[0]!.code;
    const H = 3_600_000;
    const t0 = new Date('2020-03-02T00:00:00Z').getTime();
    // [community, org, response hours, completion hours | null, accepted?]
    const built: [string, string | null, number | null, number | null][] = [
      ['440104003104', beijing.orgId, 1, 2],
      ['440104003104', beijing.orgId, 2, 4],
      ['440104003104', beijing.orgId, 3, 6],
      ['440104003104', beijing.orgId, 10, null],
      [other, neighbour.orgId, 5, 1],
      [other, neighbour.orgId, 7, null],
      [other, null, null, null],
      // outside 北京街道: not in the township's figures
      ['440104004102', liurong.orgId, 100, 100],
    ];
    for (const [i, [area, org, response, completion]] of built.entries()) {
      const posted = new Date(t0 + i * 24 * H);
      const accepted = response === null ? null : new Date(posted.getTime() + response * H);
      const done = completion === null || !accepted ? null : new Date(accepted.getTime() + completion * H);
      const status = done ? 'done' : accepted ? 'accepted' : 'posted';
      await ctx.db.query(
        `INSERT INTO needs (area_code, title, description, field, address, for_whom, deadline, contact_name_enc,
           contact_mobile_enc, status, org_id, fulfilment_kind, posted_by, posted_at, accepted_at, done_at)
         VALUES ($1, '统计用需求', '手工构造的统计数据', 'services', '地址', '居民', '2020-04-30', $2, $3, $4, $5, $6, $7,
           $8, $9, $10)`,
        [
          area,
          ctx.cipher.encrypt('某人'),
          ctx.cipher.encrypt('13900000000'),
          status,
          org,
          accepted ? 'volunteerTask' : null,
          poster.id,
          posted,
          accepted,
          done,
        ],
      );
    }
    const res = await beijing.township.client.get('/api/needs/stats?from=2020-03-01&to=2020-03-31');
    expect(res.statusCode, res.body).toBe(200);
    const stats = res.json();
    expect(stats).toMatchObject({ areaCode: '440104003000' });
    expect(stats.total).toMatchObject({
      posted: 7,
      open: 3,
      accepted: 6,
      done: 4,
      response: { count: 6, medianHours: 4, p90Hours: 8.5 },
      completion: { count: 4, medianHours: 3, p90Hours: 5.4 },
    });
    const byArea = Object.fromEntries(stats.byArea.map((a: { areaCode: string }) => [a.areaCode, a]));
    expect(Object.keys(byArea).sort()).toEqual(['440104003104', other].sort());
    expect(byArea['440104003104']).toMatchObject({
      posted: 4,
      response: { count: 4, medianHours: 2.5, p90Hours: 7.9 },
      completion: { count: 3, medianHours: 4, p90Hours: 5.6 },
    });
    expect(byArea[other]).toMatchObject({
      posted: 3,
      open: 2,
      response: { count: 2, medianHours: 6, p90Hours: 6.8 },
      completion: { count: 1, medianHours: 1, p90Hours: 1 },
    });
    const byOrg = Object.fromEntries(stats.byOrganization.map((o: { orgId: string }) => [o.orgId, o]));
    expect(byOrg[beijing.orgId]).toMatchObject({ accepted: 4, response: { medianHours: 2.5 } });
    expect(byOrg[neighbour.orgId]).toMatchObject({ accepted: 2, completion: { count: 1, medianHours: 1 } });
    expect(byOrg[liurong.orgId]).toBeUndefined();

    // the county compares its townships; a committee cannot ask about its township
    const county = (await beijing.civilAffairs.client.get('/api/needs/stats?from=2020-03-01&to=2020-03-31')).json();
    expect(county.byArea.map((a: { areaCode: string; posted: number }) => [a.areaCode, a.posted])).toEqual([
      ['440104003000', 7],
      ['440104004000', 1],
    ]);
    const denied = await beijing.committee.client.get('/api/needs/stats?areaCode=440104003000');
    expect(denied.statusCode).toBe(403);
  });

  it('exports the jurisdiction’s list as .xlsx', async () => {
    const res = await beijing.township.client.get('/api/needs/export?isOpen=true');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});
