import type { AreaWithAncestors } from '@linli/contract/areas';
import { Breadcrumb, Card, Col, List, Row, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAccess } from '../../../app/access';
import { menuRoutes } from '../../../app/routes';
import { useSession } from '../../../app/session';
import { ErrorAlert } from '../../../components/error-alert';
import { Page } from '../../../components/page';
import { getArea } from '../api';

/** The landing page: who you are, which roles you hold where, and the jurisdiction you are working in. */
export function HomePage() {
  const { t } = useTranslation();
  const session = useSession();
  const { can } = useAccess();
  const current = session.currentArea;
  const [path, setPath] = useState<AreaWithAncestors | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!current) {
      return;
    }
    const controller = new AbortController();
    getArea(current.code, current.level, controller.signal).then(setPath, (caught: unknown) => {
      if (!controller.signal.aborted) {
        setError(caught);
      }
    });
    return () => controller.abort();
  }, [current]);

  const shortcuts = menuRoutes(can).filter((route) => route.path !== '/');

  return (
    <Page title={t('home.greeting', { name: session.user.name })}>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={<h2 className="linli-card-title">{t('home.rolesTitle')}</h2>}>
            {session.grants.length === 0 ? (
              <Typography.Text type="secondary">{t('home.noRoles')}</Typography.Text>
            ) : (
              <List
                dataSource={session.grants}
                rowKey="id"
                renderItem={(grant) => (
                  <List.Item>
                    <span>
                      <Tag color="volcano">{t(`roles.${grant.role}`)}</Tag>
                      {grant.areaFullName}
                    </span>
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={<h2 className="linli-card-title">{t('home.currentAreaTitle')}</h2>}>
            {current ? (
              <>
                <Typography.Paragraph strong style={{ fontSize: 16 }}>
                  {current.fullName}
                </Typography.Paragraph>
                <ErrorAlert error={error} />
                {path ? (
                  <nav aria-label={t('home.areaPath')}>
                    <Breadcrumb
                      items={[...path.ancestors, path.area].map((area) => ({
                        key: `${area.level}:${area.code}`,
                        title: t('home.areaWithLevel', { name: area.name, level: t(`areaLevels.${area.level}`) }),
                      }))}
                    />
                  </nav>
                ) : null}
              </>
            ) : (
              <Typography.Text type="secondary">{t('home.noCurrentArea')}</Typography.Text>
            )}
          </Card>
        </Col>
        {shortcuts.length > 0 ? (
          <Col xs={24}>
            <Card title={<h2 className="linli-card-title">{t('home.shortcutsTitle')}</h2>}>
              <ul className="linli-shortcuts">
                {shortcuts.map((route) => (
                  <li key={route.path}>
                    <Link to={route.path}>{route.menuKey ? t(route.menuKey) : route.path}</Link>
                  </li>
                ))}
              </ul>
            </Card>
          </Col>
        ) : null}
      </Row>
    </Page>
  );
}
