import { DownloadOutlined, FilePdfOutlined, PlusOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { ModalForm, type ProColumns, ProTable } from '@ant-design/pro-components';
import type { CertificateIssuer } from '@linli/contract/certificates';
import { App, Button, DatePicker, Form, Input, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAccess } from '../../../app/access';
import { chinaToday } from '../../../app/china-time';
import { applyFieldErrors } from '../../../app/form-errors';
import { useKeysetList } from '../../../app/use-keyset-list';
import { ErrorAlert } from '../../../components/error-alert';
import { LoadMore } from '../../../components/load-more';
import { Page } from '../../../components/page';
import { useLoaded } from '../../../components/use-loaded';
import {
  type Certificate,
  type CertificateFilters,
  certificateExportUrl,
  certificatePdfUrl,
  issueCertificate,
  listCertifiableVolunteers,
  listOrgCertificates,
  type OrgChoice,
  searchOrganizations,
} from '../api';
import { useOwnOrgs } from '../components/use-own-orgs';
import { chinaDateTime } from '../components/volunteer-options';

type FilterValues = {
  q?: string;
  issuedByKind?: CertificateIssuer | '';
  range?: [Dayjs | null, Dayjs | null] | null;
};

function toFilters(values: FilterValues): Omit<CertificateFilters, 'orgId'> {
  const [from, to] = values.range ?? [null, null];
  const q = values.q?.trim();
  return {
    ...(q ? { q } : {}),
    ...(values.issuedByKind ? { issuedByKind: values.issuedByKind } : {}),
    ...(from ? { issuedFrom: from.format('YYYY-MM-DD') } : {}),
    ...(to ? { issuedTo: to.format('YYYY-MM-DD') } : {}),
  };
}

const kinds: CertificateIssuer[] = ['volunteer', 'organization'];

/**
 * 志愿服务证明 (谁记录谁证明): the certificates covering one organization's records — those it
 * issued and those its volunteers asked of it — with filters, keyset pages and the .xlsx export;
 * its administrators issue one for a volunteer with confirmed records of it. Officers above the
 * organization choose it by name and read.
 */
export function CertificateListPage() {
  const { t } = useTranslation();
  const { can } = useAccess();
  const ownOrgs = useOwnOrgs();
  const [orgId, setOrgId] = useState<string | undefined>(undefined);
  const [filters, setFilters] = useState<Omit<CertificateFilters, 'orgId'>>({});
  const [form] = Form.useForm<FilterValues>();
  const [isIssuing, setIssuing] = useState(false);
  const list = useKeysetList(listOrgCertificates, { ...filters, ...(orgId ? { orgId } : {}) });
  const isOwn = ownOrgs.some((org) => org.id === orgId);
  const mayIssue = isOwn && can('serviceRecords.manage');

  useEffect(() => {
    if (!orgId && ownOrgs[0]) {
      setOrgId(ownOrgs[0].id);
    }
  }, [orgId, ownOrgs]);

  const columns = useMemo<ProColumns<Certificate>[]>(
    () => [
      {
        title: t('volunteerConsole.certificates.number'),
        dataIndex: 'number',
        render: (_dom, c) => <Typography.Text code>{c.number}</Typography.Text>,
      },
      { title: t('volunteerConsole.certificates.volunteer'), dataIndex: 'volunteerName' },
      { title: t('volunteerConsole.certificates.idNumber'), dataIndex: 'idNumberMasked' },
      {
        title: t('volunteerConsole.certificates.period'),
        dataIndex: 'period',
        render: (_dom, c) => `${c.period.from} – ${c.period.to}`,
      },
      { title: t('volunteerConsole.certificates.hours'), dataIndex: 'totalHours', align: 'right' },
      {
        title: t('volunteerConsole.certificates.kind'),
        dataIndex: 'issuedByKind',
        render: (_dom, c) => t(`volunteerConsole.certificates.kindOf.${c.issuedByKind}`),
      },
      {
        title: t('volunteerConsole.certificates.issuedAt'),
        dataIndex: 'issuedAt',
        render: (_dom, c) => chinaDateTime(c.issuedAt),
      },
      {
        title: t('common.actions'),
        dataIndex: 'id',
        render: (_dom, c) => (
          <Space size={4} wrap>
            <Button
              size="small"
              icon={<FilePdfOutlined aria-hidden />}
              href={certificatePdfUrl(c.id)}
              download
              aria-label={t('volunteerConsole.certificates.pdfOf', { number: c.number })}
            >
              {t('volunteerConsole.certificates.pdf')}
            </Button>
            <Button
              size="small"
              icon={<SafetyCertificateOutlined aria-hidden />}
              href={c.verifyPath}
              target="_blank"
              rel="noopener"
              aria-label={t('volunteerConsole.certificates.verifyOf', { number: c.number })}
            >
              {t('volunteerConsole.certificates.verify')}
            </Button>
          </Space>
        ),
      },
    ],
    [t],
  );

  const submit = () => form.submit();
  return (
    <Page
      title={t('volunteerConsole.certificates.title')}
      extra={
        <>
          {mayIssue ? (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setIssuing(true)}>
              {t('volunteerConsole.certificates.issue')}
            </Button>
          ) : null}
          <Button
            icon={<DownloadOutlined aria-hidden />}
            disabled={!orgId}
            href={orgId ? certificateExportUrl({ ...filters, orgId }) : undefined}
            download
          >
            {t('common.export')}
          </Button>
        </>
      }
    >
      <Typography.Paragraph type="secondary">{t('volunteerConsole.certificates.intro')}</Typography.Paragraph>
      <Form<FilterValues>
        name="certificate-filters"
        form={form}
        layout="inline"
        role="search"
        aria-label={t('volunteerConsole.certificates.filtersLabel')}
        initialValues={{ issuedByKind: '' }}
        onFinish={(values) => setFilters(toFilters(values))}
        style={{ marginBottom: 16, rowGap: 12 }}
      >
        <Form.Item label={t('volunteerConsole.certificates.org')} htmlFor="certificate-org">
          <OrgPicker id="certificate-org" own={ownOrgs} value={orgId} onChange={setOrgId} />
        </Form.Item>
        <Form.Item name="q" label={t('volunteerConsole.certificates.q')}>
          <Input.Search
            allowClear
            style={{ width: 240 }}
            maxLength={60}
            placeholder={t('volunteerConsole.certificates.qPlaceholder')}
            enterButton={t('common.search')}
            onSearch={submit}
          />
        </Form.Item>
        <Form.Item name="issuedByKind" label={t('volunteerConsole.certificates.kind')}>
          <Select
            style={{ width: 160 }}
            onChange={submit}
            options={[
              { value: '', label: t('volunteerConsole.certificates.all') },
              ...kinds.map((value) => ({ value, label: t(`volunteerConsole.certificates.kindOf.${value}`) })),
            ]}
          />
        </Form.Item>
        <Form.Item name="range" label={t('volunteerConsole.certificates.issuedRange')}>
          <DatePicker.RangePicker
            onChange={submit}
            allowEmpty={[true, true]}
            placeholder={[t('volunteerConsole.certificates.from'), t('volunteerConsole.certificates.to')]}
          />
        </Form.Item>
        <Form.Item>
          <Button
            onClick={() => {
              form.resetFields();
              submit();
            }}
          >
            {t('volunteerConsole.certificates.reset')}
          </Button>
        </Form.Item>
      </Form>
      <ErrorAlert error={list.error} />
      <ProTable<Certificate>
        rowKey="id"
        headerTitle={<h2 className="linli-card-title">{t('volunteerConsole.certificates.caption')}</h2>}
        columns={columns}
        dataSource={list.items}
        loading={list.isLoading && list.items.length === 0}
        search={false}
        pagination={false}
        options={{ reload: () => list.reload(), density: false, setting: false }}
        locale={{
          emptyText: orgId ? t('volunteerConsole.certificates.empty') : t('volunteerConsole.certificates.noOrg'),
        }}
        scroll={{ x: 'max-content' }}
      />
      <LoadMore list={list} />
      {isIssuing && orgId ? (
        <IssueDialog orgId={orgId} onClose={() => setIssuing(false)} onDone={() => list.reload()} />
      ) : null}
    </Page>
  );
}

