import { DownloadOutlined } from '@ant-design/icons';
import { ProTable } from '@ant-design/pro-components';
import type { ActivityField } from '@linli/contract/activities';
import type { DispatchLevel, NeedStatus, NeedSummary } from '@linli/contract/needs';
import { Button, Checkbox, DatePicker, Form, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useKeysetList } from '../../../app/use-keyset-list';
import { ErrorAlert } from '../../../components/error-alert';
import { LoadMore } from '../../../components/load-more';
import { Page } from '../../../components/page';
import { listNeeds, type NeedFilters, needExportUrl } from '../api';
import { needColumns } from '../components/need-columns';
import { fieldChoices, levelChoices, statusChoices } from '../components/need-options';

type FilterValues = {
  status?: NeedStatus | '';
  isOpen?: 'true' | 'false' | '';
  isOverdue?: boolean;
  field?: ActivityField | '';
  dispatchLevel?: DispatchLevel | '';
  range?: [Dayjs | null, Dayjs | null] | null;
};

function toFilters(values: FilterValues): NeedFilters {
  const [from, to] = values.range ?? [null, null];
  return {
    ...(values.status ? { status: values.status } : {}),
    ...(values.isOpen ? { isOpen: values.isOpen } : {}),
    ...(values.isOverdue ? { isOverdue: 'true' as const } : {}),
    ...(values.field ? { field: values.field } : {}),
    ...(values.dispatchLevel ? { dispatchLevel: values.dispatchLevel } : {}),
    ...(from ? { from: from.format('YYYY-MM-DD') } : {}),
    ...(to ? { to: to.format('YYYY-MM-DD') } : {}),
  };
}

/** 群众需求: the needs of the jurisdiction, oldest first, with filters, keyset pages and the .xlsx export. */
export function NeedListPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<NeedFilters>({});
  const list = useKeysetList(listNeeds, filters);
  const [form] = Form.useForm<FilterValues>();
  const columns = useMemo(() => needColumns(t), [t]);
  const all = { value: '', label: t('needs.console.filters.all') };
  const submit = () => form.submit();

  return (
    <Page
      title={t('needs.console.listTitle')}
      extra={
        <Button icon={<DownloadOutlined aria-hidden />} href={needExportUrl(filters)} download>
          {t('common.export')}
        </Button>
      }
    >
      <Form<FilterValues>
        name="need-filters"
        form={form}
        layout="inline"
        role="search"
        aria-label={t('needs.console.filters.label')}
        initialValues={{ status: '', isOpen: '', field: '', dispatchLevel: '', isOverdue: false }}
        onFinish={(values) => setFilters(toFilters(values))}
        style={{ marginBottom: 16, rowGap: 12 }}
      >
        <Form.Item name="status" label={t('needs.console.filters.status')}>
          <Select
            style={{ width: 200 }}
            onChange={submit}
            options={[all, ...statusChoices.map((value) => ({ value, label: t(`needs.status.${value}`) }))]}
          />
        </Form.Item>
        <Form.Item name="isOpen" label={t('needs.console.filters.openness')}>
          <Select
            style={{ width: 150 }}
            onChange={submit}
            options={[
              all,
              { value: 'true', label: t('needs.console.filters.open') },
              { value: 'false', label: t('needs.console.filters.closed') },
            ]}
          />
        </Form.Item>
        <Form.Item name="field" label={t('needs.fields.field')}>
          <Select
            style={{ width: 170 }}
            onChange={submit}
            options={[all, ...fieldChoices.map((value) => ({ value, label: t(`activities.field.${value}`) }))]}
          />
        </Form.Item>
        <Form.Item name="dispatchLevel" label={t('needs.console.filters.level')}>
          <Select
            style={{ width: 200 }}
            onChange={submit}
            options={[all, ...levelChoices.map((value) => ({ value, label: t(`needs.level.${value}`) }))]}
          />
        </Form.Item>
        <Form.Item name="range" label={t('needs.console.filters.dates')}>
          <DatePicker.RangePicker
            onChange={submit}
            allowEmpty={[true, true]}
            placeholder={[t('needs.console.filters.from'), t('needs.console.filters.to')]}
          />
        </Form.Item>
        <Form.Item name="isOverdue" valuePropName="checked">
          <Checkbox onChange={submit}>{t('needs.console.filters.overdueOnly')}</Checkbox>
        </Form.Item>
        <Form.Item>
          <Button
            onClick={() => {
              form.resetFields();
              submit();
            }}
          >
            {t('needs.console.filters.reset')}
          </Button>
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
        locale={{ emptyText: t('needs.console.empty') }}
        scroll={{ x: 'max-content' }}
      />
      <LoadMore list={list} />
    </Page>
  );
}
