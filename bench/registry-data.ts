/**
 * Synthetic national registry for bench/registry.bench.ts: organizations spread over the real area
 * tree with realistic skew, Chinese names from a few hundred theme × suffix × place combinations,
 * one leader each (mobile encrypted with the app's cipher), loaded with COPY.
 *
 * Everything is drawn from a seeded generator, so two runs with the same row count produce the
 * same registry (apart from the random UUIDs and the ciphertexts' IVs).
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { CREDIT_CODE_ALPHABET, creditCodeCheckChar } from '../contract/src/credit-code';
import { nameBigrams, normalizeOrgName } from '../contract/src/org-name';
import type { HubKind, OrgCategory, OrgTier, PartyOrgForm, ServiceTarget } from '../contract/src/organizations';
import type { Db } from '../server/src/platform/db';
import type { PersonalDataCipher } from '../server/src/platform/personal-data';

// ---------------------------------------------------------------------------------------------
// Seeded randomness

/** mulberry32: small, fast, good enough for test data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;

const pickFrom = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;

/** Picks a key of `weights` with probability proportional to its weight. */
function weighted<K extends string>(rng: Rng, weights: readonly (readonly [K, number])[]): K {
  const total = weights.reduce((s, [, w]) => s + w, 0);
  let r = rng() * total;
  for (const [k, w] of weights) {
    r -= w;
    if (r < 0) {
      return k;
    }
  }
  return weights.at(-1)![0];
}

