import { z } from 'zod';
import { AreaCode, areaLevels } from './areas';

/**
 * Statistics (C11): the dashboard of an area at any level, with each figure broken down by child
 * area and linked to the list behind it; recognitions (brand and model organizations,
 * demonstration sites); plans and their targets.
 */

const Id = z.uuid({ message: 'id.invalid' });
const DateOnly = z.iso.date({ message: 'date.invalid' });

// ─── metrics ────────────────────────────────────────────────────────────────

export const metricGroups = ['organizations', 'activities', 'volunteers', 'incubation'] as const;
export type MetricGroup = (typeof metricGroups)[number];

/** count: a number of rows · percent: numerator / denominator × 100 · average: numerator / denominator · hours · sum */
export const metricUnits = ['count', 'percent', 'average', 'hours', 'sum'] as const;
export type MetricUnit = (typeof metricUnits)[number];

type MetricSpec = { group: MetricGroup; unit: MetricUnit };

/**
 * The registry of dashboard metrics: the figures of the dashboard and the metrics a target may
 * name. Campaign figures (`activities.campaign.<key>`) are added per campaign, campaigns being data.
 * "Organizations" counts established ones (active, suspended, abnormal) unless the key says a status.
 */
export const metricRegistry = {
  'orgs.established': { group: 'organizations', unit: 'count' },
  'orgs.tier.registered': { group: 'organizations', unit: 'count' },
  'orgs.tier.filed': { group: 'organizations', unit: 'count' },
  'orgs.tier.guided': { group: 'organizations', unit: 'count' },
  'orgs.category.charity': { group: 'organizations', unit: 'count' },
  'orgs.category.livingServices': { group: 'organizations', unit: 'count' },
  'orgs.category.communityAffairs': { group: 'organizations', unit: 'count' },
  'orgs.category.cultureSports': { group: 'organizations', unit: 'count' },
  'orgs.status.pending': { group: 'organizations', unit: 'count' },
  'orgs.status.notEstablished': { group: 'organizations', unit: 'count' },
  'orgs.status.active': { group: 'organizations', unit: 'count' },
  'orgs.status.suspended': { group: 'organizations', unit: 'count' },
  'orgs.status.abnormal': { group: 'organizations', unit: 'count' },
  'orgs.status.dissolved': { group: 'organizations', unit: 'count' },
  'orgs.hubKind.hub': { group: 'organizations', unit: 'count' },
  'orgs.hubKind.federation': { group: 'organizations', unit: 'count' },
  'orgs.newThisYear': { group: 'organizations', unit: 'count' },
  'orgs.perUrbanCommunity': { group: 'organizations', unit: 'average' },
  'orgs.perRuralCommunity': { group: 'organizations', unit: 'average' },
  'townships.withHubShare': { group: 'organizations', unit: 'percent' },
  'orgs.partyCoverage': { group: 'organizations', unit: 'percent' },
  'orgs.partyOrg.standalone': { group: 'organizations', unit: 'count' },
  'orgs.partyOrg.joint': { group: 'organizations', unit: 'count' },
  'orgs.partyOrg.instructor': { group: 'organizations', unit: 'count' },
  'orgs.charterPartyClause': { group: 'organizations', unit: 'count' },
  'orgs.brandOrg': { group: 'organizations', unit: 'count' },
  'orgs.modelOrg': { group: 'organizations', unit: 'count' },
  'orgs.demonstrationSite': { group: 'organizations', unit: 'count' },
  'activities.held': { group: 'activities', unit: 'count' },
  'activities.field.theory': { group: 'activities', unit: 'count' },
  'activities.field.customs': { group: 'activities', unit: 'count' },
  'activities.field.cultureSports': { group: 'activities', unit: 'count' },
  'activities.field.services': { group: 'activities', unit: 'count' },
  'activities.field.mediation': { group: 'activities', unit: 'count' },
  'activities.completed': { group: 'activities', unit: 'count' },
  'activities.participants': { group: 'activities', unit: 'sum' },
  'volunteers.total': { group: 'volunteers', unit: 'count' },
  'volunteers.star.1': { group: 'volunteers', unit: 'count' },
  'volunteers.star.2': { group: 'volunteers', unit: 'count' },
  'volunteers.star.3': { group: 'volunteers', unit: 'count' },
  'volunteers.star.4': { group: 'volunteers', unit: 'count' },
  'volunteers.star.5': { group: 'volunteers', unit: 'count' },
  'service.confirmedRecords': { group: 'volunteers', unit: 'count' },
  'service.confirmedHours': { group: 'volunteers', unit: 'hours' },
  /** 孵化: incubators (C3) are not recorded yet — the figure says "no data source", never a number */
  'incubation.countyCoverage': { group: 'incubation', unit: 'percent' },
} as const satisfies Record<string, MetricSpec>;
export type MetricKey = keyof typeof metricRegistry;
export const metricKeys = Object.keys(metricRegistry) as MetricKey[];
/** Metrics whose data the platform does not hold yet. */
export const metricsWithoutSource: readonly MetricKey[] = ['incubation.countyCoverage'];

