import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { type ProColumns, ProTable } from '@ant-design/pro-components';
import { normalizeCreditCode } from '@linli/contract/credit-code';
import { normalizeOrgName } from '@linli/contract/org-name';
import type {
  HubKind,
  OrgCategory,
  OrgSummary,
  OrgTier,
  PartyOrgForm,
  ServiceTarget,
} from '@linli/contract/organizations';
import { Button, Flex, Form, Input, InputNumber, Select, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useAccess } from '../../../app/access';
import { applyFieldErrors } from '../../../app/form-errors';
import { useKeysetList } from '../../../app/use-keyset-list';
import { ErrorAlert } from '../../../components/error-alert';
import { LoadMore } from '../../../components/load-more';
import { isMobile } from '../../../components/mobile';
import { Page } from '../../../components/page';
import { listMyFilings, listOrganizations, type OrgFilters, type OrgRecordStatus, organizationExportUrl } from '../api';
import { FilingTable } from '../components/filing-table';
import {
  categoryChoices,
  hubKindChoices,
  partyOrgChoices,
  recordStatusChoices,
  serviceTargetChoices,
  tierChoices,
} from '../components/org-options';
import { OrgStatusTag } from '../components/status-tags';
import { useFilings } from '../components/use-filings';

type SearchValues = {
  q?: string;
  tier?: OrgTier | '';
  category?: OrgCategory | '';
  hubKind?: HubKind | '';
  status?: OrgRecordStatus | '';
  serviceTarget?: ServiceTarget | '';
  partyOrg?: PartyOrgForm | '';
  foundedYear?: number | null;
  sort?: 'founded' | 'name';
};

/** A search term the server takes: a credit code, a mobile, or two or more characters of the name. */
function isSearchable(term: string): boolean {
  return (
    /^[0-9A-Z]{18}$/.test(normalizeCreditCode(term)) || isMobile(term) || Array.from(normalizeOrgName(term)).length >= 2
  );
}

function toFilters(values: SearchValues): OrgFilters {
  const q = values.q?.trim();
  return {
    ...(q ? { q } : {}),
    ...(values.tier ? { tier: values.tier } : {}),
    ...(values.category ? { category: values.category } : {}),
    ...(values.hubKind ? { hubKind: values.hubKind } : {}),
    ...(values.status ? { status: values.status } : {}),
    ...(values.serviceTarget ? { serviceTarget: values.serviceTarget } : {}),
    ...(values.partyOrg ? { partyOrg: values.partyOrg } : {}),
    ...(values.foundedYear ? { foundedYear: values.foundedYear } : {}),
    ...(values.sort === 'name' ? { sort: 'name' as const } : {}),
  };
}

/** The filters the statistics' drill-downs add (not on the search form; shown as tags). */
const drillKeys = [
  'areaCode',
  'established',
  'isHub',
  'hasPartyOrg',
  'charterPartyClause',
  'recognition',
  'communityKind',
] as const;
const formKeys = ['q', 'tier', 'category', 'hubKind', 'status', 'serviceTarget', 'partyOrg', 'sort'] as const;

/** The list's filters from the URL (a dashboard figure links here with them); the server checks them. */
function filtersFromSearch(search: URLSearchParams): OrgFilters {
  const filters: Record<string, string | number> = {};
  for (const key of [...formKeys, ...drillKeys]) {
    const value = search.get(key);
    if (value) {
      filters[key] = value;
    }
  }
  const year = Number(search.get('foundedYear'));
  if (Number.isInteger(year) && year > 0) {
    filters.foundedYear = year;
  }
  return filters as OrgFilters;
}

function searchOf(filters: OrgFilters): Record<string, string> {
  return Object.fromEntries(
    Object.entries(filters)
      .filter(([, value]) => value !== undefined && value !== '')
      .map(([key, value]) => [key, String(value)]),
  );
}

function drillPart(filters: OrgFilters): OrgFilters {
  return Object.fromEntries(Object.entries(filters).filter(([key]) => (drillKeys as readonly string[]).includes(key)));
}

/**
 * 社区社会组织: the registry of the current jurisdiction (search, filters, keyset pages, export)
 * for readers; for those who may only file (residents, volunteers) their own filings. Both may
 * start “备案新组织”.
 */
