// Days and times in China time: the platform plans, counts and certifies in Asia/Shanghai calendar
// days (the server counts a day from 00:00 +08:00), whatever zone the browser's clock is set to.
// China has no daylight saving time, so a fixed offset is exact.

const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The China calendar day (YYYY-MM-DD) of an instant. */
export function chinaDay(iso: string | Date): string {
  const time = typeof iso === 'string' ? Date.parse(iso) : iso.getTime();
  return new Date(time + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** Today's China calendar day (YYYY-MM-DD). */
export function chinaToday(): string {
  return chinaDay(new Date());
}

/** An instant as “HH:mm” in China time. */
export function chinaTime(iso: string): string {
  return new Date(Date.parse(iso) + CHINA_OFFSET_MS).toISOString().slice(11, 16);
}

/** An instant as “YYYY-MM-DD HH:mm” in China time; `—` when absent. */
export function chinaDateTime(iso: string | null | undefined): string {
  return iso ? `${chinaDay(iso)} ${chinaTime(iso)}` : '—';
}
