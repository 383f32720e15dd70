import { randomBytes } from 'node:crypto';
import { prefixLengthByLevel } from '@linli/contract/areas';
import { creditCodeCheckChar } from '@linli/contract/credit-code';
import type { Dashboard, Figure } from '@linli/contract/statistics';
import { describe, expect, it } from 'vitest';
import { type Client, createTestContext } from '../../../test/harness';
import { makeOfficers, orgBody } from '../organizations/test-factories';
import { idNumber } from '../volunteers/test-factories';
import { dashboardOf, listAll, type Prng, prng, signedIn } from './test-factories';

/**
 * The property of the issue: after any sequence of creates, filings, status changes, tier
 * upgrades, area moves and deletions, every figure of the dashboard — for areas at every level —
 * equals the count of its drill-down list, and each child's figure equals that child's own
 * dashboard. Organizations go through the real services (HTTP); area moves and deletions, which
 * no service offers, and the activities, volunteers and service records the figures count are
 * written with SQL — bulk statements, so the statement-level triggers see many rows at once.
 * Recognitions go through the officers' route.
 */

const ctx = await createTestContext();
const SEED = Number(process.env.STATS_SEED ?? 20_261_123);

type Place = { community: string; township: string; county: string };
const places: Place[] = [
  { community: '440104003104', township: '440104003000', county: '440104000000' }, // 越秀 北京街道 流水井 (urban)
  { community: '440104003107', township: '440104003000', county: '440104000000' }, // 龙藏 (urban)
  { community: '440104004102', township: '440104004000', county: '440104000000' }, // 越秀 六榕街道
  { community: '440117001200', township: '440117001000', county: '440117000000' }, // 从化 团星村 (rural)
];
type Officers = Awaited<ReturnType<typeof makeOfficers>> & { place: Place };
const officersByPlace: Officers[] = [];
for (const p of places) {
  officersByPlace.push({ place: p, ...(await makeOfficers(ctx, p)) });
}
const admin = await signedIn(ctx, { role: 'sysadmin', areaCode: '000000000000', areaLevel: 'country' });
/** the areas checked after every batch: every level, two branches */
const checked = [
  '000000000000',
  '440000000000',
  '440100000000',
  '440104000000',
  '440117000000',
  '440104003000',
  '440117001000',
  '440104003104',
  '440117001200',
];

type Org = { id: string; tier: 'guided' | 'filed' | 'registered'; place: number; status: string; admin: Client };
const orgs: Org[] = [];
let serial = 0;
const creditCode = () => {
  serial++;
  const first17 = `52440104MJ${String(100000 + serial).padStart(7, '0')}`;
  return first17 + creditCodeCheckChar(first17);
};

async function ok(res: { statusCode: number; body: string; json: () => unknown }) {
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Record<string, unknown>;
}

/** Takes a filing through its path (or rejects it at the first step). */
async function decide(officers: Officers, filingId: string, tier: Org['tier'], approve: boolean) {
  const decision = approve ? { decision: 'approve' } : { decision: 'reject', comment: '材料不全' };
  if (tier === 'registered') {
    return ok(
      await officers.civilAffairs.client.request('POST', `/api/filings/${filingId}/civil-affairs-record`, decision),
    );
  }
  const first = await ok(
    await officers.committee.client.request('POST', `/api/filings/${filingId}/committee-opinion`, decision),
  );
  if (tier === 'guided' || !approve) {
    return first;
  }
  return ok(await officers.township.client.request('POST', `/api/filings/${filingId}/township-decision`, decision));
}

async function createOrg(r: Prng) {
  const place = r.int(0, places.length - 1);
  const officers = officersByPlace[place]!;
  const tier = r.pick(['guided', 'guided', 'filed', 'registered'] as const);
  serial++;
  const body = orgBody({
    name: `统计测试组织${serial}号`,
    tier,
    areaCode: officers.place.community,
    category: r.pick(['charity', 'livingServices', 'communityAffairs', 'cultureSports'] as const),
    hubKind: r.pick(['none', 'none', 'none', 'hub', 'federation'] as const),
    partyOrg: r.pick(['none', 'standalone', 'joint', 'instructor'] as const),
    charterPartyClause: r.chance(0.5),
    foundedOn: `${r.int(2017, new Date().getFullYear() - 1)}-0${r.int(1, 9)}-1${r.int(0, 9)}`,
    ...(tier === 'registered' ? { creditCode: creditCode() } : {}),
  });
  if (r.chance(0.3)) {
    // founded this year: the "new this year" figure
    body.foundedOn = `${new Date().getFullYear()}-01-0${r.int(1, 9)}`;
  }
  const filed = (await ok(await officers.resident.client.request('POST', '/api/organizations', body))) as {
    orgId: string;
    filingId: string;
  };
  const org: Org = { id: filed.orgId, tier, place, status: 'pending', admin: officers.resident.client };
  orgs.push(org);
  const roll = r.next();
  if (roll < 0.75) {
    const decided = await decide(officers, filed.filingId, tier, true);
    org.status = decided.status as string;
  } else if (roll < 0.85) {
    const decided = await decide(officers, filed.filingId, tier, false);
    org.status = decided.status as string;
  }
}

