/**
 * A national data set for bench/national.bench.ts (issue 6 item 5): at BENCH_SCALE = 1,
 * 2,000,000 organizations (with their leaders), 5,000,000 activities, 1,000,000 volunteers and
 * 20,000,000 service records on the real area tree, cities denser than villages.
 *
 * - organizations and leaders: `loadRegistry` of registry-data.ts (population × urban/rural ×
 *   capital-city weights, COPY FREEZE);
 * - activities: INSERT … SELECT in SQL, each organization's count drawn from a log-normal weight
 *   (active organizations hold nearly all), allocated systematically so the total is exact; field
 *   from the organization's category, a campaign on 45 %, kinds and statuses in a plausible mix,
 *   start times over the last 3 years (a few in the coming month);
 * - volunteers: generated here and COPYed (their ID number and mobile encrypted with the app's
 *   cipher, as the registry does for leaders' mobiles; unique ID numbers by construction), home
 *   communities placed with the registry's weights;
 * - volunteer projects (2 % of the organizations, each on one weekday at one hour) and their
 *   weekly shifts over the 156 weeks, in SQL;
 * - service records, in SQL from a per-volunteer plan made here: a volunteer serves up to three
 *   projects near home, each on its own weekday, at most once a week per project — so a
 *   volunteer's records fall on distinct days and can never overlap (the exclusion constraint
 *   `service_records_no_overlap`) and never repeat a shift (`service_records_one_per_shift`).
 *   Mostly confirmed; the last two weeks partly pending, a volunteer's latest record sometimes
 *   still open;
 * - `volunteers.confirmed_minutes` and `star_level` from the confirmed records (default
 *   thresholds 100/300/600/1000/1500 hours, no approval step).
 *
 * Everything is loaded with triggers off (`session_replication_role = replica`); the plain indexes
 * of the loaded tables are dropped and rebuilt from their own definitions, and the exclusion
 * constraint is dropped and added back after the load (it then checks every row at once, which is
 * much faster than maintaining a GiST index row by row). Then `statistics_rebuild()` when the
 * schema has it, and VACUUM (ANALYZE).
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { volunteerSkills } from '../contract/src/volunteers';
import type { Db } from '../server/src/platform/db';
import type { PersonalDataCipher } from '../server/src/platform/personal-data';
import { loadAreas, loadRegistry, mobileFor, personName, placeOrganizations, seededRandom } from './registry-data';

/** The sizes at scale 1. */
export const FULL_SIZES = {
  organizations: 2_000_000,
  activities: 5_000_000,
  volunteers: 1_000_000,
  serviceRecords: 20_000_000,
} as const;

export type NationalSizes = Record<keyof typeof FULL_SIZES, number> & { projects: number };

export function sizesAt(scale: number): NationalSizes {
  const at = (n: number) => Math.max(1, Math.round(n * scale));
  const organizations = at(FULL_SIZES.organizations);
  return {
    organizations,
    activities: at(FULL_SIZES.activities),
    volunteers: at(FULL_SIZES.volunteers),
    serviceRecords: at(FULL_SIZES.serviceRecords),
    // long-running projects (每周六上午助老服务): a few records per weekly shift
    projects: Math.max(70, Math.round(organizations * 0.02)),
  };
}

/** Weeks of service history (3 years). */
export const WEEKS = 156;
/** A volunteer serves at most this many projects, each on its own weekday. */
const MAX_SLOTS = 3;
const MAX_RECORDS_PER_VOLUNTEER = WEEKS * MAX_SLOTS;
/** Weekday weights, Monday first: weekends are the busy days. */
const WEEKDAY_WEIGHTS = [1, 1, 1, 1, 1.2, 3, 3];
/** Share of registered volunteers who never served. */
const IDLE_SHARE = 0.2;

export type NationalLoad = {
  scale: number;
  seed: number;
  sizes: NationalSizes;
  counts: Record<string, number>;
  /** [step, seconds] in order */
  steps: [string, number][];
  totalSeconds: number;
  /** [table, heap bytes, index bytes] */
  tableBytes: [string, number, number][];
  statisticsRebuilt: boolean;
};

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';
const BIRTH_DAYS = 18_250; // 50 years of birth dates, 1956-01-01 on
const BIRTH_BASE = Date.UTC(1956, 0, 1);
/** Coprime with BIRTH_DAYS × 1000, so `index × ID_SCRAMBLE mod (BIRTH_DAYS × 1000)` is a bijection. */
const ID_SCRAMBLE = 7_919;

