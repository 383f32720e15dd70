/**
 * 补录 (谁组织谁记录): an organization's earlier volunteer service records from a spreadsheet —
 * template, upload as a job with progress, error sheet by row and column. Each row is checked and
 * written through the volunteers module (`validateBackfill`, `insertBackfilled`).
 */
export { BACKFILL_IMPORT_JOB, backfillJobHandler } from './import';
export { backfillRoutes } from './routes';
