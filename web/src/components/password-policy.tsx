import { CheckCircleFilled, MinusCircleOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** The parts of the password policy the browser can check; "not common" only the server knows. */
export function checkPasswordPolicy(password: string): { isLongEnough: boolean; hasEnoughClasses: boolean } {
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((pattern) => pattern.test(password)).length;
  return { isLongEnough: [...password].length >= 8, hasEnoughClasses: classes >= 3 };
}

export function meetsPasswordPolicy(password: string): boolean {
  const { isLongEnough, hasEnoughClasses } = checkPasswordPolicy(password);
  return isLongEnough && hasEnoughClasses;
}

function Rule({ isMet, text }: { isMet: boolean | null; text: string }) {
  const { t } = useTranslation();
  return (
    <li className={isMet ? 'linli-policy-met' : 'linli-policy-unmet'}>
      {isMet ? <CheckCircleFilled aria-hidden /> : <MinusCircleOutlined aria-hidden />} {text}
      {isMet === null ? null : (
        <span className="linli-visually-hidden">
          {isMet ? t('auth.passwordPolicy.met') : t('auth.passwordPolicy.unmet')}
        </span>
      )}
    </li>
  );
}

/** The password rules, ticked off as the user types; point the field's aria-describedby at `id`. */
export function PasswordPolicy({ id, password }: { id: string; password: string }) {
  const { t } = useTranslation();
  const { isLongEnough, hasEnoughClasses } = checkPasswordPolicy(password);
  return (
    <div id={id}>
      <Typography.Text strong>{t('auth.passwordPolicy.title')}</Typography.Text>
      <ul style={{ listStyle: 'none', paddingLeft: 0, margin: '4px 0 16px' }}>
        <Rule isMet={password ? isLongEnough : false} text={t('auth.passwordPolicy.length')} />
        <Rule isMet={password ? hasEnoughClasses : false} text={t('auth.passwordPolicy.classes')} />
        <Rule isMet={null} text={t('auth.passwordPolicy.common')} />
      </ul>
    </div>
  );
}
