/**
 * 填报任务 (C11; 001 三.四 "报送总结报告"): report tasks from an area to its child areas — a form
 * fixed once sent and/or a template, a deadline, each child area's draft and submission, returns
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
