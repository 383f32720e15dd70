import { ArrowLeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { Page } from '../../../components/page';
import { ProjectForm } from '../components/project-form';

/** 发布志愿服务项目: an organization administrator posts a project; it is saved as a draft. */
export function ProjectNewPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Page
      title={t('volunteerConsole.projects.new')}
      back={
        <Link to="/volunteer-projects">
          <ArrowLeftOutlined aria-hidden /> {t('volunteerConsole.projects.backToList')}
        </Link>
      }
    >
      <ProjectForm
        onSaved={(project) => navigate(`/volunteer-projects/${project.id}`)}
        onCancel={() => navigate('/volunteer-projects')}
      />
    </Page>
  );
}
