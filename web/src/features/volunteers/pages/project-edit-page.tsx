import { ArrowLeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../../app/request';
import { LoadingPage, NotFoundPage } from '../../../app/status-pages';
import { ErrorAlert } from '../../../components/error-alert';
import { Page } from '../../../components/page';
import { useLoaded } from '../../../components/use-loaded';
import { getProject } from '../api';
import { ProjectForm } from '../components/project-form';

/** Edits a draft project's details (the server refuses a published or closed one). */
export function ProjectEditPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const project = useLoaded((signal) => getProject(id, signal), id);

  if (project.error instanceof ApiError && (project.error.status === 404 || project.error.status === 400)) {
    return <NotFoundPage />;
  }
  const back = (
    <Link to={`/volunteer-projects/${id}`}>
      <ArrowLeftOutlined aria-hidden /> {t('volunteerConsole.project.backToProject')}
    </Link>
  );
  if (project.error) {
    return (
      <Page title={t('volunteerConsole.project.editTitle')} back={back}>
        <ErrorAlert error={project.error} />
      </Page>
    );
  }
  if (!project.data) {
    return <LoadingPage />;
  }
  return (
    <Page title={t('volunteerConsole.project.editTitle')} back={back}>
      <ProjectForm
        project={project.data}
        onSaved={(saved) => navigate(`/volunteer-projects/${saved.id}`)}
        onCancel={() => navigate(`/volunteer-projects/${id}`)}
      />
    </Page>
  );
}
