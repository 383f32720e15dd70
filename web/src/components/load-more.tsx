import { Button, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { KeysetList } from '../app/use-keyset-list';

/** The foot of a keyset list: how many rows are shown and a button for the next page. */
export function LoadMore<T>({ list }: { list: KeysetList<T> }) {
  const { t } = useTranslation();
  return (
    <div className="linli-load-more">
      <Typography.Text type="secondary" aria-live="polite">
        {t('common.loadedCount', { count: list.items.length })}
        {list.hasMore ? '' : ` · ${t('common.noMore')}`}
      </Typography.Text>
      {list.hasMore ? (
        <Button onClick={list.loadMore} loading={list.isLoading}>
          {t('common.loadMore')}
        </Button>
      ) : null}
    </div>
  );
}
