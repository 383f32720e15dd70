import { AreaList, AreaNodeQuery, AreaParams, AreaSearchQuery, AreaWithAncestors } from '@linli/contract/areas';
import { ErrorBody } from '@linli/contract/errors';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../platform/db';
import { areaReadAccess } from './policy';
import { getAreaWithAncestors, listChildren, searchAreasByName } from './service';

/** The division tree is public information (国家统计局 publishes it), so reading it needs no sign-in. */
export const areaRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const tags = ['areas'];
  app.get(
    '/api/areas/search',
    {
      schema: {
        summary: 'Search areas by any part of the name within a subtree',
        tags,
        querystring: AreaSearchQuery,
        response: { 200: AreaList, 400: ErrorBody, 404: ErrorBody },
      },
      config: { access: areaReadAccess },
    },
    async (request) => searchAreasByName(db, request.query),
  );
  app.get(
    '/api/areas/:code',
    {
      schema: {
        summary: 'An area with its ancestors (root first)',
        tags,
        params: AreaParams,
        querystring: AreaNodeQuery,
        response: { 200: AreaWithAncestors, 400: ErrorBody, 404: ErrorBody },
      },
      config: { access: areaReadAccess },
    },
    async (request) => getAreaWithAncestors(db, request.params.code, request.query.level),
  );
  app.get(
    '/api/areas/:code/children',
    {
      schema: {
        summary: 'The children of an area, by code',
        tags,
        params: AreaParams,
        querystring: AreaNodeQuery,
        response: { 200: AreaList, 400: ErrorBody, 404: ErrorBody },
      },
      config: { access: areaReadAccess },
    },
    async (request) => listChildren(db, request.params.code, request.query.level),
  );
};
