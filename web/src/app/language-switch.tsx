import { GlobalOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { changeLanguage, currentLanguage, type Language } from './i18n';

/** One button that switches to the other language; its text is that language's own name. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const next: Language = currentLanguage() === 'zh-CN' ? 'en' : 'zh-CN';
  return (
    <Button
      type="text"
      icon={<GlobalOutlined aria-hidden />}
      title={t('language.switchTo')}
      onClick={() => {
        void changeLanguage(next);
      }}
    >
      <span lang={next}>{t(`language.${next}`)}</span>
    </Button>
  );
}
