import { describe, expect, it } from 'vitest';
import { Client, createTestContext, makeUser, nextMobile } from '../../../test/harness';
import { sealAll, verifyAuditChain } from '../../platform/audit';
import { activityBody, makeCommunity, plan } from '../activities/test-factories';
import { confirmedServiceOf } from './index';
import { chinaClock, idNumber, makeVolunteer, makeVolunteerAccount, projectBody, registration } from './test-factories';

const ctx = await createTestContext();
const beijing = await makeCommunity(ctx);
// 六榕街道: another township of the same county
const liurong = await makeCommunity(
  ctx,
  { community: '440104004102', township: '440104004000', county: '440104000000' },
  { name: '六榕书画社' },
);
// a second organization in 流水井社区, with its own administrator
const neighbour = await makeCommunity(ctx, undefined, { name: '流水井邻居合唱团' });

const count = async (sql: string, params: unknown[] = []) => (await ctx.db.query(sql, params)).rows[0].n as number;
const auditRows = () => count('SELECT count(*)::int AS n FROM audit_log');

/** No response may carry a full ID number or mobile: only masks (138****5678, 440104********1234). */
function expectMasked(body: string, secrets: string[]) {
  for (const s of secrets) {
    expect(body, `leaks ${s}`).not.toContain(s);
  }
}

async function publishedProject(client: Client, orgId: string, overrides: Parameters<typeof projectBody>[1] = {}) {
  const res = await client.post('/api/volunteer-projects', projectBody(orgId, overrides));
  expect(res.statusCode, res.body).toBe(200);
  const published = await client.post(`/api/volunteer-projects/${res.json().id}/publication`);
  expect(published.statusCode, published.body).toBe(200);
  return published.json() as {
    id: string;
    roles: { id: string }[];
    shifts: { id: string; slots: { roleId: string; confirmed: number; waiting: number }[] }[];
  };
}

describe('real-name registration', () => {
  it('a volunteer registers; the ID number is checked, encrypted, and masked in the answer', async () => {
    const account = await makeVolunteerAccount(ctx);
    const id = idNumber('19880808');
    const mobile = nextMobile();
    const res = await account.client.post('/api/volunteers/me', registration({ idNumber: id, mobile }));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      name: '林志愿',
      idNumberMasked: `${id.slice(0, 6)}********${id.slice(14)}`,
      mobileMasked: `${mobile.slice(0, 3)}****${mobile.slice(7)}`,
      hasAccount: true,
      confirmedMinutes: 0,
      star: { level: 0, reached: 0, nextAtHours: 100 },
    });
    expectMasked(res.body, [id, mobile]);
    const stored = await ctx.db.query('SELECT id_number_enc, mobile_enc FROM volunteers WHERE id = $1', [
      res.json().id,
    ]);
    expect(stored.rows[0].id_number_enc.toString('latin1')).not.toContain(id);
    expect(ctx.cipher.decrypt(stored.rows[0].id_number_enc)).toBe(id);
    expect((await account.client.post('/api/volunteers/me', registration())).json().code).toBe(
      'VOLUNTEER_ALREADY_REGISTERED',
    );
  });

  it('bad input gets field-level Chinese errors with stable codes and writes nothing', async () => {
    const account = await makeVolunteerAccount(ctx);
    const before = { audit: await auditRows(), volunteers: await count('SELECT count(*)::int AS n FROM volunteers') };
    const good = idNumber();
    const wrongCheck = `${good.slice(0, 17)}${good[17] === '0' ? '1' : '0'}`;
    const bad = await account.client.post(
      '/api/volunteers/me',
      registration({ idNumber: wrongCheck, areaCode: '440104003000' }),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: expect.arrayContaining([
        { path: 'idNumber', code: 'idNumber.checkDigit', message: '身份证号码不正确（出生日期或校验位有误）' },
        { path: 'areaCode', code: 'volunteer.area.notCommunity', message: '请选择所在的社区(村)' },
      ]),
    });
    const short = await account.client.post('/api/volunteers/me', registration({ idNumber: '4401041990010' }));
    expect(short.json().fields).toEqual([
      { path: 'idNumber', code: 'idNumber.format', message: '身份证号码应为18位（最后一位可为X）' },
    ]);
    const slots = await account.client.post('/api/volunteers/me', registration({ availability: ['someday'] }));
    expect(slots.json().fields).toEqual([
      { path: 'availability.0', code: 'availability.invalid', message: '空闲时间格式不正确' },
    ]);
    expect(await auditRows()).toBe(before.audit);
    expect(await count('SELECT count(*)::int AS n FROM volunteers')).toBe(before.volunteers);
  });

  it('one ID number, one volunteer; a resident without the volunteer role cannot register', async () => {
    const id = idNumber();
    await makeVolunteer(ctx, { idNumber: id });
    const other = await makeVolunteerAccount(ctx);
    const taken = await other.client.post('/api/volunteers/me', registration({ idNumber: id }));
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ code: 'VOLUNTEER_ID_NUMBER_TAKEN', fields: [{ path: 'idNumber' }] });
    expect((await beijing.resident.client.post('/api/volunteers/me', registration())).statusCode).toBe(403);
  });

  it('an organization registers someone without a smartphone; the person later takes over the record', async () => {
    const id = idNumber('19500101');
    const mobile = nextMobile();
    const kept = await beijing.orgAdmin.client.post(
      '/api/volunteers',
      registration({ name: '王阿婆', idNumber: id, mobile, orgId: beijing.orgId } as never),
    );
    expect(kept.statusCode, kept.body).toBe(200);
    expect(kept.json()).toMatchObject({ hasAccount: false, teams: [{ orgId: beijing.orgId }] });
    // another organization's administrator cannot register into beijing's team
    const foreign = await neighbour.orgAdmin.client.post(
      '/api/volunteers',
      registration({ orgId: beijing.orgId } as never),
    );
    expect(foreign.statusCode).toBe(404);
    // the same person with a different name cannot claim it; with the same name and mobile they can
    const impostor = await makeVolunteerAccount(ctx);
    expect(
      (await impostor.client.post('/api/volunteers/me', registration({ name: '李四', idNumber: id, mobile }))).json()
        .code,
    ).toBe('VOLUNTEER_ID_NUMBER_TAKEN');
    const granny = await makeVolunteerAccount(ctx);
    const claimed = await granny.client.post(
      '/api/volunteers/me',
      registration({ name: '王阿婆', idNumber: id, mobile }),
    );
    expect(claimed.statusCode, claimed.body).toBe(200);
    expect(claimed.json()).toMatchObject({ id: kept.json().id, hasAccount: true });
  });
});

