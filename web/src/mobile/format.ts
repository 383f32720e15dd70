import { chinaDay } from '../app/china-time';
import { currentLanguage } from '../app/i18n';

/** “11月25日 周三 14:00–16:00” in China time (where the activity happens), in the reader's language. */
export function whenText(startsAt: string, endsAt: string): string {
  const language = currentLanguage();
  const day = new Intl.DateTimeFormat(language, {
    timeZone: 'Asia/Shanghai',
    month: 'long',
    day: 'numeric',
    weekday: 'short',
  }).format(new Date(startsAt));
  const time = new Intl.DateTimeFormat(language, {
    timeZone: 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
  const sameDay = chinaDay(startsAt) === chinaDay(endsAt);
  const end = sameDay
    ? time.format(new Date(endsAt))
    : `${new Intl.DateTimeFormat(language, { timeZone: 'Asia/Shanghai', month: 'long', day: 'numeric' }).format(new Date(endsAt))} ${time.format(new Date(endsAt))}`;
  return `${day} ${time.format(new Date(startsAt))}–${end}`;
}

export { chinaDay } from '../app/china-time';

/** “11月25日 周三” in China time, in the reader's language. */
export function dayText(iso: string): string {
  return new Intl.DateTimeFormat(currentLanguage(), {
    timeZone: 'Asia/Shanghai',
    month: 'long',
    day: 'numeric',
    weekday: 'short',
  }).format(new Date(iso));
}

/** “14:05” in China time. */
export function timeText(iso: string): string {
  return new Intl.DateTimeFormat(currentLanguage(), {
    timeZone: 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso));
}
