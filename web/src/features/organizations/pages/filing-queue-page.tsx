import { PlusOutlined } from '@ant-design/icons';
import { Button, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useAccess } from '../../../app/access';
import { Page } from '../../../components/page';
import { listFilingQueue, listMyFilings } from '../api';
import { FilingTable } from '../components/filing-table';
import { useFilings } from '../components/use-filings';

/**
 * 待办审核: the filings waiting for a step the caller may take (committee opinion, township
 * decision, civil affairs record), reviewed inline; and the caller's own filings, where a
 * returned one waits for its correction.
 */
export function FilingQueuePage() {
  const { t } = useTranslation();
  const { can } = useAccess();
  const navigate = useNavigate();
  const isReviewer = can(['filings.committeeReview', 'filings.townshipDecide', 'filings.civilAffairsRecord']);
  const isFiler = can('filings.submit');
  const queue = useFilings(listFilingQueue, isReviewer);
  const mine = useFilings(listMyFilings, isFiler);

  const queueTable = (
    <FilingTable kind="queue" list={queue} caption={t('filings.queueCaption')} emptyText={t('filings.queueEmpty')} />
  );
  const mineTable = (
    <FilingTable kind="mine" list={mine} caption={t('filings.mineCaption')} emptyText={t('filings.mineEmpty')} />
  );

  return (
    <Page
      title={t('filings.queueTitle')}
      extra={
        isFiler ? (
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => navigate('/organizations/new')}>
            {t('organizations.establish')}
          </Button>
        ) : null
      }
    >
      {isReviewer && isFiler ? (
        <Tabs
          items={[
            { key: 'queue', label: t('filings.tabQueue'), children: queueTable },
            { key: 'mine', label: t('filings.tabMine'), children: mineTable },
          ]}
        />
      ) : isReviewer ? (
        queueTable
      ) : (
        mineTable
      )}
    </Page>
  );
}