async function changeStatus(r: Prng) {
  const moves: Record<string, string[]> = {
    active: ['suspended', 'abnormal'],
    suspended: ['active', 'abnormal'],
    abnormal: ['active', 'dissolved'],
  };
  const candidates = orgs.filter((o) => moves[o.status]);
  if (candidates.length === 0) {
    return;
  }
  const org = r.pick(candidates);
  const status = r.pick(moves[org.status]!);
  await ok(
    await officersByPlace[org.place]!.township.client.request('POST', `/api/organizations/${org.id}/status`, {
      status,
      reason: '随机监管',
    }),
  );
  org.status = status;
}

async function upgrade(r: Prng) {
  const candidates = orgs.filter((o) => o.status === 'active' && o.tier !== 'registered');
  if (candidates.length === 0) {
    return;
  }
  const org = r.pick(candidates);
  const target = org.tier === 'guided' ? 'filed' : 'registered';
  const filing = await ok(
    await org.admin.request(
      'POST',
      `/api/organizations/${org.id}/upgrade`,
      target === 'registered' ? { creditCode: creditCode() } : {},
    ),
  );
  const open = (filing.filings as { id: string; act: string; state: string }[]).find(
    (f) => f.act === 'upgrade' && f.state !== 'approved' && f.state !== 'rejected',
  );
  const filingId = open!.id;
  await decide(officersByPlace[org.place]!, filingId, target, true);
  org.tier = target;
}

/** Recognitions through the officers' route: granted to established organizations, sometimes revoked. */
async function recognize(r: Prng) {
  if (orgs.length === 0) {
    return;
  }
  const org = r.pick(orgs);
  const officer = officersByPlace[org.place]!.civilAffairs.client;
  const res = await officer.request('POST', `/api/organizations/${org.id}/recognitions`, {
    kind: r.pick(['brandOrg', 'modelOrg', 'demonstrationSite'] as const),
    year: r.int(2021, 2023),
    reason: '年度评选认定',
  });
  const established = ['active', 'suspended', 'abnormal'].includes(org.status);
  if (!established) {
    expect(res.json().code).toBe('RECOGNITION_NOT_ESTABLISHED');
    return;
  }
  if (res.statusCode === 409) {
    expect(res.json().code).toBe('RECOGNITION_DUPLICATE');
    return;
  }
  expect(res.statusCode, res.body).toBe(200);
  if (r.chance(0.3)) {
    const live = (res.json() as { items: { id: string; revokedAt: string | null }[] }).items.filter(
      (i) => !i.revokedAt,
    );
    const revoked = await officer.request(
      'POST',
      `/api/organizations/${org.id}/recognitions/${r.pick(live).id}/revocation`,
      { reason: '复核撤销' },
    );
    expect(revoked.statusCode, revoked.body).toBe(200);
  }
}

/** No service moves an organization to another area: SQL, several rows in one statement. */
async function moveAreas(r: Prng) {
  const movable = orgs.filter(() => r.chance(0.15));
  if (movable.length === 0) {
    return;
  }
  const to = r.int(0, places.length - 1);
  await ctx.db.query('UPDATE organizations SET area_code = $2 WHERE id = ANY($1::uuid[])', [
    movable.map((o) => o.id),
    // sometimes the township itself (an organization kept at township level)
    r.chance(0.3) ? places[to]!.township : places[to]!.community,
  ]);
  for (const o of movable) {
    o.place = to;
  }
}

/** No service deletes an organization: a pending or rejected record removed with its filings. */
async function deleteOrg(r: Prng) {
  const candidates = orgs.filter((o) => o.status === 'pending' || o.status === 'notEstablished');
  if (candidates.length === 0) {
    return;
  }
  const org = r.pick(candidates);
  await ctx.db.query('DELETE FROM filing_steps WHERE filing_id IN (SELECT id FROM filings WHERE org_id = $1)', [
    org.id,
  ]);
  await ctx.db.query('DELETE FROM filings WHERE org_id = $1', [org.id]);
  await ctx.db.query('DELETE FROM role_grants WHERE org_id = $1', [org.id]);
  await ctx.db.query('DELETE FROM organizations WHERE id = $1', [org.id]);
  orgs.splice(orgs.indexOf(org), 1);
}

