import { StarFilled } from '@ant-design/icons';
import { Empty, List, Progress, Rate, Space, Spin, Table, Typography } from 'antd';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../components/date-time';
import { ErrorAlert } from '../../../components/error-alert';
import { getOrgRatings, type OrgRatings } from '../api';

/**
 * 群众评价: what the residents an organization served thought of it — count, average, the 1–5
 * distribution (bars with the counts as a table for screen readers), and the recent comments.
 */
export function RatingSummary({ orgId, headingLevel }: { orgId: string; headingLevel: 2 | 3 }) {
  const { t } = useTranslation();
  const [ratings, setRatings] = useState<OrgRatings | null>(null);
  const [error, setError] = useState<unknown>(null);
  const headingId = useId();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';

  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    getOrgRatings(orgId, controller.signal).then(setRatings, (caught: unknown) => {
      if (!controller.signal.aborted) {
        setError(caught);
      }
    });
    return () => controller.abort();
  }, [orgId]);

  return (
    <section aria-labelledby={headingId} className="linli-ratings">
      <Heading id={headingId} className="linli-card-title">
        {t('needs.ratingSummary.heading')}
      </Heading>
      <ErrorAlert error={error} />
      {!ratings && !error ? <Spin /> : null}
      {ratings && ratings.count === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('needs.ratingSummary.empty')} />
      ) : null}
      {ratings && ratings.count > 0 ? <RatingFigures ratings={ratings} /> : null}
    </section>
  );
}

function RatingFigures({ ratings }: { ratings: OrgRatings }) {
  const { t } = useTranslation();
  const rows = [5, 4, 3, 2, 1].map((stars) => ({ stars, count: ratings.distribution[stars - 1] ?? 0 }));
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap align="center">
        <Typography.Text strong style={{ fontSize: 28 }}>
          {ratings.averageStars ?? '—'}
        </Typography.Text>
        <Rate disabled allowHalf value={ratings.averageStars ?? 0} aria-hidden />
        <Typography.Text>
          {ratings.averageStars === null
            ? t('needs.ratings.noAverage')
            : t('needs.ratings.average', { value: ratings.averageStars })}
          {' · '}
          {t('needs.ratingSummary.count', { count: ratings.count })}
        </Typography.Text>
      </Space>
      <div aria-hidden style={{ maxWidth: 420 }}>
        {rows.map((row) => (
          <div key={row.stars} style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
            <span style={{ width: 44, whiteSpace: 'nowrap' }}>
              {row.stars} <StarFilled style={{ color: '#fa8c16' }} />
            </span>
            <Progress
              percent={ratings.count > 0 ? Math.round((row.count / ratings.count) * 100) : 0}
              showInfo={false}
              strokeColor="#fa8c16"
              style={{ flex: 1, margin: 0 }}
            />
            <span style={{ width: 32, textAlign: 'right' }}>{row.count}</span>
          </div>
        ))}
      </div>
      <Table
        className="linli-visually-hidden"
        size="small"
        rowKey="stars"
        pagination={false}
        dataSource={rows}
        caption={t('needs.ratings.distribution')}
        columns={[
          {
            title: t('needs.fields.stars'),
            dataIndex: 'stars',
            key: 'stars',
            render: (stars: number) => t('needs.ratings.starsLabel', { count: stars }),
          },
          { title: t('needs.ratings.distribution'), dataIndex: 'count', key: 'count' },
        ]}
      />
      {ratings.recent.length > 0 ? (
        <List
          header={<Typography.Text strong>{t('needs.ratings.recent')}</Typography.Text>}
          dataSource={ratings.recent}
          renderItem={(item) => (
            <List.Item>
              <List.Item.Meta
                title={
                  <Space wrap>
                    <Rate disabled value={item.stars} style={{ fontSize: 14 }} aria-hidden />
                    <span className="linli-visually-hidden">{t('needs.ratings.starsOf', { count: item.stars })}</span>
                    <Typography.Text type="secondary">
                      {t(`activities.field.${item.field}`)} · {formatDateTime(item.ratedAt)}
                    </Typography.Text>
                  </Space>
                }
                description={item.comment || t('needs.ratings.noComment')}
              />
            </List.Item>
          )}
        />
      ) : null}
    </Space>
  );
}