export function OrganizationListPage() {
  const { t } = useTranslation();
  const { can } = useAccess();
  const navigate = useNavigate();
  const canRead = can('organizations.read');
  // the filters live in the URL: a dashboard figure opens this list with its own, and Back works
  const [search, setSearch] = useSearchParams();
  const filters = useMemo(() => filtersFromSearch(search), [search]);
  const setFilters = (next: OrgFilters) => setSearch(searchOf(next));

  return (
    <Page
      title={t('organizations.title')}
      extra={
        <>
          {canRead ? (
            <Button icon={<DownloadOutlined aria-hidden />} href={organizationExportUrl(filters)} download>
              {t('common.export')}
            </Button>
          ) : null}
          {can('organizations.supervise') ? (
            <Button icon={<UploadOutlined aria-hidden />} onClick={() => navigate('/organizations/import')}>
              {t('organizations.import')}
            </Button>
          ) : null}
          {can('filings.submit') ? (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => navigate('/organizations/new')}>
              {t('organizations.establish')}
            </Button>
          ) : null}
        </>
      }
    >
      {canRead ? <Registry filters={filters} onFilters={setFilters} /> : <MyFilings />}
    </Page>
  );
}

function MyFilings() {
  const { t } = useTranslation();
  const list = useFilings(listMyFilings, true);
  return <FilingTable kind="mine" list={list} caption={t('filings.mineCaption')} emptyText={t('filings.mineEmpty')} />;
}

/** The drill-down filters as tags, with a way to drop them. */
function DrillFilters({ filters, onClear }: { filters: OrgFilters; onClear: () => void }) {
  const { t } = useTranslation();
  const tags: string[] = [];
  if (filters.areaCode) {
    tags.push(t('organizations.filters.drill.areaCode', { value: filters.areaCode }));
  }
  for (const key of ['established', 'isHub', 'hasPartyOrg', 'charterPartyClause'] as const) {
    if (filters[key]) {
      tags.push(t(`organizations.filters.drill.${key}`));
    }
  }
  if (filters.recognition) {
    tags.push(
      t('organizations.filters.drill.recognition', { value: t(`statistics.metrics.orgs.${filters.recognition}`) }),
    );
  }
  if (filters.communityKind) {
    tags.push(t(`organizations.filters.drill.communityKind.${filters.communityKind}`));
  }
  if (tags.length === 0) {
    return null;
  }
  return (
    <Flex align="center" gap="small" wrap style={{ marginBottom: 12 }} role="status">
      <Typography.Text type="secondary">{t('organizations.filters.drillDown')}</Typography.Text>
      {tags.map((tag) => (
        <Tag key={tag} color="blue">
          {tag}
        </Tag>
      ))}
      <Button size="small" onClick={onClear}>
        {t('organizations.filters.drillDownClear')}
      </Button>
    </Flex>
  );
}