/**
 * A valid 居民身份证号码 (GB 11643-1999 check character) for each index below 18,250,000, unique
 * whatever the county: the index picks (birth date, sequence) one-to-one.
 */
export function idNumberFor(index: number, county: string): string {
  const n = (index * ID_SCRAMBLE) % (BIRTH_DAYS * 1000);
  const birth = new Date(BIRTH_BASE + (n % BIRTH_DAYS) * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
  const body = `${county.slice(0, 6)}${birth}${String(Math.floor(n / BIRTH_DAYS)).padStart(3, '0')}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += Number(body[i]) * ID_WEIGHTS[i]!;
  }
  return body + ID_CHECK[sum % 11]!;
}

type Rng = () => number;

function weightedIndex(rng: Rng, weights: readonly number[], exclude: readonly number[]): number {
  const total = weights.reduce((s, w, i) => s + (exclude.includes(i) ? 0 : w), 0);
  let r = rng() * total;
  for (let i = 0; i < weights.length; i++) {
    if (exclude.includes(i)) {
      continue;
    }
    r -= weights[i]!;
    if (r < 0) {
      return i;
    }
  }
  return weights.findLastIndex((_, i) => !exclude.includes(i));
}

const normal = (rng: Rng) => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());

/**
 * Records per volunteer: none for IDLE_SHARE of them, otherwise a log-normal weight (σ 1.1: most
 * serve a handful of times, a few every week), allocated systematically so the sum is exactly
 * `total`, each capped at MAX_RECORDS_PER_VOLUNTEER (the overflow goes to others below the cap).
 */
export function recordsPerVolunteer(volunteers: number, total: number, rng: Rng): Uint16Array {
  if (total > volunteers * MAX_RECORDS_PER_VOLUNTEER) {
    throw new Error(`${total} records cannot fit ${volunteers} volunteers`);
  }
  const weights = new Float64Array(volunteers);
  for (let i = 0; i < volunteers; i++) {
    weights[i] = rng() < IDLE_SHARE ? 0 : Math.exp(1.1 * normal(rng));
  }
  const sum = weights.reduce((s, w) => s + w, 0);
  const counts = new Uint16Array(volunteers);
  let acc = 0;
  let placed = 0;
  for (let i = 0; i < volunteers; i++) {
    acc += weights[i]!;
    const upTo = Math.floor((acc / sum) * total + 1e-9);
    const n = Math.min(MAX_RECORDS_PER_VOLUNTEER, upTo - placed);
    counts[i] = n;
    placed += n;
  }
  for (let i = 0; placed < total; i = (i + 1) % volunteers) {
    if (weights[i]! > 0 && counts[i]! < MAX_RECORDS_PER_VOLUNTEER) {
      counts[i]!++;
      placed++;
    }
  }
  return counts;
}

function copyText(value: string): string {
  return value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}
const bytea = (b: Buffer) => `\\\\x${b.toString('hex')}`;
const AVAILABILITY = ['sat:morning', 'sat:afternoon', 'sun:morning', 'sun:afternoon', 'wed:evening', 'fri:evening'];

/** The tables this loader writes, in load order (for sizes and VACUUM). */
export const NATIONAL_TABLES = [
  'organizations',
  'org_leaders',
  'activities',
  'volunteers',
  'volunteer_projects',
  'volunteer_shifts',
  'service_records',
] as const;

async function timed<T>(steps: [string, number][], label: string, progress: (m: string) => void, f: () => Promise<T>) {
  const t = performance.now();
  const result = await f();
  const seconds = (performance.now() - t) / 1000;
  steps.push([label, seconds]);
  progress(`  ${label}: ${seconds.toFixed(1)} s`);
  return result;
}

/** Drops the plain (non-constraint) indexes of `tables`; returns their definitions to rebuild them. */
async function dropPlainIndexes(client: PoolClient, tables: readonly string[]) {
  const { rows } = await client.query<{ name: string; def: string }>(
    `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS def
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
      WHERE t.relname = ANY($1) AND t.relnamespace = 'public'::regnamespace
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`,
    [tables],
  );
  for (const index of rows) {
    await client.query(`DROP INDEX ${index.name}`);
  }
  return rows;
}

/**
 * Generates the national data set at `scale` into a migrated database holding the area tree,
 * replacing whatever organizations, activities and volunteer data it held.
 */
export async function loadNational(
  db: Db,
  opts: { scale: number; seed: number; cipher: PersonalDataCipher; progress: (message: string) => void },
): Promise<NationalLoad> {
  const started = performance.now();
  const sizes = sizesAt(opts.scale);
  const steps: [string, number][] = [];
  const { progress } = opts;

  // --- organizations and their leaders (TRUNCATE … CASCADE empties every table below too)
  progress(`organizations: ${sizes.organizations}`);
  const registry = await loadRegistry(db, {
    total: sizes.organizations,
    cipher: opts.cipher,
    seed: opts.seed,
    progress,
  });
  steps.push(['organizations + leaders (registry-data.ts: COPY FREEZE, indexes, VACUUM)', registry.seconds.total]);

  const client = await db.connect();
  try {
    await client.query(`SET maintenance_work_mem = '512MB'`);
    await client.query(`SET work_mem = '256MB'`);
    await client.query('SET session_replication_role = replica');
    await client.query(`SET TIME ZONE 'Asia/Shanghai'`);
    // UUIDv7 (PostgreSQL 18) keeps the primary keys' b-trees append-only during the load
    const { rows: v7 } = await client.query<{ ok: boolean }>(`SELECT to_regproc('uuidv7') IS NOT NULL AS ok`);
    const newId = v7[0]!.ok ? 'uuidv7()' : 'gen_random_uuid()';
    await client.query('SELECT setseed($1)', [((opts.seed % 1000) / 1000) * 2 - 1]);

    // one account stands for the organizations' staff who created and confirmed the rows
    const { rows: actors } = await client.query<{ id: string }>(
      `INSERT INTO users (name, mobile_enc, mobile_hash, password_hash, area_code, must_change_password, status)
       VALUES ('基准数据录入', $1, $2, '!', '000000000000', false, 'disabled')
       ON CONFLICT (mobile_hash) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
      [opts.cipher.encrypt('13800000000'), opts.cipher.lookupHash('13800000000')],
    );
    const actor = actors[0]!.id;

    await client.query('BEGIN');
    await client.query(
      'TRUNCATE activities, volunteers, volunteer_projects, volunteer_shifts, service_records CASCADE',
    );
    const dropped = await dropPlainIndexes(client, [
      'activities',
      'volunteers',
      'volunteer_projects',
      'volunteer_shifts',
      'service_records',
    ]);
    await client.query('ALTER TABLE service_records DROP CONSTRAINT service_records_no_overlap');
    await client.query('COMMIT');

    // --- activities
    await timed(steps, `activities: ${sizes.activities} (INSERT … SELECT)`, progress, () =>
      client.query(
        `WITH weighted AS (
           SELECT o.id, o.area_code, o.category, o.name,
                  CASE o.status WHEN 'active' THEN 1 WHEN 'abnormal' THEN 0.3 WHEN 'suspended' THEN 0.2
                                WHEN 'dissolved' THEN 0.15 ELSE 0 END * exp(0.8 * random_normal()) AS w
             FROM organizations o
         ), cumulative AS (
           SELECT *, sum(w) OVER (ORDER BY id ROWS UNBOUNDED PRECEDING) AS upto, sum(w) OVER () AS total FROM weighted
         ), counted AS (
           -- systematic allocation: the differences telescope to exactly $1
           SELECT id, area_code, category, name,
                  floor(upto / total * $1 + 1e-9)::int
                  - floor(coalesce(lag(upto) OVER (ORDER BY id), 0) / total * $1 + 1e-9)::int AS n
             FROM cumulative
         ), drawn AS (
           SELECT c.*, k, random() AS r1, random() AS r2, random() AS r3, random() AS r4,
                  now() - interval '3 years' * random() ^ 0.8 AS past_start, random() < 0.03 AS is_future
             FROM counted c CROSS JOIN LATERAL generate_series(1, c.n) k
            WHERE c.n > 0
         ), shaped AS (
           SELECT d.*,
                  CASE WHEN is_future THEN now() + interval '30 days' * r4 ELSE past_start END AS starts_at,
                  CASE category
                    WHEN 'cultureSports' THEN CASE WHEN r1 < 0.7 THEN 'cultureSports' WHEN r1 < 0.85 THEN 'customs'
                                                   WHEN r1 < 0.95 THEN 'theory' ELSE 'services' END
                    WHEN 'charity' THEN CASE WHEN r1 < 0.7 THEN 'services' WHEN r1 < 0.85 THEN 'customs'
                                             WHEN r1 < 0.95 THEN 'theory' ELSE 'mediation' END
                    WHEN 'livingServices' THEN CASE WHEN r1 < 0.8 THEN 'services' WHEN r1 < 0.9 THEN 'customs'
                                                    ELSE 'cultureSports' END
                    ELSE CASE WHEN r1 < 0.4 THEN 'mediation' WHEN r1 < 0.65 THEN 'theory'
                              WHEN r1 < 0.85 THEN 'customs' ELSE 'services' END
                  END AS field,
                  CASE WHEN r2 < 0.55 THEN NULL WHEN r2 < 0.67 THEN 'neighborWatch' WHEN r2 < 0.76 THEN 'letsTalk'
                       WHEN r2 < 0.86 THEN 'safeCommunity' WHEN r2 < 0.95 THEN 'civicCulture'
                       ELSE 'ruralRevitalization' END AS campaign,
                  CASE WHEN r3 < 0.82 THEN 'ordinary' WHEN r3 < 0.86 THEN 'festival' WHEN r3 < 0.9 THEN 'performance'
                       WHEN r3 < 0.93 THEN 'competition' WHEN r3 < 0.96 THEN 'gathering' WHEN r3 < 0.98 THEN 'seminar'
                       WHEN r3 < 0.99 THEN 'exhibition' ELSE 'award' END AS kind
             FROM drawn d
         )
         INSERT INTO activities (id, org_id, area_code, title, content, field, campaign, kind, starts_at, ends_at,
                                 address, expected_participants, path_steps, status, status_reason, submitted_at,
                                 published_at, actual_participants, beneficiaries, summary, created_by, created_at,
                                 updated_at)
         SELECT ${newId}, id, area_code,
                left(name, 60) || CASE field WHEN 'theory' THEN '理论宣讲' WHEN 'customs' THEN '移风易俗'
                  WHEN 'cultureSports' THEN '文体展演' WHEN 'services' THEN '志愿服务' ELSE '邻里调解' END || '第' || k || '期',
                '组织居民参与' || CASE field WHEN 'theory' THEN '学习宣讲' WHEN 'customs' THEN '文明新风倡导'
                  WHEN 'cultureSports' THEN '文体活动' WHEN 'services' THEN '便民志愿服务' ELSE '矛盾纠纷调解' END,
                field, campaign, kind, starts_at, starts_at + interval '1 hour' * (1 + floor(r4 * 4)),
                '社区党群服务中心', 10 + floor(r1 * 190)::int,
                CASE WHEN kind = 'ordinary' THEN '{}'::text[] WHEN kind IN ('seminar', 'exhibition', 'award')
                     THEN '{approval,report}' ELSE '{report}' END,
                status, CASE status WHEN 'rejected' THEN '方案需完善' WHEN 'cancelled' THEN '天气原因取消' END,
                CASE WHEN status <> 'draft' THEN starts_at - interval '10 days' END,
                CASE WHEN status IN ('published', 'completed') THEN starts_at - interval '7 days' END,
                CASE WHEN status = 'completed' THEN 5 + floor(r2 * 200)::int END,
                CASE WHEN status = 'completed' THEN 5 + floor(r3 * 300)::int END,
                CASE WHEN status = 'completed' THEN '活动顺利开展，居民反响良好' END,
                $2, starts_at - interval '14 days', starts_at
           FROM (SELECT s.*,
                        CASE WHEN is_future THEN
                               CASE WHEN r3 < 0.5 THEN 'published' WHEN r3 < 0.75 THEN 'ready'
                                    WHEN r3 < 0.85 THEN 'awaitingAcknowledgement' WHEN r3 < 0.92 THEN 'awaitingApproval'
                                    ELSE 'draft' END
                             ELSE CASE WHEN r4 < 0.86 THEN 'completed' WHEN r4 < 0.93 THEN 'published'
                                       WHEN r4 < 0.97 THEN 'cancelled' WHEN r4 < 0.985 THEN 'rejected'
                                       ELSE 'draft' END
                        END AS status
                   FROM shaped s) a`,
        [sizes.activities, actor],
      ),
    );

    // --- volunteers (COPY) and their service plan (an unlogged staging table)
    const areas = (await loadAreas(db)).filter((a) => a.level === 5);
    const rng = seededRandom(opts.seed + 7);
    const homes = placeOrganizations(areas, sizes.volunteers, rng);
    const order = new Int32Array(sizes.volunteers);
    let filled = 0;
    homes.forEach((n, i) => {
      for (let j = 0; j < n; j++) {
        order[filled++] = i;
      }
    });
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      const t = order[i]!;
      order[i] = order[j]!;
      order[j] = t;
    }
    const perVolunteer = recordsPerVolunteer(sizes.volunteers, sizes.serviceRecords, rng);
    await client.query(`DROP TABLE IF EXISTS bench_volunteer_plan`);
    await client.query(
      `CREATE UNLOGGED TABLE bench_volunteer_plan (volunteer_id uuid, area_code char(12), slot smallint,
         slots smallint, weekday smallint, records smallint, week_offset smallint, pick double precision)`,
    );
    await timed(steps, `volunteers: ${sizes.volunteers} (encrypt + COPY) and their plans`, progress, async () => {
      await client.query('BEGIN');
      const plan: string[] = [];
      const volunteerCopy = client.query(
        copyFrom(
          `COPY volunteers (id, name, id_number_enc, id_number_hash, mobile_enc, mobile_hash, area_code, skills,
             availability, status, created_at, updated_at) FROM STDIN`,
        ),
      );
      async function* lines() {
        let chunk = '';
        for (let i = 0; i < sizes.volunteers; i++) {
          const area = areas[order[i]!]!;
          const id = randomUUID();
          const idNumber = idNumberFor(i, area.code);
          const mobile = mobileFor(10_000_000 + i);
          const skills = new Set<string>();
          for (let s = Math.floor(rng() * 3); s > 0; s--) {
            skills.add(volunteerSkills[Math.floor(rng() * volunteerSkills.length)]!);
          }
          const availability = AVAILABILITY.filter(() => rng() < 0.3);
          const registered = new Date(Date.now() - (WEEKS * 7 + 30 + Math.floor(rng() * 1500)) * 86_400_000);
          const stamp = registered.toISOString();
          chunk += `${id}\t${copyText(personName(rng))}\t${bytea(opts.cipher.encrypt(idNumber))}\t${bytea(opts.cipher.lookupHash(idNumber))}\t${bytea(opts.cipher.encrypt(mobile))}\t${bytea(opts.cipher.lookupHash(mobile))}\t${area.code}\t{${[...skills].join(',')}}\t{${availability.join(',')}}\t${rng() < 0.05 ? 'inactive' : 'active'}\t${stamp}\t${stamp}\n`;
          const n = perVolunteer[i]!;
          if (n > 0) {
            // slots: enough for the records, else 1–3 at random; weekdays distinct, weekends likelier
            const slots = Math.max(Math.ceil(n / WEEKS), Math.min(n, 1 + Math.floor(rng() ** 2 * MAX_SLOTS)));
            const weekdays: number[] = [];
            for (let s = 0; s < slots; s++) {
              weekdays.push(weightedIndex(rng, WEEKDAY_WEIGHTS, weekdays));
              // records of slot s: k ≡ s (mod slots), k < n
              const records = Math.floor((n - 1 - s) / slots) + 1;
              const offset = Math.floor(rng() * Math.floor(WEEKS / records));
              plan.push(`${id}\t${area.code}\t${s}\t${slots}\t${weekdays[s]}\t${records}\t${offset}\t${rng()}\n`);
            }
          }
          if ((i + 1) % 5000 === 0) {
            yield chunk;
            chunk = '';
            if ((i + 1) % 200_000 === 0) {
              progress(`    volunteers: ${i + 1} / ${sizes.volunteers}`);
            }
          }
        }
        yield chunk;
      }
      await pipeline(Readable.from(lines()), volunteerCopy);
      const planCopy = client.query(
        copyFrom(
          `COPY bench_volunteer_plan (volunteer_id, area_code, slot, slots, weekday, records, week_offset, pick) FROM STDIN`,
        ),
      );
      async function* planLines() {
        for (let i = 0; i < plan.length; i += 5000) {
          yield plan.slice(i, i + 5000).join('');
        }
      }
      await pipeline(Readable.from(planLines()), planCopy);
      await client.query('COMMIT');
    });

    // --- projects: 2 % of the active organizations, one of six kinds of regular service
    await timed(steps, `volunteer projects: ${sizes.projects}`, progress, () =>
      client.query(
        `INSERT INTO volunteer_projects (id, org_id, area_code, title, description, service_content, field, address,
                                         status, published_at, closed_at, created_by, created_at, updated_at)
         SELECT ${newId}, o.id, o.area_code, left(o.name, 60) || t.title[o.k], '每周定时开展的' || t.title[o.k],
                t.content[o.k], t.field[o.k], '社区党群服务中心', CASE WHEN o.r < 0.9 THEN 'published' ELSE 'closed' END,
                now() - interval '3 years 1 month', CASE WHEN o.r >= 0.9 THEN now() - interval '1 day' END,
                $2, now() - interval '3 years 2 months', now() - interval '1 day'
           FROM (SELECT o.id, o.area_code, o.name, random() AS r, 1 + floor(random() * 6)::int AS k
                   FROM organizations o WHERE o.status = 'active' ORDER BY random() LIMIT $1) o,
                (SELECT ARRAY['services', 'services', 'customs', 'mediation', 'cultureSports', 'theory'] AS field,
                        ARRAY['独居长者探访', '四点半课堂', '垃圾分类督导', '调解室值班', '文体活动服务',
                              '理论宣讲志愿服务'] AS title,
                        ARRAY['入户探访独居长者，陪伴聊天、测量血压', '为双职工家庭孩子辅导作业',
                              '在投放点引导居民分类投放', '在调解室值班，协助化解邻里纠纷', '赛事引导、秩序维护和后勤保障',
                              '协助宣讲员布置场地、组织居民听讲'] AS content) t`,
        [sizes.projects, actor],
      ),
    );

    // each project's weekday (round robin, so every weekday has projects), hour and length,
    // numbered per (county, weekday), (province, weekday) and weekday for the volunteers' picks
    await client.query('DROP TABLE IF EXISTS bench_project_slot');
    await client.query(
      `CREATE UNLOGGED TABLE bench_project_slot AS
       SELECT p.*,
              row_number() OVER (PARTITION BY county, weekday ORDER BY id) - 1 AS in_county,
              row_number() OVER (PARTITION BY province, weekday ORDER BY id) - 1 AS in_province,
              row_number() OVER (PARTITION BY weekday ORDER BY id) - 1 AS in_country
         FROM (SELECT id, org_id, area_code, left(area_code, 6) AS county, left(area_code, 2) AS province, title,
                      service_content, address, ((row_number() OVER (ORDER BY id)) % 7)::int AS weekday,
                      7 + floor(random() * 12)::int AS hour, 60 * (1 + floor(random() * 4)::int) AS minutes
                 FROM volunteer_projects) p`,
    );
    await client.query('ANALYZE bench_project_slot');

    // week 0 starts on the Monday 156 weeks before this week's
    const weekZero = `(date_trunc('week', now()) - interval '${WEEKS} weeks')::date`;

    // --- shifts: every project, every week of the history
    await timed(steps, `volunteer shifts (every project × ${WEEKS} weeks)`, progress, () =>
      client.query(
        `INSERT INTO volunteer_shifts (id, project_id, date, starts_at, ends_at, checkin_secret)
         SELECT md5(s.id::text || ':' || w)::uuid, s.id, d, d + make_interval(hours => s.hour),
                d + make_interval(hours => s.hour, mins => s.minutes), uuid_send(gen_random_uuid())
           FROM bench_project_slot s
           CROSS JOIN LATERAL generate_series(0, ${WEEKS - 1}) w
           CROSS JOIN LATERAL (SELECT (${weekZero} + w * 7 + s.weekday) AS d) day`,
      ),
    );

    // --- the plan's projects: on the slot's weekday, in the home county, else the province, else anywhere
    await timed(steps, 'pick each volunteer slot’s project', progress, async () => {
      await client.query('DROP TABLE IF EXISTS bench_slot_project');
      await client.query(
        `CREATE UNLOGGED TABLE bench_slot_project AS
         WITH cc AS (SELECT county, weekday, count(*) AS n FROM bench_project_slot GROUP BY 1, 2),
              pc AS (SELECT province, weekday, count(*) AS n FROM bench_project_slot GROUP BY 1, 2),
              wc AS (SELECT weekday, count(*) AS n FROM bench_project_slot GROUP BY 1)
         SELECT v.volunteer_id, v.slot, v.slots, v.weekday, v.records, v.week_offset,
                coalesce(bc.id, bp.id, bw.id) AS project_id
           FROM bench_volunteer_plan v
           LEFT JOIN cc ON cc.county = left(v.area_code, 6) AND cc.weekday = v.weekday
           LEFT JOIN pc ON pc.province = left(v.area_code, 2) AND pc.weekday = v.weekday
           JOIN wc ON wc.weekday = v.weekday
           LEFT JOIN bench_project_slot bc
             ON bc.county = left(v.area_code, 6) AND bc.weekday = v.weekday AND bc.in_county = floor(v.pick * cc.n)
           LEFT JOIN bench_project_slot bp
             ON cc.n IS NULL AND bp.province = left(v.area_code, 2) AND bp.weekday = v.weekday
            AND bp.in_province = floor(v.pick * pc.n)
           LEFT JOIN bench_project_slot bw
             ON cc.n IS NULL AND pc.n IS NULL AND bw.weekday = v.weekday AND bw.in_country = floor(v.pick * wc.n)`,
      );
      const { rows } = await client.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM bench_slot_project WHERE project_id IS NULL',
      );
      if (rows[0]!.n > 0) {
        throw new Error(`${rows[0]!.n} volunteer slots found no project`);
      }
    });

    // --- service records: slot s's i-th record in week floor(i × 156 / records) + offset
    await timed(steps, `service records: ${sizes.serviceRecords} (INSERT … SELECT)`, progress, () =>
      client.query(
        `WITH planned AS (
           SELECT sp.volunteer_id, b.id AS project_id, b.org_id, b.area_code, b.title, b.service_content, b.address,
                  b.hour, b.minutes, w, (${weekZero} + w * 7 + b.weekday) AS day,
                  -- the volunteer's last record, when they serve one project only (open now and then:
                  -- an open record's span runs to infinity, so it must be the last)
                  sp.slots = 1 AND i = sp.records - 1 AS is_last,
                  random() AS r1, random() AS r2, random() AS r3
             FROM bench_slot_project sp
             JOIN bench_project_slot b ON b.id = sp.project_id
             CROSS JOIN LATERAL generate_series(0, sp.records - 1) i
             CROSS JOIN LATERAL (SELECT (floor(i * ${WEEKS}.0 / sp.records) + sp.week_offset)::int AS w) wk
         ), timed AS (
           SELECT p.*, day + make_interval(hours => hour, mins => floor(r1 * 10)::int) AS started_at,
                  day + make_interval(hours => hour, mins => minutes - floor(r2 * 10)::int) AS ended_at,
                  CASE WHEN r3 < 0.85 THEN 'checkIn' WHEN r3 < 0.97 THEN 'organizer' ELSE 'backfill' END AS source,
                  CASE WHEN is_last AND day >= current_date - 7 AND r3 < 0.4 THEN 'open'
                       WHEN day >= current_date - 14 AND r1 < 0.5 THEN 'pending'
                       WHEN r2 < 0.004 THEN 'pending'
                       ELSE 'confirmed' END AS status
             FROM planned p
         )
         INSERT INTO service_records (id, volunteer_id, org_id, project_id, project_title, shift_id, area_code, address,
                                      started_at, ended_at, minutes, content, source, status, created_by, created_at,
                                      confirmed_by, confirmed_by_name, confirmed_at, updated_at)
         SELECT ${newId}, volunteer_id, org_id, project_id, title,
                CASE WHEN source <> 'backfill' THEN md5(project_id::text || ':' || w)::uuid END,
                area_code, address, started_at,
                CASE WHEN status <> 'open' THEN ended_at END,
                CASE WHEN status <> 'open' THEN floor(extract(epoch FROM ended_at - started_at) / 60)::int END,
                service_content, source, status, $1, started_at,
                CASE WHEN status = 'confirmed' THEN $1::uuid END,
                CASE WHEN status = 'confirmed' THEN '项目负责人' END,
                CASE WHEN status = 'confirmed' THEN ended_at + interval '1 day' END,
                CASE WHEN status = 'confirmed' THEN ended_at + interval '1 day' ELSE started_at END
           FROM timed`,
        [actor],
      ),
    );

    // --- each volunteer's confirmed minutes and stars (default thresholds, no approval step)
    await timed(steps, 'volunteers: confirmed minutes and star levels', progress, () =>
      client.query(
        `UPDATE volunteers v SET confirmed_minutes = s.minutes,
                star_level = (s.minutes >= 6000)::int + (s.minutes >= 18000)::int + (s.minutes >= 36000)::int
                           + (s.minutes >= 60000)::int + (s.minutes >= 90000)::int
           FROM (SELECT volunteer_id, sum(minutes) AS minutes FROM service_records WHERE status = 'confirmed'
                  GROUP BY volunteer_id) s
          WHERE s.volunteer_id = v.id`,
      ),
    );
    await client.query('DROP TABLE bench_volunteer_plan, bench_slot_project, bench_project_slot');

    // --- indexes and the exclusion constraint back
    for (const index of dropped) {
      await timed(steps, `rebuild index \`${index.name}\``, progress, () => client.query(index.def));
    }
    await timed(steps, 'add back `service_records_no_overlap` (GiST exclusion, checks every row)', progress, () =>
      client.query(
        `ALTER TABLE service_records ADD CONSTRAINT service_records_no_overlap
           EXCLUDE USING gist (volunteer_id WITH =, during WITH &&)`,
      ),
    );
  } finally {
    // the session's settings (replica role, work_mem, time zone) must not reach the pool's other
    // users (the GROUP BY timings): the connection is closed, not returned
    client.release(true);
  }

  const statisticsRebuilt = await rebuildStatisticsIfAny(db, steps, progress);
  await timed(steps, 'VACUUM (ANALYZE) of the loaded tables', progress, async () => {
    for (const table of NATIONAL_TABLES.slice(2)) {
      await db.query(`VACUUM (ANALYZE) ${table}`);
    }
  });

  const counts: Record<string, number> = {};
  for (const table of NATIONAL_TABLES) {
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
    counts[table] = rows[0]!.n;
  }
  return {
    scale: opts.scale,
    seed: opts.seed,
    sizes,
    counts,
    steps,
    totalSeconds: (performance.now() - started) / 1000,
    tableBytes: await tableSizes(db),
    statisticsRebuilt,
  };
}

/** Runs `statistics_rebuild()` when the schema has it (the dashboard's rollups); false when it has not. */
export async function rebuildStatisticsIfAny(
  db: Db,
  steps: [string, number][],
  progress: (message: string) => void,
): Promise<boolean> {
  const { rows } = await db.query<{ ok: boolean }>(`SELECT to_regproc('statistics_rebuild') IS NOT NULL AS ok`);
  if (!rows[0]!.ok) {
    progress('  statistics_rebuild() does not exist (yet): no rollups to rebuild');
    return false;
  }
  await timed(steps, 'SELECT statistics_rebuild()', progress, () => db.query('SELECT statistics_rebuild()'));
  return true;
}

export async function tableSizes(db: Db): Promise<[string, number, number][]> {
  const { rows } = await db.query<{ t: string; heap: string; idx: string }>(
    `SELECT t, pg_table_size(t::regclass) AS heap, pg_indexes_size(t::regclass) AS idx FROM unnest($1::text[]) t`,
    [NATIONAL_TABLES],
  );
  return rows.map((r) => [r.t, Number(r.heap), Number(r.idx)]);
}
