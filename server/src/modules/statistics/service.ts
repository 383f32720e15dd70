import { type AreaLevel, areaLevels, prefixLengthByLevel, subtreeRange } from '@linli/contract/areas';
import type { FieldError } from '@linli/contract/errors';
import { zhCN } from '@linli/contract/locales/zh-CN';
import type { PermissionKey } from '@linli/contract/permissions';
import {
  type Comparator,
  type Dashboard,
  type DashboardQuery,
  type Figure,
  type MetricKey,
  metricKeys,
  metricRegistry,
  metricsWithoutSource,
  type Plan,
  type PlanBody,
  type TargetProgress,
  type TargetStatus,
} from '@linli/contract/statistics';
import ExcelJS from 'exceljs';
import { type Actor, auditContextOf, isInScope, scopeOf } from '../../platform/access';
import { appendAudit } from '../../platform/audit';
import { type Db, type Queryable, withTransaction } from '../../platform/db';
import { platformErrors } from '../../platform/errors';
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

// ─── plans and targets ──────────────────────────────────────────────────────

/** Metrics counted per calendar year: their progress runs over the current year. */
const PER_YEAR_METRICS = new Set<string>(['orgs.newThisYear']);
const DAY_MS = 86_400_000;
const chinaDayStart = (day: string) => new Date(`${day}T00:00:00+08:00`).getTime();

/** met · onTrack (the share reached keeps up with the time elapsed) · lagging · noData · noValue (a blank □). */
export function targetStatus(input: {
  value: number | null;
  target: number | null;
  comparator: Comparator;
  elapsed: number;
  isPastDeadline: boolean;
}): TargetStatus {
  const { value, target, comparator, elapsed, isPastDeadline } = input;
  if (value === null) {
    return 'noData';
  }
  if (target === null) {
    return 'noValue';
  }
  if (comparator === 'atLeast' ? value >= target : value <= target) {
    return 'met';
  }
  if (isPastDeadline || comparator === 'atMost') {
    return 'lagging';
  }
  return value / target >= elapsed ? 'onTrack' : 'lagging';
}

/** The worst of the children: one lagging child makes the target lag. */
function overallStatus(statuses: TargetStatus[]): TargetStatus {
  for (const s of ['lagging', 'noData', 'noValue', 'onTrack'] as const) {
    if (statuses.includes(s)) {
      return s;
    }
  }
  return 'met';
}

async function progressOf(
  db: Queryable,
  plan: q.PlanRow,
  targets: q.TargetRow[],
  now: Date,
  dashboards: Map<string, Promise<Dashboard>>,
): Promise<TargetProgress[]> {
  const year = chinaYear(now);
  const out: TargetProgress[] = [];
  for (const t of targets) {
    const key = `${t.area_code}:${t.area_level}`;
    if (!dashboards.has(key)) {
      dashboards.set(
        key,
        (async () => {
          const row = await q.findArea(db, t.area_code, t.area_level);
          if (!row) {
            throw statisticsErrors.STATISTICS_AREA_NOT_FOUND();
          }
          return buildDashboard(
            db,
            { code: row.code, level: areaLevels[row.level]!, name: row.name, fullName: row.full_name },
            year,
          );
        })(),
      );
    }
    const d = await dashboards.get(key)!;
    const figure = d.figures.find((f) => f.key === t.metric);
    const unit = metricRegistry[t.metric as MetricKey]?.unit ?? 'count';
    const hasSource = figure?.hasSource ?? false;
    const perYear = PER_YEAR_METRICS.has(t.metric);
    const start = perYear ? chinaDayStart(`${year}-01-01`) : chinaDayStart(plan.starts_on);
    const end = perYear
      ? Math.min(chinaDayStart(`${year + 1}-01-01`), chinaDayStart(t.deadline) + DAY_MS)
      : chinaDayStart(t.deadline) + DAY_MS;
    const elapsed = Math.min(1, Math.max(0, (now.getTime() - start) / Math.max(1, end - start)));
    const isPastDeadline = now.getTime() >= chinaDayStart(t.deadline) + DAY_MS;
    const judge = (value: number | null) =>
      targetStatus({
        value: hasSource ? value : null,
        target: t.value,
        comparator: t.comparator,
        elapsed,
        isPastDeadline,
      });
    // a count for the whole area says nothing about each child; a share or an average does
    const appliesToChildren = t.each_child || unit === 'percent' || unit === 'average';
    const children = (figure?.children ?? []).map((c) => ({
      code: c.code,
      name: c.name,
      value: hasSource ? c.value : null,
      status: appliesToChildren ? judge(c.value) : ('noValue' as const),
    }));
    const value = hasSource ? (figure?.value ?? null) : null;
    out.push({
      id: t.id,
      metric: t.metric,
      unit,
      areaCode: d.area.code,
      areaName: d.area.fullName,
      eachChild: t.each_child,
      comparator: t.comparator,
      target: t.value,
      deadline: t.deadline,
      note: t.note,
      hasSource,
      value,
      status: t.each_child ? (hasSource ? overallStatus(children.map((c) => c.status)) : 'noData') : judge(value),
      elapsed: Math.round(elapsed * 1000) / 1000,
      children,
    });
  }
  return out;
}