const activityStatuses = ['draft', 'awaitingApproval', 'ready', 'published', 'completed', 'cancelled', 'rejected'];

/** Activities: inserted, moved through statuses and deleted in bulk statements. */
async function churnActivities(r: Prng) {
  const hosts = orgs.filter((o) => o.status === 'active');
  if (hosts.length > 0) {
    const rows = Array.from({ length: r.int(1, 6) }, () => {
      const host = r.pick(hosts);
      return {
        org: host.id,
        area: r.chance(0.8) ? places[host.place]!.community : places[host.place]!.township,
        field: r.pick(['theory', 'customs', 'cultureSports', 'services', 'mediation']),
        campaign: r.pick([null, 'neighborWatch', 'letsTalk', 'ruralRevitalization']),
        status: r.pick(activityStatuses),
        participants: r.int(0, 80),
      };
    });
    await ctx.db.query(
      `INSERT INTO activities (org_id, area_code, title, content, field, campaign, kind, starts_at, ends_at, address,
         expected_participants, status, actual_participants, created_by)
       SELECT x.org, x.area, '统计测试活动', '内容', x.field, x.campaign, 'ordinary', now() - interval '3 days',
              now() - interval '2 days', '社区广场', 50, x.status,
              CASE WHEN x.status = 'completed' THEN x.participants END, $2
         FROM jsonb_to_recordset($1::jsonb) AS x(org uuid, area text, field text, campaign text, status text, participants int)`,
      [JSON.stringify(rows), admin.id],
    );
  }
  // a share of the activities changes status in one statement
  await ctx.db.query(
    `UPDATE activities SET status = (ARRAY['published', 'completed', 'cancelled', 'draft'])[1 + floor(random() * 4)::int],
            actual_participants = floor(random() * 100)::int
      WHERE title = '统计测试活动' AND random() < 0.3`,
  );
  await ctx.db.query(
    "UPDATE activities SET actual_participants = NULL WHERE title = '统计测试活动' AND status <> 'completed'",
  );
  if (r.chance(0.3)) {
    await ctx.db.query(
      `DELETE FROM activities WHERE id IN (SELECT id FROM activities WHERE title = '统计测试活动' AND random() < 0.2)`,
    );
  }
}

const DEFAULT_THRESHOLD_HOURS = [100, 300, 600, 1000, 1500];
/** each batch of records gets its own hours, so a volunteer's records never overlap */
let recordSlot = 0;

