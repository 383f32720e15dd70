import { type ProColumns, ProTable } from '@ant-design/pro-components';
import type { Filing } from '@linli/contract/organizations';
import { Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../../components/date-time';
import { ErrorAlert } from '../../../components/error-alert';
import { daysSince } from './org-options';
import { ReviewActions } from './review-actions';
import { FilingStateTag } from './status-tags';
import type { FilingsState } from './use-filings';

type FilingTableProps = {
  /** `queue`: what waits for the caller, with the review buttons; `mine`: the caller's own filings */
  kind: 'queue' | 'mine';
  list: FilingsState;
  caption: string;
  emptyText: string;
};

const nameId = (filing: Filing) => `linli-queue-org-${filing.id}`;

/** Filings as a table: the review queue with its actions inline, or one's own filings and where they stand. */
export function FilingTable({ kind, list, caption, emptyText }: FilingTableProps) {
  const { t } = useTranslation();

  const columns = useMemo<ProColumns<Filing>[]>(() => {
    const org: ProColumns<Filing> = {
      title: t('filings.org'),
      dataIndex: 'orgName',
      render: (_dom, filing) => (
        <Link to={`/organizations/${filing.orgId}`} id={nameId(filing)}>
          {filing.orgName}
          <span className="linli-visually-hidden"> {t(`filing.act.${filing.act}`)}</span>
        </Link>
      ),
    };
    const act: ProColumns<Filing> = {
      title: t('filings.act'),
      dataIndex: 'act',
      render: (_dom, filing) => t(`filing.act.${filing.act}`),
    };
    const tier: ProColumns<Filing> = {
      title: t('filings.tier'),
      dataIndex: 'tier',
      render: (_dom, filing) => t(`org.tier.${filing.tier}`),
    };
    const submittedAt: ProColumns<Filing> = {
      title: t('filings.submittedAt'),
      dataIndex: 'submittedAt',
      render: (_dom, filing) => formatDateTime(filing.submittedAt),
    };
    const state: ProColumns<Filing> = {
      title: kind === 'queue' ? t('filings.step') : t('filings.state'),
      dataIndex: 'state',
      render: (_dom, filing) => <FilingStateTag state={filing.state} />,
    };
    if (kind === 'queue') {
      return [
        org,
        act,
        tier,
        { title: t('filings.area'), dataIndex: 'areaFullName' },
        submittedAt,
        {
          title: t('filings.age'),
          dataIndex: 'age',
          render: (_dom, filing) => t('filings.ageDays', { days: daysSince(filing.submittedAt) }),
        },
        state,
        {
          title: t('common.actions'),
          dataIndex: 'actions',
          fixed: 'right',
          render: (_dom, filing) => (
            <ReviewActions
              filing={filing}
              describedBy={nameId(filing)}
              onDecided={() => list.reload()}
              onStale={() => list.reload()}
            />
          ),
        },
      ];
    }
    return [
      org,
      act,
      tier,
      state,
      submittedAt,
      {
        title: t('organizations.detail.decidedAt'),
        dataIndex: 'decidedAt',
        render: (_dom, filing) => formatDateTime(filing.decidedAt),
      },
      {
        title: t('common.actions'),
        dataIndex: 'actions',
        render: (_dom, filing) =>
          filing.abilities.resubmit ? (
            <Typography.Text type="warning">
              <Link to={`/organizations/${filing.orgId}`}>{t('filings.returnedTodo')}</Link>
            </Typography.Text>
          ) : (
            <Link to={`/organizations/${filing.orgId}`} aria-describedby={nameId(filing)}>
              {t('filings.view')}
            </Link>
          ),
      },
    ];
  }, [t, kind, list.reload]);

  return (
    <>
      <ErrorAlert error={list.error} />
      <ProTable<Filing>
        rowKey="id"
        headerTitle={<h2 className="linli-card-title">{caption}</h2>}
        columns={columns}
        dataSource={list.items}
        loading={list.isLoading}
        search={false}
        pagination={false}
        options={{ reload: () => list.reload(), density: false, setting: false }}
        locale={{ emptyText }}
        scroll={{ x: 'max-content' }}
      />
    </>
  );
}
