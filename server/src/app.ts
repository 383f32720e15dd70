import { existsSync } from 'node:fs';
import path from 'node:path';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { accessRoutes } from './modules/access/index';
import { accountRoutes, createSessionLoader, createSessionToucher, resolveSession } from './modules/accounts/index';
import { activityRoutes, countRecentActivitiesByOrganization } from './modules/activities/index';
import { areaRoutes } from './modules/areas/index';
import { auditRoutes } from './modules/audit/index';
import { BACKFILL_IMPORT_JOB, backfillJobHandler, backfillRoutes } from './modules/backfill/index';
import { certificateRoutes } from './modules/certificates/index';
import { jobRoutes } from './modules/jobs/index';
import { needRoutes } from './modules/needs/index';
import { IMPORT_JOB, importJobHandler, organizationRoutes } from './modules/organizations/index';
import { reportTaskRoutes, sweepReminders } from './modules/report-tasks/index';
import { statisticsRoutes } from './modules/statistics/index';
import { volunteerRoutes } from './modules/volunteers/index';
import { sealAuditChain } from './platform/audit';
import { authPlugin } from './platform/auth';
import type { Db } from './platform/db';
import { platformErrors, registerErrorHandler } from './platform/errors';
import { JobRunner } from './platform/jobs';
import type { PersonalDataCipher } from './platform/personal-data';
import { createSessionCache } from './platform/session-cache';

export type AppDeps = {
  db: Db;
  cipher: PersonalDataCipher;
  secureCookies?: boolean;
  webDist?: string;
  logger?: boolean;
  /** how long a resolved session may be reused from memory (default 5 s; 0: every request reads it) */
  sessionCacheMs?: number;
  /** how often sessions seen by requests are marked as seen, in one batch (default every second) */
  sessionTouchMs?: number;
  /** LINLI_PUBLIC_URL: prefix of printed addresses (the certificate's QR code); else the request's origin */
  publicUrl?: string | undefined;
  /** how often committed audit rows are linked into the chain (default every second) */
  auditSealMs?: number;
  /** how often an idle job runner looks for queued jobs */
  jobPollMs?: number;
  /** how often report-task reminders due today are created (default every 10 minutes; 0: never) */
  reminderSweepMs?: number;
  /** called for every route as it is registered (the route-coverage test listens here) */
  onRoute?: (route: { method: string | string[]; url: string; access: unknown }) => void;
};

/** Platform plugins first, then the modules, listed by hand (no autoload: the imports are the architecture). */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logger ? { level: 'info' } : false,
    bodyLimit: 2 * 1024 * 1024,
    trustProxy: process.env.LINLI_TRUST_PROXY === '1',
    genReqId: () => crypto.randomUUID(),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  if (deps.onRoute) {
    const onRoute = deps.onRoute;
    app.addHook('onRoute', (route) => onRoute({ method: route.method, url: route.url, access: route.config?.access }));
  }

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Linli 邻里 API', version: '0.1.0', description: '社区社会组织培育发展平台' },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  // sessions are read and marked as seen in batches (accounts/session-batches.ts)
  const loadSession = createSessionLoader(deps.db);
  const toucher = createSessionToucher(deps.db, {
    intervalMs: deps.sessionTouchMs ?? 1000,
    onError: (error) => app.log.error(error, 'marking sessions as seen failed'),
  });
  app.addHook('onClose', toucher.stop);
  // sessions resolved from memory between changes (platform/session-cache.ts); 0 turns the cache off
  const sessions = createSessionCache({
    resolve: (tokenHash, ip) =>
      resolveSession({ db: deps.db, cipher: deps.cipher, touchLater: toucher.touch, loadSession }, tokenHash, ip),
    connectionString: deps.db.options.connectionString ?? '',
    ttlMs: deps.db.options.connectionString ? (deps.sessionCacheMs ?? 5000) : 0,
  });
  app.addHook('onReady', sessions.start);
  app.addHook('onClose', sessions.stop);
  // a write through this server is seen by the very next request, whatever the notification's timing
  app.addHook('onSend', async (request, _reply, payload) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      sessions.forgetAll();
    }
    return payload;
  });
  await app.register(authPlugin, { resolveSession: sessions.resolve, secureCookies: deps.secureCookies ?? false });

  await app.register(multipart, { limits: { fileSize: 50 * 1024 * 1024, files: 1, fields: 5 } });

  // long work (imports) runs beside the requests, claimed from the jobs table
  const jobs = new JobRunner(deps.db);
  jobs.register(IMPORT_JOB, importJobHandler({ db: deps.db, cipher: deps.cipher }));
  jobs.register(BACKFILL_IMPORT_JOB, backfillJobHandler({ db: deps.db, cipher: deps.cipher }));
  app.addHook('onReady', () => jobs.start(deps.jobPollMs ?? 1000));
  // audit rows are linked into the hash chain after they commit (platform/audit.ts)
  const sealer = setInterval(() => {
    sealAuditChain(deps.db, deps.cipher.auditKey).catch((error: unknown) =>
      app.log.error(error, 'audit sealing failed'),
    );
  }, deps.auditSealMs ?? 1000);
  sealer.unref();
  app.addHook('onClose', () => clearInterval(sealer));
  app.addHook('onClose', () => jobs.stop());
  // report-task reminders: an idempotent sweep (one notice per task, area, milestone and deadline)
  const reminderSweepMs = deps.reminderSweepMs ?? 10 * 60_000;
  if (reminderSweepMs > 0) {
    const sweep = () => {
      sweepReminders({ db: deps.db, cipher: deps.cipher }).catch((error: unknown) =>
        app.log.error(error, 'report-task reminder sweep failed'),
      );
    };
    const sweeper = setInterval(sweep, reminderSweepMs);
    sweeper.unref();
    app.addHook('onReady', async () => sweep());
    app.addHook('onClose', () => clearInterval(sweeper));
  }

  const moduleDeps = { db: deps.db, cipher: deps.cipher, secureCookies: deps.secureCookies ?? false, jobs };
  await app.register(areaRoutes, moduleDeps);
  await app.register(accountRoutes, moduleDeps);
  await app.register(accessRoutes, moduleDeps);
  await app.register(auditRoutes, moduleDeps);
  // the public page counts recent activities; activities builds on organizations, so it is wired here
  await app.register(organizationRoutes, {
    ...moduleDeps,
    countRecentActivities: (db, orgIds) => countRecentActivitiesByOrganization(db, orgIds),
  });
  await app.register(jobRoutes, moduleDeps);
  await app.register(activityRoutes, moduleDeps);
  await app.register(needRoutes, moduleDeps);
  await app.register(volunteerRoutes, moduleDeps);
  await app.register(statisticsRoutes, moduleDeps);
  await app.register(certificateRoutes, { ...moduleDeps, publicUrl: deps.publicUrl });
  await app.register(backfillRoutes, moduleDeps);
  await app.register(reportTaskRoutes, moduleDeps);

  app.get('/api/openapi.json', { schema: { hide: true }, config: { access: 'public' } }, async () => app.swagger());

  const webDist = deps.webDist;
  const hasWeb = webDist !== undefined && existsSync(path.join(webDist, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false, index: ['index.html'] });
  }
  app.setNotFoundHandler((request, reply) => {
    if (hasWeb && request.method === 'GET' && !request.url.startsWith('/api/')) {
      // the console is a single-page app: its routes are resolved in the browser
      return reply.type('text/html').sendFile('index.html');
    }
    const e = platformErrors.NOT_FOUND();
    return reply.status(404).send({ code: e.code, message: e.message });
  });
  return app;
}
