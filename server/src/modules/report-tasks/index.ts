/**
 * 填报任务 (C11; 001 三.四 "报送总结报告"): report tasks from an area to the areas of one level of
 * its subtree (its child areas, or deeper: a city to every township) — a form fixed once sent and/or
 * a template, a deadline, each addressee area's draft and submission, returns
 * for changes, reminders before the deadline (`sweepReminders`, run on a timer by app.ts), and the
 * export of all answers. The demo seed drives the commands.
 */
export { reportTaskRoutes } from './routes';
export {
  createTask,
  type ReportTaskDeps,
  returnSubmission,
  saveDraft,
  sendTask,
  submit,
  sweepReminders,
} from './service';