/** The organizations one administers; officers (who may read the registry) search theirs by name. */
function OrgPicker(props: { id: string; own: OrgChoice[]; value: string | undefined; onChange: (id: string) => void }) {
  const { t } = useTranslation();
  const { can } = useAccess();
  const [found, setFound] = useState<OrgChoice[]>([]);
  const mayAnyOrg = can('organizations.read');
  const options = [...props.own, ...found.filter((org) => !props.own.some((own) => own.id === org.id))];
  return (
    <Select
      id={props.id}
      style={{ width: 280 }}
      showSearch={mayAnyOrg}
      filterOption={false}
      value={props.value}
      placeholder={
        mayAnyOrg ? t('volunteerConsole.certificates.searchOrg') : t('volunteerConsole.certificates.pickOrg')
      }
      onSearch={(term) => {
        if (term.trim().length >= 2) {
          searchOrganizations(term.trim()).then(setFound, () => setFound([]));
        }
      }}
      onChange={props.onChange}
      options={options.map((org) => ({ value: org.id, label: org.name }))}
    />
  );
}

// ProForm hands dates to onFinish already formatted as strings (its `dateFormatter`); either way, a day
type IssueValues = { volunteerId: string; from: Dayjs | string | null; to: Dayjs | string | null };
const dayOf = (value: Dayjs | string | null) => (value ? dayjs(value).format('YYYY-MM-DD') : '');

