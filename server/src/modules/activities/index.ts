/**
 * Activities (C4): civilization practice venues (中心/所/站) and room bookings; activities an
 * organization plans, takes through approval (002 会议要求三) and major-event report
 * (003 二.四.2), publishes and records; calendar lists, export, counts and public views.
 *
 * For other modules: the dashboard's counts by field and campaign, the disclosure page's
 * recent-activity figure per organization, and the commands the demo seed (and later the
 * needs/dispatch loop) drive.
 */

export { photoErrors } from './errors';
export { type ActivityPath, activityPath, defaultPathRules, effectiveRules } from './path-rules';
export { PHOTO_MAX_BYTES, preparePhoto, readPhotoUpload } from './photos';
export { activityRoutes } from './routes';
export {
  type ActivityDeps,
  cancelActivity,
  countActivitiesByFieldAndCampaign,
  countRecentActivitiesByOrganization,
  createActivity,
  createActivityInTransaction,
  createVenue,
  decideBooking,
  getActivity,
  publishActivity,
  recordOutcome,
  requestBooking,
  reviewActivity,
  submitActivity,
} from './service';
