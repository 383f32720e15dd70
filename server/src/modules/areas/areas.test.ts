import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../../test/harness';
import { kindOfCommunity, nameGrams } from './import';

const ctx = await createTestContext();
const get = async (url: string) => {
  const res = await ctx.app.inject({ method: 'GET', url });
  return { status: res.statusCode, body: res.json() };
};

describe('the national area tree as loaded', () => {
  it('holds every row of the 2023 division codes, level by level', async () => {
    const { rows } = await ctx.db.query<{ level: number; n: number }>(
      'SELECT level, count(*)::int AS n FROM areas GROUP BY level ORDER BY level',
    );
    expect(rows.map((r) => r.n)).toEqual([1, 31, 342, 2978, 41352, 620573]);
  });

  it('classifies every community as urban, rural or other', async () => {
    const { rows } = await ctx.db.query<{ kind: string; n: number }>(
      'SELECT kind, count(*)::int AS n FROM areas WHERE level = 5 GROUP BY kind ORDER BY kind',
    );
    const byKind = Object.fromEntries(rows.map((r) => [r.kind, r.n]));
    expect(byKind.urban! + byKind.rural! + (byKind.other ?? 0)).toBe(620573);
    expect(byKind.rural).toBeGreaterThan(byKind.urban!);
  });
});

describe('GET /api/areas/:code/children', () => {
  it("lists Guangdong's 21 cities without a sign-in", async () => {
    const { status, body } = await get('/api/areas/440000000000/children');
    expect(status).toBe(200);
    expect(body.items).toHaveLength(21);
    expect(body.items[0]).toMatchObject({ code: '440100000000', name: '广州市', level: 'city', hasChildren: true });
  });

  it('keeps 东莞 as it is: a city whose placeholder county of the same code holds the townships', async () => {
    const city = await get('/api/areas/441900000000/children');
    expect(city.body.items).toEqual([
      expect.objectContaining({ code: '441900000000', level: 'county', name: '东莞市' }),
    ]);
    const county = await get('/api/areas/441900000000/children?level=county');
    expect(county.body.items.length).toBeGreaterThan(30);
    expect(county.body.items.every((a: { level: string }) => a.level === 'township')).toBe(true);
  });

  it('loads the placeholder county 嘉峪关 620201 as it is', async () => {
    const { body } = await get('/api/areas/620201000000');
    expect(body.area).toMatchObject({ level: 'county', parentCode: '620200000000' });
  });

  it('answers 404 with a coded error for a code that does not exist, 400 for a malformed one', async () => {
    expect((await get('/api/areas/449999000000/children')).body.code).toBe('AREA_NOT_FOUND');
    const bad = await get('/api/areas/44/children');
    expect(bad.status).toBe(400);
    expect(bad.body.fields[0]).toMatchObject({ path: 'code', message: '区划代码应为12位数字' });
  });
});

describe('GET /api/areas/:code', () => {
  it('returns the node with its ancestors, root first', async () => {
    const { body } = await get('/api/areas/440104003104');
    expect(body.area).toMatchObject({
      name: '流水井社区居委会',
      kind: 'urban',
      fullName: '广东省广州市越秀区北京街道流水井社区居委会',
    });
    expect(body.ancestors.map((a: { name: string }) => a.name)).toEqual([
      '中华人民共和国',
      '广东省',
      '广州市',
      '越秀区',
      '北京街道',
    ]);
  });
});

describe('GET /api/areas/search', () => {
  it('finds names by any two characters, within a subtree', async () => {
    const { body } = await get(`/api/areas/search?q=${encodeURIComponent('流水')}&within=440104000000`);
    expect(body.items.map((a: { code: string }) => a.code)).toContain('440104003104');
    expect(body.items.every((a: { code: string }) => a.code.startsWith('440104'))).toBe(true);
  });
  it('finds one-character queries too, and respects the level filter', async () => {
    const { body } = await get(`/api/areas/search?q=${encodeURIComponent('粤')}&level=community&within=440000000000`);
    expect(body.items.length).toBeGreaterThan(0);
    expect(
      body.items.every((a: { level: string; name: string }) => a.level === 'community' && a.name.includes('粤')),
    ).toBe(true);
  });
});

describe('import rules', () => {
  it('takes urban/rural from the village digits, and the rest by name', () => {
    expect(kindOfCommunity('440104003104', '流水井社区居委会')).toBe('urban');
    expect(kindOfCommunity('441323113214', '守望村委会')).toBe('rural');
    expect(kindOfCommunity('110105020400', '机场工作区社区')).toBe('urban');
    expect(kindOfCommunity('650000000500', '一连队')).toBe('rural');
    expect(kindOfCommunity('350527000000', '金门县')).toBe('other');
  });
  it('indexes names by bigrams', () => {
    expect(nameGrams('守望社区')).toEqual(['守望', '望社', '社区']);
    expect(nameGrams('县')).toEqual(['县']);
  });
});
