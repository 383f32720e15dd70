import { type ProColumns, ProTable } from '@ant-design/pro-components';
import type { NeedSummary } from '@linli/contract/needs';
import { Button, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/error-alert';
import { Page } from '../../../components/page';
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
  const [items, setItems] = useState<NeedSummary[]>([]);
  const [isLoading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  const [acting, setActing] = useState<{ need: NeedSummary; step: NeedStep } | null>(null);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: generation is the reload trigger
  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    listDispatchQueue(controller.signal).then(
      (list) => {
        setItems(list.items);
        setLoading(false);
      },
      (caught: unknown) => {
        if (!controller.signal.aborted) {
          setError(caught);
          setLoading(false);
        }
      },
    );
    return () => controller.abort();
  }, [generation]);

  const overdue = items.filter((need) => need.isOverdue).length;

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
      <ErrorAlert error={error} />
      <ProTable<NeedSummary>
        rowKey="id"
        headerTitle={
          <h2 className="linli-card-title">
            {t('needs.console.queueCaption', { count: items.length })}
            {overdue > 0 ? (
              <Tag color="red" style={{ marginLeft: 8 }}>
                {t('needs.console.overdueCount', { count: overdue })}
              </Tag>
            ) : null}
          </h2>
        }
        columns={columns}
        dataSource={items}
        loading={isLoading}
        rowClassName={(need) => (need.isOverdue ? 'linli-row-overdue' : '')}
        search={false}
        pagination={false}
        options={{ reload, density: false, setting: false }}
        locale={{ emptyText: t('needs.console.queueEmpty') }}
        scroll={{ x: 'max-content' }}
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
