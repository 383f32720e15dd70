import { PlusOutlined } from '@ant-design/icons';
import { type ProColumns, ProTable } from '@ant-design/pro-components';
import { type ReportTaskStatus, type ReportTaskSummary, reportTaskStatuses } from '@linli/contract/report-tasks';
import { Button, Segmented, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { formatDateTime } from '../../../components/date-time';
import { ErrorAlert } from '../../../components/error-alert';
import { Page } from '../../../components/page';
import { listReportTasks } from '../api';
import { TaskStatusTag } from '../components/status-tag';
import { useLoaded } from '../components/use-loaded';

/** 填报任务: the tasks sent from the caller's jurisdiction, with how many areas have answered. */
export function ReportTaskListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [status, setStatus] = useState<ReportTaskStatus | 'all'>('all');
  const list = useLoaded((signal) => listReportTasks(status === 'all' ? undefined : status, signal), status);

  const columns = useMemo<ProColumns<ReportTaskSummary>[]>(
    () => [
      {
        title: t('reportTasks.form.title'),
        dataIndex: 'title',
        render: (_dom, task) => <Link to={`/report-tasks/${task.id}`}>{task.title}</Link>,
      },
      { title: t('reportTasks.list.sender'), dataIndex: 'areaName' },
      {
        title: t('reportTasks.list.status'),
        dataIndex: 'status',
        render: (_dom, task) => <TaskStatusTag status={task.status} />,
      },
      { title: t('reportTasks.form.deadline'), dataIndex: 'deadline' },
      {
        title: t('reportTasks.counts.submitted'),
        dataIndex: 'submitted',
        render: (_dom, task) => `${task.counts.submitted} / ${task.counts.addressees}`,
      },
      { title: t('reportTasks.counts.late'), dataIndex: 'late', render: (_dom, task) => task.counts.late },
      {
        title: t('reportTasks.counts.outstanding'),
        dataIndex: 'outstanding',
        render: (_dom, task) => task.counts.outstanding,
      },
      { title: t('reportTasks.list.sentAt'), dataIndex: 'sentAt', render: (_dom, task) => formatDateTime(task.sentAt) },
    ],
    [t],
  );

  return (
    <Page
      title={t('reportTasks.list.title')}
      extra={
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => navigate('/report-tasks/new')}>
          {t('reportTasks.list.new')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('reportTasks.list.intro')}</Typography.Paragraph>
      <Segmented<ReportTaskStatus | 'all'>
        aria-label={t('reportTasks.list.status')}
        value={status}
        onChange={setStatus}
        options={[
          { value: 'all', label: t('reportTasks.list.all') },
          ...reportTaskStatuses.map((s) => ({ value: s, label: t(`reportTasks.taskStatus.${s}`) })),
        ]}
      />
      <ErrorAlert error={list.error} />
      <ProTable<ReportTaskSummary>
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={!list.data && !list.error}
        search={false}
        pagination={false}
        options={{ reload: list.reload, density: false, setting: false }}
        locale={{ emptyText: t('reportTasks.list.empty') }}
        scroll={{ x: 'max-content' }}
      />
    </Page>
  );
}
