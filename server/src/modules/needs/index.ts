/**
 * Needs and dispatch (C4: 群众点单 → 中心派单 → 接单 → 群众评单): residents' needs, the dispatch
 * queues of the practice venues (station → institute → center), the organizations' acceptance
 * (as an activity or a volunteer task), completion and the poster's rating; lists, statistics
 * (response and completion times), export.
 *
 * For other modules: the ratings an organization received (its detail and public pages, the
 * evaluation's resident rating in C7), and the commands the demo seed drives.
 */

export { firstNeedState, nextNeedState } from './need-machine';
export { needRoutes } from './routes';
export {
  acceptNeed,
  cancelNeed,
  completeNeed,
  countRatingsByOrganization,
  declineNeed,
  dispatchNeed,
  type NeedDeps,
  postNeed,
  rateNeed,
  redispatchNeed,
  refuseNeed,
  summarizeOrgRatings,
} from './service';
