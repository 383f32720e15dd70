import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  ageOn,
  checkInCode,
  confirmDeadline,
  overdueCutoff,
  serviceMinutes,
  shiftTimes,
  starsHeld,
  starsReached,
  verifyCheckInCode,
} from './hours';

const at = (iso: string) => new Date(iso);

describe('service minutes: floor to whole minutes, nothing else', () => {
  it('drops the seconds', () => {
    expect(serviceMinutes(at('2026-03-02T09:00:00+08:00'), at('2026-03-02T11:29:59+08:00'))).toBe(149);
    expect(serviceMinutes(at('2026-03-02T09:00:00+08:00'), at('2026-03-02T09:00:59+08:00'))).toBe(0);
  });

  it('counts across midnight', () => {
    const { startsAt, endsAt } = shiftTimes('2026-03-02', '22:00', '02:30');
    expect(startsAt.toISOString()).toBe('2026-03-02T14:00:00.000Z');
    expect(endsAt.toISOString()).toBe('2026-03-02T18:30:00.000Z');
    expect(serviceMinutes(startsAt, endsAt)).toBe(270);
    // a record checked in before and out after midnight
    expect(serviceMinutes(at('2026-12-31T23:40:10+08:00'), at('2027-01-01T00:20:05+08:00'))).toBe(39);
  });

  it('a shift ending at its start time is a 24-hour shift', () => {
    const { startsAt, endsAt } = shiftTimes('2026-03-02', '08:00', '08:00');
    expect(serviceMinutes(startsAt, endsAt)).toBe(1440);
  });
});

describe('age from the ID number', () => {
  it('is counted in whole years on the shift date', () => {
    expect(ageOn('440104200803150012', '2026-03-14')).toBe(17);
    expect(ageOn('440104200803150012', '2026-03-15')).toBe(18);
    expect(ageOn('440104200002290012', '2026-02-28')).toBe(25);
    expect(ageOn('440104200002290012', '2026-03-01')).toBe(26);
  });
});

describe('10 working days (办法 第十一条)', () => {
  const none = new Map<string, boolean>();

  it('skips weekends', () => {
    // Monday 2026-03-02 + 10 working days = Monday 2026-03-16
    expect(addWorkingDays('2026-03-02', 10, none)).toBe('2026-03-16');
    // a record ending on a Saturday: the clock starts on Monday
    expect(addWorkingDays('2026-03-07', 1, none)).toBe('2026-03-09');
  });

  it('skips listed holidays and counts make-up working days (调休)', () => {
    const calendar = new Map([
      ['2026-10-01', false],
      ['2026-10-02', false],
      ['2026-10-05', false],
      ['2026-10-06', false],
      ['2026-10-07', false],
      ['2026-10-08', false],
      ['2026-10-10', true],
    ]);
    // Wed 30 Sep: 9, 10 (Sat, make-up), 12, 13, 14, 15, 16, 19, 20, 21
    expect(addWorkingDays('2026-09-30', 10, calendar)).toBe('2026-10-21');
  });

  it('a record is overdue from the day after its 10th working day; the list cut-off agrees', () => {
    const ended = at('2026-03-02T11:00:00+08:00');
    const deadline = confirmDeadline(ended, none);
    expect(deadline.toISOString()).toBe('2026-03-16T16:00:00.000Z'); // 2026-03-17 00:00 China time
    const justBefore = new Date(deadline.getTime() - 1);
    expect(overdueCutoff(justBefore, none) <= ended).toBe(true);
    expect(overdueCutoff(deadline, none) > ended).toBe(true);
  });
});

describe('star levels', () => {
  const defaults = [100, 300, 600, 1000, 1500];
  it('count the thresholds reached by confirmed hours', () => {
    expect(starsReached(99 * 60 + 59, defaults)).toBe(0);
    expect(starsReached(100 * 60, defaults)).toBe(1);
    expect(starsReached(1499 * 60, defaults)).toBe(4);
    expect(starsReached(1500 * 60, defaults)).toBe(5);
    expect(starsReached(10 * 60, [10, 20, 30, 40, 50])).toBe(1);
  });
  it('hold five stars only once approved when approval is asked for', () => {
    expect(starsHeld(5, true, false)).toBe(4);
    expect(starsHeld(5, true, true)).toBe(5);
    expect(starsHeld(5, false, false)).toBe(5);
  });
});

describe('rotating check-in codes', () => {
  const secret = randomBytes(32);
  const shift = '6f1c2b0e-8a4d-4c1e-9b7a-2d3e4f5a6b7c';
  const t0 = at('2026-03-02T09:00:05Z');

  it('accept the current window and the one before it, as six digits or QR payload', () => {
    const c = checkInCode(secret, shift, t0);
    expect(c.code).toMatch(/^\d{6}$/);
    expect(verifyCheckInCode(secret, shift, c.code, t0)).toBe(true);
    expect(verifyCheckInCode(secret, shift, c.qrPayload, t0)).toBe(true);
    const next = new Date(t0.getTime() + 30_000);
    expect(verifyCheckInCode(secret, shift, c.code, next)).toBe(true);
    expect(verifyCheckInCode(secret, shift, c.qrPayload, next)).toBe(true);
    expect(c.validUntil.getTime()).toBeGreaterThan(next.getTime());
  });

  it('refuse an expired code, another shift’s payload, another secret and a forged payload', () => {
    const c = checkInCode(secret, shift, t0);
    const later = new Date(t0.getTime() + 61_000);
    expect(verifyCheckInCode(secret, shift, c.code, later)).toBe(false);
    expect(verifyCheckInCode(secret, shift, c.qrPayload, later)).toBe(false);
    const other = '00000000-0000-4000-8000-000000000000';
    expect(verifyCheckInCode(secret, other, c.qrPayload, t0)).toBe(false);
    expect(verifyCheckInCode(randomBytes(32), shift, c.qrPayload, t0)).toBe(false);
    const parts = c.qrPayload.split(':');
    parts[5] = 'AAAAAAAAAAAAAAAA';
    expect(verifyCheckInCode(secret, shift, parts.join(':'), t0)).toBe(false);
    expect(verifyCheckInCode(secret, shift, 'not a code', t0)).toBe(false);
  });
});
