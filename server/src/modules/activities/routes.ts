import {
  Activity,
  ActivityBody,
  ActivityCounts,
  ActivityList,
  ActivityListQuery,
  ActivityUpdateBody,
  AreaCodeParams,
  Booking,
  BookingBody,
  BookingDecisionBody,
  BookingList,
  BookingQuery,
  CampaignBody,
  CampaignList,
  CancelBody,
  EffectiveRules,
  IdParams,
  OutcomeBody,
  PathRulesBody,
  PhotoParams,
  PhotoQuery,
  PublicActivity,
  PublicActivityList,
  PublicActivityQuery,
  PublicVenueList,
  PublicVenueQuery,
  QueueList,
  ReviewBody,
  RoomInput,
  Venue,
  VenueBody,
  VenueList,
  VenueUpdateBody,
} from '@linli/contract/activities';
import { AreaCode } from '@linli/contract/areas';
import { ErrorBody } from '@linli/contract/errors';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../platform/db';
import type { PersonalDataCipher } from '../../platform/personal-data';
import { exportActivities } from './export';
import { readPhotoUpload } from './photos';
import * as svc from './service';

const errors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  413: ErrorBody,
};
const publicErrors = { 400: ErrorBody, 404: ErrorBody };
const RoomParams = z.object({ roomId: z.uuid({ message: 'id.invalid' }) });
const PhotoCreated = z.object({ photoId: z.string() });
const VenuePatch = VenueUpdateBody.extend({ addRooms: z.array(RoomInput).max(50).optional() });
const VenueListQuery = z.object({ areaCode: AreaCode.optional().describe('narrow to this subtree') });
const ActivityFilterQuery = ActivityListQuery.omit({ cursor: true, limit: true });

/**
 * C4 civilization practice activities: venues and bookings, activities and their path
 * (approval, major-event report), photos, calendar lists, export, counts, and public views.
 */