/** Standard normal by Box–Muller. */
function normal(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

type Theme = { word: string; category: OrgCategory; suffixes: readonly string[] };

const CULTURE_SUFFIXES = ['队', '协会', '俱乐部', '艺术团', '兴趣小组', '社', '团', '爱好者协会', '联谊会'];
const CHARITY_SUFFIXES = ['志愿服务队', '服务队', '协会', '互助会', '志愿者协会', '公益社', '爱心驿站', '服务站'];
const LIVING_SUFFIXES = ['服务社', '服务中心', '服务站', '服务队', '工作室', '驿站', '互助社'];
const AFFAIRS_SUFFIXES = ['委员会', '协会', '服务队', '志愿服务队', '小组', '工作室', '理事会', '议事会'];

const themesOf = (category: OrgCategory, words: string, suffixes: readonly string[]): Theme[] =>
  words.split(' ').map((word) => ({ word, category, suffixes }));

/** ~100 activity themes; with their suffixes, a few hundred theme × suffix combinations per category. */
export const THEMES: readonly Theme[] = [
  ...themesOf(
    'cultureSports',
    '舞蹈 广场舞 合唱 书画 摄影 太极拳 健身气功 乒乓球 篮球 羽毛球 门球 象棋 围棋 戏曲 京剧 越剧 黄梅戏 秦腔 ' +
      '腰鼓 秧歌 民乐 二胡 葫芦丝 诗词 读书 朗诵 模特 旗袍 健步走 登山 骑行 垂钓 柔力球 空竹 剪纸 手工编织 ' +
      '花卉 书法 文艺 锣鼓 舞龙舞狮 健身 瑜伽 足球',
    CULTURE_SUFFIXES,
  ),
  ...themesOf(
    'charity',
    '慈善 爱心 公益 助老 助残 助学 关爱留守儿童 扶贫济困 邻里互助 应急救援 红十字 义工 关爱空巢老人 爱心助学 助困',
    CHARITY_SUFFIXES,
  ),
  ...themesOf(
    'livingServices',
    '养老 居家养老 助餐 托育 家政 便民维修 健康 康复 心理咨询 老年助浴 社区食堂 理发 四点半课堂 便民 健康管理 ' +
      '陪诊 托管',
    LIVING_SUFFIXES,
  ),
  ...themesOf(
    'communityAffairs',
    '调解 人民调解 居民议事 平安巡逻 治安巡防 环保 垃圾分类 楼道长 物业监督 业主 消防 法律服务 禁毒宣传 ' +
      '反诈宣传 网格 文明实践 退役军人 老党员 乡贤 红白理事 老年人',
    AFFAIRS_SUFFIXES,
  ),
];

/** Share of each category among new names (文体 groups are the most numerous in practice). */
const CATEGORY_SHARE: readonly (readonly [OrgCategory, number])[] = [
  ['cultureSports', 40],
  ['charity', 20],
  ['livingServices', 20],
  ['communityAffairs', 20],
];
const THEMES_BY_CATEGORY = new Map<OrgCategory, Theme[]>(
  CATEGORY_SHARE.map(([c]) => [c, THEMES.filter((t) => t.category === c)]),
);

export const MODIFIERS = (
  '阳光 幸福 和谐 温馨 快乐 金色 银龄 红枫 绿叶 彩虹 向日葵 同心 连心 暖心 益心 春晖 夕阳红 晚霞 常青藤 百合 ' +
  '木棉 紫荆 蒲公英 萤火虫 微光 星火 红帆 凤鸣 蓝天 和美 乐龄 悦享 康乐 友邻 睦邻 红梅 青松 朝阳 春风 明月 ' +
  '清风 彩云 金秋 祥和 福寿 长青 东方红 映山红 满天星 四季青'
).split(' ');

const SURNAMES = (
  '王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 高 林 罗 郑 梁 谢 宋 唐 许 韩 冯 邓 曹 彭 曾 肖 田 董 袁 潘 ' +
  '于 蒋 蔡 余 杜 叶 程 苏 魏 吕 丁 任 沈 姚 卢 姜 崔 钟 谭 陆 汪 范 金 石 廖 贾 夏 韦 付 方 白 邹 孟 熊 秦 邱 江 尹 ' +
  '薛 闫 段 雷 侯 龙 史 陶 黎 贺 顾 毛 郝 龚 邵 万 钱 严 覃 武 戴 莫 孔 向 汤'
).split(' ');
const GIVEN = Array.from(
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂兰玉华建国志红梅凤琴云莲海燕春花德福荣淑珍小红丽萍晓东文斌晨阳宇浩',
);

const SERVICE_TARGET_WEIGHTS: readonly (readonly [ServiceTarget, number])[] = [
  ['elderly', 30],
  ['allResidents', 25],
  ['children', 14],
  ['youth', 8],
  ['women', 8],
  ['disabled', 5],
  ['familiesInDifficulty', 4],
  ['leftBehind', 3],
  ['migrantWorkers', 2],
  ['veterans', 2],
  ['unemployed', 1],
  ['atRiskYouth', 1],
  ['mentalDisorder', 0.5],
  ['communityCorrections', 0.5],
];

const VENUES = ['党群服务中心', '新时代文明实践站', '活动室', '文化广场', '老年活动中心', '综合服务站', '文化礼堂'];

/** 2020 census population (10,000s) by province code: the first driver of where organizations are. */
const PROVINCE_POPULATION: Record<string, number> = {
  '11': 2189,
  '12': 1387,
  '13': 7461,
  '14': 3492,
  '15': 2405,
  '21': 4259,
  '22': 2407,
  '23': 3185,
  '31': 2487,
  '32': 8475,
  '33': 6457,
  '34': 6103,
  '35': 4154,
  '36': 4519,
  '37': 10153,
  '41': 9937,
  '42': 5775,
  '43': 6644,
  '44': 12601,
  '45': 5013,
  '46': 1008,
  '50': 3205,
  '51': 8367,
  '52': 3856,
  '53': 4721,
  '54': 365,
  '61': 3953,
  '62': 2502,
  '63': 592,
  '64': 720,
  '65': 2585,
};
/** Within a province: urban communities hold several times the organizations of a village. */
const KIND_WEIGHT: Record<string, number> = { urban: 5, rural: 1, other: 1.5 };
/** Provincial capitals (city code xx01, and the four municipalities) and sub-provincial cities are denser still. */
const SUB_PROVINCIAL_CITIES = new Set(['2102', '3302', '3502', '3702', '4403']);
const cityBoost = (code: string) =>
  code.slice(2, 4) === '01' || ['11', '12', '31', '50'].includes(code.slice(0, 2))
    ? 2
    : SUB_PROVINCIAL_CITIES.has(code.slice(0, 4))
      ? 1.8
      : 1;
/** Share of organizations registered at a township (街道/乡镇) rather than at a community. */
const TOWNSHIP_LEVEL_SHARE = 0.08;

const TIER_SHARE: readonly (readonly [OrgTier, number])[] = [
  ['guided', 50],
  ['filed', 46.5],
  ['registered', 3.5],
];
const STATUS_SHARE = [
  ['active', 88.5],
  ['abnormal', 3],
  ['suspended', 1.5],
  ['dissolved', 4],
  ['pending', 2],
  ['notEstablished', 1],
] as const;
const PARTY_SHARE: readonly (readonly [PartyOrgForm, number])[] = [
  ['none', 60],
  ['joint', 20],
  ['instructor', 15],
  ['standalone', 5],
];

// ---------------------------------------------------------------------------------------------
// Areas and names

export type AreaRow = { code: string; level: number; name: string; kind: string | null; parent: string | null };

/** A place name as it appears in an organization's name: 东厂社区居委会 → 东厂社区, 新兴村委会 → 新兴村. */
export function placeStem(name: string): string {
  const stem = name.replace(/(居民委员会|村民委员会|居委会|村委会|委员会|办事处)$/, '');
  if (/(村委会|村民委员会)$/.test(name) && !stem.endsWith('村')) {
    return `${stem}村`;
  }
  if (/(居委会|居民委员会)$/.test(name) && !stem.endsWith('社区')) {
    return `${stem}社区`;
  }
  return stem || name;
}

const ORDINALS = Array.from('二三四五六七八九');

/**
 * Name generator, unique per township after normalization (the registry's rule). `taken` maps a
 * township (first nine digits of the code) to the normalized names it already holds.
 */
export class OrgNamer {
  constructor(
    private readonly rng: Rng,
    readonly taken = new Map<string, Set<string>>(),
  ) {}

  name(area: AreaRow): { name: string; category: OrgCategory; hubKind: HubKind } {
    const township = area.code.slice(0, 9);
    let used = this.taken.get(township);
    if (!used) {
      used = new Set();
      this.taken.set(township, used);
    }
    const stem = placeStem(area.name);
    const rng = this.rng;
    if (area.level === 4 && rng() < 0.05) {
      // a township's hub or federation of community organizations
      const hub = rng() < 0.5;
      const name = hub ? `${stem}社区社会组织服务中心` : `${stem}社区社会组织联合会`;
      const key = normalizeOrgName(name);
      if (!used.has(key)) {
        used.add(key);
        return { name, category: 'communityAffairs', hubKind: hub ? 'hub' : 'federation' };
      }
    }
    const category = weighted(rng, CATEGORY_SHARE);
    const theme = pickFrom(rng, THEMES_BY_CATEGORY.get(category)!);
    for (let attempt = 0; attempt < 12; attempt++) {
      const suffix = pickFrom(rng, theme.suffixes);
      const r = rng();
      const modifier = pickFrom(rng, MODIFIERS);
      const name =
        attempt >= 8
          ? `${stem}${modifier}${pickFrom(rng, ORDINALS)}${theme.word}${suffix}`
          : r < 0.55
            ? `${stem}${theme.word}${suffix}`
            : r < 0.8
              ? `${stem}${modifier}${theme.word}${suffix}`
              : `${modifier}${theme.word}${suffix}`;
      const key = normalizeOrgName(name);
      if (!used.has(key)) {
        used.add(key);
        return { name, category, hubKind: 'none' };
      }
    }
    // crowded township: number the group (第12舞蹈队) until the name is free
    for (let n = 2; ; n++) {
      const name = `${stem}第${n}${theme.word}${pickFrom(rng, theme.suffixes)}`;
      const key = normalizeOrgName(name);
      if (!used.has(key)) {
        used.add(key);
        return { name, category, hubKind: 'none' };
      }
    }
  }
}

/** A valid 民政 credit code (51/52/59 + the county's six digits + a 9-character body + check). */
export function creditCodeFor(areaCode: string, serial: number, rng: Rng): string {
  const type = weighted(rng, [
    ['1', 60],
    ['2', 38],
    ['9', 2],
  ] as const);
  let body = '';
  for (let n = serial, i = 0; i < 7; i++, n = Math.floor(n / 31)) {
    body = CREDIT_CODE_ALPHABET.charAt(n % 31) + body;
  }
  const first17 = `5${type}${areaCode.slice(0, 6)}MJ${body}`;
  return first17 + creditCodeCheckChar(first17);
}

/** A unique, valid mobile for each index below 10^9 (multiplication by a prime is a bijection mod 10^9). */
export function mobileFor(index: number): string {
  const tail = (index * 7919 + 12345) % 1_000_000_000;
  return `1${3 + (index % 7)}${String(tail).padStart(9, '0')}`;
}

export function personName(rng: Rng): string {
  return pickFrom(rng, SURNAMES) + pickFrom(rng, GIVEN) + (rng() < 0.6 ? pickFrom(rng, GIVEN) : '');
}

/** The fields of one generated organization (what a survey row or a registry row needs). */
export type GeneratedOrg = {
  name: string;
  category: OrgCategory;
  hubKind: HubKind;
  tier: OrgTier;
  areaCode: string;
  foundedOn: string;
  serviceTargets: ServiceTarget[];
  venue: string;
  memberCount: number;
  socialWorkerCount: number;
  certifiedSocialWorkerCount: number;
  partyOrg: PartyOrgForm;
  charterPartyClause: boolean;
  creditCode: string | null;
  status: (typeof STATUS_SHARE)[number][0];
  leaderName: string;
  leaderMobile: string;
};

const TODAY = new Date().toISOString().slice(0, 10);
const DAY_MS = 86_400_000;

/** Generates one organization in `area`; `serial` numbers credit codes and mobiles (unique per serial). */
export function generateOrg(rng: Rng, namer: OrgNamer, area: AreaRow, serial: number): GeneratedOrg {
  const { name, category, hubKind } = namer.name(area);
  const tier = hubKind === 'none' ? weighted(rng, TIER_SHARE) : 'registered';
  // founding dates lean recent: most community groups formed in the last decade
  const yearsAgo = 20 * rng() ** 1.8;
  const founded = new Date(Date.parse(TODAY) - Math.max(1, Math.floor(yearsAgo * 365.25)) * DAY_MS);
  const targets = new Set<ServiceTarget>();
  for (let i = Math.floor(rng() * 4); i > 0; i--) {
    targets.add(weighted(rng, SERVICE_TARGET_WEIGHTS));
  }
  const members = Math.max(3, Math.round(Math.exp(3 + 0.8 * normal(rng))));
  const workers = rng() < 0.75 ? 0 : 1 + Math.floor(rng() * 5);
  return {
    name,
    category,
    hubKind,
    tier,
    areaCode: area.code,
    foundedOn: founded.toISOString().slice(0, 10),
    serviceTargets: [...targets],
    venue: rng() < 0.2 ? '' : `${placeStem(area.name)}${pickFrom(rng, VENUES)}`,
    memberCount: Math.min(members, 100_000),
    socialWorkerCount: workers,
    certifiedSocialWorkerCount: Math.floor(workers * rng()),
    partyOrg: weighted(rng, PARTY_SHARE),
    charterPartyClause: rng() < 0.4,
    creditCode: tier === 'registered' ? creditCodeFor(area.code, serial, rng) : null,
    status: weighted(rng, STATUS_SHARE),
    leaderName: personName(rng),
    leaderMobile: mobileFor(serial),
  };
}

// ---------------------------------------------------------------------------------------------
// Placement: how many organizations each community and township gets

export async function loadAreas(db: Db): Promise<AreaRow[]> {
  const { rows } = await db.query<AreaRow>(
    `SELECT code, level, name, kind, parent_code AS parent FROM areas WHERE level IN (4, 5) ORDER BY level, code`,
  );
  return rows;
}

/**
 * Spreads `total` organizations over communities and townships: each province gets a share by
 * population; inside it, a community weighs by kind (urban 5, rural 1, other 1.5), by city
 * (capitals ×2, sub-provincial cities ×1.8) and by a log-normal factor (σ 0.6) for the
 * differences between neighbours; 8 % go to townships in proportion to their communities'
 * weight. Systematic sampling over the cumulative weights gives exactly `total`.
 */
export function placeOrganizations(areas: readonly AreaRow[], total: number, rng: Rng): Int32Array {
  const weights = new Float64Array(areas.length);
  const provinceWeight = new Map<string, number>();
  const townshipWeight = new Map<string, number>();
  const townshipIndex = new Map<string, number>();
  areas.forEach((a, i) => {
    if (a.level === 4) {
      townshipIndex.set(a.code, i);
    }
  });
  areas.forEach((a, i) => {
    if (a.level !== 5) {
      return;
    }
    const w = (KIND_WEIGHT[a.kind ?? 'other'] ?? 1) * cityBoost(a.code) * Math.exp(0.6 * normal(rng));
    weights[i] = w;
    const p = a.code.slice(0, 2);
    provinceWeight.set(p, (provinceWeight.get(p) ?? 0) + w);
    if (a.parent) {
      townshipWeight.set(a.parent, (townshipWeight.get(a.parent) ?? 0) + w);
    }
  });
  for (const [code, w] of townshipWeight) {
    const i = townshipIndex.get(code);
    if (i !== undefined) {
      weights[i] = (w * TOWNSHIP_LEVEL_SHARE) / (1 - TOWNSHIP_LEVEL_SHARE);
      const p = code.slice(0, 2);
      provinceWeight.set(p, (provinceWeight.get(p) ?? 0) + weights[i]!);
    }
  }
  // rescale so each province's total follows its population
  const population = Object.values(PROVINCE_POPULATION).reduce((a, b) => a + b, 0);
  areas.forEach((a, i) => {
    const p = a.code.slice(0, 2);
    weights[i] = (weights[i]! * (PROVINCE_POPULATION[p] ?? 0)) / population / (provinceWeight.get(p) ?? 1);
  });
  const sum = weights.reduce((s, w) => s + w, 0);
  const counts = new Int32Array(areas.length);
  const step = sum / total;
  let next = rng() * step;
  let acc = 0;
  let placed = 0;
  for (let i = 0; i < areas.length && placed < total; i++) {
    acc += weights[i]!;
    while (next < acc && placed < total) {
      counts[i]!++;
      placed++;
      next += step;
    }
  }
  for (let i = areas.length - 1; placed < total; i = (i + areas.length - 1) % areas.length) {
    if (weights[i]! > 0) {
      counts[i]!++;
      placed++;
    }
  }
  return counts;
}

// ---------------------------------------------------------------------------------------------
// COPY

function copyText(value: string): string {
  return value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

function arrayLiteral(items: readonly string[]): string {
  return `{${items.map((s) => `"${s.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

const bytea = (b: Buffer) => `\\\\x${b.toString('hex')}`;

const STATUS_REASONS: Record<string, string> = {
  abnormal: '未按时报送年度工作报告',
  suspended: '负责人变更未及时备案，暂停活动整改',
  dissolved: '成员流失，自行解散',
};

export type RegistryLoad = {
  orgs: number;
  seconds: { generateAndCopyOrgs: number; copyLeaders: number; indexes: number; vacuumAnalyze: number; total: number };
  indexSeconds: [string, number][];
  /** how many names hold each bigram, for picking common and rare search terms */
  gramCounts: Map<string, number>;
  /** organizations per township-level prefix (9 digits) and per county prefix (6 digits) */
  perTownship: Map<string, number>;
  perCounty: Map<string, number>;
  /** next unused serial for credit codes and mobiles */
  nextSerial: number;
  tableBytes: { organizations: number; orgLeaders: number; indexes: number };
};

/**
 * Generates `total` organizations and their leaders and loads them with COPY into empty
 * `organizations` and `org_leaders`. The tables' plain indexes are dropped for the load and
 * rebuilt from their own definitions afterwards (same indexes, faster than maintaining them row by
 * row); TRUNCATE + COPY FREEZE in one transaction writes the rows already frozen; the foreign key
 * of `org_leaders` is not re-checked row by row (session_replication_role = replica), as every
 * leader points at an organization written just before. Then VACUUM (ANALYZE).
 *
 * Rows are written in random order (not grouped by area), like a registry that grew over years.
 */
export async function loadRegistry(
  db: Db,
  opts: { total: number; cipher: PersonalDataCipher; seed: number; progress: (message: string) => void },
): Promise<RegistryLoad> {
  const started = performance.now();
  const rng = seededRandom(opts.seed);
  const areas = await loadAreas(db);
  const counts = placeOrganizations(areas, opts.total, rng);
  const order = new Int32Array(opts.total);
  let k = 0;
  counts.forEach((n, i) => {
    for (let j = 0; j < n; j++) {
      order[k++] = i;
    }
  });
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }

  const namer = new OrgNamer(rng);
  const gramCounts = new Map<string, number>();
  const perTownship = new Map<string, number>();
  const perCounty = new Map<string, number>();
  const ids = Buffer.alloc(opts.total * 16);
  const leaderNames: string[] = new Array(opts.total);
  const timings = { generateAndCopyOrgs: 0, copyLeaders: 0, indexes: 0, vacuumAnalyze: 0, total: 0 };
  const indexSeconds: [string, number][] = [];

  const client = await db.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SET LOCAL maintenance_work_mem = '512MB'`);
    await client.query('SET LOCAL session_replication_role = replica');
    await client.query('TRUNCATE organizations, org_leaders CASCADE');
    const { rows: indexes } = await client.query<{ name: string; def: string }>(
      `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS def
         FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
        WHERE t.relname IN ('organizations', 'org_leaders')
          AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`,
    );
    for (const index of indexes) {
      await client.query(`DROP INDEX ${index.name}`);
    }

    let t0 = performance.now();
    const orgCopy = client.query(
      copyFrom(
        `COPY organizations (id, name, name_key, name_grams, tier, category, hub_kind, area_code, founded_on,
           service_targets, venue, member_count, social_worker_count, certified_social_worker_count, party_org,
           charter_party_clause, credit_code, status, status_reason, created_at, updated_at) FROM STDIN WITH (FREEZE)`,
      ),
    );
    async function* orgLines() {
      let chunk = '';
      for (let i = 0; i < opts.total; i++) {
        const area = areas[order[i]!]!;
        const o = generateOrg(rng, namer, area, i);
        const id = randomUUID();
        ids.write(id.replaceAll('-', ''), i * 16, 'hex');
        leaderNames[i] = o.leaderName;
        const grams = nameBigrams(o.name);
        for (const g of grams) {
          gramCounts.set(g, (gramCounts.get(g) ?? 0) + 1);
        }
        const township = area.code.slice(0, 9);
        perTownship.set(township, (perTownship.get(township) ?? 0) + 1);
        perCounty.set(area.code.slice(0, 6), (perCounty.get(area.code.slice(0, 6)) ?? 0) + 1);
        const created = `${o.foundedOn} 10:00:00+08`;
        chunk += `${id}\t${copyText(o.name)}\t${copyText(normalizeOrgName(o.name))}\t${copyText(arrayLiteral(grams))}\t${o.tier}\t${o.category}\t${o.hubKind}\t${o.areaCode}\t${o.foundedOn}\t${arrayLiteral(o.serviceTargets)}\t${copyText(o.venue)}\t${o.memberCount}\t${o.socialWorkerCount}\t${o.certifiedSocialWorkerCount}\t${o.partyOrg}\t${o.charterPartyClause ? 't' : 'f'}\t${o.creditCode ?? '\\N'}\t${o.status}\t${STATUS_REASONS[o.status] ?? '\\N'}\t${created}\t${created}\n`;
        if ((i + 1) % 5000 === 0) {
          yield chunk;
          chunk = '';
          if ((i + 1) % 200_000 === 0) {
            opts.progress(
              `  organizations: ${i + 1} / ${opts.total} (${((performance.now() - t0) / 1000).toFixed(0)} s)`,
            );
          }
        }
      }
      yield chunk;
    }
    await pipeline(Readable.from(orgLines()), orgCopy);
    timings.generateAndCopyOrgs = (performance.now() - t0) / 1000;

    t0 = performance.now();
    const leaderCopy = client.query(
      copyFrom(`COPY org_leaders (org_id, name, role, mobile_enc, mobile_hash) FROM STDIN WITH (FREEZE)`),
    );
    async function* leaderLines() {
      let chunk = '';
      for (let i = 0; i < opts.total; i++) {
        const hex = ids.toString('hex', i * 16, i * 16 + 16);
        const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
        const mobile = mobileFor(i);
        chunk += `${id}\t${leaderNames[i]}\tleader\t${bytea(opts.cipher.encrypt(mobile))}\t${bytea(opts.cipher.lookupHash(mobile))}\n`;
        if ((i + 1) % 5000 === 0) {
          yield chunk;
          chunk = '';
          if ((i + 1) % 500_000 === 0) {
            opts.progress(`  leaders: ${i + 1} / ${opts.total} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
          }
        }
      }
      yield chunk;
    }
    await pipeline(Readable.from(leaderLines()), leaderCopy);
    timings.copyLeaders = (performance.now() - t0) / 1000;

    t0 = performance.now();
    for (const index of indexes) {
      const t = performance.now();
      await client.query(index.def);
      const seconds = (performance.now() - t) / 1000;
      indexSeconds.push([index.name, seconds]);
      opts.progress(`  index ${index.name}: ${seconds.toFixed(1)} s`);
    }
    timings.indexes = (performance.now() - t0) / 1000;
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
  const t0 = performance.now();
  await db.query('VACUUM (ANALYZE) organizations');
  await db.query('VACUUM (ANALYZE) org_leaders');
  timings.vacuumAnalyze = (performance.now() - t0) / 1000;
  timings.total = (performance.now() - started) / 1000;
  const { rows: sizes } = await db.query<{ o: number; l: number; i: number }>(
    `SELECT pg_table_size('organizations') AS o, pg_table_size('org_leaders') AS l,
            pg_indexes_size('organizations') + pg_indexes_size('org_leaders') AS i`,
  );
  return {
    orgs: opts.total,
    seconds: timings,
    indexSeconds,
    gramCounts,
    perTownship,
    perCounty,
    nextSerial: opts.total,
    tableBytes: { organizations: sizes[0]!.o, orgLeaders: sizes[0]!.l, indexes: sizes[0]!.i },
  };
}