function Registry({ filters, onFilters }: { filters: OrgFilters; onFilters: (filters: OrgFilters) => void }) {
  const { t } = useTranslation();
  const list = useKeysetList(listOrganizations, filters);
  const [searchForm] = Form.useForm<SearchValues>();
  const [placedError, setPlacedError] = useState<unknown>(null);

  // a new URL (a drill-down from the statistics, Back) sets the form from it
  const filtersKey = JSON.stringify(filters);
  // biome-ignore lint/correctness/useExhaustiveDependencies: filtersKey stands for filters
  useEffect(() => {
    searchForm.resetFields();
    searchForm.setFieldsValue({
      ...Object.fromEntries(formKeys.filter((k) => filters[k] !== undefined).map((k) => [k, filters[k]])),
      ...(filters.foundedYear ? { foundedYear: filters.foundedYear } : {}),
    });
  }, [filtersKey, searchForm]);

  // a search the server refuses (one character of a name) is told on the search field
  useEffect(() => {
    if (list.error && applyFieldErrors(searchForm, list.error)) {
      setPlacedError(list.error);
    }
  }, [list.error, searchForm]);

  const columns = useMemo<ProColumns<OrgSummary>[]>(
    () => [
      {
        title: t('organizations.fields.name'),
        dataIndex: 'name',
        render: (_dom, org) => <Link to={`/organizations/${org.id}`}>{org.name}</Link>,
      },
      { title: t('organizations.fields.tier'), dataIndex: 'tier', render: (_dom, org) => t(`org.tier.${org.tier}`) },
      {
        title: t('organizations.fields.category'),
        dataIndex: 'category',
        render: (_dom, org) => t(`org.category.${org.category}`),
      },
      {
        title: t('organizations.fields.hubKind'),
        dataIndex: 'hubKind',
        render: (_dom, org) => t(`org.hubKind.${org.hubKind}`),
      },
      { title: t('organizations.fields.areaFullName'), dataIndex: 'areaFullName' },
      { title: t('organizations.fields.foundedOn'), dataIndex: 'foundedOn' },
      {
        title: t('organizations.fields.status'),
        dataIndex: 'status',
        render: (_dom, org) => <OrgStatusTag status={org.status} />,
      },
    ],
    [t],
  );

  const all = { value: '', label: t('organizations.filters.all') };
  const submit = () => searchForm.submit();

  return (
    <>
      <DrillFilters
        filters={filters}
        onClear={() =>
          onFilters(
            Object.fromEntries(Object.entries(filters).filter(([k]) => !(drillKeys as readonly string[]).includes(k))),
          )
        }
      />
      <Form<SearchValues>
        name="org-search"
        form={searchForm}
        layout="inline"
        role="search"
        initialValues={{
          tier: '',
          category: '',
          hubKind: '',
          status: '',
          serviceTarget: '',
          partyOrg: '',
          sort: 'founded',
        }}
        onFinish={(values) => onFilters({ ...drillPart(filters), ...toFilters(values) })}
        onValuesChange={() => setPlacedError(null)}
        style={{ marginBottom: 16, rowGap: 12 }}
      >
        <Form.Item
          name="q"
          label={t('organizations.searchLabel')}
          rules={[
            {
              validator: (_rule, value: string | undefined) =>
                !value?.trim() || isSearchable(value.trim())
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('organizations.searchTooShort'))),
            },
          ]}
        >
          <Input.Search
            allowClear
            placeholder={t('organizations.searchPlaceholder')}
            enterButton={t('common.search')}
            onSearch={submit}
            style={{ width: 380 }}
          />
        </Form.Item>
        <Form.Item name="tier" label={t('organizations.fields.tier')}>
          <Select
            style={{ width: 160 }}
            onChange={submit}
            options={[all, ...tierChoices.map((value) => ({ value, label: t(`org.tier.${value}`) }))]}
          />
        </Form.Item>
        <Form.Item name="category" label={t('organizations.fields.category')}>
          <Select
            style={{ width: 140 }}
            onChange={submit}
            options={[all, ...categoryChoices.map((value) => ({ value, label: t(`org.category.${value}`) }))]}
          />
        </Form.Item>
        <Form.Item name="hubKind" label={t('organizations.fields.hubKind')}>
          <Select
            style={{ width: 140 }}
            onChange={submit}
            options={[all, ...hubKindChoices.map((value) => ({ value, label: t(`org.hubKind.${value}`) }))]}
          />
        </Form.Item>
        <Form.Item name="status" label={t('organizations.fields.status')}>
          <Select
            style={{ width: 140 }}
            onChange={submit}
            options={[all, ...recordStatusChoices.map((value) => ({ value, label: t(`org.status.${value}`) }))]}
          />
        </Form.Item>
        <Form.Item name="serviceTarget" label={t('organizations.fields.serviceTargets')}>
          <Select
            style={{ width: 160 }}
            onChange={submit}
            options={[all, ...serviceTargetChoices.map((value) => ({ value, label: t(`org.serviceTarget.${value}`) }))]}
          />
        </Form.Item>
        <Form.Item name="partyOrg" label={t('organizations.fields.partyOrg')}>
          <Select
            style={{ width: 180 }}
            onChange={submit}
            options={[all, ...partyOrgChoices.map((value) => ({ value, label: t(`org.partyOrg.${value}`) }))]}
          />
        </Form.Item>
        <Form.Item name="foundedYear" label={t('organizations.filters.foundedYear')}>
          <InputNumber<number>
            min={1949}
            max={2100}
            precision={0}
            placeholder={t('organizations.filters.foundedYearPlaceholder')}
            onPressEnter={submit}
            onBlur={submit}
            style={{ width: 120 }}
          />
        </Form.Item>
        <Form.Item name="sort" label={t('organizations.filters.sort')}>
          <Select
            style={{ width: 140 }}
            onChange={submit}
            options={[
              { value: 'founded', label: t('organizations.filters.sortFounded') },
              { value: 'name', label: t('organizations.filters.sortName') },
            ]}
          />
        </Form.Item>
        <Form.Item>
          <Button
            onClick={() => {
              searchForm.resetFields();
              submit();
            }}
          >
            {t('organizations.filters.reset')}
          </Button>
        </Form.Item>
      </Form>
      <ErrorAlert error={list.error === placedError ? null : list.error} />
      <ProTable<OrgSummary>
        rowKey="id"
        headerTitle={<h2 className="linli-card-title">{t('organizations.listCaption')}</h2>}
        columns={columns}
        dataSource={list.items}
        loading={list.isLoading && list.items.length === 0}
        search={false}
        pagination={false}
        options={{ reload: () => list.reload(), density: false, setting: false }}
        locale={{ emptyText: t('organizations.empty') }}
        scroll={{ x: 'max-content' }}
      />
      <LoadMore list={list} />
    </>
  );
}
