import type { Session } from '@linli/contract/accounts';
import { type ActivityField, activityFields } from '@linli/contract/activities';
import { type ServiceTarget, serviceTargets } from '@linli/contract/organizations';
import { Button, DatePicker, Form, Input, Selector, TextArea, Toast } from 'antd-mobile';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { errorText } from '../../app/error-text';
import { applyFieldErrors } from '../../app/form-errors';
import { chinaDay } from '../format';
import { MobileShell } from '../mobile-shell';
import { postNeed } from './needs-api';
import { SignedInResident } from './signed-in';

type Values = {
  areaCode: string[];
  title: string;
  description: string;
  field: ActivityField[];
  serviceTarget?: ServiceTarget[];
  address: string;
  forWhom: string;
  deadline: Date;
  contactName: string;
  contactMobile: string;
};

const DAY = 86_400_000;

/** 我要点单 (`/m/needs/new`): what, where in the community, for whom, by when, and a contact — big fields, one column. */
export function PostNeedPage() {
  const { t } = useTranslation();
  return (
    <MobileShell
      title={t('needs.mobile.postTitle')}
      brand={t('needs.mobile.brand')}
      actions={
        <Link to="/m/needs" className="linli-m-brand" style={{ fontSize: 17, fontWeight: 400 }}>
          {t('needs.mobile.myNeeds')}
        </Link>
      }
    >
      <h1>{t('needs.mobile.postTitle')}</h1>
      <SignedInResident>{(session) => <PostNeedForm session={session} />}</SignedInResident>
    </MobileShell>
  );
}

function PostNeedForm({ session }: { session: Session }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [isPicking, setPicking] = useState(false);
  const [isSubmitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // the communities the user may post for: their community-level grants (residents, the committee)
  const communities = useMemo(() => {
    const byCode = new Map<string, { code: string; name: string; fullName: string }>();
    for (const grant of session.grants) {
      if (grant.areaLevel === 'community' && (grant.role === 'resident' || grant.role === 'committee')) {
        byCode.set(grant.areaCode, { code: grant.areaCode, name: grant.areaName, fullName: grant.areaFullName });
      }
    }
    return [...byCode.values()];
  }, [session.grants]);
  const today = new Date();
  const min = new Date(`${chinaDay(today)}T00:00:00+08:00`);
  const max = new Date(min.getTime() + 365 * DAY);

  const submit = async (values: Values) => {
    setSubmitting(true);
    setError(null);
    try {
      const need = await postNeed({
        areaCode: values.areaCode[0] ?? '',
        title: values.title.trim(),
        description: values.description.trim(),
        field: values.field[0] ?? 'services',
        serviceTarget: values.serviceTarget?.[0] ?? null,
        address: values.address.trim(),
        forWhom: values.forWhom.trim(),
        deadline: chinaDay(values.deadline),
        contactName: values.contactName.trim(),
        contactMobile: values.contactMobile.replace(/[\s-]/g, ''),
      });
      Toast.show({ icon: 'success', content: t('needs.mobile.posted') });
      navigate(`/m/needs/${need.id}`, { replace: true });
    } catch (caught) {
      if (!applyFieldErrors(form, caught)) {
        setError(errorText(caught));
      }
    } finally {
      setSubmitting(false);
    }
  };

  if (communities.length === 0) {
    return <p className="linli-m-section">{t('needs.mobile.notResident')}</p>;
  }

  return (
    <>
      <p className="linli-m-muted">{t('needs.mobile.postIntro')}</p>
      {error ? (
        <p role="alert" className="linli-m-section" style={{ color: '#a8071a' }}>
          {error}
        </p>
      ) : null}
      <Form
        name="need"
        form={form}
        layout="vertical"
        mode="card"
        initialValues={{
          areaCode: [communities[0]!.code],
          deadline: new Date(min.getTime() + 7 * DAY),
          contactName: session.user.name,
        }}
        onFinish={(values) => void submit(values)}
        footer={
          <Button block type="submit" color="primary" size="large" loading={isSubmitting}>
            {t('needs.mobile.submit')}
          </Button>
        }
      >
        <Form.Item
          name="areaCode"
          label={t('needs.mobile.community')}
          help={t('needs.mobile.communityHint')}
          rules={[{ required: true, type: 'array', min: 1, message: t('needs.mobile.communityHint') }]}
        >
          <Selector
            columns={1}
            options={communities.map((community) => ({ value: community.code, label: community.fullName }))}
          />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('needs.mobile.titleLabel')}
          rules={[{ required: true, min: 2, whitespace: true, message: t('needs.mobile.titleRequired') }]}
        >
          <Input placeholder={t('needs.mobile.titlePlaceholder')} maxLength={60} clearable />
        </Form.Item>
        <Form.Item
          name="field"
          label={t('needs.mobile.fieldLabel')}
          rules={[{ required: true, type: 'array', min: 1, message: t('needs.mobile.fieldRequired') }]}
        >
          <Selector
            columns={1}
            options={activityFields.map((value) => ({ value, label: t(`activities.field.${value}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('needs.mobile.descriptionLabel')}
          rules={[{ required: true, min: 5, whitespace: true, message: t('needs.mobile.descriptionRequired') }]}
        >
          <TextArea placeholder={t('needs.mobile.descriptionPlaceholder')} maxLength={2000} rows={4} showCount />
        </Form.Item>
        <Form.Item
          name="address"
          label={t('needs.mobile.addressLabel')}
          rules={[{ required: true, min: 2, whitespace: true, message: t('needs.mobile.addressRequired') }]}
        >
          <Input placeholder={t('needs.mobile.addressPlaceholder')} maxLength={200} clearable />
        </Form.Item>
        <Form.Item
          name="forWhom"
          label={t('needs.mobile.forWhomLabel')}
          rules={[{ required: true, min: 2, whitespace: true, message: t('needs.mobile.forWhomRequired') }]}
        >
          <Input placeholder={t('needs.mobile.forWhomPlaceholder')} maxLength={100} clearable />
        </Form.Item>
        <Form.Item name="serviceTarget" label={t('needs.mobile.serviceTargetLabel')}>
          <Selector
            columns={2}
            options={serviceTargets.map((value) => ({ value, label: t(`org.serviceTarget.${value}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="deadline"
          label={t('needs.mobile.deadlineLabel')}
          trigger="onConfirm"
          onClick={() => setPicking(true)}
          rules={[{ required: true, message: t('needs.mobile.deadlineRequired') }]}
        >
          <DatePicker visible={isPicking} onClose={() => setPicking(false)} min={min} max={max}>
            {(value) => (
              <Button fill="outline" block aria-haspopup="dialog">
                {value ? chinaDay(value) : t('needs.mobile.deadlinePick')}
              </Button>
            )}
          </DatePicker>
        </Form.Item>
        <Form.Item
          name="contactName"
          label={t('needs.mobile.contactNameLabel')}
          rules={[{ required: true, whitespace: true, message: t('needs.mobile.contactNameRequired') }]}
        >
          <Input maxLength={50} autoComplete="name" clearable />
        </Form.Item>
        <Form.Item
          name="contactMobile"
          label={t('needs.mobile.contactMobileLabel')}
          help={t('needs.mobile.contactNotice')}
          rules={[
            {
              required: true,
              pattern: /^1[3-9]\d{9}$/,
              transform: (value: string) => value?.replace(/[\s-]/g, ''),
              message: t('needs.mobile.contactMobileRequired'),
            },
          ]}
        >
          <Input type="tel" inputMode="numeric" maxLength={13} autoComplete="tel" clearable />
        </Form.Item>
      </Form>
    </>
  );
}
