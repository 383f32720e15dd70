import { ErrorBody } from '@linli/contract/errors';
import {
  AreaCodeParams,
  AttendanceBody,
  BackfillBody,
  CalendarDayBody,
  CalendarList,
  CalendarQuery,
  CheckInBody,
  CheckInCode,
  ConfirmBody,
  ConfirmResult,
  CorrectionBody,
  CorrectionDecisionBody,
  CorrectionRequestList,
  DateParams,
  IdParams,
  MyRecords,
  PlacesBody,
  ProfileUpdateBody,
  Project,
  ProjectBody,
  ProjectList,
  ProjectListQuery,
  ProjectUpdateBody,
  PublicAreaQuery,
  PublicProject,
  PublicProjectList,
  PublicProjectQuery,
  PublicStationList,
  RecordListQuery,
  Reflection,
  ReflectionBody,
  ReflectionList,
  ReflectionListQuery,
  ReflectionPhotoCreated,
  ReflectionPhotoParams,
  ReflectionPhotoQuery,
  ReflectionRejectionBody,
  RevealedVolunteer,
  Roster,
  RosterBody,
  SelfRegistrationBody,
  ServiceRecordDetail,
  ServiceRecordList,
  ShiftParams,
  ShiftsBody,
  ShowcaseList,
  ShowcaseQuery,
  Signup,
  SignupBody,
  SignupList,
  StarDecisionBody,
  StarSettings,
  StarSettingsBody,
  Station,
  StationAssignmentBody,
  StationBody,
  StationList,
  StationQuery,
  StationUpdateBody,
  TeamBody,
  TeamMemberBody,
  VolunteerList,
  VolunteerListQuery,
  VolunteerOverview,
  VolunteerRegistrationBody,
  VolunteerView,
} from '@linli/contract/volunteers';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../platform/access';
import type { Db } from '../../platform/db';
import type { PersonalDataCipher } from '../../platform/personal-data';
import { readPhotoUpload } from '../activities/index';
import * as refl from './reflections';
import * as svc from './service';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const publicErrors = { 400: ErrorBody, 404: ErrorBody };
const OrgParams = z.object({ orgId: z.uuid({ message: 'id.invalid' }) });
const OrgMemberParams = OrgParams.extend({ volunteerId: z.uuid({ message: 'id.invalid' }) });
const RosterEntryParams = ShiftParams.extend({ signupId: z.uuid({ message: 'id.invalid' }) });
const Created = z.object({ id: z.string() });

/**
 * C5 volunteer service: volunteers (self-service and kept by organizations), service stations,
 * projects with shifts and places, sign-ups and the waiting list, check-in codes, service
 * records with corrections, star levels, the working calendar; public browsing of projects.
 */