describe('who sees a volunteer (scope and masking on every endpoint)', () => {
  it('officers of the home area and the organizations the volunteer serves; everyone else 403/404', async () => {
    const id = idNumber('19920202');
    const mobile = nextMobile();
    const v = await makeVolunteer(ctx, { idNumber: id, mobile });
    expect((await v.client.post('/api/volunteers/me/teams', { orgId: beijing.orgId })).statusCode).toBe(200);
    const url = `/api/volunteers/${v.volunteerId}`;
    const matrix: [string, Client, number][] = [
      ['own township', beijing.township.client, 200],
      ['own committee', beijing.committee.client, 200],
      ['county civil affairs', beijing.civilAffairs.client, 200],
      ['team organization', beijing.orgAdmin.client, 200],
      ['other organization, same community', neighbour.orgAdmin.client, 404],
      ['other township', liurong.township.client, 404],
      ['other committee', liurong.committee.client, 404],
      ['the volunteer (no volunteers.read)', v.client, 403],
    ];
    for (const [who, client, status] of matrix) {
      const res = await client.get(url);
      expect(res.statusCode, who).toBe(status);
      expectMasked(res.body, [id, mobile]);
    }
    for (const [who, client, seen] of [
      ['own township', beijing.township.client, true],
      ['team organization', beijing.orgAdmin.client, true],
      ['other organization', neighbour.orgAdmin.client, false],
      ['other township', liurong.township.client, false],
    ] as const) {
      const list = await client.get('/api/volunteers?limit=200');
      expect(list.statusCode, who).toBe(200);
      expectMasked(list.body, [id, mobile]);
      expect(
        list.json().items.some((x: { id: string }) => x.id === v.volunteerId),
        who,
      ).toBe(seen);
    }
    const byId = await beijing.township.client.get(`/api/volunteers?idNumber=${id}`);
    expect(byId.json().items.map((x: { id: string }) => x.id)).toEqual([v.volunteerId]);
    const me = await v.client.get('/api/volunteers/me');
    expect(me.json().teams).toEqual([expect.objectContaining({ orgId: beijing.orgId })]);
    expectMasked(me.body, [id, mobile]);
  });

  it('the full ID number only through an audited reveal, for holders of personalData.reveal in the area', async () => {
    const id = idNumber('19700707');
    const v = await makeVolunteer(ctx, { idNumber: id });
    const url = `/api/volunteers/${v.volunteerId}/reveal`;
    expect((await beijing.committee.client.post(url)).statusCode).toBe(403);
    expect((await beijing.orgAdmin.client.post(url)).statusCode).toBe(403);
    expect((await liurong.township.client.post(url)).statusCode).toBe(404);
    const shown = await beijing.township.client.post(url);
    expect(shown.json()).toMatchObject({ idNumber: id });
    const audit = await ctx.db.query(
      "SELECT action FROM audit_log WHERE entity = 'volunteer' AND entity_id = $1 AND action = 'personalData.reveal'",
      [v.volunteerId],
    );
    expect(audit.rowCount).toBe(1);
  });
});

describe('service stations (000 四.二)', () => {
  it('kept by the committee and township of their area; volunteers join one', async () => {
    const body = {
      name: '流水井社区志愿服务站',
      areaCode: '440104003104',
      address: '流水井社区12号',
      contactMobile: '13912345678',
    };
    const created = await beijing.committee.client.post('/api/service-stations', body);
    expect(created.statusCode, created.body).toBe(200);
    expect(created.json()).toMatchObject({ contactMobileMasked: '139****5678', abilities: { update: true } });
    expect((await beijing.committee.client.post('/api/service-stations', body)).json().code).toBe('STATION_NAME_TAKEN');
    const elsewhere = await beijing.committee.client.post('/api/service-stations', {
      ...body,
      areaCode: '440104004102',
    });
    expect(elsewhere.json()).toMatchObject({ fields: [{ path: 'areaCode', code: 'AREA_OUT_OF_SCOPE' }] });
    expect((await beijing.orgAdmin.client.post('/api/service-stations', body)).statusCode).toBe(403);
    const stationId = created.json().id;
    expect(
      (await liurong.township.client.request('PATCH', `/api/service-stations/${stationId}`, { status: 'closed' }))
        .statusCode,
    ).toBe(404);

    const v = await makeVolunteer(ctx);
    const chosen = await v.client.request('PATCH', '/api/volunteers/me', { stationId });
    expect(chosen.json().station).toEqual({ id: stationId, name: body.name });
    const cleared = await beijing.township.client.request('PUT', `/api/volunteers/${v.volunteerId}/station`, {
      stationId: null,
    });
    expect(cleared.json().station).toBeNull();
    const pub = await ctx.app.inject({ url: '/api/public/service-stations?areaCode=440104003000' });
    expect(pub.json().items.map((s: { id: string }) => s.id)).toContain(stationId);
    expect(pub.body).not.toContain('139****5678');
  });
});

