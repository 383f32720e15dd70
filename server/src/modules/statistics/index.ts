/**
 * Statistics (C11): dashboards for every area from rollups kept in the same transaction as each
 * write (migration 0016), their Excel export, the rebuild and verification of the rollups
 * (`linli stats rebuild|verify`), recognitions of organizations, plans and their targets.
 */
export { rebuildRollups, verifyRollups } from './queries';
export { statisticsRoutes } from './routes';
