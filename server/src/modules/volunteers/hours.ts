import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The arithmetic of volunteer service, free of I/O: service minutes, shift times, ages from
 * the ID number, working days for the confirmation limit, star levels and check-in codes.
 */

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** China has one time zone and no daylight saving. */
const CHINA_OFFSET_MS = 8 * 3_600_000;

/**
 * THE rounding rule for service time: a record's minutes are the whole minutes between its
 * start and end, seconds dropped (floor). Nothing else is rounded — not per shift, not per
 * day; totals are sums of record minutes, and hours shown are minutes / 60 with one decimal.
 * Times are instants, so a record across midnight is simply longer (22:00 → 02:00 = 240).
 */
export function serviceMinutes(startedAt: Date, endedAt: Date): number {
  return Math.floor((endedAt.getTime() - startedAt.getTime()) / MINUTE_MS);
}

/** A record may not span more than a day: a longer one is a forgotten check-out to correct. */
export const MAX_RECORD_MS = DAY_MS;

export const hoursOf = (minutes: number) => Math.round((minutes / 60) * 10) / 10;

/** A shift on a China calendar date: `endTime` at or before `startTime` ends on the next day. */
export function shiftTimes(date: string, startTime: string, endTime: string): { startsAt: Date; endsAt: Date } {
  const startsAt = new Date(`${date}T${startTime}:00+08:00`);
  let endsAt = new Date(`${date}T${endTime}:00+08:00`);
  if (endsAt <= startsAt) {
    endsAt = new Date(endsAt.getTime() + DAY_MS);
  }
  return { startsAt, endsAt };
}

/** The China calendar date (YYYY-MM-DD) of an instant. */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
const dayStartInChina = (day: string) => new Date(`${day}T00:00:00+08:00`);

/** Age in whole years on `day`, from the birth date inside an 18-digit ID number. */
export function ageOn(idNumber: string, day: string): number {
  const birth = idNumber.slice(6, 14);
  const [y, md] = [Number(birth.slice(0, 4)), birth.slice(4)];
  const [dy, dmd] = [Number(day.slice(0, 4)), day.slice(5, 7) + day.slice(8, 10)];
  return dy - y - (dmd < md ? 1 : 0);
}

// ─── working days (办法 第十一条: confirm within 10 working days) ──────────────────

export const CONFIRM_WITHIN_WORKING_DAYS = 10;

/** Listed days override the rule "Monday to Friday work": holidays off, make-up weekend days on (调休). */
export type WorkingCalendar = Map<string, boolean>;

export function isWorkingDay(day: string, calendar: WorkingCalendar): boolean {
  const listed = calendar.get(day);
  if (listed !== undefined) {
    return listed;
  }
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** The `n`th working day after `day` (the day itself does not count). */
export function addWorkingDays(day: string, n: number, calendar: WorkingCalendar): string {
  let d = day;
  let left = n;
  while (left > 0) {
    d = addDays(d, 1);
    if (isWorkingDay(d, calendar)) {
      left--;
    }
  }
  return d;
}

/**
 * The moment a pending record becomes overdue: the end of the 10th working day after the China
 * date it ended on (i.e. the start of the next day).
 */
export function confirmDeadline(endedAt: Date, calendar: WorkingCalendar): Date {
  const last = addWorkingDays(chinaDate(endedAt), CONFIRM_WITHIN_WORKING_DAYS, calendar);
  return dayStartInChina(addDays(last, 1));
}

/**
 * The cut-off for the overdue list: a pending record that ended before the returned instant is
 * overdue at `now`. Walks back day by day from today (deadlines only grow with the end date).
 */
export function overdueCutoff(now: Date, calendar: WorkingCalendar): Date {
  let day = chinaDate(now);
  for (let i = 0; i < 400; i++) {
    if (confirmDeadline(dayStartInChina(day), calendar) <= now) {
      return dayStartInChina(addDays(day, 1));
    }
    day = addDays(day, -1);
  }
  return dayStartInChina(day);
}

/** The window of days a calendar must cover for deadlines and cut-offs around `now`. */
export function calendarWindow(now: Date): { from: string; to: string } {
  const today = chinaDate(now);
  return { from: addDays(today, -120), to: addDays(today, 60) };
}

// ─── star levels (中国社区志愿者注册管理办法) ─────────────────────────────────────

export const DEFAULT_STAR_THRESHOLDS_HOURS = [100, 300, 600, 1000, 1500] as const;

/** The stars the confirmed minutes reach under the thresholds (hours, ascending). */
export function starsReached(minutes: number, thresholdsHours: readonly number[]): number {
  return thresholdsHours.filter((h) => minutes >= h * 60).length;
}

/** The stars held: five only once approved when the area asks for approval. */
export function starsHeld(reached: number, needsApproval: boolean, fiveApproved: boolean): number {
  return reached === 5 && needsApproval && !fiveApproved ? 4 : reached;
}

// ─── rotating check-in codes ───────────────────────────────────────────────────────

export const CHECKIN_WINDOW_SECONDS = 30;
const PAYLOAD_PREFIX = 'linli:checkin:v1';

export const windowOf = (at: Date) => Math.floor(at.getTime() / (CHECKIN_WINDOW_SECONDS * 1000));

function mac(secret: Buffer, shiftId: string, window: number): Buffer {
  return createHmac('sha256', secret).update(`${shiftId}:${window}`).digest();
}

/** Six digits from the MAC by dynamic truncation (as HOTP, RFC 4226 §5.3). */
function digitsOf(m: Buffer): string {
  const offset = m[m.length - 1]! & 0x0f;
  return String((m.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

/** What the organizer's screen shows for the current window: a QR payload and the six digits. */
export function checkInCode(secret: Buffer, shiftId: string, at: Date) {
  const window = windowOf(at);
  const m = mac(secret, shiftId, window);
  return {
    qrPayload: `${PAYLOAD_PREFIX}:${shiftId}:${window}:${m.subarray(0, 12).toString('base64url')}`,
    code: digitsOf(m),
    validUntil: new Date((window + 2) * CHECKIN_WINDOW_SECONDS * 1000),
  };
}

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Accepts the code of the current window or of the one before it (one window of grace, so a
 * code read just before it rotates still works): six digits, or the QR payload of this shift.
 */
export function verifyCheckInCode(secret: Buffer, shiftId: string, code: string, at: Date): boolean {
  const now = windowOf(at);
  if (/^\d{6}$/.test(code)) {
    return [now, now - 1].some((w) => same(digitsOf(mac(secret, shiftId, w)), code));
  }
  const parts = code.split(':');
  if (parts.length !== 6 || `${parts[0]}:${parts[1]}:${parts[2]}` !== PAYLOAD_PREFIX || parts[3] !== shiftId) {
    return false;
  }
  const window = Number(parts[4]);
  if (!Number.isInteger(window) || (window !== now && window !== now - 1)) {
    return false;
  }
  return same(mac(secret, shiftId, window).subarray(0, 12).toString('base64url'), parts[5]!);
}