export const volunteerRoutes: FastifyPluginAsyncZod<{ db: Db; cipher: PersonalDataCipher }> = async (app, deps) => {
  const tags = ['volunteers'];
  const me = (actor: Actor) => svc.getMe(deps, actor);
  const project = (actor: Actor, id: string) => svc.getProject(deps, actor, id);
  const record = (actor: Actor, id: string) => svc.getRecord(deps, actor, id);

  // ─── the volunteer's own ───
  app.post(
    '/api/volunteers/me',
    {
      schema: {
        summary: 'Register the signed-in account as a real-name volunteer',
        tags,
        body: SelfRegistrationBody,
        response: { 200: VolunteerView, ...errors },
      },
      config: { access: 'volunteers.self' },
    },
    async (request) => {
      await svc.registerSelf(deps, request.actor!, request.body);
      return me(request.actor!);
    },
  );
  app.get(
    '/api/volunteers/me',
    {
      schema: { summary: 'My volunteer profile, hours and stars', tags, response: { 200: VolunteerView, ...errors } },
      config: { access: 'volunteers.self' },
    },
    async (request) => me(request.actor!),
  );
  app.patch(
    '/api/volunteers/me',
    {
      schema: {
        summary: 'Change my mobile, skills, service areas, availability or station',
        tags,
        body: ProfileUpdateBody,
        response: { 200: VolunteerView, ...errors },
      },
      config: { access: 'volunteers.self' },
    },
    async (request) => svc.updateMe(deps, request.actor!, request.body),
  );
  app.post(
    '/api/volunteers/me/teams',
    {
      schema: {
        summary: 'Join an organization’s volunteer team',
        tags,
        body: TeamBody,
        response: { 200: VolunteerView, ...errors },
      },
      config: { access: 'volunteers.self' },
    },
    async (request) => {
      await svc.joinTeam(deps, request.actor!, request.body.orgId);
      return me(request.actor!);
    },
  );
  app.delete(
    '/api/volunteers/me/teams/:orgId',
    {
      schema: {
        summary: 'Leave an organization’s team',
        tags,
        params: OrgParams,
        response: { 200: VolunteerView, ...errors },
      },
      config: { access: 'volunteers.self' },
    },
    async (request) => {
      await svc.leaveTeam(deps, request.actor!, request.params.orgId);
      return me(request.actor!);
    },
  );
  app.get(
    '/api/volunteers/me/signups',
    {
      schema: { summary: 'My sign-ups, newest shift first', tags, response: { 200: SignupList, ...errors } },
      config: { access: 'volunteers.self' },
    },
    async (request) => svc.listMySignups(deps, request.actor!),
  );
  app.get(
    '/api/volunteers/me/records',
    {
      schema: {
        summary: 'My service records across every organization and area, with the one total and my stars',
        tags,
        response: { 200: MyRecords, ...errors },
      },
      config: { access: 'volunteers.self' },
    },
    async (request) => svc.listMyRecords(deps, request.actor!),
  );

  // ─── volunteers kept by organizations and officers ───
  app.get(
    '/api/volunteers',
    {
      schema: {
        summary: 'Volunteers of the jurisdiction (officers) or of the organization’s team (masked)',
        tags,
        querystring: VolunteerListQuery,
        response: { 200: VolunteerList, ...errors },
      },
      config: { access: 'volunteers.read' },
    },
    async (request) => svc.listVolunteers(deps, request.actor!, request.query),
  );
  app.post(
    '/api/volunteers',
    {
      schema: {
        summary: 'Register someone without a smartphone (into the organization’s team when orgId is given)',
        tags,
        body: VolunteerRegistrationBody,
        response: { 200: VolunteerView, ...errors },
      },
      config: { access: 'volunteers.manage' },
    },
    async (request) =>
      svc.getVolunteer(deps, request.actor!, await svc.registerVolunteer(deps, request.actor!, request.body)),
  );
  app.get(
    '/api/volunteers/overview',
    {
      schema: {
        summary: 'How many volunteers the caller may read, their confirmed hours and stars held',
        tags,
        response: { 200: VolunteerOverview, ...errors },
      },
      config: { access: 'volunteers.read' },
    },
    async (request) => svc.volunteerOverview(deps, request.actor!),
  );
  app.get(
    '/api/volunteers/five-star-requests',
    {
      schema: {
        summary: 'Volunteers whose hours reached five stars, waiting for approval',
        tags,
        response: { 200: VolunteerList, ...errors },
      },
      config: { access: 'volunteers.approveStar' },
    },
    async (request) => svc.listFiveStarRequests(deps, request.actor!),
  );
  app.get(
    '/api/volunteers/:id',
    {
      schema: {
        summary: 'One volunteer (ID number and mobile masked)',
        tags,
        params: IdParams,
        response: { 200: VolunteerView, ...errors },
      },
      config: { access: 'volunteers.read' },
    },
    async (request) => svc.getVolunteer(deps, request.actor!, request.params.id),
  );
  app.patch(
    '/api/volunteers/:id',
    {
      schema: {
        summary: 'Change the profile of someone the organization keeps (no account), or as an officer of the area',
        tags,
        params: IdParams,
        body: ProfileUpdateBody,
        response: { 200: VolunteerView, ...errors },
      },
      config: { access: 'volunteers.manage' },
    },
    async (request) => svc.updateVolunteer(deps, request.actor!, request.params.id, request.body),
  );
  app.post(
    '/api/volunteers/:id/reveal',
    {
      schema: {
        summary: 'The full ID number and mobile (audited)',
        tags,
        params: IdParams,
        response: { 200: RevealedVolunteer, ...errors },
      },
      config: { access: 'personalData.reveal' },
    },
    async (request) => svc.revealVolunteer(deps, request.actor!, request.params.id),
  );
  app.put(
    '/api/volunteers/:id/station',
    {
      schema: {
        summary: 'Put a volunteer of the area into a service station (null: none)',
        tags,
        params: IdParams,
        body: StationAssignmentBody,
        response: { 200: VolunteerView, ...errors },
      },
      config: { access: 'serviceStations.manage' },
    },
    async (request) => svc.assignStation(deps, request.actor!, request.params.id, request.body.stationId),
  );
  app.post(
    '/api/volunteers/:id/five-star-decision',
    {
      schema: {
        summary: 'Approve (or decline for now) a five-star rating',
        tags,
        params: IdParams,
        body: StarDecisionBody,
        response: { 200: VolunteerView, ...errors },
      },
      config: { access: 'volunteers.approveStar' },
    },
    async (request) => svc.decideFiveStar(deps, request.actor!, request.params.id, request.body.decision),
  );
  app.post(
    '/api/organizations/:orgId/volunteer-team',
    {
      schema: {
        summary: 'Add a volunteer to the organization’s team',
        tags,
        params: OrgParams,
        body: TeamMemberBody,
        response: { 200: VolunteerView, ...errors },
      },
      config: { access: 'volunteers.manage' },
    },
    async (request) =>
      svc.getVolunteer(
        deps,
        request.actor!,
        await svc.joinTeam(deps, request.actor!, request.params.orgId, request.body.volunteerId),
      ),
  );
  app.delete(
    '/api/organizations/:orgId/volunteer-team/:volunteerId',
    {
      schema: {
        summary: 'Take a volunteer off the team (membership history kept)',
        tags,
        params: OrgMemberParams,
        response: { 200: Created, ...errors },
      },
      config: { access: 'volunteers.manage' },
    },
    async (request) => ({
      id: await svc.leaveTeam(deps, request.actor!, request.params.orgId, request.params.volunteerId),
    }),
  );

  // ─── service stations ───
  app.get(
    '/api/service-stations',
    {
      schema: {
        summary: 'Service stations of the jurisdiction',
        tags,
        querystring: StationQuery,
        response: { 200: StationList, ...errors },
      },
      config: { access: 'serviceStations.read' },
    },
    async (request) => svc.listStations(deps, request.actor!, request.query.areaCode),
  );
  app.post(
    '/api/service-stations',
    {
      schema: {
        summary: 'Record a service station (township or committee, in its area)',
        tags,
        body: StationBody,
        response: { 200: Station, ...errors },
      },
      config: { access: 'serviceStations.manage' },
    },
    async (request) => svc.createStation(deps, request.actor!, request.body),
  );
  app.patch(
    '/api/service-stations/:id',
    {
      schema: {
        summary: 'Change a station’s details, contact, open/closed',
        tags,
        params: IdParams,
        body: StationUpdateBody,
        response: { 200: Station, ...errors },
      },
      config: { access: 'serviceStations.manage' },
    },
    async (request) => svc.updateStation(deps, request.actor!, request.params.id, request.body),
  );

  // ─── projects ───
  app.get(
    '/api/volunteer-projects',
    {
      schema: {
        summary: 'Projects of the organization or the jurisdiction, any status',
        tags,
        querystring: ProjectListQuery,
        response: { 200: ProjectList, ...errors },
      },
      config: { access: 'volunteerProjects.read' },
    },
    async (request) => svc.listProjects(deps, request.actor!, request.query),
  );
  app.post(
    '/api/volunteer-projects',
    {
      schema: {
        summary: 'Post a project (a draft) with roles, places and shifts',
        tags,
        body: ProjectBody,
        response: { 200: Project, ...errors },
      },
      config: { access: 'volunteerProjects.manage' },
    },
    async (request) => project(request.actor!, await svc.createProject(deps, request.actor!, request.body)),
  );
  app.get(
    '/api/volunteer-projects/:id',
    {
      schema: {
        summary: 'One project with shifts, places taken and what the caller may do',
        tags,
        params: IdParams,
        response: { 200: Project, ...errors },
      },
      config: { access: 'authenticated' },
    },
    async (request) => project(request.actor!, request.params.id),
  );
  app.patch(
    '/api/volunteer-projects/:id',
    {
      schema: {
        summary: 'Edit a draft',
        tags,
        params: IdParams,
        body: ProjectUpdateBody,
        response: { 200: Project, ...errors },
      },
      config: { access: 'volunteerProjects.manage' },
    },
    async (request) =>
      project(request.actor!, await svc.updateProject(deps, request.actor!, request.params.id, request.body)),
  );
  app.post(
    '/api/volunteer-projects/:id/shifts',
    {
      schema: {
        summary: 'Add shifts (each gets every role’s places)',
        tags,
        params: IdParams,
        body: ShiftsBody,
        response: { 200: Project, ...errors },
      },
      config: { access: 'volunteerProjects.manage' },
    },
    async (request) =>
      project(request.actor!, await svc.addShifts(deps, request.actor!, request.params.id, request.body.shifts)),
  );
  app.put(
    '/api/volunteer-projects/:id/places',
    {
      schema: {
        summary: 'Set the places of one shift and role (never below those confirmed; more places promote the waiting)',
        tags,
        params: IdParams,
        body: PlacesBody,
        response: { 200: Project, ...errors },
      },
      config: { access: 'volunteerProjects.manage' },
    },
    async (request) =>
      project(request.actor!, await svc.setPlaces(deps, request.actor!, request.params.id, request.body)),
  );
  for (const [path, summary, to] of [
    ['publication', 'Publish: open for sign-ups', 'published'],
    ['closure', 'Close: no more sign-ups', 'closed'],
  ] as const) {
    app.post(
      `/api/volunteer-projects/:id/${path}`,
      {
        schema: { summary, tags, params: IdParams, response: { 200: Project, ...errors } },
        config: { access: 'volunteerProjects.manage' },
      },
      async (request) =>
        project(request.actor!, await svc.setProjectStatus(deps, request.actor!, request.params.id, to)),
    );
  }

  // ─── sign-ups ───
  app.post(
    '/api/volunteer-shifts/:shiftId/signups',
    {
      schema: {
        summary: 'Sign up for a shift and role: a place, or the next place in the waiting list',
        tags,
        params: ShiftParams,
        body: SignupBody,
        response: { 200: Signup, ...errors },
      },
      config: { access: 'volunteers.self' },
    },
    async (request) =>
      svc.getSignup(deps, await svc.signUp(deps, request.actor!, request.params.shiftId, request.body.roleId)),
  );
  app.post(
    '/api/signups/:id/cancellation',
    {
      schema: {
        summary: 'Withdraw my sign-up before the shift (the first waiting moves up)',
        tags,
        params: IdParams,
        response: { 200: Signup, ...errors },
      },
      config: { access: 'volunteers.self' },
    },
    async (request) => svc.getSignup(deps, await svc.cancelMySignup(deps, request.actor!, request.params.id)),
  );
  app.get(
    '/api/volunteer-shifts/:shiftId/roster',
    {
      schema: {
        summary: 'Who is confirmed and waiting for a shift (names, masked mobiles)',
        tags,
        params: ShiftParams,
        response: { 200: Roster, ...errors },
      },
      config: { access: 'volunteerProjects.read' },
    },
    async (request) => svc.getRoster(deps, request.actor!, request.params.shiftId),
  );
  app.post(
    '/api/volunteer-shifts/:shiftId/roster',
    {
      schema: {
        summary: 'Sign up a member of the organization’s team',
        tags,
        params: ShiftParams,
        body: RosterBody,
        response: { 200: Signup, ...errors },
      },
      config: { access: 'volunteerProjects.manage' },
    },
    async (request) =>
      svc.getSignup(deps, await svc.addToRoster(deps, request.actor!, request.params.shiftId, request.body)),
  );
  app.post(
    '/api/volunteer-shifts/:shiftId/roster/:signupId/removal',
    {
      schema: {
        summary: 'Take someone off the shift (the first waiting moves up)',
        tags,
        params: RosterEntryParams,
        response: { 200: Signup, ...errors },
      },
      config: { access: 'volunteerProjects.manage' },
    },
    async (request) =>
      svc.getSignup(
        deps,
        await svc.removeFromRoster(deps, request.actor!, request.params.shiftId, request.params.signupId),
      ),
  );

  // ─── check-in ───
  app.get(
    '/api/volunteer-shifts/:shiftId/check-in-code',
    {
      schema: {
        summary: 'The rotating check-in code for the organizer’s screen (QR payload and six digits)',
        tags,
        params: ShiftParams,
        response: { 200: CheckInCode, ...errors },
      },
      config: { access: 'volunteerProjects.manage' },
    },
    async (request) => svc.getCheckInCode(deps, request.actor!, request.params.shiftId),
  );
  const checkOut = async (actor: Actor, shiftId: string, code: string) =>
    record(actor, await svc.checkOut(deps, actor, shiftId, code));
  for (const [path, summary, command] of [
    [
      'check-in',
      'Check in with the code on the organizer’s screen',
      (actor: Actor, shiftId: string, code: string) => svc.checkIn(deps, actor, shiftId, code),
    ],
    ['check-out', 'Check out with the code; the minutes are computed', checkOut],
  ] as const) {
    app.post(
      `/api/volunteer-shifts/:shiftId/${path}`,
      {
        schema: {
          summary,
          tags,
          params: ShiftParams,
          body: CheckInBody,
          response: { 200: ServiceRecordDetail, ...errors },
        },
        config: { access: 'volunteers.self' },
      },
      async (request) => command(request.actor!, request.params.shiftId, request.body.code),
    );
  }
  app.post(
    '/api/volunteer-shifts/:shiftId/attendance',
    {
      schema: {
        summary: 'The organizer checks a volunteer in or out (e.g. without a smartphone)',
        tags,
        params: ShiftParams,
        body: AttendanceBody,
        response: { 200: ServiceRecordDetail, ...errors },
      },
      config: { access: 'volunteerProjects.manage' },
    },
    async (request) =>
      record(request.actor!, await svc.recordAttendance(deps, request.actor!, request.params.shiftId, request.body)),
  );

  // ─── service records ───
  app.get(
    '/api/service-records',
    {
      schema: {
        summary: 'Records of the organization or the jurisdiction; overdue=true: pending past 10 working days',
        tags,
        querystring: RecordListQuery,
        response: { 200: ServiceRecordList, ...errors },
      },
      config: { access: 'serviceRecords.read' },
    },
    async (request) => svc.listRecords(deps, request.actor!, request.query),
  );
  app.post(
    '/api/service-records',
    {
      schema: {
        summary: 'Back-fill one earlier record (pending confirmation)',
        tags,
        body: BackfillBody,
        response: { 200: ServiceRecordDetail, ...errors },
      },
      config: { access: 'serviceRecords.manage' },
    },
    async (request) => record(request.actor!, await svc.backfillRecord(deps, request.actor!, request.body)),
  );
  app.post(
    '/api/service-records/confirmation',
    {
      schema: {
        summary: 'Confirm finished records: their minutes become final (all or nothing)',
        tags,
        body: ConfirmBody,
        response: { 200: ConfirmResult, ...errors },
      },
      config: { access: 'serviceRecords.manage' },
    },
    async (request) => svc.confirmRecords(deps, request.actor!, request.body.recordIds),
  );
  app.get(
    '/api/service-records/correction-requests',
    {
      schema: {
        summary: 'Volunteers’ correction requests waiting for the organization',
        tags,
        response: { 200: CorrectionRequestList, ...errors },
      },
      config: { access: 'serviceRecords.manage' },
    },
    async (request) => svc.listCorrectionRequests(deps, request.actor!),
  );
  app.get(
    '/api/service-records/:id',
    {
      schema: {
        summary: 'One record with its correction trail',
        tags,
        params: IdParams,
        response: { 200: ServiceRecordDetail, ...errors },
      },
      config: { access: 'authenticated' },
    },
    async (request) => record(request.actor!, request.params.id),
  );
  app.post(
    '/api/service-records/:id/correction',
    {
      schema: {
        summary: 'Correct times or content with a reason (kept in the trail)',
        tags,
        params: IdParams,
        body: CorrectionBody,
        response: { 200: ServiceRecordDetail, ...errors },
      },
      config: { access: 'serviceRecords.manage' },
    },
    async (request) =>
      record(request.actor!, await svc.correctRecord(deps, request.actor!, request.params.id, request.body)),
  );
  app.post(
    '/api/service-records/:id/correction-requests',
    {
      schema: {
        summary: 'Ask the organization to correct my record',
        tags,
        params: IdParams,
        body: CorrectionBody,
        response: { 200: ServiceRecordDetail, ...errors },
      },
      config: { access: 'volunteers.self' },
    },
    async (request) => {
      await svc.requestCorrection(deps, request.actor!, request.params.id, request.body);
      return record(request.actor!, request.params.id);
    },
  );
  app.post(
    '/api/correction-requests/:id/decision',
    {
      schema: {
        summary: 'Accept (apply) or reject (with a reason) a volunteer’s correction request',
        tags,
        params: IdParams,
        body: CorrectionDecisionBody,
        response: { 200: ServiceRecordDetail, ...errors },
      },
      config: { access: 'serviceRecords.manage' },
    },
    async (request) =>
      record(request.actor!, await svc.decideCorrection(deps, request.actor!, request.params.id, request.body)),
  );

  // ─── star settings and the working calendar ───
  app.get(
    '/api/volunteer-star-settings/:code',
    {
      schema: {
        summary: 'Star thresholds set on an area and in effect there (nearest ancestor wins)',
        tags,
        params: AreaCodeParams,
        response: { 200: StarSettings, ...errors },
      },
      config: { access: 'volunteers.read' },
    },
    async (request) => svc.getStarSettings(deps, request.actor!, request.params.code),
  );
  app.put(
    '/api/volunteer-star-settings/:code',
    {
      schema: {
        summary: 'Set star thresholds (hours) and whether five stars need approval (null: inherit)',
        tags,
        params: AreaCodeParams,
        body: StarSettingsBody,
        response: { 200: StarSettings, ...errors },
      },
      config: { access: 'volunteers.configure' },
    },
    async (request) => svc.setStarSettings(deps, request.actor!, request.params.code, request.body),
  );
  app.get(
    '/api/working-calendar',
    {
      schema: {
        summary: 'Holidays and make-up working days of a year',
        tags,
        querystring: CalendarQuery,
        response: { 200: CalendarList, ...errors },
      },
      config: { access: 'authenticated' },
    },
    async (request) => svc.listCalendar(deps, request.query.year),
  );
  app.put(
    '/api/working-calendar/:date',
    {
      schema: {
        summary: 'Mark a day as a holiday or a make-up working day (调休)',
        tags,
        params: DateParams,
        body: CalendarDayBody,
        response: { 200: CalendarList, ...errors },
      },
      config: { access: 'workingCalendar.manage' },
    },
    async (request) => svc.setCalendarDay(deps, request.actor!, request.params.date, request.body),
  );

  // ─── public: published projects and open stations, no personal data ───
  const publicTags = ['public'];
  app.get(
    '/api/public/volunteer-projects',
    {
      schema: {
        summary: 'Published projects of an area’s subtree, by community/area, date and field',
        tags: publicTags,
        querystring: PublicProjectQuery,
        response: { 200: PublicProjectList, ...publicErrors },
      },
      config: { access: 'public' },
    },
    async (request) => svc.listPublicProjects(deps, request.query),
  );
  app.get(
    '/api/public/volunteer-projects/:id',
    {
      schema: {
        summary: 'One published project with its shifts and places left',
        tags: publicTags,
        params: IdParams,
        response: { 200: PublicProject, ...publicErrors },
      },
      config: { access: 'public' },
    },
    async (request) => svc.getPublicProject(deps, request.params.id),
  );
  app.get(
    '/api/public/service-stations',
    {
      schema: {
        summary: 'Open service stations of an area’s subtree',
        tags: publicTags,
        querystring: PublicAreaQuery,
        response: { 200: PublicStationList, ...publicErrors },
      },
      config: { access: 'public' },
    },
    async (request) => svc.listPublicStations(deps, request.query.areaCode),
  );

  // ─── reflections (心得体会) and the showcase ───
  app.post(
    '/api/reflections',
    {
      schema: {
        summary: 'Write a reflection about a project I served in (waits for the organization’s review)',
        tags,
        body: ReflectionBody,
        response: { 200: Reflection, ...errors },
      },
      config: { access: 'volunteers.self' },
    },
    async (request) =>
      refl.getReflection(deps, request.actor!, await refl.writeReflection(deps, request.actor!, request.body)),
  );
  app.get(
    '/api/volunteers/me/reflections',
    {
      schema: { summary: 'My reflections with their review', tags, response: { 200: ReflectionList, ...errors } },
      config: { access: 'volunteers.self' },
    },
    async (request) => refl.listMyReflections(deps, request.actor!),
  );
  app.get(
    '/api/reflections',
    {
      schema: {
        summary: 'Reflections on the organization’s projects (to review) or of the jurisdiction, newest first',
        tags,
        querystring: ReflectionListQuery,
        response: { 200: ReflectionList, ...errors },
      },
      config: { access: 'volunteerProjects.read' },
    },
    async (request) => refl.listReflections(deps, request.actor!, request.query),
  );
  app.get(
    '/api/reflections/:id',
    {
      schema: {
        summary: 'One reflection (the author, the project’s organization, officers of the area)',
        tags,
        params: IdParams,
        response: { 200: Reflection, ...errors },
      },
      config: { access: 'authenticated' },
    },
    async (request) => refl.getReflection(deps, request.actor!, request.params.id),
  );
  app.post(
    '/api/reflections/:id/photos',
    {
      schema: {
        summary:
          'Add a photo to my reflection before review (multipart field `file`; JPEG, PNG or WebP, at most 10 MB)',
        tags,
        params: IdParams,
        consumes: ['multipart/form-data'],
        response: { 200: ReflectionPhotoCreated, ...errors },
      },
      config: { access: 'volunteers.self' },
    },
    async (request) => {
      const bytes = await readPhotoUpload(request);
      return { photoId: await refl.addReflectionPhoto(deps, request.actor!, request.params.id, bytes) };
    },
  );
  app.get(
    '/api/reflections/:id/photos/:photoId',
    {
      schema: {
        summary: 'A photo of a reflection (JPEG; ?size=thumb for the thumbnail)',
        tags,
        params: ReflectionPhotoParams,
        querystring: ReflectionPhotoQuery,
      },
      config: { access: 'authenticated' },
    },
    async (request, reply) => {
      const { id, photoId } = request.params;
      const bytes = await refl.readReflectionPhoto(deps, request.actor!, id, photoId, request.query.size);
      return reply.header('content-type', 'image/jpeg').header('cache-control', 'private, max-age=86400').send(bytes);
    },
  );
  app.post(
    '/api/reflections/:id/publication',
    {
      schema: {
        summary: 'Publish a reflection onto the showcase (the project’s organization)',
        tags,
        params: IdParams,
        response: { 200: Reflection, ...errors },
      },
      config: { access: 'volunteerProjects.manage' },
    },
    async (request) =>
      refl.getReflection(
        deps,
        request.actor!,
        await refl.reviewReflection(deps, request.actor!, request.params.id, { to: 'published' }),
      ),
  );
  app.post(
    '/api/reflections/:id/rejection',
    {
      schema: {
        summary: 'Send a reflection back with a reason (the project’s organization)',
        tags,
        params: IdParams,
        body: ReflectionRejectionBody,
        response: { 200: Reflection, ...errors },
      },
      config: { access: 'volunteerProjects.manage' },
    },
    async (request) =>
      refl.getReflection(
        deps,
        request.actor!,
        await refl.reviewReflection(deps, request.actor!, request.params.id, {
          to: 'rejected',
          reason: request.body.reason,
        }),
      ),
  );
  app.get(
    '/api/public/volunteer-showcase',
    {
      schema: {
        summary: 'Projects of an area’s subtree with their published reflections and photos (names masked)',
        tags: publicTags,
        querystring: ShowcaseQuery,
        response: { 200: ShowcaseList, ...publicErrors },
      },
      config: { access: 'public' },
    },
    async (request) => refl.listShowcase(deps, request.query),
  );
  app.get(
    '/api/public/reflections/:id/photos/:photoId',
    {
      schema: {
        summary: 'A photo of a published reflection',
        tags: publicTags,
        params: ReflectionPhotoParams,
        querystring: ReflectionPhotoQuery,
      },
      config: { access: 'public' },
    },
    async (request, reply) => {
      const { id, photoId } = request.params;
      const bytes = await refl.readReflectionPhoto(deps, null, id, photoId, request.query.size);
      return reply.header('content-type', 'image/jpeg').header('cache-control', 'public, max-age=86400').send(bytes);
    },
  );
};