describe('projects', () => {
  it('an organization posts a draft, publishes it; the public browses published ones by area, date and field', async () => {
    const created = await beijing.orgAdmin.client.post(
      '/api/volunteer-projects',
      projectBody(beijing.orgId, { title: '社区义诊志愿服务', field: 'services', daysAhead: 9 }),
    );
    expect(created.statusCode, created.body).toBe(200);
    const p = created.json();
    expect(p).toMatchObject({ status: 'draft', places: 5, confirmed: 0, abilities: { publish: true, signUp: false } });
    expect((await neighbour.orgAdmin.client.get(`/api/volunteer-projects/${p.id}`)).statusCode).toBe(404);
    expect((await beijing.township.client.get(`/api/volunteer-projects/${p.id}`)).statusCode).toBe(200);
    expect((await liurong.township.client.get(`/api/volunteer-projects/${p.id}`)).statusCode).toBe(404);
    expect((await ctx.app.inject({ url: `/api/public/volunteer-projects/${p.id}` })).statusCode).toBe(404);
    expect((await neighbour.orgAdmin.client.post(`/api/volunteer-projects/${p.id}/publication`)).statusCode).toBe(404);

    const published = await beijing.orgAdmin.client.post(`/api/volunteer-projects/${p.id}/publication`);
    expect(published.json()).toMatchObject({ status: 'published', abilities: { publish: false, close: true } });
    const day = chinaClock(9 * 1440).date;
    const browse = async (q: string) =>
      (await ctx.app.inject({ url: `/api/public/volunteer-projects?${q}` }))
        .json()
        .items.map((x: { id: string }) => x.id);
    expect(await browse(`areaCode=440104003104&from=${day}&to=${day}&field=services`)).toContain(p.id);
    expect(await browse('areaCode=440104004000')).not.toContain(p.id);
    expect(await browse(`areaCode=440104003104&field=theory`)).not.toContain(p.id);
    expect(await browse(`areaCode=440100000000&from=${chinaClock(20 * 1440).date}`)).not.toContain(p.id);
    const detail = await ctx.app.inject({ url: `/api/public/volunteer-projects/${p.id}` });
    expect(detail.json().shifts[0].slots[0]).toMatchObject({ places: 5, confirmed: 0, waiting: 0 });
    const v = await makeVolunteer(ctx);
    expect((await v.client.get(`/api/volunteer-projects/${p.id}`)).json().abilities.signUp).toBe(true);
    // a published project's plan is frozen
    expect(
      (await beijing.orgAdmin.client.request('PATCH', `/api/volunteer-projects/${p.id}`, { title: '改名' })).json()
        .code,
    ).toBe('PROJECT_NOT_EDITABLE');
  });

  it('refuses shifts in the past, inverted ages, places outside the county and a volunteer posting', async () => {
    const yesterday = chinaClock(-1440).date;
    const res = await beijing.orgAdmin.client.post(
      '/api/volunteer-projects',
      projectBody(beijing.orgId, {
        minAge: 60,
        maxAge: 18,
        areaCode: '440103000000',
        shifts: [{ date: yesterday, startTime: '09:00', endTime: '10:00' }],
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['areaCode', 'maxAge', 'shifts.0.date']);
    const badTime = await beijing.orgAdmin.client.post(
      '/api/volunteer-projects',
      projectBody(beijing.orgId, { shifts: [{ date: yesterday, startTime: '25:00', endTime: '10:00' }] }),
    );
    expect(badTime.json().fields).toEqual([
      { path: 'shifts.0.startTime', code: 'time.invalid', message: '请输入正确的时间，如 09:30' },
    ]);
    const v = await makeVolunteer(ctx);
    expect((await v.client.post('/api/volunteer-projects', projectBody(beijing.orgId))).statusCode).toBe(403);
  });

  it('may be tied to one of the organization’s own activities (read through the activities module)', async () => {
    const own = await plan(beijing.orgAdmin.client, activityBody(beijing.orgId));
    const foreign = await plan(liurong.orgAdmin.client, activityBody(liurong.orgId, { address: '六榕街道某社区' }));
    const tied = await beijing.orgAdmin.client.post(
      '/api/volunteer-projects',
      projectBody(beijing.orgId, { activityId: own }),
    );
    expect(tied.json()).toMatchObject({ activityId: own });
    const wrong = await beijing.orgAdmin.client.post(
      '/api/volunteer-projects',
      projectBody(beijing.orgId, { activityId: foreign }),
    );
    expect(wrong.json()).toMatchObject({ fields: [{ path: 'activityId', code: 'project.activity.notOwn' }] });
  });
});

describe('sign-up, waiting list and roster', () => {
  it('places fill in order, the next waits; a cancellation promotes the first in line; no duplicates', async () => {
    const p = await publishedProject(beijing.orgAdmin.client, beijing.orgId, { places: 2 });
    const shift = p.shifts[0]!.id;
    const roleId = p.roles[0]!.id;
    const [a, b, c, d] = [
      await makeVolunteer(ctx),
      await makeVolunteer(ctx),
      await makeVolunteer(ctx),
      await makeVolunteer(ctx),
    ];
    const up = (v: { client: Client }) => v.client.post(`/api/volunteer-shifts/${shift}/signups`, { roleId });
    const sa = (await up(a)).json();
    expect(sa).toMatchObject({ status: 'confirmed', waitingPosition: null });
    expect((await up(b)).json().status).toBe('confirmed');
    expect((await up(c)).json()).toMatchObject({ status: 'waiting', waitingPosition: 1 });
    expect((await up(d)).json()).toMatchObject({ status: 'waiting', waitingPosition: 2 });
    const dup = await up(c);
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'SIGNUP_DUPLICATE', message: '您已报名该班次，不能重复报名' });

    // only the volunteer cancels their own
    expect((await b.client.post(`/api/signups/${sa.id}/cancellation`)).statusCode).toBe(404);
    const cancelled = await a.client.post(`/api/signups/${sa.id}/cancellation`);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled' });
    expect((await a.client.post(`/api/signups/${sa.id}/cancellation`)).json().code).toBe('SIGNUP_ALREADY_CANCELLED');
    const mine = (await c.client.get('/api/volunteers/me/signups')).json().items;
    expect(mine).toEqual([expect.objectContaining({ status: 'confirmed', shiftId: shift })]);
    expect((await d.client.get('/api/volunteers/me/signups')).json().items[0]).toMatchObject({
      status: 'waiting',
      waitingPosition: 1,
    });

    // the roster: names with masked mobiles, for the organization and the area's officers only
    const roster = await beijing.orgAdmin.client.get(`/api/volunteer-shifts/${shift}/roster`);
    expect(
      roster
        .json()
        .items.map((s: { status: string }) => s.status)
        .sort(),
    ).toEqual(['cancelled', 'confirmed', 'confirmed', 'waiting']);
    expect(roster.json().items[0].mobileMasked).toMatch(/^1\d\d\*{4}\d{4}$/);
    expect((await neighbour.orgAdmin.client.get(`/api/volunteer-shifts/${shift}/roster`)).statusCode).toBe(404);
    expect((await beijing.committee.client.get(`/api/volunteer-shifts/${shift}/roster`)).statusCode).toBe(200);

    // one more place promotes the waiting volunteer at once; fewer than confirmed is refused
    const more = await beijing.orgAdmin.client.request('PUT', `/api/volunteer-projects/${p.id}/places`, {
      shiftId: shift,
      roleId,
      places: 3,
    });
    expect(more.json().shifts[0].slots[0]).toMatchObject({ places: 3, confirmed: 3, waiting: 0 });
    const fewer = await beijing.orgAdmin.client.request('PUT', `/api/volunteer-projects/${p.id}/places`, {
      shiftId: shift,
      roleId,
      places: 1,
    });
    expect(fewer.json()).toMatchObject({ code: 'PROJECT_PLACES_BELOW_CONFIRMED', fields: [{ path: 'places' }] });
  });

  it('age from the ID number and required skills decide eligibility', async () => {
    const p = await publishedProject(beijing.orgAdmin.client, beijing.orgId, {
      minAge: 18,
      maxAge: 65,
      requiredSkills: ['firstAid'],
    });
    const shift = p.shifts[0]!.id;
    const roleId = p.roles[0]!.id;
    const teen = await makeVolunteer(ctx, { idNumber: idNumber(`${new Date().getFullYear() - 15}0101`) });
    const res = await teen.client.post(`/api/volunteer-shifts/${shift}/signups`, { roleId });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'SIGNUP_NOT_ELIGIBLE', fields: [{ path: 'age', code: 'signup.age' }] });
    const unskilled = await makeVolunteer(ctx, { skills: ['cooking'] });
    expect(
      (await unskilled.client.post(`/api/volunteer-shifts/${shift}/signups`, { roleId })).json().fields[0].path,
    ).toBe('skills');
    const fit = await makeVolunteer(ctx, { skills: ['firstAid'] });
    expect((await fit.client.post(`/api/volunteer-shifts/${shift}/signups`, { roleId })).json().status).toBe(
      'confirmed',
    );
  });

  it('the organization signs up members of its team (without smartphones) and nobody else', async () => {
    const p = await publishedProject(beijing.orgAdmin.client, beijing.orgId);
    const shift = p.shifts[0]!.id;
    const roleId = p.roles[0]!.id;
    const kept = (
      await beijing.orgAdmin.client.post(
        '/api/volunteers',
        registration({ name: '赵伯', orgId: beijing.orgId } as never),
      )
    ).json();
    const added = await beijing.orgAdmin.client.post(`/api/volunteer-shifts/${shift}/roster`, {
      roleId,
      volunteerId: kept.id,
    });
    expect(added.json()).toMatchObject({ status: 'confirmed', source: 'organization' });
    const stranger = await makeVolunteer(ctx);
    const refused = await beijing.orgAdmin.client.post(`/api/volunteer-shifts/${shift}/roster`, {
      roleId,
      volunteerId: stranger.volunteerId,
    });
    expect(refused.json()).toMatchObject({ code: 'VOLUNTEER_NOT_IN_TEAM', fields: [{ path: 'volunteerId' }] });
    const removed = await beijing.orgAdmin.client.post(
      `/api/volunteer-shifts/${shift}/roster/${added.json().id}/removal`,
    );
    expect(removed.json().status).toBe('cancelled');
  });
});

