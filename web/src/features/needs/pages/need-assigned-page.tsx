import { type ProColumns, ProTable } from '@ant-design/pro-components';
import type { NeedStatus, NeedSummary } from '@linli/contract/needs';
import { Button, Form, Select, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useKeysetList } from '../../../app/use-keyset-list';
import { ErrorAlert } from '../../../components/error-alert';
import { LoadMore } from '../../../components/load-more';
import { Page } from '../../../components/page';
import { listAssigned } from '../api';
import { needColumns, needTitleId } from '../components/need-columns';
import { type NeedStep, NeedStepDialog, stepLabelKey } from '../components/need-dialogs';

const assignedStatuses: readonly NeedStatus[] = ['dispatched', 'accepted', 'done', 'rated'];

/**
 * 我们的接单: the needs dispatched to the organizations the user administers — accept (as a
 * draft activity or a volunteer task), refuse with a reason, report done.
 */
export function NeedAssignedPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<{ status?: NeedStatus }>({});
  const list = useKeysetList(listAssigned, filters);
  const [acting, setActing] = useState<{ need: NeedSummary; step: NeedStep } | null>(null);

  const columns = useMemo<ProColumns<NeedSummary>[]>(
    () => [
      ...needColumns(t).filter((column) => column.dataIndex !== 'dispatchLevel'),
      {
        title: t('common.actions'),
        dataIndex: 'actions',
        fixed: 'right',
        render: (_dom, need) => {
          const steps = (['accept', 'refuse', 'complete'] as const).filter((step) => need.abilities[step]);
          return (
            <Space wrap>
              {steps.map((step) => (
                <Button
                  key={step}
                  size="small"
                  type={step === 'refuse' ? 'default' : 'primary'}
                  danger={step === 'refuse'}
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
    <Page title={t('needs.console.assignedTitle')}>
      <Typography.Paragraph type="secondary">{t('needs.console.assignedIntro')}</Typography.Paragraph>
      <Form layout="inline" role="search" aria-label={t('needs.console.filters.label')} style={{ marginBottom: 16 }}>
        <Form.Item label={t('needs.console.assignedStatus')} htmlFor="linli-assigned-status">
          <Select<NeedStatus | ''>
            id="linli-assigned-status"
            style={{ width: 200 }}
            value={filters.status ?? ''}
            onChange={(status) => setFilters(status ? { status } : {})}
            options={[
              { value: '', label: t('needs.console.filters.all') },
              ...assignedStatuses.map((value) => ({ value, label: t(`needs.status.${value}`) })),
            ]}
          />
        </Form.Item>
      </Form>
      <ErrorAlert error={list.error} />
      <ProTable<NeedSummary>
        rowKey="id"
        headerTitle={<h2 className="linli-card-title">{t('needs.console.listCaption')}</h2>}
        columns={columns}
        dataSource={list.items}
        loading={list.isLoading && list.items.length === 0}
        rowClassName={(need) => (need.isOverdue ? 'linli-row-overdue' : '')}
        search={false}
        pagination={false}
        options={{ reload: () => list.reload(), density: false, setting: false }}
        locale={{ emptyText: t('needs.console.assignedEmpty') }}
        scroll={{ x: 'max-content' }}
      />
      <LoadMore list={list} />
      {acting ? (
        <NeedStepDialog
          need={acting.need}
          step={acting.step}
          onClose={() => setActing(null)}
          onDone={list.reload}
          onStale={list.reload}
        />
      ) : null}
    </Page>
  );
}
