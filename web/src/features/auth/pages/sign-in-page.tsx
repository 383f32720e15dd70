import { LockOutlined, MobileOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors } from '../../../app/form-errors';
import { LanguageSwitch } from '../../../app/language-switch';
import { useSessionState } from '../../../app/session';
import { ErrorAlert } from '../../../components/error-alert';
import { isMobile, normalizeMobile } from '../../../components/mobile';
import { signIn } from '../api';

type SignInValues = { mobile: string; password: string };

/** Sign-in with mobile number and password. The route guard moves on once the session is set. */
export function SignInPage() {
  const { t } = useTranslation();
  const { setSession } = useSessionState();
  const [form] = Form.useForm<SignInValues>();
  const [error, setError] = useState<unknown>(null);
  const [isSubmitting, setSubmitting] = useState(false);

  const submit = async (values: SignInValues) => {
    setSubmitting(true);
    setError(null);
    try {
      setSession(await signIn({ mobile: normalizeMobile(values.mobile), password: values.password }));
    } catch (caught) {
      applyFieldErrors(form, caught);
      setError(caught);
      form.setFieldValue('password', '');
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <main className="linli-auth">
      <div className="linli-auth-card">
        <div className="linli-auth-top">
          <LanguageSwitch />
        </div>
        <Card>
          <Typography.Title level={1} className="linli-page-title">
            {t('auth.signIn.title')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('auth.signIn.subtitle')}</Typography.Paragraph>
          <ErrorAlert error={error} />
          <Form<SignInValues>
            name="sign-in"
            form={form}
            layout="vertical"
            requiredMark={false}
            onFinish={(values) => void submit(values)}
            disabled={isSubmitting}
          >
            <Form.Item
              name="mobile"
              label={t('auth.signIn.mobile')}
              validateTrigger="onBlur"
              rules={[
                { required: true, message: t('auth.signIn.mobileRequired') },
                {
                  validator: (_rule, value: string | undefined) =>
                    !value || isMobile(value)
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('auth.signIn.mobileInvalid'))),
                },
              ]}
            >
              <Input
                prefix={<MobileOutlined aria-hidden />}
                inputMode="tel"
                autoComplete="username"
                placeholder={t('auth.signIn.mobilePlaceholder')}
                size="large"
              />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('auth.signIn.password')}
              rules={[{ required: true, message: t('auth.signIn.passwordRequired') }]}
            >
              <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" size="large" />
            </Form.Item>
            <Button type="primary" htmlType="submit" size="large" block loading={isSubmitting}>
              {t('auth.signIn.submit')}
            </Button>
          </Form>
        </Card>
      </div>
    </main>
  );
}