describe('check-in with the rotating code', () => {
  it('the organizer shows the code; the volunteer checks in and out once; the record waits for confirmation', async () => {
    const soon = chinaClock(10);
    const later = chinaClock(130);
    const p = await publishedProject(beijing.orgAdmin.client, beijing.orgId, {
      shifts: [{ date: soon.date, startTime: soon.time, endTime: later.time }],
    });
    const shift = p.shifts[0]!.id;
    const v = await makeVolunteer(ctx);
    const bystander = await makeVolunteer(ctx);
    await v.client.post(`/api/volunteer-shifts/${shift}/signups`, { roleId: p.roles[0]!.id });

    expect((await v.client.get(`/api/volunteer-shifts/${shift}/check-in-code`)).statusCode).toBe(403);
    expect((await neighbour.orgAdmin.client.get(`/api/volunteer-shifts/${shift}/check-in-code`)).statusCode).toBe(404);
    const code = (await beijing.orgAdmin.client.get(`/api/volunteer-shifts/${shift}/check-in-code`)).json();
    expect(code).toMatchObject({ code: expect.stringMatching(/^\d{6}$/), rotatesEverySeconds: 30 });

    const wrong = await v.client.post(`/api/volunteer-shifts/${shift}/check-in`, {
      code: code.code === '000000' ? '000001' : '000000',
    });
    expect(wrong.json()).toMatchObject({ code: 'CHECKIN_CODE_INVALID', fields: [{ path: 'code' }] });
    expect(
      (await bystander.client.post(`/api/volunteer-shifts/${shift}/check-in`, { code: code.code })).json().code,
    ).toBe('CHECKIN_NOT_SIGNED_UP');
    const early = await v.client.post(`/api/volunteer-shifts/${shift}/check-out`, { code: code.qrPayload });
    expect(early.json().code).toBe('CHECKOUT_NOT_CHECKED_IN');
    const checkedIn = await v.client.post(`/api/volunteer-shifts/${shift}/check-in`, { code: code.qrPayload });
    expect(checkedIn.statusCode, checkedIn.body).toBe(200);
    expect(checkedIn.json()).toMatchObject({ status: 'open', source: 'checkIn', minutes: null });
    // the check-in answers from what it had in hand: that must be the record as it is read back
    expect(checkedIn.json()).toEqual((await v.client.get(`/api/service-records/${checkedIn.json().id}`)).json());
    // and its audit row, written in the same statement, carries a content MAC that verifies
    const audit = await ctx.db.query(
      "SELECT entity_id, after FROM audit_log WHERE action = 'serviceRecord.checkIn' AND entity_id = $1",
      [checkedIn.json().id],
    );
    expect(audit.rows).toEqual([
      { entity_id: checkedIn.json().id, after: expect.objectContaining({ shiftId: shift, source: 'checkIn' }) },
    ]);
    await sealAll(ctx.db, ctx.cipher.auditKey);
    expect((await verifyAuditChain(ctx.db, ctx.cipher.auditKey)).firstBroken).toBeNull();
    expect((await v.client.post(`/api/volunteer-shifts/${shift}/check-in`, { code: code.code })).json().code).toBe(
      'CHECKIN_DUPLICATE',
    );
    const out = await v.client.post(`/api/volunteer-shifts/${shift}/check-out`, { code: code.code });
    expect(out.json()).toMatchObject({ status: 'pending', minutes: 0, isOverdue: false });
    expect((await v.client.post(`/api/volunteer-shifts/${shift}/check-out`, { code: code.code })).json().code).toBe(
      'CHECKOUT_DUPLICATE',
    );
    expect((await v.client.post(`/api/volunteer-shifts/${shift}/check-in`, { code: code.code })).json().code).toBe(
      'CHECKIN_DUPLICATE',
    );
  });

  it('the organizer checks in and out someone without a smartphone; a check-out before the check-in is refused', async () => {
    const soon = chinaClock(10);
    const later = chinaClock(130);
    const p = await publishedProject(beijing.orgAdmin.client, beijing.orgId, {
      shifts: [{ date: soon.date, startTime: soon.time, endTime: later.time }],
    });
    const shift = p.shifts[0]!.id;
    const kept = (
      await beijing.orgAdmin.client.post(
        '/api/volunteers',
        registration({ name: '钱伯', orgId: beijing.orgId } as never),
      )
    ).json();
    await beijing.orgAdmin.client.post(`/api/volunteer-shifts/${shift}/roster`, {
      roleId: p.roles[0]!.id,
      volunteerId: kept.id,
    });
    const url = `/api/volunteer-shifts/${shift}/attendance`;
    const tooEarly = await beijing.orgAdmin.client.post(url, {
      volunteerId: kept.id,
      action: 'checkIn',
      at: new Date(Date.now() - 3_600_000).toISOString(),
    });
    expect(tooEarly.json().fields).toEqual([expect.objectContaining({ path: 'at', code: 'attendance.outsideShift' })]);
    const inAt = new Date(Date.now() - 60_000);
    const checkedIn = await beijing.orgAdmin.client.post(url, {
      volunteerId: kept.id,
      action: 'checkIn',
      at: inAt.toISOString(),
    });
    expect(checkedIn.json()).toMatchObject({ status: 'open', source: 'organizer' });
    const before = await beijing.orgAdmin.client.post(url, {
      volunteerId: kept.id,
      action: 'checkOut',
      at: new Date(inAt.getTime() - 60_000).toISOString(),
    });
    expect(before.json().fields).toEqual([
      { path: 'at', code: 'record.endBeforeStart', message: '签退时间应晚于签到时间' },
    ]);
    const future = await beijing.orgAdmin.client.post(url, {
      volunteerId: kept.id,
      action: 'checkOut',
      at: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(future.json().fields[0]).toMatchObject({ path: 'at', code: 'record.inFuture' });
    const out = await beijing.orgAdmin.client.post(url, { volunteerId: kept.id, action: 'checkOut' });
    expect(out.json()).toMatchObject({ status: 'pending', minutes: 1 });
    expect((await neighbour.orgAdmin.client.post(url, { volunteerId: kept.id, action: 'checkOut' })).statusCode).toBe(
      404,
    );
  });
});

describe('service records, corrections and hours', () => {
  it('back-fill, confirm, correct with a trail, one total across organizations, stars with approval', async () => {
    const v = await makeVolunteer(ctx);
    await v.client.post('/api/volunteers/me/teams', { orgId: beijing.orgId });
    await v.client.post('/api/volunteers/me/teams', { orgId: liurong.orgId });
    const day = (n: number, hh: string) => `${chinaClock(n * 1440).date}T${hh}:00+08:00`;
    const backfill = (client: Client, orgId: string, startedAt: string, endedAt: string) =>
      client.post('/api/service-records', {
        orgId,
        volunteerId: v.volunteerId,
        projectTitle: '重阳敬老探访',
        address: '流水井社区',
        startedAt,
        endedAt,
        content: '为独居长者送餐、陪伴聊天',
      });
    // 22:00 → 02:10 across midnight: 250 minutes
    const night = await backfill(beijing.orgAdmin.client, beijing.orgId, day(-3, '22:00'), day(-2, '02:10'));
    expect(night.statusCode, night.body).toBe(200);
    expect(night.json()).toMatchObject({ status: 'pending', minutes: 250, source: 'backfill' });
    const overlapping = await backfill(liurong.orgAdmin.client, liurong.orgId, day(-2, '01:00'), day(-2, '03:00'));
    expect(overlapping.json()).toMatchObject({ code: 'RECORD_OVERLAP', fields: [{ path: 'startedAt' }] });
    const inverted = await backfill(liurong.orgAdmin.client, liurong.orgId, day(-1, '11:00'), day(-1, '09:00'));
    expect(inverted.json().fields).toEqual([
      { path: 'endedAt', code: 'record.endBeforeStart', message: '结束时间应晚于开始时间' },
    ]);
    const morning = await backfill(liurong.orgAdmin.client, liurong.orgId, day(-1, '09:00'), day(-1, '10:00'));
    expect(morning.json().minutes).toBe(60);
    // an organization back-fills only for itself
    expect(
      (await backfill(neighbour.orgAdmin.client, beijing.orgId, day(-5, '09:00'), day(-5, '10:00'))).json(),
    ).toMatchObject({
      fields: [{ path: 'orgId' }],
    });

    // stars: the county sets 1..5 hours, five stars with approval
    const settings = await beijing.civilAffairs.client.request('PUT', '/api/volunteer-star-settings/440104000000', {
      thresholdsHours: [1, 2, 3, 4, 5],
      fiveStarNeedsApproval: true,
    });
    expect(settings.json()).toMatchObject({
      effective: { thresholdsHours: [1, 2, 3, 4, 5], fiveStarNeedsApproval: true },
    });
    expect(
      (
        await beijing.township.client.request('PUT', '/api/volunteer-star-settings/440104003000', {
          fiveStarNeedsApproval: false,
        })
      ).statusCode,
    ).toBe(403);

    // confirmation: only the recording organization, all or nothing
    expect(
      (await liurong.orgAdmin.client.post('/api/service-records/confirmation', { recordIds: [night.json().id] }))
        .statusCode,
    ).toBe(404);
    const confirmed = await beijing.orgAdmin.client.post('/api/service-records/confirmation', {
      recordIds: [night.json().id],
    });
    expect(confirmed.json()).toEqual({ confirmed: 1, minutes: 250 });
    expect(
      (await beijing.orgAdmin.client.post('/api/service-records/confirmation', { recordIds: [night.json().id] })).json()
        .code,
    ).toBe('RECORD_ALREADY_CONFIRMED');
    let me = (await v.client.get('/api/volunteers/me')).json();
    expect(me).toMatchObject({ confirmedMinutes: 250, star: { level: 4, reached: 4, nextAtHours: 5 } });

    // the organization corrects a confirmed record: reason required, trail kept, total follows
    const noReason = await beijing.orgAdmin.client.post(`/api/service-records/${night.json().id}/correction`, {
      endedAt: day(-2, '01:00'),
    });
    expect(noReason.json()).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'reason' }] });
    const shortReason = await beijing.orgAdmin.client.post(`/api/service-records/${night.json().id}/correction`, {
      endedAt: day(-2, '01:00'),
      reason: '错',
    });
    expect(shortReason.json().fields).toEqual([
      { path: 'reason', code: 'reason.required', message: '请填写原因，至少2个字' },
    ]);
    const corrected = await beijing.orgAdmin.client.post(`/api/service-records/${night.json().id}/correction`, {
      endedAt: day(-2, '01:00'),
      reason: '签退时间登记有误，按现场签到表更正',
    });
    expect(corrected.json()).toMatchObject({
      minutes: 180,
      status: 'confirmed',
      corrections: [{ kind: 'organizer', status: 'applied', before: { minutes: 250 } }],
    });
    me = (await v.client.get('/api/volunteers/me')).json();
    expect(me.confirmedMinutes).toBe(180);

    // the other organization confirms its hour: one total across organizations → five stars reached, pending approval
    await liurong.orgAdmin.client.post('/api/service-records/confirmation', { recordIds: [morning.json().id] });
    await backfill(liurong.orgAdmin.client, liurong.orgId, day(-4, '08:00'), day(-4, '09:30')).then(async (r) => {
      await liurong.orgAdmin.client.post('/api/service-records/confirmation', { recordIds: [r.json().id] });
    });
    me = (await v.client.get('/api/volunteers/me')).json();
    expect(me).toMatchObject({ confirmedMinutes: 330, star: { level: 4, reached: 5, fiveStarPending: true } });
    const queue = (await beijing.civilAffairs.client.get('/api/volunteers/five-star-requests')).json().items;
    expect(queue.map((x: { id: string }) => x.id)).toContain(v.volunteerId);
    expect(
      (await liurong.civilAffairs.client.get('/api/volunteers/five-star-requests')).json().items.length,
    ).toBeGreaterThan(0); // same county
    const approved = await beijing.civilAffairs.client.post(`/api/volunteers/${v.volunteerId}/five-star-decision`, {
      decision: 'approve',
    });
    expect(approved.json().star).toMatchObject({ level: 5, fiveStarPending: false });

    // the volunteer's own list: every record, one total
    const mine = (await v.client.get('/api/volunteers/me/records')).json();
    expect(mine).toMatchObject({ totalConfirmedMinutes: 330, totalConfirmedHours: 5.5 });
    expect(new Set(mine.items.map((r: { orgId: string }) => r.orgId))).toEqual(new Set([beijing.orgId, liurong.orgId]));

    // what a certificate needs: confirmed records and totals per recording organization
    const cert = await confirmedServiceOf(ctx, v.volunteerId);
    expect(cert).toMatchObject({ totalMinutes: 330, totalHours: 5.5 });
    expect(cert!.volunteer.idNumberMasked).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    expect(cert!.byOrganization.map((o) => [o.orgId, o.minutes]).sort()).toEqual(
      [
        [beijing.orgId, 180],
        [liurong.orgId, 150],
      ].sort(),
    );
  });

  it('the volunteer asks for a correction; the organization accepts or rejects it; the trail is kept', async () => {
    const v = await makeVolunteer(ctx);
    await v.client.post('/api/volunteers/me/teams', { orgId: beijing.orgId });
    const day = chinaClock(-6 * 1440).date;
    const rec = await beijing.orgAdmin.client.post('/api/service-records', {
      orgId: beijing.orgId,
      volunteerId: v.volunteerId,
      projectTitle: '垃圾分类督导',
      address: '流水井社区',
      startedAt: `${day}T08:00:00+08:00`,
      endedAt: `${day}T09:00:00+08:00`,
      content: '垃圾分类投放点督导',
    });
    const id = rec.json().id;
    await beijing.orgAdmin.client.post('/api/service-records/confirmation', { recordIds: [id] });
    const ask = { endedAt: `${day}T10:00:00+08:00`, reason: '实际服务到十点' };
    expect((await beijing.orgAdmin.client.post(`/api/service-records/${id}/correction-requests`, ask)).statusCode).toBe(
      403,
    );
    const other = await makeVolunteer(ctx);
    expect((await other.client.post(`/api/service-records/${id}/correction-requests`, ask)).statusCode).toBe(404);
    expect((await other.client.get(`/api/service-records/${id}`)).statusCode).toBe(404);
    const asked = await v.client.post(`/api/service-records/${id}/correction-requests`, ask);
    expect(asked.json()).toMatchObject({ hasOpenRequest: true, abilities: { requestCorrection: false } });
    expect((await v.client.post(`/api/service-records/${id}/correction-requests`, ask)).json().code).toBe(
      'RECORD_REQUEST_OPEN',
    );
    const open = (await beijing.orgAdmin.client.get('/api/service-records/correction-requests')).json().items;
    const request = open.find((c: { recordId: string }) => c.recordId === id);
    expect(request).toMatchObject({ status: 'pending', reason: '实际服务到十点' });
    expect(
      (await neighbour.orgAdmin.client.post(`/api/correction-requests/${request.id}/decision`, { decision: 'accept' }))
        .statusCode,
    ).toBe(404);
    const bareReject = await beijing.orgAdmin.client.post(`/api/correction-requests/${request.id}/decision`, {
      decision: 'reject',
    });
    expect(bareReject.json().fields[0].path).toBe('comment');
    const accepted = await beijing.orgAdmin.client.post(`/api/correction-requests/${request.id}/decision`, {
      decision: 'accept',
    });
    expect(accepted.json()).toMatchObject({ minutes: 120, corrections: [{ kind: 'request', status: 'accepted' }] });
    expect((await v.client.get('/api/volunteers/me')).json().confirmedMinutes).toBe(120);
    expect(
      (
        await beijing.orgAdmin.client.post(`/api/correction-requests/${request.id}/decision`, { decision: 'accept' })
      ).json().code,
    ).toBe('CORRECTION_ALREADY_DECIDED');
    const second = await v.client.post(`/api/service-records/${id}/correction-requests`, {
      content: '垃圾分类督导与宣传',
      reason: '还做了入户宣传',
    });
    const req2 = second.json().corrections.find((c: { status: string }) => c.status === 'pending');
    const rejected = await beijing.orgAdmin.client.post(`/api/correction-requests/${req2.id}/decision`, {
      decision: 'reject',
      comment: '入户宣传另有记录',
    });
    expect(rejected.json()).toMatchObject({ content: '垃圾分类投放点督导' });
    expect(rejected.json().corrections.map((c: { status: string }) => c.status)).toEqual(['accepted', 'rejected']);
    const audit = await ctx.db.query(
      "SELECT action FROM audit_log WHERE entity = 'serviceRecord' AND entity_id = $1 ORDER BY seq",
      [id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'serviceRecord.backfill',
      'serviceRecord.confirm',
      'serviceRecord.requestCorrection',
      'serviceRecord.decideCorrection',
      'serviceRecord.requestCorrection',
      'serviceRecord.decideCorrection',
    ]);
  });

  it('records pending past 10 working days are flagged and listed; officers see their area only', async () => {
    const v = await makeVolunteer(ctx);
    await v.client.post('/api/volunteers/me/teams', { orgId: beijing.orgId });
    const old = chinaClock(-30 * 1440).date;
    const fresh = chinaClock(-1 * 1440).date;
    const mk = async (date: string) =>
      (
        await beijing.orgAdmin.client.post('/api/service-records', {
          orgId: beijing.orgId,
          volunteerId: v.volunteerId,
          projectTitle: '交通文明劝导',
          address: '北京路',
          startedAt: `${date}T08:00:00+08:00`,
          endedAt: `${date}T09:00:00+08:00`,
          content: '路口文明劝导',
        })
      ).json();
    const stale = await mk(old);
    const recent = await mk(fresh);
    expect(stale).toMatchObject({ isOverdue: true });
    expect(recent).toMatchObject({ isOverdue: false });
    const overdue = (await beijing.township.client.get('/api/service-records?overdue=true&limit=500')).json().items;
    const ids = overdue.map((r: { id: string }) => r.id);
    expect(ids).toContain(stale.id);
    expect(ids).not.toContain(recent.id);
    expect(overdue.every((r: { isOverdue: boolean }) => r.isOverdue)).toBe(true);
    const foreign = (await liurong.township.client.get('/api/service-records?limit=500')).json().items;
    expect(foreign.map((r: { id: string }) => r.id)).not.toContain(stale.id);
    expect((await v.client.get('/api/service-records')).statusCode).toBe(403);
    expect((await beijing.committee.client.get(`/api/service-records/${stale.id}`)).statusCode).toBe(200);
  });

  it('the working calendar is national: only a country-level grant keeps it', async () => {
    expect(
      (await beijing.township.client.request('PUT', '/api/working-calendar/2026-10-01', { isWorkingDay: false }))
        .statusCode,
    ).toBe(403);
    const admin = await makeUser(ctx, { grant: { role: 'sysadmin', areaCode: '000000000000', areaLevel: 'country' } });
    const sys = await new Client(ctx.app).signInReady(admin.mobile, admin.password);
    const set = await sys.request('PUT', '/api/working-calendar/2026-10-01', { isWorkingDay: false, note: '国庆节' });
    expect(set.json().items).toEqual([{ date: '2026-10-01', isWorkingDay: false, note: '国庆节' }]);
  });
});

