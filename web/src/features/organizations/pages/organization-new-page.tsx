import { ArrowLeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Page } from '../../../components/page';
import { EstablishForm } from '../components/establish-form';

/** 备案新组织 (`/organizations/new`). */
export function OrganizationNewPage() {
  const { t } = useTranslation();
  return (
    <Page
      title={t('organizations.form.title')}
      back={
        <Link to="/organizations">
          <ArrowLeftOutlined aria-hidden /> {t('common.back')}
        </Link>
      }
    >
      <EstablishForm />
    </Page>
  );
}
