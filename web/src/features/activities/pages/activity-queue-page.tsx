import { ExclamationCircleFilled } from '@ant-design/icons';
import type { ProColumns } from '@ant-design/pro-components';
import { Button, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ErrorAlert } from '../../../components/error-alert';
import { Page } from '../../../components/page';
import { QueueTable } from '../../../components/queue-table';
import { useLoaded } from '../../../components/use-loaded';
import { listQueue, type QueueItem } from '../api';
import { type ReviewChoice, ReviewDialog, reviewLabelKey } from '../components/action-dialogs';
import { chinaShortDateTime } from '../components/activity-options';

const titleId = (item: QueueItem) => `linli-activity-queue-${item.id}`;

/**
 * 活动待办: approval requests the caller decides (seminars, exhibitions, awards) and major-event
 * reports the committee acknowledges, soonest first, with their deadlines; overdue ones stand out.
 */
export function ActivityQueuePage() {
  const { t } = useTranslation();
  const queue = useLoaded(listQueue, 'queue');
  const items = queue.data?.items ?? [];
  const reload = queue.reload;
  const [review, setReview] = useState<{ item: QueueItem; choice: ReviewChoice } | null>(null);

  const columns = useMemo<ProColumns<QueueItem>[]>(
    () => [
      {
        title: t('activities.fields.title'),
        dataIndex: 'title',
        render: (_dom, item) => (
          <Link to={`/activities/${item.id}`} id={titleId(item)}>
            {item.title}
            <span className="linli-visually-hidden"> {item.orgName}</span>
          </Link>
        ),
      },
      {
        title: t('activityPages.queue.awaiting'),
        dataIndex: 'awaiting',
        render: (_dom, item) => (
          <Tag color={item.awaiting === 'approval' ? 'gold' : 'blue'}>{t(`activities.pathStep.${item.awaiting}`)}</Tag>
        ),
      },
      { title: t('activityPages.fields.org'), dataIndex: 'orgName' },
      {
        title: t('activities.fields.kind'),
        dataIndex: 'kind',
        render: (_dom, item) => t(`activities.kind.${item.kind}`),
      },
      {
        title: t('activities.fields.expectedParticipants'),
        dataIndex: 'expectedParticipants',
        align: 'right',
      },
      {
        title: t('activities.fields.startsAt'),
        dataIndex: 'startsAt',
        render: (_dom, item) => chinaShortDateTime(item.startsAt),
      },
      {
        title: t('activityPages.queue.submittedAt'),
        dataIndex: 'submittedAt',
        render: (_dom, item) => (
          <Space direction="vertical" size={0} style={{ whiteSpace: 'nowrap' }}>
            <span>{chinaShortDateTime(item.submittedAt)}</span>
            <Typography.Text type="secondary">
              {t('activityPages.queue.dueWas', { at: chinaShortDateTime(item.submitBy) })}
            </Typography.Text>
          </Space>
        ),
      },
      {
        title: t('activities.fields.decideBy'),
        dataIndex: 'decideBy',
        render: (_dom, item) =>
          item.isOverdue ? (
            <Typography.Text type="danger" strong>
              <ExclamationCircleFilled aria-hidden /> {chinaShortDateTime(item.decideBy)}{' '}
              <Tag color="red">{t('activityPages.queue.overdue')}</Tag>
            </Typography.Text>
          ) : (
            chinaShortDateTime(item.decideBy)
          ),
      },
      {
        title: t('common.actions'),
        dataIndex: 'actions',
        render: (_dom, item) => {
          const approve: ReviewChoice = { step: item.awaiting, decision: 'approve' };
          const reject: ReviewChoice = { step: item.awaiting, decision: 'reject' };
          return (
            <Space wrap>
              <Button
                type="primary"
                size="small"
                aria-describedby={titleId(item)}
                onClick={() => setReview({ item, choice: approve })}
              >
                {t(reviewLabelKey(approve))}
              </Button>
              <Button
                danger
                size="small"
                aria-describedby={titleId(item)}
                onClick={() => setReview({ item, choice: reject })}
              >
                {t(reviewLabelKey(reject))}
              </Button>
            </Space>
          );
        },
      },
    ],
    [t],
  );

  return (
    <Page title={t('activityPages.queue.title')}>
      <Typography.Paragraph type="secondary">{t('activityPages.queue.intro')}</Typography.Paragraph>
      <ErrorAlert error={queue.error} />
      <QueueTable<QueueItem>
        columns={columns}
        items={items}
        loading={queue.data === null && queue.error === null}
        reload={reload}
        caption={t('activityPages.queue.caption', { count: items.length })}
        overdueText={(count) => t('activityPages.queue.overdueCount', { count })}
        emptyText={t('activityPages.queue.empty')}
      />
      {review ? (
        <ReviewDialog
          activity={review.item}
          choice={review.choice}
          onClose={() => setReview(null)}
          onDone={reload}
          onStale={reload}
        />
      ) : null}
    </Page>
  );
}
