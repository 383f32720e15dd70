import { type AreaLevel, areaLevels, prefixLengthByLevel, subtreeRange } from '@linli/contract/areas';
import { zhCN } from '@linli/contract/locales/zh-CN';
import type { PermissionKey } from '@linli/contract/permissions';
import {
  type Dashboard,
  type DashboardQuery,
  type Figure,
  type MetricKey,
  metricKeys,
  metricRegistry,
  metricsWithoutSource,
} from '@linli/contract/statistics';
import ExcelJS from 'exceljs';
import { type Actor, scopeOf } from '../../platform/access';
import type { Db, Queryable } from '../../platform/db';
import type { PersonalDataCipher } from '../../platform/personal-data';
import { statisticsErrors } from './errors';
import { type Bag, campaignDefinition, definitions, type Measured } from './metrics';
import * as q from './queries';

/**
 * The dashboard of an area (C11, issue item 1): every figure for the area and for each child area,
 * read from the rollups kept by migration 0016's triggers — a handful of statements whatever the
 * level, never a scan of the base tables — each with the list behind it.
 */

export type StatisticsDeps = { db: Db; cipher: PersonalDataCipher; now?: () => Date };

export const nowOf = (deps: { now?: () => Date }) => deps.now?.() ?? new Date();
/** The year in China time. */
export const chinaYear = (now: Date) => new Date(now.getTime() + 8 * 3_600_000).getUTCFullYear();

export type ResolvedArea = { code: string; level: AreaLevel; name: string; fullName: string };

/** The area, which must lie wholly inside the caller's jurisdiction for `permission`. */
export async function areaInJurisdiction(
  db: Queryable,
  actor: Actor,
  permission: PermissionKey,
  code: string,
  level: AreaLevel | undefined,
  outOfScope = statisticsErrors.STATISTICS_OUT_OF_JURISDICTION,
): Promise<ResolvedArea> {
  const row = await q.findArea(db, code, level === undefined ? null : areaLevels.indexOf(level));
  if (!row) {
    throw statisticsErrors.STATISTICS_AREA_NOT_FOUND();
  }
  const area = { code: row.code, level: areaLevels[row.level]!, name: row.name, fullName: row.full_name };
  const own = subtreeRange(area.code, area.level);
  if (!scopeOf(actor, permission).ranges.some((r) => r.lo <= own.lo && own.hi <= r.hi)) {
    throw outOfScope();
  }
  return area;
}

export async function getDashboard(deps: StatisticsDeps, actor: Actor, query: DashboardQuery): Promise<Dashboard> {
  const area = await areaInJurisdiction(deps.db, actor, 'statistics.read', query.areaCode, query.level);
  return buildDashboard(deps.db, area, chinaYear(nowOf(deps)));
}

const ZERO_UNITS: q.UnitSums = { townships: 0, urban_communities: 0, rural_communities: 0 };

function byChild<T extends object>(rows: q.ChildRow<T>[]): { total: T | undefined; children: Map<string, T> } {
  const children = new Map<string, T>();
  let total: T | undefined;
  for (const { child, ...rest } of rows) {
    if (child === null) {
      total = rest as unknown as T;
    } else {
      children.set(child, rest as unknown as T);
    }
  }
  return { total, children };
}

function keyedByChild(rows: q.ChildRow<{ key: string; n: number }>[]) {
  const map = new Map<string | null, Map<string, number>>();
  for (const r of rows) {
    const m = map.get(r.child) ?? new Map<string, number>();
    m.set(r.key, r.n);
    map.set(r.child, m);
  }
  return map;
}