async function presentPlans(deps: StatisticsDeps, actor: Actor, plans: q.PlanRow[]): Promise<Plan[]> {
  const targets = await q.findTargets(
    deps.db,
    plans.map((p) => p.id),
  );
  const names = await q.findAreaNames(
    deps.db,
    plans.map((p) => p.area_code),
  );
  const manage = scopeOf(actor, 'targets.manage');
  const dashboards = new Map<string, Promise<Dashboard>>();
  const now = nowOf(deps);
  const out: Plan[] = [];
  for (const p of plans) {
    out.push({
      id: p.id,
      title: p.title,
      areaCode: p.area_code,
      areaName: names.get(p.area_code) ?? p.area_code,
      startsOn: p.starts_on,
      endsOn: p.ends_on,
      preset: p.preset,
      canManage: isInScope(manage, p.area_code),
      targets: await progressOf(
        deps.db,
        p,
        targets.filter((t) => t.plan_id === p.id),
        now,
        dashboards,
      ),
    });
  }
  return out;
}

/** Plans issued for areas inside the caller's jurisdiction (or inside `areaCode` of it), with progress. */
export async function listPlans(deps: StatisticsDeps, actor: Actor, query: { areaCode?: string | undefined }) {
  const ranges = query.areaCode
    ? [
        subtreeRange(
          query.areaCode,
          (await areaInJurisdiction(deps.db, actor, 'statistics.read', query.areaCode, undefined)).level,
        ),
      ]
    : scopeOf(actor, 'statistics.read').ranges;
  const seen = new Set<string>();
  const plans: q.PlanRow[] = [];
  for (const range of ranges) {
    for (const p of await q.findPlansWithin(deps.db, range)) {
      if (!seen.has(p.id)) {
        seen.add(p.id);
        plans.push(p);
      }
    }
  }
  return { items: await presentPlans(deps, actor, plans) };
}

export async function getPlan(deps: StatisticsDeps, actor: Actor, id: string): Promise<Plan> {
  const plan = await q.findPlan(deps.db, id);
  if (!plan || !isInScope(scopeOf(actor, 'statistics.read'), plan.area_code)) {
    throw platformErrors.NOT_FOUND();
  }
  return (await presentPlans(deps, actor, [plan]))[0]!;
}

