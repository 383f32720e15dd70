import { z } from 'zod';
import { activityFields, practiceLevels } from './activities';
import { AreaCode } from './areas';
import { serviceTargets } from './organizations';

/**
 * Needs and dispatch (C4; GLOSSARY 群众点单 · 中心派单 · 接单 · 群众评单): a resident or the
 * committee posts a need (000 三–四 "与当地群众需求衔接"; 004 一 "以回应居民需求为目标"), the
 * practice venue that covers it — station (community), institute (township), center (county) —
 * dispatches it to an organization or sends it up a level, the organization accepts it (as an
 * activity or a volunteer task) and reports it done, and the poster rates it.
 */
export const needStatuses = [
  'posted',
  'redispatched',
  'refused',
  'dispatched',
  'accepted',
  'done',
  'rated',
  'declined',
  'cancelled',
] as const;
export type NeedStatus = (typeof needStatuses)[number];

/** Waiting in a dispatcher's queue: new, sent up a level, or refused by the organization. */
export const queuedStatuses = ['posted', 'redispatched', 'refused'] as const satisfies readonly NeedStatus[];
/** Not finished: still needs someone to act. */
export const openStatuses = [...queuedStatuses, 'dispatched', 'accepted'] as const satisfies readonly NeedStatus[];

export const needActions = [
  'post',
  'dispatch',
  'redispatch',
  'decline',
  'accept',
  'refuse',
  'complete',
  'rate',
  'cancel',
] as const;
export type NeedAction = (typeof needActions)[number];

/** The dispatching venue's level: station (community) → institute (township) → center (county). */
export type DispatchLevel = (typeof practiceLevels)[number];
export const dispatchLevels = practiceLevels;

/** How an accepted need is served: as an activity of the organization, or as a volunteer task. */
export const fulfilmentKinds = ['activity', 'volunteerTask'] as const;
export type FulfilmentKind = (typeof fulfilmentKinds)[number];

/** Chinese labels for exports (the console reads the same texts from the locale's `needs` section). */
export const needLabels = {
  status: {
    posted: '待派单',
    redispatched: '已上报上级派单',
    refused: '组织未接单，待重新派单',
    dispatched: '已派单，待接单',
    accepted: '已接单',
    done: '已办结',
    rated: '已评价',
    declined: '不予派单',
    cancelled: '已撤销',
  },
  action: {
    post: '群众点单',
    dispatch: '派单',
    redispatch: '上报上级派单',
    decline: '不予派单',
    accept: '接单',
    refuse: '不接单',
    complete: '办结',
    rate: '群众评单',
    cancel: '撤销',
  },
  level: { station: '新时代文明实践站', institute: '新时代文明实践所', center: '新时代文明实践中心' },
  fulfilment: { activity: '开展活动', volunteerTask: '志愿服务任务' },
} as const;

const DateOnly = z.iso.date({ message: 'date.invalid' });
const Reason = z.string().trim().min(2, { message: 'reason.required' }).max(500);
export const NeedParams = z.object({ id: z.uuid({ message: 'id.invalid' }) });
export const OrgIdParams = z.object({ id: z.uuid({ message: 'id.invalid' }) });

// ─── posting ────────────────────────────────────────────────────────────────

export const NeedBody = z.object({
  title: z.string().trim().min(2).max(60),
  description: z.string().trim().min(5).max(2000),
  field: z.enum(activityFields),
  serviceTarget: z.enum(serviceTargets).nullable().default(null),
  areaCode: AreaCode.describe('the community (社区/村) where the need is'),
  address: z.string().trim().min(2).max(200),
  forWhom: z.string().trim().min(2).max(100).describe('who is to be served'),
  deadline: DateOnly.describe('by when (a day, China time)'),
  contactName: z.string().trim().min(1, { message: 'name.required' }).max(50).describe('stored encrypted'),
  contactMobile: z.string().trim().describe('11-digit mobile, stored encrypted'),
});
export type NeedBody = z.infer<typeof NeedBody>;

// ─── steps ──────────────────────────────────────────────────────────────────

export const DispatchBody = z.object({
  orgId: z.uuid({ message: 'id.invalid' }),
  note: z.string().trim().max(500).default(''),
});
export type DispatchBody = z.infer<typeof DispatchBody>;
export const ReasonBody = z.object({ reason: Reason });
export type ReasonBody = z.infer<typeof ReasonBody>;

/** The draft activity an accepted need becomes; title, content, field, address and target default from the need. */
export const NeedActivityPlan = z.object({
  title: z.string().trim().min(2).max(100).optional(),
  content: z.string().trim().min(2).max(5000).optional(),
  startsAt: z.iso.datetime({ offset: true, message: 'datetime.invalid' }),
  endsAt: z.iso.datetime({ offset: true, message: 'datetime.invalid' }),
  expectedParticipants: z.number().int().min(1).max(1_000_000).default(10),
  venueRoomId: z.uuid({ message: 'id.invalid' }).nullable().default(null),
  address: z.string().trim().max(200).optional(),
});
export const AcceptBody = z.discriminatedUnion('plan', [
  z.object({ plan: z.literal('activity'), activity: NeedActivityPlan }),
  z.object({
    plan: z.literal('volunteerTask'),
    note: z.string().trim().min(2).max(1000),
  }),
]);
export type AcceptBody = z.infer<typeof AcceptBody>;
export const CompleteBody = z.object({
  note: z.string().trim().min(2).max(2000),
});
export const RatingBody = z.object({
  stars: z.number().int().min(1).max(5),
  comment: z.string().trim().max(500).default(''),
});
export type RatingBody = z.infer<typeof RatingBody>;

// ─── views ──────────────────────────────────────────────────────────────────

