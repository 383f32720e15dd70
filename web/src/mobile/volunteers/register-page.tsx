import type { Session } from '@linli/contract/accounts';
import { dayPeriods, volunteerSkills, weekdays } from '@linli/contract/volunteers';
import { Button, Form, Input, Selector, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { errorText } from '../../app/error-text';
import { applyFieldErrors } from '../../app/form-errors';
import { type Community, useRememberedCommunity } from '../community';
import { CommunityPicker } from '../community-picker';
import { idNumberProblem } from './id-number';
import { registerMe } from './volunteer-api';
import { SignedInVolunteer, VolunteerShell } from './volunteer-shell';

type Values = {
  name: string;
  idNumber: string;
  mobile: string;
  areaCode: Community | null;
  skills: string[];
  serviceScope: ('community' | 'township')[];
  availability: string[];
};

/** Where a `?next=` may send the phone: only back into the volunteer pages. */
export function safeNext(next: string | null, fallback: string): string {
  return next?.startsWith('/m/') ? next : fallback;
}

/**
 * 志愿者实名注册 (`/m/volunteer/register`): real name, ID number (its check digit is checked as
 * it is typed), mobile, home community, skills, where and when the volunteer can serve. The
 * server checks everything again; its field errors show beside the fields.
 */
export function RegisterPage() {
  const { t } = useTranslation();
  return (
    <VolunteerShell title={t('volunteerMobile.registerTitle')}>
      <h1>{t('volunteerMobile.registerTitle')}</h1>
      <SignedInVolunteer requireRegistered={false}>
        {(session, { me }) =>
          me ? (
            <p className="linli-m-section">{t('volunteerMobile.alreadyRegistered', { name: me.name })}</p>
          ) : (
            <RegisterForm session={session} />
          )
        }
      </SignedInVolunteer>
    </VolunteerShell>
  );
}

function CommunityField({ value, onChange }: { value?: Community | null; onChange?: (value: Community) => void }) {
  const { t } = useTranslation();
  const [isPicking, setPicking] = useState(false);
  return (
    <>
      <Button block fill="outline" aria-haspopup="dialog" onClick={() => setPicking(true)}>
        {value ? value.fullName : t('activityMobile.choose')}
      </Button>
      <CommunityPicker visible={isPicking} onClose={() => setPicking(false)} onPick={(c) => onChange?.(c)} />
    </>
  );
}

function RegisterForm({ session }: { session: Session }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const [remembered, remember] = useRememberedCommunity();
  const [isSubmitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const grant = session.grants.find((g) => g.role === 'volunteer' && g.areaLevel === 'community');
  const initialCommunity: Community | null = grant
    ? { code: grant.areaCode, name: grant.areaName, fullName: grant.areaFullName }
    : remembered;

  const submit = async (values: Values) => {
    const community = values.areaCode!;
    setSubmitting(true);
    setError(null);
    try {
      await registerMe({
        name: values.name.trim(),
        idNumber: values.idNumber.replace(/\s/g, '').toUpperCase(),
        mobile: values.mobile.replace(/[\s-]/g, ''),
        areaCode: community.code,
        skills: values.skills as never,
        serviceAreaCodes: (values.serviceScope ?? []).map((scope) =>
          scope === 'community' ? community.code : `${community.code.slice(0, 9)}000`,
        ),
        availability: values.availability ?? [],
      });
      remember(community);
      Toast.show({ icon: 'success', content: t('volunteerMobile.registered') });
      navigate(safeNext(params.get('next'), '/m/volunteer'), { replace: true });
    } catch (caught) {
      if (!applyFieldErrors(form, caught)) {
        setError(errorText(caught));
      }
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <>
      <p className="linli-m-muted">{t('volunteerMobile.registerIntro')}</p>
      {error ? (
        <p role="alert" className="linli-m-section linli-m-error">
          {error}
        </p>
      ) : null}
      <Form
        name="volunteer"
        form={form}
        layout="vertical"
        mode="card"
        initialValues={{
          name: session.user.name,
          areaCode: initialCommunity,
          skills: [],
          serviceScope: ['community'],
          availability: [],
        }}
        onFinish={(values) => void submit(values)}
        footer={
          <Button block type="submit" color="primary" size="large" loading={isSubmitting}>
            {t('volunteerMobile.registerSubmit')}
          </Button>
        }
      >
        <Form.Item
          name="name"
          label={t('volunteerMobile.realName')}
          rules={[{ required: true, whitespace: true, message: t('fieldErrors.name.required') }]}
        >
          <Input maxLength={50} autoComplete="name" clearable />
        </Form.Item>
        <Form.Item
          name="idNumber"
          label={t('volunteerMobile.idNumber')}
          description={t('volunteerMobile.idNumberHelp')}
          validateTrigger="onBlur"
          rules={[
            { required: true, message: t('volunteerMobile.idNumberRequired') },
            {
              validator: async (_rule, value: string | undefined) => {
                const problem = idNumberProblem(value ?? '');
                if (problem) {
                  throw new Error(t(`volunteerMobile.idNumberProblem.${problem}`));
                }
              },
            },
          ]}
        >
          <Input maxLength={22} autoComplete="off" clearable />
        </Form.Item>
        <Form.Item
          name="mobile"
          label={t('volunteerMobile.mobile')}
          rules={[
            {
              required: true,
              pattern: /^1[3-9]\d{9}$/,
              transform: (value: string) => value?.replace(/[\s-]/g, ''),
              message: t('fieldErrors.mobile.invalid'),
            },
          ]}
        >
          <Input type="tel" inputMode="numeric" maxLength={13} autoComplete="tel" clearable />
        </Form.Item>
        <Form.Item
          name="areaCode"
          label={t('volunteerMobile.homeCommunity')}
          rules={[{ required: true, message: t('volunteerMobile.homeCommunityRequired') }]}
        >
          <CommunityField />
        </Form.Item>
        <Form.Item name="skills" label={t('volunteerMobile.skills')} description={t('volunteerMobile.optional')}>
          <Selector
            multiple
            columns={2}
            options={volunteerSkills.map((value) => ({ value, label: t(`volunteers.skill.${value}`) }))}
          />
        </Form.Item>
        <Form.Item name="serviceScope" label={t('volunteerMobile.serviceAreas')}>
          <Selector
            multiple
            columns={1}
            options={[
              { value: 'community', label: t('volunteerMobile.serviceScope.community') },
              { value: 'township', label: t('volunteerMobile.serviceScope.township') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="availability"
          label={t('volunteerMobile.availability')}
          description={t('volunteerMobile.optional')}
        >
          <Selector
            className="linli-m-slots"
            multiple
            columns={3}
            options={weekdays.flatMap((day) =>
              dayPeriods.map((period) => ({
                value: `${day}:${period}`,
                label: `${t(`volunteerMobile.weekday.${day}`)}${t(`volunteerMobile.period.${period}`)}`,
              })),
            )}
          />
        </Form.Item>
      </Form>
    </>
  );
}
