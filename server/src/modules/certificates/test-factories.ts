import { inflateSync } from 'node:zlib';
import { expect } from 'vitest';
import type { Client } from '../../../test/harness';

/**
 * A confirmed record: the organization back-fills it for a volunteer of its team and confirms
 * it. `startedAt`/`endedAt` are ISO times in the past.
 */
export async function confirmedRecord(
  org: { client: Client; orgId: string },
  volunteerId: string,
  span: { startedAt: string; endedAt: string },
  overrides: { projectTitle?: string; content?: string } = {},
): Promise<string> {
  const res = await org.client.post('/api/service-records', {
    orgId: org.orgId,
    volunteerId,
    projectTitle: overrides.projectTitle ?? '重阳敬老探访',
    address: '流水井社区',
    content: overrides.content ?? '为独居长者送餐、陪伴聊天',
    ...span,
  });
  expect(res.statusCode, res.body).toBe(200);
  const id = res.json().id as string;
  const confirmed = await org.client.post('/api/service-records/confirmation', { recordIds: [id] });
  expect(confirmed.statusCode, confirmed.body).toBe(200);
  return id;
}

/** An ISO time on the China date `days` from today at `time` (HH:MM). */
export function chinaTime(days: number, time: string): string {
  const day = new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
  return new Date(`${day}T${time}:00+08:00`).toISOString();
}

export function chinaDay(days: number): string {
  return new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The text a PDF shows, as far as this test needs it: every stream is inflated, each embedded
 * font's ToUnicode map (pdfkit writes `bfrange` arrays) is read, and the hex strings of the
 * content streams are decoded with each map in turn. Also lists the embedded fonts' names.
 */
export function pdfText(pdf: Buffer): { text: string; fonts: string[]; hasFontFiles: boolean } {
  const raw = pdf.toString('latin1');
  const streams: string[] = [];
  const re = /(?<!end)stream\r?\n/g;
  let m: RegExpExecArray | null = re.exec(raw);
  while (m) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) {
      break;
    }
    const bytes = pdf.subarray(start, end);
    try {
      streams.push(inflateSync(bytes).toString('latin1'));
    } catch {
      streams.push(bytes.toString('latin1'));
    }
    re.lastIndex = end;
    m = re.exec(raw);
  }
  const maps = streams
    .filter((s) => s.includes('begincmap'))
    .map((cmap) => {
      const map = new Map<number, string>();
      for (const line of cmap.matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>\s*\[([^\]]*)\]/gi)) {
        const first = Number.parseInt(line[1]!, 16);
        [...line[3]!.matchAll(/<([0-9a-f]+)>/gi)].forEach((u, i) => {
          const hex = u[1]!;
          const units: number[] = [];
          for (let k = 0; k < hex.length; k += 4) {
            units.push(Number.parseInt(hex.slice(k, k + 4), 16));
          }
          map.set(first + i, String.fromCharCode(...units));
        });
      }
      return map;
    });
  const content = streams.filter((s) => /\bTJ\b|\bTj\b/.test(s)).join('\n');
  const hexStrings = [...content.matchAll(/<([0-9a-f]+)>/gi)].map((h) => h[1]!);
  const text = maps
    .map((map) =>
      hexStrings
        .map((hex) => {
          let out = '';
          for (let k = 0; k < hex.length; k += 4) {
            out += map.get(Number.parseInt(hex.slice(k, k + 4), 16)) ?? '';
          }
          return out;
        })
        .join(''),
    )
    .join('\n');
  const fonts = [...raw.matchAll(/\/BaseFont\s*\/([^\s/>]+)/g)].map((f) => f[1]!);
  return { text, fonts, hasFontFiles: /\/FontFile2\b/.test(raw) };
}
