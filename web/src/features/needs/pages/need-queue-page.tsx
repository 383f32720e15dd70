import type { ProColumns } from '@ant-design/pro-components';
import type { NeedSummary } from '@linli/contract/needs';
import { Button, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/error-alert';
import { Page } from '../../../components/page';
import { QueueTable } from '../../../components/queue-table';
import { useLoaded } from '../../../components/use-loaded';
import { listDispatchQueue } from '../api';
import { needColumns, needTitleId } from '../components/need-columns';
import { type NeedStep, NeedStepDialog, stepLabelKey } from '../components/need-dialogs';

/**
 * 派单待办: the needs waiting for the caller's level to dispatch them (the committee at its
 * station, the township at its institute, civil affairs or the civilization office at the county
 * center), oldest first; overdue ones stand out. Dispatch, send up a level, or decline.
 */
export function NeedQueuePage() {
  const { t } = useTranslation();
  const queue = useLoaded(listDispatchQueue, 'queue');
  const items = queue.data?.items ?? [];
  const reload = queue.reload;
  const [acting, setActing] = useState<{ need: NeedSummary; step: NeedStep } | null>(null);

  const columns = useMemo<ProColumns<NeedSummary>[]>(
    () => [
      ...needColumns(t).filter((column) => column.dataIndex !== 'orgName'),
      {
        title: t('common.actions'),
        dataIndex: 'actions',
        fixed: 'right',
        render: (_dom, need) => {
          const steps: NeedStep[] = [];
          if (need.abilities.dispatch) {
            steps.push('dispatch');
          }
          if (need.abilities.redispatch) {
            steps.push('redispatch');
          }
          if (need.abilities.decline) {
            steps.push('decline');
          }
          return (
            <Space wrap>
              {steps.map((step) => (
                <Button
                  key={step}
                  size="small"
                  type={step === 'dispatch' ? 'primary' : 'default'}
                  danger={step === 'decline'}
                  aria-describedby={needTitleId(need)}
                  onClick={() => setActing({ need, step })}
                >
                  {t(stepLabelKey(step))}
                </Button>
              ))}
            </Space>
          );
        },
      },
    ],
    [t],
  );

  return (
    <Page title={t('needs.console.queueTitle')}>
      <Typography.Paragraph type="secondary">{t('needs.console.queueIntro')}</Typography.Paragraph>
      <ErrorAlert error={queue.error} />
      <QueueTable<NeedSummary>
        columns={columns}
        items={items}
        loading={queue.data === null && queue.error === null}
        reload={reload}
        caption={t('needs.console.queueCaption', { count: items.length })}
        overdueText={(count) => t('needs.console.overdueCount', { count })}
        emptyText={t('needs.console.queueEmpty')}
      />
      {acting ? (
        <NeedStepDialog
          need={acting.need}
          step={acting.step}
          onClose={() => setActing(null)}
          onDone={reload}
          onStale={reload}
        />
      ) : null}
    </Page>
  );
}
