/**
 * Access (C1 §6): role grants bound to an area subtree and the rules for handing them out.
 * Accounts calls `grantRole` / `revokeGrant` inside its own transactions and `grantsOfUsers`
 * to present users; the route checks themselves live in platform/access.ts.
 */

export { mayGrant } from './policy';
export { grantsJsonSql } from './queries';
export { accessRoutes } from './routes';
export { grantOrgAdmin, grantRole, grantsOfUsers, revokeGrant } from './service';
