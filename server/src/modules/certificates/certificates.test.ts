import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../../test/harness';
import { makeCommunity } from '../activities/test-factories';
import { idNumber, makeVolunteer } from '../volunteers/test-factories';
import { chinaDay, chinaTime, confirmedRecord, pdfText } from './test-factories';

const ctx = await createTestContext();
const beijing = await makeCommunity(ctx);
const liurong = await makeCommunity(
  ctx,
  { community: '440104004102', township: '440104004000', county: '440104000000' },
  { name: '六榕书画社' },
);
const neighbour = await makeCommunity(ctx, undefined, { name: '流水井邻居合唱团' });
const orgOf = (c: typeof beijing) => ({ client: c.orgAdmin.client, orgId: c.orgId });

/** A volunteer of both teams with 250 confirmed minutes at 流水井 and 90 at 六榕 last week. */
async function servedVolunteer(overrides: Parameters<typeof makeVolunteer>[1] = {}) {
  const v = await makeVolunteer(ctx, overrides);
  await v.client.post('/api/volunteers/me/teams', { orgId: beijing.orgId });
  await v.client.post('/api/volunteers/me/teams', { orgId: liurong.orgId });
  await confirmedRecord(orgOf(beijing), v.volunteerId, {
    startedAt: chinaTime(-6, '22:00'),
    endedAt: chinaTime(-5, '02:10'),
  });
  await confirmedRecord(
    orgOf(liurong),
    v.volunteerId,
    { startedAt: chinaTime(-4, '08:00'), endedAt: chinaTime(-4, '09:30') },
    { projectTitle: '书法进社区', content: '教长者写春联' },
  );
  return v;
}

const period = { from: chinaDay(-10), to: chinaDay(0) };
const verify = (number: string, sig: string) =>
  ctx.app.inject({
    url: `/api/public/service-certificates/${encodeURIComponent(number)}?sig=${encodeURIComponent(sig)}`,
  });
const sigOf = (verifyPath: string) => new URL(verifyPath, 'http://x').searchParams.get('sig')!;

describe('a volunteer’s certificate', () => {
  it('states the confirmed hours per recording organization and in total, signed and audited', async () => {
    const id = idNumber('19900101');
    const v = await servedVolunteer({ idNumber: id, name: '林志愿' });
    const audits = (await ctx.db.query('SELECT count(*)::int AS n FROM audit_log')).rows[0].n;
    const res = await v.client.post('/api/volunteers/me/certificates', period);
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json();
    expect(c).toMatchObject({
      number: expect.stringMatching(/^ZM-\d{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/),
      volunteerName: '林志愿',
      idNumberMasked: `${id.slice(0, 6)}********${id.slice(14)}`,
      period,
      totalMinutes: 340,
      totalHours: 5.7,
      issuedByKind: 'volunteer',
      issuerOrgName: null,
      signature: expect.stringMatching(/^v1\./),
    });
    expect(c.organizations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ orgId: beijing.orgId, minutes: 250, records: 1, projects: ['重阳敬老探访'] }),
        expect.objectContaining({ orgId: liurong.orgId, name: '六榕书画社', minutes: 90, content: '教长者写春联' }),
      ]),
    );
    expect(res.body).not.toContain(id);
    expect(c.verifyPath).toBe(`/verify/certificates/${c.number}?sig=${encodeURIComponent(c.signature)}`);
    const audit = await ctx.db.query(
      `SELECT action, after FROM audit_log WHERE entity = 'serviceCertificate' AND entity_id = $1`,
      [c.id],
    );
    expect(audit.rows).toEqual([
      expect.objectContaining({
        action: 'serviceCertificate.issue',
        after: expect.objectContaining({ totalMinutes: 340 }),
      }),
    ]);
    expect((await ctx.db.query('SELECT count(*)::int AS n FROM audit_log')).rows[0].n).toBe(audits + 1);
    // one organization only: its name stands as the issuer
    const one = await v.client.post('/api/volunteers/me/certificates', { ...period, orgId: liurong.orgId });
    expect(one.json()).toMatchObject({
      totalMinutes: 90,
      issuerOrgName: '六榕书画社',
      organizations: [{ name: '六榕书画社' }],
    });
    expect(
      (await v.client.get('/api/volunteers/me/certificates')).json().items.map((x: { id: string }) => x.id),
    ).toEqual([one.json().id, c.id]);
  });

  it('bad input gets field-level Chinese errors with stable codes; nothing to certify is refused', async () => {
    const v = await servedVolunteer();
    const inverted = await v.client.post('/api/volunteers/me/certificates', { from: chinaDay(0), to: chinaDay(-3) });
    expect(inverted.statusCode).toBe(400);
    expect(inverted.json().fields).toEqual([
      { path: 'to', code: 'certificate.period.order', message: '结束日期不能早于开始日期' },
    ]);
    const badDate = await v.client.post('/api/volunteers/me/certificates', { from: '2026-02-30x', to: chinaDay(0) });
    expect(badDate.json().fields).toEqual([{ path: 'from', code: 'date.invalid', message: '请输入正确的日期' }]);
    const future = await v.client.post('/api/volunteers/me/certificates', { from: chinaDay(-1), to: chinaDay(2) });
    expect(future.json().fields).toEqual([
      { path: 'to', code: 'certificate.period.future', message: '结束日期不能晚于今天' },
    ]);
    const notMine = await v.client.post('/api/volunteers/me/certificates', { ...period, orgId: neighbour.orgId });
    expect(notMine.json().fields).toEqual([
      { path: 'orgId', code: 'certificate.org.noRecords', message: '您在该组织没有志愿服务记录' },
    ]);
    const empty = await v.client.post('/api/volunteers/me/certificates', { from: chinaDay(-300), to: chinaDay(-200) });
    expect(empty.statusCode).toBe(409);
    expect(empty.json()).toMatchObject({
      code: 'CERTIFICATE_NO_SERVICE',
      message: expect.stringContaining('不能出具证明'),
    });
    expect((await v.client.get('/api/volunteers/me/certificates')).json().items).toEqual([]);
  });
});

