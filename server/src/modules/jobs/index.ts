/** Jobs: the status and result file of long work started by the signed-in person (runner: platform/jobs.ts). */
export { jobRoutes } from './routes';
