import { BellOutlined } from '@ant-design/icons';
import { type ProColumns, ProTable } from '@ant-design/pro-components';
import type { InboxItem } from '@linli/contract/report-tasks';
import { Alert, List, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../../components/date-time';
import { ErrorAlert } from '../../../components/error-alert';
import { Page } from '../../../components/page';
import { listInbox, listReminders } from '../api';
import { SubmissionStatusTag, TaskStatusTag } from '../components/status-tag';
import { useLoaded } from '../components/use-loaded';

const fillPath = (item: { taskId: string; areaCode: string }) => `/report-inbox/${item.taskId}/${item.areaCode}`;

/**
 * 本区划填报: the tasks addressed to the caller's areas with each one's status (not started,
 * draft saved, submitted, late, returned), the reminders still open above them.
 */
export function ReportInboxPage() {
  const { t } = useTranslation();
  const inbox = useLoaded((signal) => listInbox(signal), 'inbox');
  const reminders = useLoaded((signal) => listReminders(signal), 'reminders');

  const columns = useMemo<ProColumns<InboxItem>[]>(
    () => [
      {
        title: t('reportTasks.form.title'),
        dataIndex: 'title',
        render: (_dom, item) => <Link to={fillPath(item)}>{item.title}</Link>,
      },
      { title: t('reportTasks.list.sender'), dataIndex: 'senderAreaName' },
      { title: t('reportTasks.inbox.myArea'), dataIndex: 'areaName' },
      {
        title: t('reportTasks.form.deadline'),
        dataIndex: 'deadline',
        render: (_dom, item) => (
          <span>
            {item.deadline}
            {item.isOverdue ? (
              <Tag color="red" style={{ marginLeft: 8 }}>
                {t('reportTasks.inbox.overdue')}
              </Tag>
            ) : null}
          </span>
        ),
      },
      {
        title: t('reportTasks.list.status'),
        dataIndex: 'status',
        render: (_dom, item) =>
          item.taskStatus === 'withdrawn' ? (
            <TaskStatusTag status="withdrawn" />
          ) : (
            <SubmissionStatusTag status={item.status} />
          ),
      },
      {
        title: t('reportTasks.detail.submittedAt'),
        dataIndex: 'submittedAt',
        render: (_dom, item) => formatDateTime(item.submittedAt),
      },
    ],
    [t],
  );

  const notices = reminders.data?.items ?? [];
  return (
    <Page title={t('reportTasks.inbox.title')}>
      <Typography.Paragraph type="secondary">{t('reportTasks.inbox.intro')}</Typography.Paragraph>
      {notices.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          icon={<BellOutlined aria-hidden />}
          style={{ marginBottom: 16 }}
          message={t('reportTasks.inbox.reminders', { count: notices.length })}
          description={
            <List
              size="small"
              dataSource={notices}
              renderItem={(n) => (
                <List.Item>
                  <Link to={fillPath(n)}>{n.title}</Link>
                  <span>{t(`reportTasks.reminder.${n.milestone}`, { area: n.areaName, deadline: n.deadline })}</span>
                </List.Item>
              )}
            />
          }
        />
      ) : null}
      <ErrorAlert error={inbox.error ?? reminders.error} />
      <ProTable<InboxItem>
        rowKey={(item) => `${item.taskId}:${item.areaCode}`}
        columns={columns}
        dataSource={inbox.data?.items ?? []}
        loading={!inbox.data && !inbox.error}
        rowClassName={(item) => (item.isOverdue ? 'linli-row-overdue' : '')}
        search={false}
        pagination={false}
        options={{ reload: inbox.reload, density: false, setting: false }}
        locale={{ emptyText: t('reportTasks.inbox.empty') }}
        scroll={{ x: 'max-content' }}
      />
    </Page>
  );
}
