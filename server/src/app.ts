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
import { accountRoutes, resolveSession } from './modules/accounts/index';
import { activityRoutes } from './modules/activities/index';
import { areaRoutes } from './modules/areas/index';
import { auditRoutes } from './modules/audit/index';
import { jobRoutes } from './modules/jobs/index';
import { needRoutes } from './modules/needs/index';
import { IMPORT_JOB, importJobHandler, organizationRoutes } from './modules/organizations/index';
import { authPlugin } from './platform/auth';
import type { Db } from './platform/db';
import { platformErrors, registerErrorHandler } from './platform/errors';
import { JobRunner } from './platform/jobs';
import type { PersonalDataCipher } from './platform/personal-data';

export type AppDeps = {
  db: Db;
  cipher: PersonalDataCipher;
  secureCookies?: boolean;
  webDist?: string;
  logger?: boolean;
  /** how often an idle job runner looks for queued jobs */
  jobPollMs?: number;
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
  await app.register(authPlugin, {
    resolveSession: (tokenHash, ip) => resolveSession({ db: deps.db, cipher: deps.cipher }, tokenHash, ip),
    secureCookies: deps.secureCookies ?? false,
  });

  await app.register(multipart, { limits: { fileSize: 50 * 1024 * 1024, files: 1, fields: 5 } });

  // long work (imports) runs beside the requests, claimed from the jobs table
  const jobs = new JobRunner(deps.db);
  jobs.register(IMPORT_JOB, importJobHandler({ db: deps.db, cipher: deps.cipher }));
  app.addHook('onReady', () => jobs.start(deps.jobPollMs ?? 1000));
  app.addHook('onClose', () => jobs.stop());

  const moduleDeps = { db: deps.db, cipher: deps.cipher, secureCookies: deps.secureCookies ?? false, jobs };
  await app.register(areaRoutes, moduleDeps);
  await app.register(accountRoutes, moduleDeps);
  await app.register(accessRoutes, moduleDeps);
  await app.register(auditRoutes, moduleDeps);
  await app.register(organizationRoutes, moduleDeps);
  await app.register(jobRoutes, moduleDeps);
  await app.register(activityRoutes, moduleDeps);
  await app.register(needRoutes, moduleDeps);

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
