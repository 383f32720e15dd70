import type { ActivityField, ActivityStatus } from '@linli/contract/activities';
import { Button, DatePicker, Form, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ActivityFilters as Filters } from '../api';
import { fieldChoices, statusChoices } from './activity-options';
import { OrgSelect } from './org-select';
import { campaignLabel, useCampaigns, useVenues } from './use-choices';

type FilterValues = {
  range?: [Dayjs | null, Dayjs | null] | null;
  field?: ActivityField | '';
  campaign?: string;
  orgId?: string;
  venueId?: string;
  status?: ActivityStatus | '';
};

function toFilters(values: FilterValues): Filters {
  const [from, to] = values.range ?? [null, null];
  return {
    ...(from ? { from: from.format('YYYY-MM-DD') } : {}),
    ...(to ? { to: to.format('YYYY-MM-DD') } : {}),
    ...(values.field ? { field: values.field } : {}),
    ...(values.campaign ? { campaign: values.campaign } : {}),
    ...(values.orgId ? { orgId: values.orgId } : {}),
    ...(values.venueId ? { venueId: values.venueId } : {}),
    ...(values.status ? { status: values.status } : {}),
  };
}

type ActivityFiltersProps = {
  onFilters: (filters: Filters) => void;
  /** the calendar sets its own dates: the range picker is left out */
  hasDates: boolean;
  /** values read from the URL (a dashboard figure's drill-down) */
  initial?: Pick<FilterValues, 'field' | 'campaign' | 'status'>;
};

/** The filters the list, the calendar, the counts and the export share (the dates only for the list). */
export function ActivityFilterForm({ onFilters, hasDates, initial }: ActivityFiltersProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FilterValues>();
  const campaigns = useCampaigns();
  const { venues } = useVenues();
  const all = { value: '', label: t('activityPages.filters.all') };
  const submit = () => form.submit();

  return (
    <Form<FilterValues>
      name="activity-filters"
      form={form}
      layout="inline"
      role="search"
      aria-label={t('activityPages.filters.label')}
      initialValues={{ field: '', campaign: '', status: '', venueId: '', ...initial }}
      onFinish={(values) => onFilters(toFilters(values))}
      style={{ marginBottom: 16, rowGap: 12 }}
    >
      {hasDates ? (
        <Form.Item name="range" label={t('activityPages.filters.dates')}>
          <DatePicker.RangePicker
            onChange={submit}
            allowEmpty={[true, true]}
            placeholder={[t('activityPages.filters.from'), t('activityPages.filters.to')]}
          />
        </Form.Item>
      ) : null}
      <Form.Item name="field" label={t('activities.fields.field')}>
        <Select
          style={{ width: 170 }}
          onChange={submit}
          options={[all, ...fieldChoices.map((value) => ({ value, label: t(`activities.field.${value}`) }))]}
        />
      </Form.Item>
      <Form.Item name="campaign" label={t('activities.fields.campaign')}>
        <Select
          style={{ width: 190 }}
          onChange={submit}
          options={[
            all,
            ...campaigns.map((campaign) => ({ value: campaign.key, label: campaignLabel(t, campaign.key, campaigns) })),
          ]}
        />
      </Form.Item>
      <Form.Item name="orgId" label={t('activityPages.filters.org')}>
        <OrgSelect scope="any" allowClear onChange={submit} style={{ width: 220 }} />
      </Form.Item>
      <Form.Item name="venueId" label={t('activities.fields.venue')}>
        <Select
          style={{ width: 220 }}
          onChange={submit}
          options={[all, ...venues.map((venue) => ({ value: venue.id, label: venue.name }))]}
        />
      </Form.Item>
      <Form.Item name="status" label={t('activityPages.filters.status')}>
        <Select
          style={{ width: 170 }}
          onChange={submit}
          options={[all, ...statusChoices.map((value) => ({ value, label: t(`activities.status.${value}`) }))]}
        />
      </Form.Item>
      <Form.Item>
        <Button
          onClick={() => {
            form.resetFields();
            submit();
          }}
        >
          {t('activityPages.filters.reset')}
        </Button>
      </Form.Item>
    </Form>
  );
}
