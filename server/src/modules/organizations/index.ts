/**
 * Organizations (C2): the registry of community social organizations and their filings —
 * establish, change, dissolve, upgrade — through the committee, township and civil affairs
 * steps (filing-machine.ts), supervision (abnormal / exit), disclosure and export.
 */

export { IMPORT_JOB, importJobHandler } from './import';
export { organizationRoutes } from './routes';
export { decideFiling, establishOrganization, getOrganization, setOrganizationStatus } from './service';