/** A figure's key: a registry metric or a campaign's count. */
export const FigureKey = z
  .string()
  .regex(/^[a-zA-Z][a-zA-Z0-9.]{1,79}$/)
  .refine((k) => k in metricRegistry || /^activities\.campaign\.[a-zA-Z][a-zA-Z0-9]{1,39}$/.test(k), {
    message: 'metric.unknown',
  });

// ─── dashboard ──────────────────────────────────────────────────────────────

export const DashboardQuery = z.object({
  areaCode: AreaCode,
  level: z.enum(areaLevels).optional().describe('for the few codes naming two nodes (see areas)'),
});
export type DashboardQuery = z.infer<typeof DashboardQuery>;

/** The list a figure opens: a console route and the filters it reads from the URL. */
export const DrillDown = z.object({ path: z.string(), query: z.record(z.string(), z.string()) });
export type DrillDown = z.infer<typeof DrillDown>;

const Value = z.number().nullable().describe('null: no data source, or a rate without a denominator');
export const FigureChild = z.object({
  code: z.string(),
  name: z.string(),
  value: Value,
  numerator: z.number().optional(),
  denominator: z.number().optional(),
});
export type FigureChild = z.infer<typeof FigureChild>;

export const Figure = z.object({
  key: z.string(),
  group: z.enum(metricGroups),
  unit: z.enum(metricUnits),
  value: Value,
  numerator: z.number().optional(),
  denominator: z.number().optional(),
  /** the platform does not hold this data yet (incubators) */
  hasSource: z.boolean(),
  /** campaign figures carry the campaign's name */
  label: z.string().optional(),
  drillDown: DrillDown.nullable(),
  children: z.array(FigureChild),
});
export type Figure = z.infer<typeof Figure>;

export const DashboardArea = z.object({
  code: z.string(),
  level: z.enum(areaLevels),
  name: z.string(),
  fullName: z.string(),
});

export const Dashboard = z.object({
  area: DashboardArea,
  /** the child areas (code, name), in code order */
  children: z.array(z.object({ code: z.string(), level: z.enum(areaLevels), name: z.string() })),
  /** the current year (China time): "new this year" */
  year: z.number(),
  figures: z.array(Figure),
  /** new organizations per founding year, the last ten years */
  newByYear: z.array(z.object({ year: z.number(), count: z.number(), drillDown: DrillDown })),
});
export type Dashboard = z.infer<typeof Dashboard>;

// ─── recognitions ───────────────────────────────────────────────────────────

export const recognitionKinds = ['brandOrg', 'modelOrg', 'demonstrationSite'] as const;
export type RecognitionKind = (typeof recognitionKinds)[number];

export const RecognitionBody = z.object({
  kind: z.enum(recognitionKinds),
  year: z.number().int().min(1949).max(2100),
  reason: z.string().trim().min(2, { message: 'recognition.reason.tooShort' }).max(500),
});
export type RecognitionBody = z.infer<typeof RecognitionBody>;

