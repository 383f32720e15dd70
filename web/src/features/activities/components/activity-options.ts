import type {
  ActivityField,
  ActivityKind,
  ActivityStatus,
  approvalKinds as approvalKindList,
  BookingStatus,
  majorEventKinds as majorEventKindList,
  PathStep,
  PracticeLevel,
  VenueKind,
} from '@linli/contract/activities';
import type { ServiceTarget } from '@linli/contract/organizations';
import { chinaDay, chinaTime } from '../../../app/china-time';

// The enum values are restated from contract/activities.ts, whose zod schemas would otherwise be
// pulled into the bundle; `allOf` fails to compile when a value is missing (or one too many).
const allOf =
  <T extends string>() =>
  <const A extends readonly T[]>(values: A & ([Exclude<T, A[number]>] extends [never] ? unknown : never)): A =>
    values;

export const fieldChoices = allOf<ActivityField>()(['theory', 'customs', 'cultureSports', 'services', 'mediation']);
export const kindChoices = allOf<ActivityKind>()([
  'ordinary',
  'festival',
  'performance',
  'competition',
  'gathering',
  'seminar',
  'exhibition',
  'award',
]);
export const statusChoices = allOf<ActivityStatus>()([
  'draft',
  'awaitingApproval',
  'awaitingAcknowledgement',
  'rejected',
  'ready',
  'published',
  'completed',
  'cancelled',
]);
export const venueKindChoices = allOf<VenueKind>()([
  'practiceCenter',
  'partyMassCenter',
  'serviceStation',
  'otherFacility',
]);
export const practiceLevelChoices = allOf<PracticeLevel>()(['center', 'institute', 'station']);
export const bookingStatusChoices = allOf<BookingStatus>()(['requested', 'confirmed', 'declined', 'cancelled']);
export const targetChoices = allOf<ServiceTarget>()([
  'elderly',
  'children',
  'youth',
  'women',
  'disabled',
  'unemployed',
  'migrantWorkers',
  'leftBehind',
  'familiesInDifficulty',
  'mentalDisorder',
  'atRiskYouth',
  'communityCorrections',
  'veterans',
  'allResidents',
]);

/** contract `majorEventKinds`: reported to the committee before they happen (003 二.四.2). */
const majorEventKinds = allOf<(typeof majorEventKindList)[number]>()([
  'festival',
  'performance',
  'competition',
  'gathering',
]);
/** contract `approvalKinds`: need the supervising authority's approval (002 会议要求三). */
const approvalKinds = allOf<(typeof approvalKindList)[number]>()(['seminar', 'exhibition', 'award']);

/**
 * The steps an activity of this kind needs whatever its size — the part of the server's
 * `activityPath` that depends on the kind alone. Size thresholds are set per area and only the
 * server knows them, so the form says “at least” and shows the server's path after saving.
 */
export function stepsForKind(kind: ActivityKind): PathStep[] {
  const steps: PathStep[] = [];
  if ((approvalKinds as readonly string[]).includes(kind)) {
    steps.push('approval');
  }
  if ((majorEventKinds as readonly string[]).includes(kind)) {
    steps.push('report');
  }
  return steps;
}

export const statusColors: Record<ActivityStatus, string> = {
  draft: 'default',
  awaitingApproval: 'processing',
  awaitingAcknowledgement: 'processing',
  rejected: 'red',
  ready: 'cyan',
  published: 'green',
  completed: 'purple',
  cancelled: 'default',
};

export const bookingColors: Record<BookingStatus, string> = {
  requested: 'processing',
  confirmed: 'green',
  declined: 'red',
  cancelled: 'default',
};

// ─── days in China time (the server counts a calendar day from 00:00 +08:00) ───

export { chinaDateTime, chinaDay, chinaTime } from '../../../app/china-time';

const DAY_MS = 86_400_000;

/** A day plus `days` (YYYY-MM-DD arithmetic, no time zone involved). */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 0 for Monday … 6 for Sunday. */
export function weekdayIndex(day: string): number {
  return (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
}

export function mondayOf(day: string): string {
  return addDays(day, -weekdayIndex(day));
}

/** The days a month view shows: whole weeks from the Monday before the 1st to the Sunday after the last. */
export function monthGrid(month: string): { from: string; to: string } {
  const first = `${month}-01`;
  const nextFirst = addDays(first, 32).slice(0, 7);
  const last = addDays(`${nextFirst}-01`, -1);
  return { from: mondayOf(first), to: addDays(mondayOf(last), 6) };
}

/** “MM-DD HH:mm” in China time, for narrow table columns. */
export function chinaShortDateTime(iso: string | null | undefined): string {
  return iso ? `${chinaDay(iso).slice(5)} ${chinaTime(iso)}` : '—';
}
