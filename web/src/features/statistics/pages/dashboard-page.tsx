import { DownloadOutlined } from '@ant-design/icons';
import type { AreaWithAncestors } from '@linli/contract/areas';
import type { Dashboard, Figure } from '@linli/contract/statistics';
import { Breadcrumb, Button, Card, Flex, Form, Spin, Table, Tabs, Typography } from 'antd';
import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useJurisdictionRoots } from '../../../app/jurisdiction';
import { AreaCascader, type AreaChoice } from '../../../components/area-cascader';
import { ErrorAlert } from '../../../components/error-alert';
import { Page } from '../../../components/page';
import { dashboardExportUrl, drillDownHref, getAreaPath, getDashboard } from '../api';
import { ChildChart } from '../components/child-chart';
import { FigureGroup } from '../components/figure-panel';
import { TargetsPanel } from '../components/targets-panel';

const groups = ['organizations', 'activities', 'volunteers'] as const;
type TabKey = (typeof groups)[number] | 'targets';

/** Within one of the roots (the jurisdiction): the server checks again. */
function isInside(code: string, roots: AreaChoice[]): boolean {
  const digits = { country: 0, province: 2, city: 4, county: 6, township: 9, community: 12 } as const;
  return roots.some((root) => code.startsWith(root.code.slice(0, digits[root.level])));
}

/** New organizations per founding year: a chart described for screen readers and its table. */
function NewByYear({ dashboard }: { dashboard: Dashboard }) {
  const { t } = useTranslation();
  const titleId = useId();
  const rows = dashboard.newByYear.map((y) => ({ code: String(y.year), name: String(y.year), value: y.count }));
  return (
    <Card
      size="small"
      title={
        <h3 className="linli-card-title" id={titleId}>
          {t('statistics.newByYear')}
        </h3>
      }
    >
      <ChildChart title={t('statistics.newByYear')} rows={rows} unit={t('statistics.units.count')} />
      <Table
        aria-labelledby={titleId}
        size="small"
        rowKey="year"
        pagination={false}
        dataSource={dashboard.newByYear}
        columns={[
          { title: t('statistics.year'), dataIndex: 'year', key: 'year', sorter: (a, b) => a.year - b.year },
          {
            title: t('statistics.newOrganizations'),
            dataIndex: 'count',
            key: 'count',
            align: 'right',
            sorter: (a, b) => a.count - b.count,
            render: (_v, row) => <Link to={drillDownHref(row.drillDown)}>{row.count}</Link>,
          },
        ]}
      />
    </Card>
  );
}

/**
 * 统计分析: the dashboard of an area of the jurisdiction. The area is in the URL (`?area=`), so a
 * drill-down into a child area is a new history entry and Back returns; each figure's number
 * opens the list behind it, each child area's name opens its own dashboard.
 */
export function DashboardPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const roots = useJurisdictionRoots();
  const [search, setSearch] = useSearchParams();
  const areaCode = search.get('area') ?? roots[0]?.code ?? null;
  const tab = (search.get('tab') as TabKey | null) ?? 'organizations';
  const [dashboard, setDashboard] = useState<Dashboard | null>(null);
  const [path, setPath] = useState<AreaWithAncestors | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [selected, setSelected] = useState<Record<string, string>>({});

  useEffect(() => {
    if (!areaCode) {
      return;
    }
    const controller = new AbortController();
    setError(null);
    getDashboard(areaCode, controller.signal).then(setDashboard, (caught: unknown) => {
      if (!controller.signal.aborted) {
        setError(caught);
        setDashboard(null);
      }
    });
    getAreaPath(areaCode, controller.signal).then(setPath, () => setPath(null));
    return () => controller.abort();
  }, [areaCode]);

  const byGroup = useMemo(() => {
    const map = new Map<string, Figure[]>();
    for (const f of dashboard?.figures ?? []) {
      const key = f.group === 'incubation' ? 'organizations' : f.group;
      map.set(key, [...(map.get(key) ?? []), f]);
    }
    return map;
  }, [dashboard]);

  const goTo = (code: string) => navigate(`/statistics?area=${code}${tab === 'organizations' ? '' : `&tab=${tab}`}`);
  const current: AreaChoice | null = dashboard
    ? {
        code: dashboard.area.code,
        level: dashboard.area.level,
        name: dashboard.area.name,
        fullName: dashboard.area.fullName,
      }
    : null;
  const trail = path ? [...path.ancestors, path.area].filter((a) => isInside(a.code, roots)) : [];

  return (
    <Page
      title={t('statistics.title')}
      extra={
        areaCode ? (
          <Button icon={<DownloadOutlined aria-hidden />} href={dashboardExportUrl(areaCode)} download>
            {t('statistics.export')}
          </Button>
        ) : null
      }
    >
      <Flex vertical gap="middle">
        <Form layout="inline">
          <Form.Item label={t('statistics.area')} htmlFor="statistics-area">
            <AreaCascader
              id="statistics-area"
              roots={roots}
              value={current}
              onChange={(area) => (area ? goTo(area.code) : undefined)}
              style={{ width: 360 }}
            />
          </Form.Item>
        </Form>
        {trail.length > 1 ? (
          <nav aria-label={t('statistics.trail')}>
            <Breadcrumb
              items={trail.map((a, i) => ({
                key: a.code,
                title: i === trail.length - 1 ? a.name : <Link to={`/statistics?area=${a.code}`}>{a.name}</Link>,
              }))}
            />
          </nav>
        ) : null}
        <ErrorAlert error={error} />
        <Spin spinning={!dashboard && !error}>
          {dashboard ? (
            <>
              <Typography.Paragraph type="secondary" aria-live="polite">
                {t('statistics.summary', {
                  area: dashboard.area.fullName,
                  code: dashboard.area.code,
                  year: dashboard.year,
                  children: dashboard.children.length,
                })}
              </Typography.Paragraph>
              <Tabs
                activeKey={tab}
                onChange={(key) => {
                  const next = new URLSearchParams(search);
                  if (key === 'organizations') {
                    next.delete('tab');
                  } else {
                    next.set('tab', key);
                  }
                  setSearch(next, { replace: true });
                }}
                items={[
                  ...groups.map((group) => ({
                    key: group,
                    label: t(`statistics.groups.${group}`),
                    children: (
                      <Flex vertical gap="middle">
                        <FigureGroup
                          dashboard={dashboard}
                          figures={byGroup.get(group) ?? []}
                          selected={selected[group] ?? null}
                          onSelect={(key) => setSelected((s) => ({ ...s, [group]: key }))}
                        />
                        {group === 'organizations' ? <NewByYear dashboard={dashboard} /> : null}
                      </Flex>
                    ),
                  })),
                  {
                    key: 'targets',
                    label: t('statistics.groups.targets'),
                    children: <TargetsPanel areaCode={dashboard.area.code} />,
                  },
                ]}
              />
            </>
          ) : null}
        </Spin>
      </Flex>
    </Page>
  );
}
