import { defineErrors } from '../../platform/errors';

export const reportTaskErrors = defineErrors({
  REPORT_TASK_NOT_EDITABLE: { status: 409, message: '填报任务已下发，表单不能再修改（可延长期限或撤回）' },
  REPORT_TASK_ILLEGAL_TRANSITION: { status: 409, message: '该填报任务当前状态不能执行此操作' },
  REPORT_TASK_NOT_OPEN: { status: 409, message: '该填报任务已撤回，不能再填报' },
  REPORT_SUBMISSION_ILLEGAL_TRANSITION: { status: 409, message: '该填报当前状态不能执行此操作' },
  REPORT_FILE_NOT_ALLOWED: { status: 400, message: '请上传 PDF、Word、Excel、WPS、图片或 ZIP 文件，不超过 20 MB' },
});