describe('public verification', () => {
  it('the QR code verifies; a forged code, another number or an altered row answers "not valid"', async () => {
    const v = await servedVolunteer({ name: '欧阳志愿' });
    const c = (await v.client.post('/api/volunteers/me/certificates', period)).json();
    const sig = sigOf(c.verifyPath);
    const ok = await verify(c.number, sig);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({
      valid: true,
      number: c.number,
      volunteerNameMasked: '欧***',
      period,
      organizations: expect.arrayContaining([{ name: '六榕书画社', minutes: 90, hours: 1.5 }]),
      totalMinutes: 340,
      totalHours: 5.7,
      issuerOrgName: null,
      issuedAt: c.issuedAt,
    });
    expect(ok.body).not.toContain('欧阳志愿');
    expect(ok.body).not.toContain(c.idNumberMasked);
    // lower-case number as typed from paper still verifies
    expect((await verify(c.number.toLowerCase(), sig)).statusCode).toBe(200);

    const flip = (s: string, i: number) => `${s.slice(0, i)}${s[i] === 'A' ? 'B' : 'A'}${s.slice(i + 1)}`;
    for (const [number, code] of [
      [c.number, flip(sig, 10)],
      [c.number, ''],
      [c.number, 'v1.'],
      [flip(c.number, c.number.length - 1), sig],
      ['ZM-2026-0000-0000', sig],
      ['nonsense', 'x'],
    ] as const) {
      const res = await verify(number, code);
      expect(res.statusCode, `${number} ${code}`).toBe(404);
      expect(res.json()).toEqual({
        code: 'CERTIFICATE_NOT_VALID',
        message: '该证明未通过验证：编号或校验码无效，或证明内容已被改动',
      });
    }
    // another certificate's code does not open this one
    const other = (await v.client.post('/api/volunteers/me/certificates', { ...period, orgId: beijing.orgId })).json();
    expect((await verify(c.number, sigOf(other.verifyPath))).statusCode).toBe(404);

    // the row is immutable …
    await expect(
      ctx.db.query('UPDATE service_certificates SET total_minutes = 1 WHERE id = $1', [c.id]),
    ).rejects.toThrow(/cannot be changed/);
    await expect(ctx.db.query('DELETE FROM service_certificates WHERE id = $1', [c.id])).rejects.toThrow(
      /cannot be changed/,
    );
    // … and one altered behind the trigger's back no longer verifies
    const client = await ctx.db.connect();
    try {
      await client.query('ALTER TABLE service_certificates DISABLE TRIGGER service_certificates_immutable');
      await client.query(
        `UPDATE service_certificates SET statement = jsonb_set(statement, '{totalMinutes}', '3400') WHERE id = $1`,
        [c.id],
      );
      await client.query('ALTER TABLE service_certificates ENABLE TRIGGER service_certificates_immutable');
    } finally {
      client.release();
    }
    expect((await verify(c.number, sig)).json().code).toBe('CERTIFICATE_NOT_VALID');
    expect((await verify(other.number, sigOf(other.verifyPath))).statusCode).toBe(200);
  });
});