/** All figures of one area, each broken down by its child areas. */
export async function buildDashboard(db: Queryable, area: ResolvedArea, year: number): Promise<Dashboard> {
  const depth = areaLevels.indexOf(area.level);
  const childLevel = areaLevels[depth + 1];
  const childLength = childLevel ? prefixLengthByLevel[childLevel] : 12;
  const range = subtreeRange(area.code, area.level);
  // above county level the county rows are summed, below it the home-area rows
  const grain: q.Grain = depth <= 2 ? 'county' : 'leaf';
  const [childAreas, orgs, activities, volunteers, service, years, campaigns, units, hubTownships, campaignNames] =
    await Promise.all([
      childLevel ? q.findChildAreas(db, area.code, depth) : Promise.resolve([]),
      q.sumRollup(db, 'orgs', grain, range, childLength),
      q.sumRollup(db, 'activities', grain, range, childLength),
      q.sumRollup(db, 'volunteers', grain, range, childLength),
      q.sumRollup(db, 'service', grain, range, childLength),
      q.sumKeyed(db, 'orgYears', grain, range, childLength, year - 9),
      q.sumKeyed(db, 'campaigns', grain, range, childLength),
      q.sumUnits(db, grain, range, childLength),
      grain === 'leaf' ? q.findTownshipsWithHub(db, range) : Promise.resolve(null),
      q.findCampaignNames(db),
    ]);
  const o = byChild(orgs);
  const a = byChild(activities);
  const v = byChild(volunteers);
  const s = byChild(service);
  const u = byChild(units);
  const y = keyedByChild(years);
  const c = keyedByChild(campaigns);

  const bagOf = (child: string | null): Bag => {
    const pick = <T>(m: { total: T | undefined; children: Map<string, T> }) =>
      child === null ? m.total : m.children.get(child);
    const orgSums = pick(o) ?? {};
    return {
      orgs: orgSums,
      activities: pick(a) ?? {},
      volunteers: pick(v) ?? {},
      service: pick(s) ?? {},
      units: pick(u) ?? ZERO_UNITS,
      townshipsWithHub:
        hubTownships === null
          ? (orgSums.townships_with_hub ?? 0)
          : hubTownships.filter((t) => child === null || (childLength <= 9 && t.startsWith(child))).length,
      newThisYear: y.get(child)?.get(String(year)) ?? 0,
      campaigns: c.get(child) ?? new Map(),
    };
  };
  const total = bagOf(null);
  const children = childAreas.map((ch) => ({
    code: ch.code,
    level: areaLevels[ch.level]!,
    name: ch.name,
    bag: bagOf(ch.code.slice(0, childLength)),
  }));

  const figure = (
    key: string,
    def: (typeof definitions)[MetricKey],
    spec: (typeof metricRegistry)[MetricKey],
    label?: string,
  ): Figure => {
    const hasSource = !metricsWithoutSource.includes(key as MetricKey);
    const measured: Measured = def.measure(total);
    return {
      key,
      group: spec.group,
      unit: spec.unit,
      ...measured,
      hasSource,
      ...(label ? { label } : {}),
      drillDown: def.drillDown(area.code, year),
      children: hasSource
        ? children.map((ch) => ({ code: ch.code, name: ch.name, ...def.measure(ch.bag) }))
        : children.map((ch) => ({ code: ch.code, name: ch.name, value: null })),
    };
  };

  const figures: Figure[] = [];
  for (const key of metricKeys) {
    figures.push(figure(key, definitions[key], metricRegistry[key]));
    if (key === 'activities.field.mediation') {
      // campaigns are data: the presets and any campaign with activities here
      const counted = [...(c.get(null)?.keys() ?? [])];
      const keys = [...new Set([...PRESET_CAMPAIGNS, ...counted])];
      for (const campaign of keys) {
        figures.push(
          figure(
            `activities.campaign.${campaign}`,
            campaignDefinition(campaign),
            { group: 'activities', unit: 'count' },
            campaignNames.get(campaign) ?? campaign,
          ),
        );
      }
    }
  }
  const newByYear = [];
  for (let yr = year - 9; yr <= year; yr++) {
    newByYear.push({
      year: yr,
      count: y.get(null)?.get(String(yr)) ?? 0,
      drillDown: {
        path: '/organizations',
        query: { areaCode: area.code, established: 'true', foundedYear: String(yr) },
      },
    });
  }
  return {
    area: { code: area.code, level: area.level, name: area.name, fullName: area.fullName },
    children: children.map(({ code, level, name }) => ({ code, level, name })),
    year,
    figures,
    newByYear,
  };
}

const PRESET_CAMPAIGNS = ['neighborWatch', 'letsTalk', 'safeCommunity', 'civicCulture', 'ruralRevitalization'];

// ─── export ─────────────────────────────────────────────────────────────────

/** The Chinese label of a figure (the console's zh-CN text). */
export function figureLabel(f: Pick<Figure, 'key' | 'label'>): string {
  if (f.label) {
    return f.label;
  }
  const text = f.key
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], zhCN.statistics.metrics);
  return typeof text === 'string' ? text : f.key;
}

const unitLabel: Record<Figure['unit'], string> = {
  count: '个',
  percent: '%',
  average: '个/社区',
  hours: '小时',
  sum: '人次',
};
const groupSheet: Record<Figure['group'], string> = {
  organizations: '社区社会组织',
  activities: '文明实践活动',
  volunteers: '志愿服务',
  incubation: '孵化培育',
};

/**
 * The dashboard as a workbook: an overview sheet (every figure of the area), one sheet per table
 * (each group's figures by child area, with codes and names), and new organizations per year.
 */
export async function dashboardWorkbook(deps: StatisticsDeps, actor: Actor, query: DashboardQuery) {
  const d = await getDashboard(deps, actor, query);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Linli 邻里';
  const overview = workbook.addWorksheet('概览', { views: [{ state: 'frozen', ySplit: 2 }] });
  overview.addRow([`${d.area.fullName}（${d.area.code}）统计概览 · ${d.year}年`]).font = { bold: true };
  overview.addRow(['指标', '数值', '单位', '分子', '分母', '说明']).font = { bold: true };
  for (const f of d.figures) {
    overview.addRow([
      figureLabel(f),
      f.value,
      unitLabel[f.unit],
      f.numerator ?? null,
      f.denominator ?? null,
      f.hasSource ? '' : '暂无数据来源',
    ]);
  }
  overview.columns.forEach((col, i) => {
    col.width = i === 0 ? 36 : 14;
  });
  for (const group of ['organizations', 'activities', 'volunteers'] as const) {
    const figures = d.figures.filter((f) => f.group === group);
    const sheet = workbook.addWorksheet(groupSheet[group], { views: [{ state: 'frozen', ySplit: 1, xSplit: 2 }] });
    sheet.addRow(['区划代码', '区划名称', ...figures.map((f) => `${figureLabel(f)}（${unitLabel[f.unit]}）`)]).font = {
      bold: true,
    };
    sheet.addRow([d.area.code, `${d.area.name}（合计）`, ...figures.map((f) => f.value)]).font = { bold: true };
    d.children.forEach((ch, i) => {
      sheet.addRow([ch.code, ch.name, ...figures.map((f) => f.children[i]?.value ?? null)]);
    });
    sheet.columns.forEach((col, i) => {
      col.width = i === 0 ? 15 : i === 1 ? 24 : 14;
    });
  }
  const years = workbook.addWorksheet('历年新增');
  years.addRow(['区划代码', '区划名称', '年份', '新增组织（个）']).font = { bold: true };
  for (const r of d.newByYear) {
    years.addRow([d.area.code, d.area.name, r.year, r.count]);
  }
  return {
    buffer: Buffer.from(await workbook.xlsx.writeBuffer()),
    filename: `统计-${d.area.name}-${d.area.code}.xlsx`,
  };
}