describe('lists and edits', () => {
  it('project lists by role and subtree; a draft is edited; a station is linked to a venue and updated; a member leaves', async () => {
    const draft = (
      await beijing.orgAdmin.client.post('/api/volunteer-projects', projectBody(beijing.orgId, { title: '草稿项目甲' }))
    ).json();
    const edited = await beijing.orgAdmin.client.request('PATCH', `/api/volunteer-projects/${draft.id}`, {
      title: '周末助老服务',
      minAge: 18,
    });
    expect(edited.json()).toMatchObject({ title: '周末助老服务', minAge: 18, status: 'draft' });
    const inverted = await beijing.orgAdmin.client.request('PATCH', `/api/volunteer-projects/${draft.id}`, {
      maxAge: 10,
    });
    expect(inverted.json().fields).toEqual([expect.objectContaining({ path: 'maxAge', code: 'project.age.order' })]);
    const more = await beijing.orgAdmin.client.post(`/api/volunteer-projects/${draft.id}/shifts`, {
      shifts: [{ date: chinaClock(12 * 1440).date, startTime: '19:00', endTime: '21:30' }],
    });
    expect(more.json().shifts).toHaveLength(2);
    expect(more.json().shifts[1].slots).toEqual([expect.objectContaining({ places: 5, confirmed: 0 })]);
    expect((await beijing.orgAdmin.client.post(`/api/volunteer-projects/${draft.id}/closure`)).json().code).toBe(
      'PROJECT_ILLEGAL_TRANSITION',
    );
    const ids = async (client: Client, q = '') =>
      (await client.get(`/api/volunteer-projects?limit=200${q}`)).json().items.map((x: { id: string }) => x.id);
    expect(await ids(beijing.orgAdmin.client)).toContain(draft.id);
    expect(await ids(beijing.orgAdmin.client, '&status=published')).not.toContain(draft.id);
    expect(await ids(beijing.township.client, '&areaCode=440104003104')).toContain(draft.id);
    expect(await ids(neighbour.orgAdmin.client)).not.toContain(draft.id);
    expect(await ids(liurong.township.client)).not.toContain(draft.id);
    const inverse = await beijing.township.client.get('/api/volunteer-projects?from=2026-05-02&to=2026-05-01');
    expect(inverse.json()).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'to' }] });

    const venue = await beijing.committee.client.post('/api/venues', {
      name: '流水井社区新时代文明实践站（站点测试）',
      kind: 'practiceCenter',
      level: 'station',
      areaCode: '440104003104',
      address: '流水井社区12号',
    });
    expect(venue.statusCode, venue.body).toBe(200);
    const station = await beijing.township.client.post('/api/service-stations', {
      name: '流水井实践站志愿服务点',
      areaCode: '440104003104',
      address: '流水井社区12号',
      venueId: venue.json().id,
      runByOrgId: beijing.orgId,
    });
    expect(station.json()).toMatchObject({ venueId: venue.json().id, runByOrgId: beijing.orgId });
    const closed = await beijing.committee.client.request('PATCH', `/api/service-stations/${station.json().id}`, {
      status: 'closed',
      contactName: '黄站长',
    });
    expect(closed.json()).toMatchObject({ status: 'closed', contactName: '黄站长' });
    const listed = (await beijing.committee.client.get('/api/service-stations')).json().items;
    expect(listed.map((x: { id: string }) => x.id)).toContain(station.json().id);
    const badVenue = await beijing.township.client.post('/api/service-stations', {
      name: '无效站点',
      areaCode: '440104003104',
      address: '某处',
      venueId: '00000000-0000-4000-8000-000000000000',
    });
    expect(badVenue.json().fields).toEqual([expect.objectContaining({ path: 'venueId' })]);

    const v = await makeVolunteer(ctx);
    await v.client.post('/api/volunteers/me/teams', { orgId: neighbour.orgId });
    const left = await v.client.request('DELETE', `/api/volunteers/me/teams/${neighbour.orgId}`);
    expect(left.json().teams).toEqual([]);
    expect((await v.client.request('DELETE', `/api/volunteers/me/teams/${neighbour.orgId}`)).json().code).toBe(
      'VOLUNTEER_NOT_IN_TEAM',
    );
    await beijing.orgAdmin.client.post(`/api/organizations/${beijing.orgId}/volunteer-team`, {
      volunteerId: v.volunteerId,
    });
    const removed = await beijing.orgAdmin.client.request(
      'DELETE',
      `/api/organizations/${beijing.orgId}/volunteer-team/${v.volunteerId}`,
    );
    expect(removed.statusCode, removed.body).toBe(200);
    expect((await v.client.get('/api/volunteers/me')).json().teams).toEqual([]);
  });
});