describe('the PDF', () => {
  it('is a PDF with the embedded Chinese font, the number and the Chinese text', async () => {
    const v = await servedVolunteer({ name: '林志愿' });
    const c = (await v.client.post('/api/volunteers/me/certificates', period)).json();
    const res = await v.client.get(`/api/service-certificates/${c.id}/pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.subarray(-6).toString()).toContain('%%EOF');
    const { text, fonts, hasFontFiles } = pdfText(pdf);
    expect(hasFontFiles).toBe(true);
    expect(fonts.some((f) => /^[A-Z]{6}\+NotoSansSC-Regular$/.test(f))).toBe(true);
    expect(fonts.some((f) => /NotoSansSC-Bold$/.test(f))).toBe(true);
    expect(text).toContain('志愿服务证明');
    expect(text).toContain(c.number);
    expect(text).toContain('林志愿');
    expect(text).toContain('六榕书画社');
    expect(text).toContain('/verify/certificates/');
    expect(pdf.length).toBeLessThan(400_000); // only the glyphs used are embedded
    // without LINLI_PUBLIC_URL the QR address is the one the request came to (public-url.test.ts: with it)
    const viaHost = await v.client.request('GET', `/api/service-certificates/${c.id}/pdf`, undefined, {
      host: 'zm.example.cn:8443',
    });
    expect(pdfText(viaHost.rawPayload).text.replace(/\s+/g, '')).toContain(`http://zm.example.cn:8443${c.verifyPath}`);
  });
});

describe('scope', () => {
  it('a volunteer reads only their own certificates; an organization only those of its records', async () => {
    const v = await servedVolunteer();
    const stranger = await makeVolunteer(ctx);
    const mine = (await v.client.post('/api/volunteers/me/certificates', period)).json();
    for (const client of [stranger.client, beijing.orgAdmin.client, neighbour.orgAdmin.client]) {
      expect((await client.get(`/api/service-certificates/${mine.id}`)).statusCode).toBe(404);
      expect((await client.get(`/api/service-certificates/${mine.id}/pdf`)).statusCode).toBe(404);
    }
    expect((await stranger.client.get('/api/volunteers/me/certificates')).json().items).toEqual([]);
    expect((await v.client.get(`/api/service-certificates/${mine.id}`)).json().id).toBe(mine.id);

    // 谁记录谁证明: 流水井 certifies its own 250 minutes only
    const issued = await beijing.orgAdmin.client.post(`/api/organizations/${beijing.orgId}/service-certificates`, {
      volunteerId: v.volunteerId,
      ...period,
    });
    expect(issued.statusCode, issued.body).toBe(200);
    expect(issued.json()).toMatchObject({
      issuedByKind: 'organization',
      issuerOrgName: beijing.orgId ? expect.any(String) : null,
      totalMinutes: 250,
      organizations: [{ orgId: beijing.orgId, minutes: 250 }],
    });
    const cert = issued.json();
    expect((await beijing.orgAdmin.client.get(`/api/service-certificates/${cert.id}`)).statusCode).toBe(200);
    expect((await v.client.get(`/api/service-certificates/${cert.id}`)).statusCode).toBe(200);
    expect((await liurong.orgAdmin.client.get(`/api/service-certificates/${cert.id}`)).statusCode).toBe(404);
    expect(
      (await beijing.orgAdmin.client.get(`/api/organizations/${beijing.orgId}/service-certificates`))
        .json()
        .items.map((x: { id: string }) => x.id),
    ).toContain(cert.id);
    expect(
      (await neighbour.orgAdmin.client.get(`/api/organizations/${beijing.orgId}/service-certificates`)).statusCode,
    ).toBe(404);
    // an organization without records of the volunteer, or acting for another organization: 404
    expect(
      (
        await neighbour.orgAdmin.client.post(`/api/organizations/${neighbour.orgId}/service-certificates`, {
          volunteerId: v.volunteerId,
          ...period,
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await neighbour.orgAdmin.client.post(`/api/organizations/${beijing.orgId}/service-certificates`, {
          volunteerId: v.volunteerId,
          ...period,
        })
      ).statusCode,
    ).toBe(404);
    // a volunteer cannot issue as an organization
    expect(
      (
        await v.client.post(`/api/organizations/${beijing.orgId}/service-certificates`, {
          volunteerId: v.volunteerId,
          ...period,
        })
      ).statusCode,
    ).toBe(403);
    // signed out: the certificate itself is not public, its verification is
    expect((await ctx.app.inject({ url: `/api/service-certificates/${cert.id}` })).statusCode).toBe(401);
    expect((await verify(cert.number, sigOf(cert.verifyPath))).json().issuerOrgName).toBe(cert.issuerOrgName);
  });
});

describe('an organization’s list and its export', () => {
  it('filters by number, name, kind and issue day, pages by cursor, and exports the same rows as .xlsx, audited', async () => {
    const lin = await servedVolunteer({ name: '林列表' });
    const chen = await servedVolunteer({ name: '陈列表' });
    const org = beijing.orgAdmin.client;
    const base = `/api/organizations/${beijing.orgId}/service-certificates`;
    const byOrg = (await org.post(base, { volunteerId: lin.volunteerId, ...period })).json();
    const byVolunteer = (
      await chen.client.post('/api/volunteers/me/certificates', { ...period, orgId: beijing.orgId })
    ).json();
    // all organizations: not the organization's own certificate, never in its list
    const allOrgs = (await lin.client.post('/api/volunteers/me/certificates', period)).json();
    const ids = async (query: string) => {
      const res = await org.get(`${base}?${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items.map((x: { id: string }) => x.id) as string[];
    };
    const everything = await ids('limit=200');
    expect(everything.slice(0, 2)).toEqual([byVolunteer.id, byOrg.id]);
    expect(everything).not.toContain(allOrgs.id);
    expect(await ids(`q=${encodeURIComponent('林列')}`)).toEqual([byOrg.id]);
    expect(await ids(`q=${byVolunteer.number.toLowerCase()}`)).toEqual([byVolunteer.id]);
    expect(await ids('issuedByKind=volunteer&q=%E5%88%97%E8%A1%A8')).toEqual([byVolunteer.id]);
    expect(await ids(`issuedFrom=${chinaDay(0)}&issuedTo=${chinaDay(0)}&q=%E5%88%97%E8%A1%A8`)).toEqual([
      byVolunteer.id,
      byOrg.id,
    ]);
    expect(await ids(`issuedTo=${chinaDay(-1)}`)).toEqual([]);
    // pages: one at a time, each once, the cursor carried over
    const first = (await org.get(`${base}?limit=1&q=%E5%88%97%E8%A1%A8`)).json();
    expect(first.items.map((x: { id: string }) => x.id)).toEqual([byVolunteer.id]);
    const second = (await org.get(`${base}?limit=1&q=%E5%88%97%E8%A1%A8&cursor=${first.nextCursor}`)).json();
    expect(second.items.map((x: { id: string }) => x.id)).toEqual([byOrg.id]);
    expect(second.nextCursor).toBeNull();
    const badCursor = await org.get(`${base}?cursor=nonsense`);
    expect(badCursor.statusCode).toBe(400);
    expect(badCursor.json().fields[0]).toMatchObject({ path: 'cursor' });
    const badDay = await org.get(`${base}?issuedFrom=2026-13-01`);
    expect(badDay.json().fields).toEqual([{ path: 'issuedFrom', code: 'date.invalid', message: '请输入正确的日期' }]);

    let audits = (
      await ctx.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'serviceCertificate.export'`)
    ).rows[0].n;
    const res = await org.get(`${base}/export?q=%E5%88%97%E8%A1%A8`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const rows = sheet.getSheetValues().slice(2) as unknown[][];
    expect(rows.map((r) => [r[1], r[2], r[6], r[9]])).toEqual([
      [byVolunteer.number, '陈列表', 4.2, '志愿者申请'],
      [byOrg.number, '林列表', 4.2, '组织出具'],
    ]);
    expect(String(rows[0]![3])).toBe(byVolunteer.idNumberMasked);
    expect(String(rows[0]![12])).toBe(byVolunteer.verifyPath);
    const audit = await ctx.db.query(
      `SELECT entity_id, after FROM audit_log WHERE action = 'serviceCertificate.export' ORDER BY seq DESC LIMIT 1`,
    );
    expect(audit.rows[0]).toMatchObject({ entity_id: beijing.orgId, after: { filter: { q: '列表' } } });
    expect(
      (await ctx.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'serviceCertificate.export'`))
        .rows[0].n,
    ).toBe(audits + 1);

    // officers above the organization read its list and export it; a township elsewhere gets 404
    expect(
      (await beijing.township.client.get(`${base}?q=%E5%88%97%E8%A1%A8`)).json().items.map((x: { id: string }) => x.id),
    ).toEqual([byVolunteer.id, byOrg.id]);
    expect((await beijing.township.client.get(`${base}/export`)).statusCode).toBe(200);
    expect((await liurong.township.client.get(base)).statusCode).toBe(404);
    audits += 1;
    // another organization's administrator: 404 for the list and the export, nothing audited
    expect((await neighbour.orgAdmin.client.get(`${base}/export`)).statusCode).toBe(404);
    expect((await lin.client.get(`${base}/export`)).statusCode).toBe(403);
    expect(
      (await ctx.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'serviceCertificate.export'`))
        .rows[0].n,
    ).toBe(audits + 1);
  });
});