export const NeedAbilities = z.object({
  dispatch: z.boolean(),
  redispatch: z.boolean(),
  decline: z.boolean(),
  accept: z.boolean(),
  refuse: z.boolean(),
  complete: z.boolean(),
  rate: z.boolean(),
  cancel: z.boolean(),
  /** may ask for the full contact (audited): the handling officers and the serving organization */
  revealContact: z.boolean(),
});
export type NeedAbilities = z.infer<typeof NeedAbilities>;

export const NeedSummary = z.object({
  id: z.string(),
  title: z.string(),
  field: z.enum(activityFields),
  serviceTarget: z.enum(serviceTargets).nullable(),
  areaCode: z.string(),
  areaFullName: z.string(),
  address: z.string(),
  forWhom: z.string(),
  deadline: z.string(),
  status: z.enum(needStatuses),
  dispatchLevel: z.enum(practiceLevels),
  orgId: z.string().nullable(),
  orgName: z.string().nullable(),
  postedAt: z.string(),
  acceptedAt: z.string().nullable(),
  doneAt: z.string().nullable(),
  /** the deadline has passed and the need is still open */
  isOverdue: z.boolean(),
  stars: z.number().nullable(),
  isMine: z.boolean(),
  abilities: NeedAbilities,
});
export type NeedSummary = z.infer<typeof NeedSummary>;

export const NeedStepView = z.object({
  action: z.enum(needActions),
  fromStatus: z.enum(needStatuses).nullable(),
  toStatus: z.enum(needStatuses),
  level: z.enum(practiceLevels),
  orgId: z.string().nullable(),
  orgName: z.string().nullable(),
  comment: z.string().nullable(),
  /** null for the poster's own steps unless the caller is the poster (a resident's name is personal data) */
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  at: z.string(),
});

export const NeedContact = z.object({
  name: z.string(),
  mobile: z.string(),
  isMasked: z.boolean(),
});
export type NeedContact = z.infer<typeof NeedContact>;

export const Need = NeedSummary.extend({
  description: z.string(),
  contact: NeedContact,
  statusReason: z.string().nullable(),
  fulfilment: z
    .object({ kind: z.enum(fulfilmentKinds), activityId: z.string().nullable(), note: z.string().nullable() })
    .nullable(),
  doneNote: z.string().nullable(),
  rating: z.object({ stars: z.number(), comment: z.string(), ratedAt: z.string() }).nullable(),
  timeline: z.array(NeedStepView),
});
export type Need = z.infer<typeof Need>;

export const NeedListQuery = z.object({
  status: z.enum(needStatuses).optional(),
  isOpen: z.enum(['true', 'false']).optional().describe('true: not finished (queued, dispatched, accepted)'),
  isOverdue: z.enum(['true']).optional().describe('open needs past their deadline'),
  field: z.enum(activityFields).optional(),
  serviceTarget: z.enum(serviceTargets).optional(),
  dispatchLevel: z.enum(practiceLevels).optional(),
  orgId: z.uuid({ message: 'id.invalid' }).optional(),
  areaCode: AreaCode.optional().describe('narrow to this subtree of the jurisdiction'),
  from: DateOnly.optional().describe('posted on or after this day'),
  to: DateOnly.optional().describe('posted on or before this day'),
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type NeedListQuery = z.infer<typeof NeedListQuery>;
export const NeedList = z.object({ items: z.array(NeedSummary), nextCursor: z.string().nullable() });
export const NeedQueueList = z.object({ items: z.array(NeedSummary) });
export const AssignedQuery = z.object({ status: z.enum(needStatuses).optional() });

export const RevealedContact = z.object({ name: z.string(), mobile: z.string() });

// ─── statistics ─────────────────────────────────────────────────────────────

export const DurationFigures = z.object({
  /** how many needs the figure is computed from */
  count: z.number(),
  medianHours: z.number().nullable(),
  p90Hours: z.number().nullable(),
});
export type DurationFigures = z.infer<typeof DurationFigures>;

export const NeedStatsRow = z.object({
  posted: z.number(),
  open: z.number(),
  accepted: z.number(),
  done: z.number(),
  rated: z.number(),
  declined: z.number(),
  cancelled: z.number(),
  averageStars: z.number().nullable(),
  /** posted → accepted */
  response: DurationFigures,
  /** accepted → done */
  completion: DurationFigures,
});
export type NeedStatsRow = z.infer<typeof NeedStatsRow>;

export const NeedStatsQuery = z.object({
  areaCode: AreaCode.optional().describe(
    'the area whose child areas are compared (default: the caller’s jurisdiction)',
  ),
  from: DateOnly.optional().describe('needs posted on or after this day'),
  to: DateOnly.optional().describe('needs posted on or before this day'),
});
export type NeedStatsQuery = z.infer<typeof NeedStatsQuery>;
export const NeedStats = z.object({
  areaCode: z.string(),
  areaFullName: z.string(),
  total: NeedStatsRow,
  byArea: z.array(NeedStatsRow.extend({ areaCode: z.string(), areaName: z.string() })),
  byOrganization: z.array(NeedStatsRow.extend({ orgId: z.string(), orgName: z.string() })),
});
export type NeedStats = z.infer<typeof NeedStats>;

// ─── ratings on the organization's record (no personal data) ───────────────

export const OrgRatingSummary = z.object({
  orgId: z.string(),
  count: z.number(),
  averageStars: z.number().nullable(),
  /** counts of 1 to 5 stars */
  distribution: z.array(z.number()).length(5),
  recent: z.array(
    z.object({
      stars: z.number(),
      comment: z.string(),
      field: z.enum(activityFields),
      ratedAt: z.string(),
    }),
  ),
});
export type OrgRatingSummary = z.infer<typeof OrgRatingSummary>;
