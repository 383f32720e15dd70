import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { errorText } from '../../../app/error-text';
import { applyFieldErrors } from '../../../app/form-errors';
import { safeNext } from '../../../app/guards';
import { LanguageSwitch } from '../../../app/language-switch';
import { ApiError } from '../../../app/request';
import { useSession, useSessionState } from '../../../app/session';
import { signOut } from '../../../app/session-api';
import { ErrorAlert } from '../../../components/error-alert';
import { meetsPasswordPolicy, PasswordPolicy } from '../../../components/password-policy';
import { changePassword } from '../api';

type PasswordValues = { currentPassword: string; newPassword: string; confirmPassword: string };

/** Which field a password error without field detail belongs to. */
function fieldOf(error: unknown): keyof PasswordValues | null {
  if (!(error instanceof ApiError)) {
    return null;
  }
  if (error.code === 'PASSWORD_MISMATCH' || error.code === 'AUTH_INVALID_CREDENTIALS') {
    return 'currentPassword';
  }
  if (error.code === 'PASSWORD_TOO_WEAK' || error.code === 'PASSWORD_TOO_COMMON') {
    return 'newPassword';
  }
  return null;
}

/**
 * Password change: required before anything else while `mustChangePassword` holds (first
 * sign-in, reset by an administrator), and reachable from the account menu otherwise.
 */
export function ChangePasswordPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const session = useSession();
  const { setSession } = useSessionState();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const [form] = Form.useForm<PasswordValues>();
  const newPassword = Form.useWatch('newPassword', form) ?? '';
  const [error, setError] = useState<unknown>(null);
  const [isSubmitting, setSubmitting] = useState(false);
  const policyId = useId();
  const isRequired = session.user.mustChangePassword;

  const submit = async (values: PasswordValues) => {
    setSubmitting(true);
    setError(null);
    try {
      const next = await changePassword({ currentPassword: values.currentPassword, newPassword: values.newPassword });
      setSession(next);
      void message.success(t('auth.changePassword.success'));
      // back where the user was going (a resident's phone page), else the console's home
      navigate(safeNext(search.get('next')), { replace: true });
    } catch (caught) {
      if (!applyFieldErrors(form, caught)) {
        const field = fieldOf(caught);
        if (field) {
          form.setFields([{ name: field, errors: [errorText(caught)] }]);
        }
      }
      setError(caught);
    } finally {
      setSubmitting(false);
    }
  };

  const leave = () => {
    signOut()
      .catch(() => undefined)
      .finally(() => {
        setSession(null);
        navigate('/sign-in', { replace: true });
      });
  };

  return (
    <main className="linli-auth">
      <div className="linli-auth-card">
        <div className="linli-auth-top">
          <LanguageSwitch />
        </div>
        <Card>
          <Typography.Title level={1} className="linli-page-title">
            {t('auth.changePassword.title')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{session.user.name}</Typography.Paragraph>
          {isRequired ? (
            <Alert
              type="info"
              showIcon
              message={t('auth.changePassword.firstSignInNotice')}
              style={{ marginBottom: 16 }}
            />
          ) : null}
          <ErrorAlert error={error} />
          <Form<PasswordValues>
            name="change-password"
            form={form}
            layout="vertical"
            requiredMark={false}
            onFinish={(values) => void submit(values)}
            disabled={isSubmitting}
          >
            <Form.Item
              name="currentPassword"
              label={t('auth.changePassword.currentPassword')}
              rules={[{ required: true, message: t('auth.changePassword.currentRequired') }]}
            >
              <Input.Password autoComplete="current-password" />
            </Form.Item>
            <Form.Item
              name="newPassword"
              label={t('auth.changePassword.newPassword')}
              dependencies={['currentPassword']}
              rules={[
                { required: true, message: t('auth.changePassword.newRequired') },
                ({ getFieldValue }) => ({
                  validator: (_rule, value: string | undefined) => {
                    if (!value) {
                      return Promise.resolve();
                    }
                    if (!meetsPasswordPolicy(value)) {
                      return Promise.reject(new Error(t('auth.passwordPolicy.notMet')));
                    }
                    if (value === getFieldValue('currentPassword')) {
                      return Promise.reject(new Error(t('auth.changePassword.sameAsCurrent')));
                    }
                    return Promise.resolve();
                  },
                }),
              ]}
            >
              <Input.Password autoComplete="new-password" aria-describedby={policyId} />
            </Form.Item>
            <PasswordPolicy id={policyId} password={newPassword} />
            <Form.Item
              name="confirmPassword"
              label={t('auth.changePassword.confirmPassword')}
              dependencies={['newPassword']}
              rules={[
                { required: true, message: t('auth.changePassword.confirmRequired') },
                ({ getFieldValue }) => ({
                  validator: (_rule, value: string | undefined) =>
                    !value || value === getFieldValue('newPassword')
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('auth.changePassword.mismatch'))),
                }),
              ]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={isSubmitting}>
              {t('auth.changePassword.submit')}
            </Button>
          </Form>
          <div style={{ marginTop: 16, display: 'flex', justifyContent: 'space-between' }}>
            {isRequired ? <span /> : <Button onClick={() => navigate(-1)}>{t('common.back')}</Button>}
            <Button type="link" onClick={leave}>
              {t('header.signOut')}
            </Button>
          </div>
        </Card>
      </div>
    </main>
  );
}