export const RevokeRecognitionBody = z.object({
  reason: z.string().trim().min(2, { message: 'recognition.reason.tooShort' }).max(500),
});
export type RevokeRecognitionBody = z.infer<typeof RevokeRecognitionBody>;

export const Recognition = z.object({
  id: z.string(),
  orgId: z.string(),
  kind: z.enum(recognitionKinds),
  year: z.number(),
  reason: z.string(),
  grantedByName: z.string(),
  grantedAreaName: z.string(),
  grantedAt: z.string(),
  revokedAt: z.string().nullable(),
  revokeReason: z.string().nullable(),
});
export type Recognition = z.infer<typeof Recognition>;
export const RecognitionList = z.object({
  items: z.array(Recognition),
  /** whether the caller may grant and revoke for this organization */
  canManage: z.boolean(),
});
export type RecognitionList = z.infer<typeof RecognitionList>;
export const OrgIdParams = z.object({ id: Id });
export const RecognitionParams = z.object({ id: Id, recognitionId: Id });

// ─── plans and targets ──────────────────────────────────────────────────────

export const comparators = ['atLeast', 'atMost'] as const;
export type Comparator = (typeof comparators)[number];

/** met: reached · onTrack: the share reached keeps up with the time elapsed · lagging · noData · noValue (a blank □) */
export const targetStatuses = ['met', 'onTrack', 'lagging', 'noData', 'noValue'] as const;
export type TargetStatus = (typeof targetStatuses)[number];

export const TargetMetric = z.enum(metricKeys as [MetricKey, ...MetricKey[]], { message: 'metric.unknown' });

export const TargetInput = z.object({
  metric: TargetMetric,
  areaCode: AreaCode,
  eachChild: z.boolean().default(false).describe('the target applies to each child area of areaCode'),
  comparator: z.enum(comparators).default('atLeast'),
  value: z.number().min(0).max(1_000_000_000).nullable().describe('null: a blank (□) still to be set'),
  deadline: DateOnly,
  note: z.string().trim().max(500).default(''),
});
export type TargetInput = z.infer<typeof TargetInput>;

export const PlanBody = z
  .object({
    title: z.string().trim().min(2, { message: 'plan.title.tooShort' }).max(200),
    areaCode: AreaCode,
    startsOn: DateOnly,
    endsOn: DateOnly,
    targets: z.array(TargetInput).max(50).default([]),
  })
  .refine((p) => p.endsOn >= p.startsOn, { message: 'plan.period.invalid', path: ['endsOn'] });
export type PlanBody = z.infer<typeof PlanBody>;

export const PlanParams = z.object({ id: Id });
export const PlanListQuery = z.object({ areaCode: AreaCode.optional().describe('plans issued in this subtree') });

export const TargetChildProgress = z.object({
  code: z.string(),
  name: z.string(),
  value: z.number().nullable(),
  status: z.enum(targetStatuses),
});
export type TargetChildProgress = z.infer<typeof TargetChildProgress>;

export const TargetProgress = z.object({
  id: z.string(),
  metric: z.string(),
  unit: z.enum(metricUnits),
  areaCode: z.string(),
  areaName: z.string(),
  eachChild: z.boolean(),
  comparator: z.enum(comparators),
  target: z.number().nullable(),
  deadline: z.string(),
  note: z.string(),
  hasSource: z.boolean(),
  /** the area's value (for eachChild: how many children meet it is in `children`) */
  value: z.number().nullable(),
  status: z.enum(targetStatuses),
  /** share of the plan's time elapsed at the time of asking (0–1) */
  elapsed: z.number(),
  children: z.array(TargetChildProgress),
});
export type TargetProgress = z.infer<typeof TargetProgress>;

export const Plan = z.object({
  id: z.string(),
  title: z.string(),
  areaCode: z.string(),
  areaName: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  preset: z.string().nullable(),
  canManage: z.boolean(),
  targets: z.array(TargetProgress),
});
export type Plan = z.infer<typeof Plan>;
export const PlanList = z.object({ items: z.array(Plan) });
export type PlanList = z.infer<typeof PlanList>;