describe('no full ID number or mobile in any answer', () => {
  it('after a sign-up, check-in and record, every read of every role shows masks only', async () => {
    const id = idNumber('19660606');
    const mobile = nextMobile();
    const v = await makeVolunteer(ctx, { idNumber: id, mobile });
    await v.client.post('/api/volunteers/me/teams', { orgId: beijing.orgId });
    const soon = chinaClock(5);
    const later = chinaClock(65);
    const p = await publishedProject(beijing.orgAdmin.client, beijing.orgId, {
      shifts: [{ date: soon.date, startTime: soon.time, endTime: later.time }],
    });
    const shift = p.shifts[0]!.id;
    await v.client.post(`/api/volunteer-shifts/${shift}/signups`, { roleId: p.roles[0]!.id });
    const code = (await beijing.orgAdmin.client.get(`/api/volunteer-shifts/${shift}/check-in-code`)).json().code;
    const record = (await v.client.post(`/api/volunteer-shifts/${shift}/check-in`, { code })).json().id;
    const reads: [Client | null, string][] = [
      [v.client, '/api/volunteers/me'],
      [v.client, '/api/volunteers/me/signups'],
      [v.client, '/api/volunteers/me/records'],
      [v.client, `/api/service-records/${record}`],
      [v.client, `/api/volunteer-projects/${p.id}`],
      [null, `/api/public/volunteer-projects/${p.id}`],
      [null, '/api/public/volunteer-projects?areaCode=440104003104'],
      [beijing.orgAdmin.client, `/api/volunteer-shifts/${shift}/roster`],
      [beijing.orgAdmin.client, `/api/volunteers/${v.volunteerId}`],
      [beijing.orgAdmin.client, `/api/volunteers?orgId=${beijing.orgId}`],
      [beijing.orgAdmin.client, '/api/service-records'],
      [beijing.orgAdmin.client, `/api/service-records/${record}`],
      [beijing.township.client, `/api/volunteers?idNumber=${id}`],
      [beijing.township.client, `/api/volunteer-shifts/${shift}/roster`],
      [beijing.committee.client, `/api/volunteers/${v.volunteerId}`],
      [beijing.civilAffairs.client, '/api/service-records?limit=500'],
      [beijing.civilAffairs.client, '/api/volunteers/five-star-requests'],
    ];
    for (const [client, url] of reads) {
      const res = client ? await client.get(url) : await ctx.app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expectMasked(res.body, [id, mobile]);
    }
    const audit = await ctx.db.query<{ before: unknown; after: unknown }>(
      "SELECT before, after FROM audit_log WHERE entity = 'volunteer' AND entity_id = $1",
      [v.volunteerId],
    );
    expectMasked(JSON.stringify(audit.rows), [id, mobile]);
  });
});

