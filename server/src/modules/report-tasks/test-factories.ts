import { randomBytes } from 'node:crypto';
import type { AreaLevel } from '@linli/contract/areas';
import type { Role } from '@linli/contract/permissions';
import type { AddresseeList, AddresseeStatus, ReportTaskBody } from '@linli/contract/report-tasks';
import { expect } from 'vitest';
import { Client, makeUser, type TestContext } from '../../../test/harness';
import type { Actor } from '../../platform/access';

/** Areas used by the tests: 广州市 › 越秀区 › 北京街道 / 六榕街道 › their communities. */
export const AREAS = {
  guangzhou: '440100000000',
  yuexiu: '440104000000',
  haizhu: '440105000000',
  beijingRoad: '440104003000',
  liurong: '440104004000',
  liushuijing: '440104003104',
  longcang: '440104003107',
  liurongCommunity: '440104004102',
} as const;

/** A day `days` from today, China time (yyyy-mm-dd). */
export function dayFromToday(days: number): string {
  return new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** An officer with one grant, signed in; `actor` is the same person for calling the service directly. */
export async function makeOfficer(
  ctx: TestContext,
  role: Role,
  areaCode: string,
  areaLevel: AreaLevel,
  name = '林晓明',
): Promise<{ id: string; client: Client; actor: Actor }> {
  const user = await makeUser(ctx, { name, grant: { role, areaCode, areaLevel }, areaCode });
  const client = await new Client(ctx.app).signInReady(user.mobile, user.password);
  return { id: user.id, client, actor: actorOf(user.id, role, areaCode, areaLevel, name) };
}

export function actorOf(userId: string, role: Role, areaCode: string, areaLevel: AreaLevel, name = '林晓明'): Actor {
  return {
    userId,
    name,
    mustChangePassword: false,
    grants: [{ id: randomBytes(8).toString('hex'), role, areaCode, areaLevel, orgId: null }],
    currentArea: null,
    sessionTokenHash: Buffer.alloc(32),
    csrfToken: 'test',
    sourceIp: '127.0.0.1',
  };
}

/** 001 三.四: a summary report with one field of each kind; override anything. */
export function taskBody(overrides: Partial<ReportTaskBody> = {}): ReportTaskBody {
  return {
    title: '社区社会组织培育发展工作总结',
    instructions: '请于截止日期前报送本区社区社会组织培育发展工作总结。',
    deadline: dayFromToday(10),
    fields: [
      { id: 'summary', kind: 'longText', label: '工作总结', isRequired: true },
      { id: 'contact', kind: 'text', label: '联系人', isRequired: false },
      { id: 'orgcount', kind: 'number', label: '社区社会组织数量', unit: '个', isRequired: true },
      { id: 'asof', kind: 'date', label: '统计截止日期', isRequired: false },
      { id: 'hub', kind: 'singleChoice', label: '是否建立枢纽型组织', options: ['是', '否'], isRequired: true },
      {
        id: 'fields',
        kind: 'multipleChoice',
        label: '重点服务领域',
        options: ['养老', '助残', '青少年', '文体'],
        isRequired: false,
      },
      { id: 'attach', kind: 'file', label: '总结报告附件', isRequired: false },
    ],
    ...overrides,
  };
}

export const goodAnswers = {
  summary: '全年培育社区社会组织120家，建立枢纽型组织8家。',
  contact: '王小明',
  orgcount: 120,
  asof: '2022-11-15',
  hub: '是',
  fields: ['养老', '文体'],
};

/** Every addressee row of a task the client reads, following the status table's pages. */
export async function addresseesOf(
  client: Client,
  id: string,
  query: Record<string, string> = {},
): Promise<AddresseeStatus[]> {
  const items: AddresseeStatus[] = [];
  let after: string | null = '';
  while (after !== null) {
    const params = new URLSearchParams({ ...query, limit: '200', ...(after ? { after } : {}) });
    const res = await client.get(`/api/report-tasks/${id}/addressees?${params}`);
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json() as AddresseeList;
    items.push(...page.items);
    after = page.next;
  }
  return items;
}

/** Creates and sends a task through the API; returns its id. */
export async function sendTaskVia(client: Client, body: ReportTaskBody = taskBody()): Promise<string> {
  const created = await client.post('/api/report-tasks', body);
  expect(created.statusCode, created.body).toBe(200);
  const id = (created.json() as { id: string }).id;
  const sent = await client.post(`/api/report-tasks/${id}/send`);
  expect(sent.statusCode, sent.body).toBe(200);
  return id;
}

/** A small but real PDF (file-type reads the magic bytes). */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

export function fileForm(name: string, content: Buffer, type = 'application/pdf'): FormData {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(content)], { type }), name);
  return form;
}