/** 出具证明: one of the organization's volunteers and a period; the server certifies its own confirmed records only. */
function IssueDialog(props: { orgId: string; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<IssueValues>();
  const [error, setError] = useState<unknown>(null);
  const volunteers = useLoaded((signal) => listCertifiableVolunteers(props.orgId, signal), props.orgId);
  // the period is in China dates, whatever zone the browser's clock is set to (as on the phone page)
  const today = dayjs(chinaToday());
  return (
    <ModalForm<IssueValues>
      name="certificate-issue"
      title={t('volunteerConsole.certificates.issueTitle')}
      form={form}
      open
      layout="vertical"
      initialValues={{ from: today.startOf('year'), to: today }}
      onOpenChange={(open) => {
        if (!open) {
          props.onClose();
        }
      }}
      modalProps={{ destroyOnHidden: true, maskClosable: false }}
      submitter={{
        searchConfig: { submitText: t('volunteerConsole.certificates.submit'), resetText: t('common.cancel') },
      }}
      onFinish={async (values) => {
        setError(null);
        try {
          const issued = await issueCertificate(props.orgId, {
            volunteerId: values.volunteerId,
            from: dayOf(values.from),
            to: dayOf(values.to),
          });
          void message.success(t('volunteerConsole.certificates.issued', { number: issued.number }));
          props.onDone();
          return true;
        } catch (caught) {
          setError(applyFieldErrors(form, caught) ? null : caught);
          return false;
        }
      }}
    >
      <Typography.Paragraph type="secondary">{t('volunteerConsole.certificates.issueHint')}</Typography.Paragraph>
      <ErrorAlert error={error ?? volunteers.error} />
      <Form.Item
        name="volunteerId"
        label={t('volunteerConsole.certificates.pickVolunteer')}
        extra={t('volunteerConsole.certificates.pickVolunteerHint')}
        rules={[{ required: true, message: t('volunteerConsole.certificates.volunteerRequired') }]}
      >
        <Select
          showSearch
          optionFilterProp="label"
          loading={!volunteers.data && !volunteers.error}
          options={(volunteers.data ?? []).map((v) => ({ value: v.id, label: v.name }))}
        />
      </Form.Item>
      <Space wrap align="start">
        <Form.Item
          name="from"
          label={t('volunteerConsole.certificates.periodFrom')}
          rules={[{ required: true, message: t('volunteerConsole.certificates.fromRequired') }]}
        >
          <DatePicker />
        </Form.Item>
        <Form.Item
          name="to"
          label={t('volunteerConsole.certificates.periodTo')}
          rules={[{ required: true, message: t('volunteerConsole.certificates.toRequired') }]}
        >
          <DatePicker />
        </Form.Item>
      </Space>
    </ModalForm>
  );
}
