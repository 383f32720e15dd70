import type { ReportTaskStatus, SubmissionDisplayStatus } from '@linli/contract/report-tasks';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const submissionColors: Record<SubmissionDisplayStatus, string> = {
  notStarted: 'default',
  draft: 'blue',
  submitted: 'green',
  late: 'orange',
  returned: 'red',
};
const taskColors: Record<ReportTaskStatus, string> = { draft: 'default', sent: 'green', withdrawn: 'volcano' };

export function SubmissionStatusTag({ status }: { status: SubmissionDisplayStatus }) {
  const { t } = useTranslation();
  return <Tag color={submissionColors[status]}>{t(`reportTasks.submissionStatus.${status}`)}</Tag>;
}

export function TaskStatusTag({ status }: { status: ReportTaskStatus }) {
  const { t } = useTranslation();
  return <Tag color={taskColors[status]}>{t(`reportTasks.taskStatus.${status}`)}</Tag>;
}
