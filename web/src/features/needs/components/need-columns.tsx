import { ExclamationCircleFilled } from '@ant-design/icons';
import type { ProColumns } from '@ant-design/pro-components';
import type { NeedSummary } from '@linli/contract/needs';
import { Space, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../../components/date-time';
import { daysWaiting } from './need-options';
import { NeedStatusTag } from './need-status-tag';

/** The id of a need's title cell, so a row's buttons can say which need they act on. */
export const needTitleId = (need: NeedSummary) => `linli-need-${need.id}`;

/** The columns every needs table shares: title (link), area, field, for whom, posted, deadline (overdue in red), status. */
export function needColumns(t: TFunction): ProColumns<NeedSummary>[] {
  return [
    {
      title: t('needs.fields.title'),
      dataIndex: 'title',
      render: (_dom, need) => (
        <Link to={`/needs/${need.id}`} id={needTitleId(need)}>
          {need.title}
        </Link>
      ),
    },
    { title: t('needs.fields.areaCode'), dataIndex: 'areaFullName' },
    { title: t('needs.fields.field'), dataIndex: 'field', render: (_dom, need) => t(`activities.field.${need.field}`) },
    { title: t('needs.fields.forWhom'), dataIndex: 'forWhom' },
    {
      title: t('needs.fields.postedAt'),
      dataIndex: 'postedAt',
      render: (_dom, need) => {
        const days = daysWaiting(need.postedAt);
        return (
          <Space direction="vertical" size={0}>
            <span>{formatDateTime(need.postedAt)}</span>
            <Typography.Text type="secondary">
              {days === 0 ? t('needs.console.waitingToday') : t('needs.console.waiting', { count: days })}
            </Typography.Text>
          </Space>
        );
      },
    },
    {
      title: t('needs.fields.deadline'),
      dataIndex: 'deadline',
      render: (_dom, need) =>
        need.isOverdue ? (
          <Typography.Text type="danger" strong>
            <ExclamationCircleFilled aria-hidden /> {need.deadline} <Tag color="red">{t('needs.console.overdue')}</Tag>
          </Typography.Text>
        ) : (
          need.deadline
        ),
    },
    {
      title: t('needs.console.filters.level'),
      dataIndex: 'dispatchLevel',
      render: (_dom, need) => t(`needs.level.${need.dispatchLevel}`),
    },
    { title: t('needs.fields.org'), dataIndex: 'orgName', render: (_dom, need) => need.orgName ?? t('common.empty') },
    {
      title: t('needs.console.filters.status'),
      dataIndex: 'status',
      render: (_dom, need) => <NeedStatusTag status={need.status} />,
    },
  ];
}
