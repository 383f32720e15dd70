import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { type ProColumns, ProTable } from '@ant-design/pro-components';
import { areaLevels } from '@linli/contract/areas';
import {
  type AddresseeFilterStatus,
  type AddresseeStatus,
  addresseeFilterStatuses,
  type ReportTask,
  type SubmissionCounts,
} from '@linli/contract/report-tasks';
import { Alert, Button, Select, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../app/error-text';
import { formatDateTime } from '../../../components/date-time';
import { listAddressees } from '../api';
import { SubmissionStatusTag } from './status-tag';
import { useLoaded } from './use-loaded';

const PAGE_SIZE = 50;

/** The figure of a filter in the counts of the current `within`. */
function countOf(counts: SubmissionCounts, status: AddresseeFilterStatus | undefined): number {
  switch (status) {
    case undefined:
      return counts.addressees;
    case 'submitted':
      return counts.submitted - counts.late;
    default:
      return counts[status];
  }
}

/**
 * The sender's status table of a task: a page of addressee areas at a time in area-code order
 * (the server pages by keyset: the next page starts after the last code of this one, so the table
 * never loads a city's thousands of communities at once), filtered by status and, when the task
 * went deeper than one level, by the area in between (e.g. the district).
 */
export function AddresseeTable({
  task,
  reloadKey,
  onView,
}: {
  task: ReportTask;
  reloadKey: number;
  onView: (row: AddresseeStatus) => void;
}) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<AddresseeFilterStatus | undefined>(undefined);
  const [within, setWithin] = useState<string | undefined>(undefined);
  // the `after` cursor of each page seen so far; the last one is the page shown
  const [cursors, setCursors] = useState<string[]>(['']);
  const after = cursors.at(-1) ?? '';
  const page = useLoaded(
    (signal) =>
      listAddressees(
        task.id,
        { limit: PAGE_SIZE, ...(status ? { status } : {}), ...(within ? { within } : {}), ...(after ? { after } : {}) },
        signal,
      ),
    `${task.id}|${status ?? ''}|${within ?? ''}|${after}|${reloadKey}`,
  );
  const isDeeper = areaLevels.indexOf(task.addresseeLevel) > areaLevels.indexOf(task.areaLevel) + 1;

  const columns = useMemo<ProColumns<AddresseeStatus>[]>(
    () => [
      { title: t('reportTasks.detail.areaCode'), dataIndex: 'areaCode' },
      { title: t('reportTasks.detail.areaName'), dataIndex: 'areaName' },
      ...(isDeeper
        ? [
            {
              title: t('reportTasks.detail.parentName'),
              dataIndex: 'parentName',
              render: (_dom: unknown, row: AddresseeStatus) => row.parentName ?? t('common.empty'),
            } satisfies ProColumns<AddresseeStatus>,
          ]
        : []),
      {
        title: t('reportTasks.list.status'),
        dataIndex: 'status',
        render: (_dom, row) => <SubmissionStatusTag status={row.status} />,
      },
      {
        title: t('reportTasks.detail.submittedAt'),
        dataIndex: 'submittedAt',
        render: (_dom, row) => formatDateTime(row.submittedAt),
      },
      {
        title: t('reportTasks.detail.submittedBy'),
        dataIndex: 'submittedByName',
        render: (_dom, row) => row.submittedByName ?? t('common.empty'),
      },
      {
        title: t('reportTasks.detail.isLate'),
        dataIndex: 'isLate',
        render: (_dom, row) => (row.submittedAt ? (row.isLate ? t('common.yes') : t('common.no')) : t('common.empty')),
      },
      {
        title: t('common.actions'),
        dataIndex: 'actions',
        render: (_dom, row) =>
          row.submittedAt ? (
            <Button
              size="small"
              onClick={() => onView(row)}
              aria-label={t('reportTasks.detail.viewOf', { name: row.areaName })}
            >
              {t('reportTasks.detail.view')}
            </Button>
          ) : null,
      },
    ],
    [t, isDeeper, onView],
  );

  const counts = page.data?.counts;
  const statusLabel = (s: AddresseeFilterStatus | undefined) => {
    const name =
      s === undefined
        ? t('reportTasks.detail.allStatuses')
        : s === 'outstanding'
          ? t('reportTasks.detail.outstanding')
          : t(`reportTasks.submissionStatus.${s}`);
    return counts ? `${name}（${countOf(counts, s)}）` : name;
  };
  const filterBy = (change: () => void) => {
    change();
    setCursors(['']);
  };

  return (
    <>
      {page.error ? <Alert type="error" showIcon message={errorText(page.error)} style={{ marginBottom: 8 }} /> : null}
      <ProTable<AddresseeStatus>
        rowKey="areaCode"
        headerTitle={<h2 className="linli-card-title">{t('reportTasks.detail.addressees')}</h2>}
        toolBarRender={() => [
          <Space key="filters" wrap>
            {task.subareas.length > 0 ? (
              <Select
                aria-label={t('reportTasks.detail.within')}
                style={{ width: 180 }}
                allowClear
                showSearch
                optionFilterProp="label"
                placeholder={t('reportTasks.detail.allAreas')}
                value={within}
                onChange={(value?: string) => filterBy(() => setWithin(value))}
                options={task.subareas.map((a) => ({ value: a.code, label: a.name }))}
              />
            ) : null}
            <Select
              aria-label={t('reportTasks.detail.statusFilter')}
              style={{ width: 180 }}
              value={status ?? 'all'}
              onChange={(value: string) =>
                filterBy(() => setStatus(value === 'all' ? undefined : (value as AddresseeFilterStatus)))
              }
              options={[
                { value: 'all', label: statusLabel(undefined) },
                ...addresseeFilterStatuses.map((s) => ({ value: s, label: statusLabel(s) })),
              ]}
            />
          </Space>,
        ]}
        columns={columns}
        dataSource={page.data?.items ?? []}
        loading={!page.data && !page.error}
        search={false}
        pagination={false}
        options={{ reload: page.reload, density: false, setting: false }}
        scroll={{ x: 'max-content' }}
      />
      <Space style={{ marginTop: 8 }}>
        <Button
          icon={<LeftOutlined aria-hidden />}
          disabled={cursors.length <= 1}
          onClick={() => setCursors((list) => list.slice(0, -1))}
        >
          {t('reportTasks.detail.prevPage')}
        </Button>
        <Typography.Text type="secondary">
          {t('reportTasks.detail.pageInfo', {
            page: cursors.length,
            total: counts ? countOf(counts, status) : 0,
          })}
        </Typography.Text>
        <Button
          disabled={!page.data?.next}
          onClick={() => {
            const next = page.data?.next;
            if (next) {
              setCursors((list) => [...list, next]);
            }
          }}
        >
          {t('reportTasks.detail.nextPage')} <RightOutlined aria-hidden />
        </Button>
      </Space>
    </>
  );
}