export const activityRoutes: FastifyPluginAsyncZod<{ db: Db; cipher: PersonalDataCipher }> = async (app, deps) => {
  const tags = ['activities'];
  const show = (actor: Parameters<typeof svc.getActivity>[1], id: string) => svc.getActivity(deps, actor, id);

  // ─── venues ───
  app.get(
    '/api/venues',
    {
      schema: {
        summary: 'Practice venues in the jurisdiction',
        tags,
        querystring: VenueListQuery,
        response: { 200: VenueList, ...errors },
      },
      config: { access: 'venues.read' },
    },
    async (request) => svc.listVenues(deps, request.actor!, request.query),
  );
  app.post(
    '/api/venues',
    {
      schema: {
        summary: 'Record a practice venue with its rooms',
        tags,
        body: VenueBody,
        response: { 200: Venue, ...errors },
      },
      config: { access: 'venues.manage' },
    },
    async (request) => svc.getVenue(deps, request.actor!, await svc.createVenue(deps, request.actor!, request.body)),
  );
  app.get(
    '/api/venues/:id',
    {
      schema: { summary: 'One venue with its rooms', tags, params: IdParams, response: { 200: Venue, ...errors } },
      config: { access: 'venues.read' },
    },
    async (request) => svc.getVenue(deps, request.actor!, request.params.id),
  );
  app.patch(
    '/api/venues/:id',
    {
      schema: {
        summary: 'Change a venue’s details, manager, status; add rooms',
        tags,
        params: IdParams,
        body: VenuePatch,
        response: { 200: Venue, ...errors },
      },
      config: { access: 'venues.manage' },
    },
    async (request) =>
      svc.getVenue(deps, request.actor!, await svc.updateVenue(deps, request.actor!, request.params.id, request.body)),
  );

  // ─── bookings ───
  app.post(
    '/api/venue-rooms/:roomId/bookings',
    {
      schema: {
        summary: 'Ask for a room for a time slot (for an organization)',
        tags,
        params: RoomParams,
        body: BookingBody,
        response: { 200: Booking, ...errors },
      },
      config: { access: 'activities.manage' },
    },
    async (request) =>
      svc.getBooking(
        deps,
        request.actor!,
        await svc.requestBooking(deps, request.actor!, request.params.roomId, request.body),
      ),
  );
  app.get(
    '/api/bookings',
    {
      schema: {
        summary: 'Bookings the caller decides (venue officers) or asked for (organizations)',
        tags,
        querystring: BookingQuery,
        response: { 200: BookingList, ...errors },
      },
      config: { access: 'venues.read' },
    },
    async (request) => svc.listBookings(deps, request.actor!, request.query),
  );
  app.post(
    '/api/bookings/:id/decision',
    {
      schema: {
        summary: 'Confirm or decline a booking request (409 BOOKING_SLOT_TAKEN when the room is taken)',
        tags,
        params: IdParams,
        body: BookingDecisionBody,
        response: { 200: Booking, ...errors },
      },
      config: { access: 'venues.manage' },
    },
    async (request) =>
      svc.getBooking(
        deps,
        request.actor!,
        await svc.decideBooking(deps, request.actor!, request.params.id, request.body),
      ),
  );
  app.post(
    '/api/bookings/:id/cancellation',
    {
      schema: {
        summary: 'The organization withdraws a request or gives up a confirmed room',
        tags,
        params: IdParams,
        response: { 200: Booking, ...errors },
      },
      config: { access: 'activities.manage' },
    },
    async (request) =>
      svc.getBooking(deps, request.actor!, await svc.cancelBooking(deps, request.actor!, request.params.id)),
  );

  // ─── campaigns and path rules ───
  app.get(
    '/api/activity-campaigns',
    {
      schema: {
        summary: 'The preset campaigns and those of the caller’s provinces',
        tags,
        response: { 200: CampaignList, ...errors },
      },
      config: { access: 'authenticated' },
    },
    async (request) => svc.listCampaigns(deps, request.actor!),
  );
  app.post(
    '/api/activity-campaigns',
    {
      schema: {
        summary: 'A province adds its own campaign',
        tags,
        body: CampaignBody,
        response: { 200: CampaignList, ...errors },
      },
      config: { access: 'activities.configure' },
    },
    async (request) => {
      await svc.createCampaign(deps, request.actor!, request.body);
      return svc.listCampaigns(deps, request.actor!);
    },
  );
  app.get(
    '/api/activity-rules/:code',
    {
      schema: {
        summary: 'The path rules set on an area and in effect there (nearest ancestor wins)',
        tags,
        params: AreaCodeParams,
        response: { 200: EffectiveRules, ...errors },
      },
      config: { access: 'activities.read' },
    },
    async (request) => svc.getRules(deps, request.actor!, request.params.code),
  );
  app.put(
    '/api/activity-rules/:code',
    {
      schema: {
        summary: 'Set an area’s thresholds and lead days (null: inherit)',
        tags,
        params: AreaCodeParams,
        body: PathRulesBody,
        response: { 200: EffectiveRules, ...errors },
      },
      config: { access: 'activities.configure' },
    },
    async (request) => svc.setRules(deps, request.actor!, request.params.code, request.body),
  );

  // ─── activities ───
  app.get(
    '/api/activities',
    {
      schema: {
        summary: 'Activities in the jurisdiction by start time (calendar), filtered, keyset-paginated',
        tags,
        querystring: ActivityListQuery,
        response: { 200: ActivityList, ...errors },
      },
      config: { access: 'activities.read' },
    },
    async (request) => svc.listActivities(deps, request.actor!, request.query),
  );
  app.get(
    '/api/activities/export',
    {
      schema: { summary: 'The filtered list as .xlsx (streamed)', tags, querystring: ActivityFilterQuery },
      config: { access: 'activities.read' },
    },
    async (request, reply) => exportActivities(deps, request.actor!, request.query, reply),
  );
  app.get(
    '/api/activities/counts',
    {
      schema: {
        summary: 'Counts by content field and by campaign, with the list’s filters',
        tags,
        querystring: ActivityFilterQuery,
        response: { 200: ActivityCounts, ...errors },
      },
      config: { access: 'activities.read' },
    },
    async (request) => svc.countActivities(deps, request.actor!, request.query),
  );
  app.get(
    '/api/activities/queue',
    {
      schema: {
        summary: 'Approvals and major-event reports waiting for the caller, with deadlines',
        tags,
        response: { 200: QueueList, ...errors },
      },
      config: { access: 'activities.read' },
    },
    async (request) => svc.listQueue(deps, request.actor!),
  );
  app.post(
    '/api/activities',
    {
      schema: {
        summary: 'Plan an activity (a draft)',
        tags,
        body: ActivityBody,
        response: { 200: Activity, ...errors },
      },
      config: { access: 'activities.manage' },
    },
    async (request) => show(request.actor!, await svc.createActivity(deps, request.actor!, request.body)),
  );
  app.get(
    '/api/activities/:id',
    {
      schema: {
        summary: 'One activity with its steps, photos and what the caller may do',
        tags,
        params: IdParams,
        response: { 200: Activity, ...errors },
      },
      config: { access: 'authenticated' },
    },
    async (request) => show(request.actor!, request.params.id),
  );
  app.patch(
    '/api/activities/:id',
    {
      schema: {
        summary: 'Edit a draft or rejected plan',
        tags,
        params: IdParams,
        body: ActivityUpdateBody,
        response: { 200: Activity, ...errors },
      },
      config: { access: 'activities.manage' },
    },
    async (request) =>
      show(request.actor!, await svc.updateActivity(deps, request.actor!, request.params.id, request.body)),
  );
  for (const [path, summary, command] of [
    ['submission', 'Send the plan for approval and/or as a major-event report', svc.submitActivity],
    ['publication', 'Publish (409 ACTIVITY_PATH_INCOMPLETE until approval/report are done)', svc.publishActivity],
  ] as const) {
    app.post(
      `/api/activities/:id/${path}`,
      {
        schema: { summary, tags, params: IdParams, response: { 200: Activity, ...errors } },
        config: { access: 'activities.manage' },
      },
      async (request) => show(request.actor!, await command(deps, request.actor!, request.params.id)),
    );
  }
  app.post(
    '/api/activities/:id/cancellation',
    {
      schema: {
        summary: 'Call the activity off, with the reason',
        tags,
        params: IdParams,
        body: CancelBody,
        response: { 200: Activity, ...errors },
      },
      config: { access: 'activities.manage' },
    },
    async (request) =>
      show(request.actor!, await svc.cancelActivity(deps, request.actor!, request.params.id, request.body.reason)),
  );
  app.post(
    '/api/activities/:id/approval',
    {
      schema: {
        summary: 'The supervising authority approves or rejects (with a reason) a seminar, exhibition or award',
        tags,
        params: IdParams,
        body: ReviewBody,
        response: { 200: Activity, ...errors },
      },
      config: { access: 'activities.approve' },
    },
    async (request) =>
      show(request.actor!, await svc.reviewActivity(deps, request.actor!, request.params.id, 'approval', request.body)),
  );
  app.post(
    '/api/activities/:id/report-acknowledgement',
    {
      schema: {
        summary: 'The committee acknowledges a major-event report, or returns it with a reason',
        tags,
        params: IdParams,
        body: ReviewBody,
        response: { 200: Activity, ...errors },
      },
      config: { access: 'activities.acknowledgeReport' },
    },
    async (request) =>
      show(request.actor!, await svc.reviewActivity(deps, request.actor!, request.params.id, 'report', request.body)),
  );
  app.post(
    '/api/activities/:id/outcome',
    {
      schema: {
        summary: 'Record participants, beneficiaries and the summary after the activity',
        tags,
        params: IdParams,
        body: OutcomeBody,
        response: { 200: Activity, ...errors },
      },
      config: { access: 'activities.manage' },
    },
    async (request) =>
      show(request.actor!, await svc.recordOutcome(deps, request.actor!, request.params.id, request.body)),
  );
  app.post(
    '/api/activities/:id/photos',
    {
      schema: {
        summary: 'Upload a photo (multipart field `file`; JPEG, PNG or WebP by content, at most 10 MB)',
        tags,
        params: IdParams,
        consumes: ['multipart/form-data'],
        response: { 200: PhotoCreated, ...errors },
      },
      config: { access: 'activities.manage' },
    },
    async (request) => {
      const bytes = await readPhotoUpload(request);
      return { photoId: await svc.addPhoto(deps, request.actor!, request.params.id, bytes) };
    },
  );
  app.get(
    '/api/activities/:id/photos/:photoId',
    {
      schema: {
        summary: 'A photo (JPEG; ?size=thumb for the thumbnail)',
        tags,
        params: PhotoParams,
        querystring: PhotoQuery,
      },
      config: { access: 'authenticated' },
    },
    async (request, reply) => {
      const bytes = await svc.readPhoto(
        deps,
        request.actor!,
        request.params.id,
        request.params.photoId,
        request.query.size,
      );
      return reply.header('content-type', 'image/jpeg').header('cache-control', 'private, max-age=86400').send(bytes);
    },
  );

  // ─── public: published activities and open venues, no personal data ───
  const publicTags = ['public'];
  app.get(
    '/api/public/activities',
    {
      schema: {
        summary: 'Published activities of a community (or any area’s subtree), by start time',
        tags: publicTags,
        querystring: PublicActivityQuery,
        response: { 200: PublicActivityList, ...publicErrors },
      },
      config: { access: 'public' },
    },
    async (request) => svc.listPublicActivities(deps, request.query),
  );
  app.get(
    '/api/public/activities/:id',
    {
      schema: {
        summary: 'One published activity (shareable link)',
        tags: publicTags,
        params: IdParams,
        response: { 200: PublicActivity, ...publicErrors },
      },
      config: { access: 'public' },
    },
    async (request) => svc.getPublicActivity(deps, request.params.id),
  );
  app.get(
    '/api/public/activities/:id/photos/:photoId',
    {
      schema: {
        summary: 'A photo of a published activity',
        tags: publicTags,
        params: PhotoParams,
        querystring: PhotoQuery,
      },
      config: { access: 'public' },
    },
    async (request, reply) => {
      const bytes = await svc.readPhoto(deps, null, request.params.id, request.params.photoId, request.query.size);
      return reply.header('content-type', 'image/jpeg').header('cache-control', 'public, max-age=86400').send(bytes);
    },
  );
  app.get(
    '/api/public/venues',
    {
      schema: {
        summary: 'Open practice venues of an area’s subtree with their rooms',
        tags: publicTags,
        querystring: PublicVenueQuery,
        response: { 200: PublicVenueList, ...publicErrors },
      },
      config: { access: 'public' },
    },
    async (request) => svc.listPublicVenues(deps, request.query.areaCode),
  );
};