/** Checks a plan body against the tree and the caller's jurisdiction; field errors name the target. */
async function checkPlan(deps: StatisticsDeps, actor: Actor, body: PlanBody) {
  const area = await areaInJurisdiction(
    deps.db,
    actor,
    'targets.manage',
    body.areaCode,
    undefined,
    statisticsErrors.PLAN_OUT_OF_JURISDICTION,
  );
  const own = subtreeRange(area.code, area.level);
  const errors: FieldError[] = [];
  const targets: q.TargetWrite[] = [];
  for (const [i, t] of body.targets.entries()) {
    const row = await q.findArea(deps.db, t.areaCode, null);
    if (!row) {
      errors.push({ path: `targets.${i}.areaCode`, code: 'AREA_NOT_FOUND', message: '未找到该行政区划' });
      continue;
    }
    if (row.code < own.lo || row.code > own.hi) {
      errors.push({
        path: `targets.${i}.areaCode`,
        code: 'plan.target.outsidePlan',
        message: '目标的区划应在规划的区划之内',
      });
    }
    if (t.eachChild && row.level >= 5) {
      errors.push({ path: `targets.${i}.eachChild`, code: 'plan.target.noChildren', message: '社区(村)没有下级区划' });
    }
    if (t.deadline < body.startsOn) {
      errors.push({
        path: `targets.${i}.deadline`,
        code: 'plan.target.deadlineBeforeStart',
        message: '目标期限不能早于规划开始日期',
      });
    }
    if (metricRegistry[t.metric].unit === 'percent' && t.value !== null && t.value > 100) {
      errors.push({ path: `targets.${i}.value`, code: 'plan.target.percent', message: '百分比不能超过100' });
    }
    targets.push({ ...t, areaCode: row.code, areaLevel: row.level });
  }
  if (errors.length > 0) {
    throw platformErrors.VALIDATION_FAILED(errors);
  }
  return {
    plan: {
      title: body.title,
      areaCode: area.code,
      areaLevel: areaLevels.indexOf(area.level),
      startsOn: body.startsOn,
      endsOn: body.endsOn,
    },
    targets,
  };
}

/** createPlan — a plan with its targets. Audits `plan.create`. */
export async function createPlan(deps: StatisticsDeps, actor: Actor, body: PlanBody): Promise<Plan> {
  const checked = await checkPlan(deps, actor, body);
  const id = await withTransaction(deps.db, async (tx) => {
    const planId = await q.insertPlan(tx, checked.plan, actor.userId);
    await q.replaceTargets(tx, planId, checked.targets);
    await appendAudit(tx, deps.cipher.auditKey, auditContextOf(actor, 'targets.manage', checked.plan.areaCode), {
      action: 'plan.create',
      entity: 'plan',
      entityId: planId,
      areaCode: checked.plan.areaCode,
      after: { ...checked.plan, targets: checked.targets },
    });
    return planId;
  });
  return getPlan(deps, actor, id);
}

/** updatePlan — title, period and the whole list of targets (a preset's blanks are filled here). Audits `plan.update`. */
export async function updatePlan(deps: StatisticsDeps, actor: Actor, id: string, body: PlanBody): Promise<Plan> {
  const checked = await checkPlan(deps, actor, body);
  await withTransaction(deps.db, async (tx) => {
    const plan = await q.findPlan(tx, id, true);
    if (!plan || !isInScope(scopeOf(actor, 'targets.manage'), plan.area_code)) {
      throw platformErrors.NOT_FOUND();
    }
    const before = { plan, targets: await q.findTargets(tx, [id]) };
    await q.updatePlan(tx, id, checked.plan);
    await q.replaceTargets(tx, id, checked.targets);
    await appendAudit(tx, deps.cipher.auditKey, auditContextOf(actor, 'targets.manage', checked.plan.areaCode), {
      action: 'plan.update',
      entity: 'plan',
      entityId: id,
      areaCode: checked.plan.areaCode,
      before,
      after: { ...checked.plan, targets: checked.targets },
    });
  });
  return getPlan(deps, actor, id);
}

/** deletePlan — a plan an officer made (presets stay). Audits `plan.delete`. */
export async function deletePlan(deps: StatisticsDeps, actor: Actor, id: string): Promise<void> {
  await withTransaction(deps.db, async (tx) => {
    const plan = await q.findPlan(tx, id, true);
    if (!plan || !isInScope(scopeOf(actor, 'targets.manage'), plan.area_code)) {
      throw platformErrors.NOT_FOUND();
    }
    if (plan.preset) {
      throw statisticsErrors.PLAN_PRESET_LOCKED();
    }
    const targets = await q.findTargets(tx, [id]);
    await q.deletePlan(tx, id);
    await appendAudit(tx, deps.cipher.auditKey, auditContextOf(actor, 'targets.manage', plan.area_code), {
      action: 'plan.delete',
      entity: 'plan',
      entityId: id,
      areaCode: plan.area_code,
      before: { plan, targets },
    });
  });
}