describe('the API description', () => {
  it('documents the volunteer routes', async () => {
    const paths = Object.keys((await ctx.app.inject({ url: '/api/openapi.json' })).json().paths);
    for (const path of [
      '/api/volunteers/me',
      '/api/volunteer-shifts/{shiftId}/signups',
      '/api/volunteer-shifts/{shiftId}/check-in',
      '/api/service-records/confirmation',
      '/api/public/volunteer-projects',
    ]) {
      expect(paths).toContain(path);
    }
  });
});

describe('who may call what (role × permission)', () => {
  it('answers 403 to roles without the permission, whatever the object', async () => {
    const v = await makeVolunteer(ctx);
    const any = '00000000-0000-4000-8000-000000000000';
    const matrix: [string, Client, 'GET' | 'POST' | 'PUT', string, unknown][] = [
      ['volunteer posts a project', v.client, 'POST', '/api/volunteer-projects', projectBody(beijing.orgId)],
      ['volunteer lists volunteers', v.client, 'GET', '/api/volunteers', undefined],
      ['volunteer lists records', v.client, 'GET', '/api/service-records', undefined],
      ['volunteer confirms', v.client, 'POST', '/api/service-records/confirmation', { recordIds: [any] }],
      ['resident registers', beijing.resident.client, 'POST', '/api/volunteers/me', registration()],
      [
        'committee confirms',
        beijing.committee.client,
        'POST',
        '/api/service-records/confirmation',
        { recordIds: [any] },
      ],
      [
        'committee posts a project',
        beijing.committee.client,
        'POST',
        '/api/volunteer-projects',
        projectBody(beijing.orgId),
      ],
      [
        'township back-fills',
        beijing.township.client,
        'POST',
        '/api/service-records',
        {
          orgId: beijing.orgId,
          volunteerId: v.volunteerId,
          projectTitle: '补录',
          address: '流水井社区',
          startedAt: '2026-01-05T09:00:00+08:00',
          endedAt: '2026-01-05T10:00:00+08:00',
          content: '探访',
        },
      ],
      [
        'org admin keeps stations',
        beijing.orgAdmin.client,
        'POST',
        '/api/service-stations',
        { name: '某站点', areaCode: '440104003104', address: '某地址' },
      ],
      [
        'org admin approves stars',
        beijing.orgAdmin.client,
        'POST',
        `/api/volunteers/${any}/five-star-decision`,
        { decision: 'approve' },
      ],
      [
        'org admin signs up as a volunteer',
        beijing.orgAdmin.client,
        'POST',
        `/api/volunteer-shifts/${any}/signups`,
        { roleId: any },
      ],
      ['committee sets stars', beijing.committee.client, 'PUT', '/api/volunteer-star-settings/440104003104', {}],
      ['volunteer reads a check-in code', v.client, 'GET', `/api/volunteer-shifts/${any}/check-in-code`, undefined],
    ];
    const before = await auditRows();
    for (const [who, client, method, url, body] of matrix) {
      const res = await client.request(method, url, body);
      expect(res.statusCode, who).toBe(403);
    }
    expect(await auditRows()).toBe(before);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/volunteers/me' })).statusCode).toBe(401);
  });
});
