import type { ActivityField } from '@linli/contract/activities';
import type { ProjectStatus, RecordStatus, SignupStatus, VolunteerSkill } from '@linli/contract/volunteers';
import { chinaDateTime, chinaDay, chinaTime } from '../../../app/china-time';

// The enum values are restated from the contract, whose zod schemas would otherwise be pulled
// into the bundle; `allOf` fails to compile when a value is missing (or one too many).
const allOf =
  <T extends string>() =>
  <const A extends readonly T[]>(values: A & ([Exclude<T, A[number]>] extends [never] ? unknown : never)): A =>
    values;

export const skillChoices = allOf<VolunteerSkill>()([
  'firstAid',
  'medical',
  'elderlyCare',
  'childCare',
  'tutoring',
  'legal',
  'psychology',
  'mediation',
  'photography',
  'publicity',
  'driving',
  'it',
  'translation',
  'signLanguage',
  'artsCulture',
  'sports',
  'repair',
  'cooking',
  'organizing',
]);
export const fieldChoices = allOf<ActivityField>()(['theory', 'customs', 'cultureSports', 'services', 'mediation']);
export const projectStatusChoices = allOf<ProjectStatus>()(['draft', 'published', 'closed']);
export const recordStatusChoices = allOf<RecordStatus>()(['open', 'pending', 'confirmed']);
export const signupStatusChoices = allOf<SignupStatus>()(['confirmed', 'waiting', 'cancelled']);

// shifts are planned in China wall-clock time
export { chinaDateTime, chinaDay, chinaTime } from '../../../app/china-time';

/** A China wall-clock “YYYY-MM-DDTHH:mm” as an ISO instant with its offset. */
export function chinaIso(wallClock: string): string {
  return `${wallClock}:00+08:00`;
}

/** A shift as “2026-11-28 09:00–12:00” (the end's day only when it differs). */
export function shiftLabel(shift: { startsAt: string; endsAt: string }): string {
  const endDay = chinaDay(shift.endsAt);
  const end = endDay === chinaDay(shift.startsAt) ? chinaTime(shift.endsAt) : chinaDateTime(shift.endsAt);
  return `${chinaDateTime(shift.startsAt)}–${end}`;
}

/** Minutes as hours with one decimal (display only; the server keeps minutes). */
export function hoursOf(minutes: number | null | undefined): string {
  return minutes === null || minutes === undefined ? '—' : (Math.round(minutes / 6) / 10).toFixed(1);
}