/** Volunteers with stars that agree with their hours, and service records confirmed in bulk. */
async function churnVolunteers(r: Prng) {
  const count = r.int(1, 4);
  for (let i = 0; i < count; i++) {
    const star = r.int(0, 4);
    const minutes = star === 0 ? r.int(0, 5000) : DEFAULT_THRESHOLD_HOURS[star - 1]! * 60 + r.int(0, 600);
    const id = idNumber(`19${r.int(50, 99)}0${r.int(1, 9)}1${r.int(0, 9)}`);
    await ctx.db.query(
      `INSERT INTO volunteers (name, id_number_enc, id_number_hash, mobile_enc, mobile_hash, area_code, confirmed_minutes, star_level)
       VALUES ('统计志愿者', $1, $2, $3, $4, $5, $6, $7)`,
      [
        ctx.cipher.encrypt(id),
        randomBytes(32),
        ctx.cipher.encrypt('13900000000'),
        randomBytes(32),
        r.pick(places).community,
        minutes,
        star,
      ],
    );
  }
  if (r.chance(0.3)) {
    // a volunteer moves home (the statement changes the area of one row)
    await ctx.db.query(
      `UPDATE volunteers SET area_code = $1 WHERE id = (SELECT id FROM volunteers WHERE name = '统计志愿者' ORDER BY random() LIMIT 1)`,
      [r.pick(places).community],
    );
  }
  const recorders = orgs.filter((o) => o.status === 'active');
  if (recorders.length === 0) {
    return;
  }
  const host = r.pick(recorders);
  recordSlot += 4;
  // pending records (as a check-out leaves them), then a bulk confirmation, then a correction
  await ctx.db.query(
    `INSERT INTO service_records (volunteer_id, org_id, project_title, area_code, address, started_at, ended_at, minutes,
       content, source, status)
     SELECT v.id, $1, '统计测试服务', $2, '社区', t.s, t.s + make_interval(mins => t.m), t.m, '服务', 'organizer', 'pending'
       FROM (SELECT id FROM volunteers WHERE name = '统计志愿者' ORDER BY random() LIMIT 3) v,
            LATERAL (SELECT now() - make_interval(hours => $3) AS s, 10 + floor(random() * 200)::int AS m) t`,
    [host.id, places[host.place]!.community, recordSlot],
  );
  await ctx.db.query(
    `UPDATE service_records SET status = 'confirmed', confirmed_at = now(), confirmed_by_name = '统计'
      WHERE project_title = '统计测试服务' AND status = 'pending' AND random() < 0.7`,
  );
  await ctx.db.query(
    `UPDATE service_records SET minutes = minutes - 5, ended_at = ended_at - interval '5 minutes'
      WHERE id = (SELECT id FROM service_records WHERE status = 'confirmed' AND minutes > 20 ORDER BY random() LIMIT 1)`,
  );
  if (r.chance(0.3)) {
    await ctx.db.query(
      `UPDATE service_records SET area_code = $1
        WHERE id IN (SELECT id FROM service_records WHERE project_title = '统计测试服务' ORDER BY random() LIMIT 2)`,
      [r.pick(places).community],
    );
  }
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** Every figure of a dashboard against its drill-down list; returns the mismatches. */
async function mismatches(d: Dashboard): Promise<string[]> {
  const out: string[] = [];
  const cache = new Map<string, Record<string, unknown>[]>();
  const list = async (f: Pick<Figure, 'drillDown'>) => {
    const key = JSON.stringify(f.drillDown);
    if (!cache.has(key)) {
      cache.set(key, await listAll(admin.client, f.drillDown!));
    }
    return cache.get(key)!;
  };
  const expectEqual = (what: string, figure: number | null | undefined, listed: number) => {
    if ((figure ?? 0) !== listed) {
      out.push(`${d.area.code} ${what}: dashboard ${figure} ≠ list ${listed}`);
    }
  };
  for (const f of d.figures) {
    if (!f.drillDown) {
      continue;
    }
    const items = await list(f);
    if (f.key === 'activities.participants') {
      expectEqual(f.key, f.value, sum(items.map((i) => (i.actualParticipants as number | null) ?? 0)));
    } else if (f.key === 'service.confirmedHours') {
      expectEqual(f.key, f.numerator, sum(items.map((i) => (i.minutes as number | null) ?? 0)));
    } else if (f.key.startsWith('volunteers.star.')) {
      const star = Number(f.key.slice(-1));
      expectEqual(f.key, f.value, items.filter((i) => (i.star as { level: number }).level === star).length);
    } else if (f.key === 'townships.withHubShare') {
      expectEqual(f.key, f.numerator, new Set(items.map((i) => (i.areaCode as string).slice(0, 9))).size);
    } else if (f.unit === 'percent' || f.unit === 'average') {
      expectEqual(f.key, f.numerator, items.length);
    } else {
      expectEqual(f.key, f.value, items.length);
    }
  }
  // the denominators, from the area tree itself
  const units = await ctx.db.query<{ townships: number; urban: number; rural: number }>(
    `SELECT count(*) FILTER (WHERE level = 4)::int AS townships, count(*) FILTER (WHERE level = 5 AND kind = 'urban')::int AS urban,
            count(*) FILTER (WHERE level = 5 AND kind = 'rural')::int AS rural
       FROM areas WHERE code LIKE $1 || '%' AND level >= 4`,
    [d.area.code.slice(0, prefixLengthByLevel[d.area.level])],
  );
  const u = units.rows[0]!;
  const byKey = new Map(d.figures.map((f) => [f.key, f]));
  expectEqual('townships', byKey.get('townships.withHubShare')!.denominator, u.townships);
  expectEqual('urban communities', byKey.get('orgs.perUrbanCommunity')!.denominator, u.urban);
  expectEqual('rural communities', byKey.get('orgs.perRuralCommunity')!.denominator, u.rural);
  return out;
}

/** A child's figure in its parent's breakdown equals the child's own dashboard figure. */
function childMismatches(parent: Dashboard, child: Dashboard): string[] {
  const out: string[] = [];
  for (const f of parent.figures) {
    const own = child.figures.find((c) => c.key === f.key);
    const inParent = f.children.find((c) => c.code === child.area.code);
    if (own && inParent && (inParent.value ?? null) !== (own.value ?? null)) {
      out.push(`${parent.area.code} → ${child.area.code} ${f.key}: breakdown ${inParent.value} ≠ own ${own.value}`);
    }
  }
  return out;
}

async function checkAll(): Promise<string[]> {
  const boards = new Map<string, Dashboard>();
  for (const code of checked) {
    boards.set(code, await dashboardOf(admin.client, code));
  }
  const out: string[] = [];
  for (const d of boards.values()) {
    out.push(...(await mismatches(d)));
    for (const other of boards.values()) {
      if (d.children.some((c) => c.code === other.area.code)) {
        out.push(...childMismatches(d, other));
      }
    }
  }
  const differences = await ctx.db.query('SELECT rollup, key FROM statistics_verify()');
  out.push(...differences.rows.map((row) => `statistics_verify: ${row.rollup} ${row.key}`));
  return out;
}

describe('rollups stay exact under random writes', () => {
  it(`every figure equals its drill-down list after each batch (seed ${SEED})`, async () => {
    const r = prng(SEED);
    const steps = [
      createOrg,
      createOrg,
      createOrg,
      changeStatus,
      changeStatus,
      changeStatus,
      upgrade,
      recognize,
      recognize,
      moveAreas,
      deleteOrg,
    ];
    for (let batch = 0; batch < 6; batch++) {
      for (let i = 0; i < 12; i++) {
        await r.pick(steps)(r);
      }
      await churnActivities(r);
      await churnVolunteers(r);
      expect(await checkAll(), `batch ${batch}`).toEqual([]);
    }
    // the run reached what it is meant to check
    const seen = await ctx.db.query<{ statuses: string[]; tiers: string[]; hubs: number; township: number }>(
      `SELECT array_agg(DISTINCT status) AS statuses, array_agg(DISTINCT tier) AS tiers,
              count(*) FILTER (WHERE hub_kind <> 'none' AND status = 'active')::int AS hubs,
              count(*) FILTER (WHERE area_code LIKE '%000')::int AS township
         FROM organizations`,
    );
    expect(seen.rows[0]!.statuses.length).toBeGreaterThanOrEqual(4);
    expect(seen.rows[0]!.tiers.sort()).toEqual(['filed', 'guided', 'registered']);
    expect(seen.rows[0]!.hubs).toBeGreaterThan(0);
    const recognized = await ctx.db.query<{ live: number; revoked: number }>(
      `SELECT count(*) FILTER (WHERE revoked_at IS NULL)::int AS live, count(*) FILTER (WHERE revoked_at IS NOT NULL)::int AS revoked
         FROM org_recognitions`,
    );
    expect(recognized.rows[0]!.live).toBeGreaterThan(0);
    expect(recognized.rows[0]!.revoked).toBeGreaterThan(0);
    const dashboard = await dashboardOf(admin.client, '440100000000');
    expect(dashboard.figures.find((f) => f.key === 'orgs.established')!.value).toBeGreaterThan(5);
    expect(dashboard.figures.find((f) => f.key === 'service.confirmedRecords')!.value).toBeGreaterThan(0);
  }, 600_000);

  it('the check notices a rollup that drifted from its rows', async () => {
    expect(await checkAll()).toEqual([]);
    await ctx.db.query(`UPDATE stat_orgs SET tier_guided = tier_guided + 1 WHERE area_code = '440104003104'`);
    const found = await checkAll();
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^440104000000 orgs\.tier\.guided: dashboard \d+ ≠ list \d+$/),
        expect.stringMatching(/^statistics_verify: stat_orgs /),
      ]),
    );
    await ctx.db.query('SELECT statistics_rebuild()');
    expect(await checkAll()).toEqual([]);
  }, 120_000);

  it('a bulk statement of many rows costs one aggregated upsert per rollup table', async () => {
    const before = await dashboardOf(admin.client, '440104003000');
    const guided = before.figures.find((f) => f.key === 'orgs.tier.guided')!.value ?? 0;
    // 2,000 organizations in one INSERT … SELECT (an import): the triggers see them as one set
    await ctx.db.query(
      `INSERT INTO organizations (name, name_key, tier, category, area_code, founded_on, member_count, status)
       SELECT '批量' || i, '批量' || i, 'guided', 'charity', CASE WHEN i % 2 = 0 THEN '440104003104' ELSE '440104003107' END,
              date '2020-01-01', 5, 'active' FROM generate_series(1, 2000) i`,
    );
    const after = await dashboardOf(admin.client, '440104003000');
    expect(after.figures.find((f) => f.key === 'orgs.tier.guided')!.value).toBe(guided + 2000);
    expect((await ctx.db.query('SELECT count(*)::int AS n FROM statistics_verify()')).rows[0].n).toBe(0);
  }, 120_000);
});
