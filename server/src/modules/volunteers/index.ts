/**
 * Volunteer service (C5, "互联网+志愿服务"): real-name volunteers and their teams, service
 * stations, projects with roles, shifts and places, sign-ups that never overbook (with a
 * waiting list), rotating check-in codes, service records per 《志愿服务记录与证明出具办法》
 * with corrections, one total of hours per volunteer and star levels.
 *
 * For other modules: what a service certificate states (`confirmedServiceOf`: a volunteer's
 * confirmed records and totals for a period, per recording organization), the commands the
 * demo seed drives, and the back-fill pieces a spreadsheet import will reuse.
 */

export { checkInCode, hoursOf, serviceMinutes, verifyCheckInCode } from './hours';
export { volunteerRoutes } from './routes';
export {
  addToRoster,
  backfillRecord,
  cancelMySignup,
  checkIn,
  checkOut,
  confirmedServiceOf,
  confirmRecords,
  correctRecord,
  createProject,
  createStation,
  decideCorrection,
  findVolunteerIdsByIdentity,
  getCheckInCode,
  hasRecordWithOrg,
  hasSameRecord,
  insertBackfilled,
  joinTeam,
  organizationFor,
  recordAttendance,
  registerSelf,
  registerVolunteer,
  removeFromRoster,
  requestCorrection,
  setProjectStatus,
  setStarSettings,
  signUp,
  type VolunteerDeps,
  validateBackfill,
  volunteerFacts,
} from './service';
