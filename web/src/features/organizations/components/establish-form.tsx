import { ProForm } from '@ant-design/pro-components';
import type { AreaLevel } from '@linli/contract/areas';
import { normalizeCreditCode } from '@linli/contract/credit-code';
import type { OrgTier } from '@linli/contract/organizations';
import { App, Card, Form, Space, Typography } from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { applyFieldErrors } from '../../../app/form-errors';
import { useJurisdictionRoots } from '../../../app/jurisdiction';
import { AreaCascader, type AreaChoice, areaKey } from '../../../components/area-cascader';
import { ErrorAlert } from '../../../components/error-alert';
import { establishOrganization } from '../api';
import { ChoiceGroup } from './choice-group';
import { firstLeader, LeaderListField, type LeaderValues, leaderErrorNames, toLeaderInputs } from './leader-list';
import {
  CategoryField,
  CreditCodeField,
  FoundedOnField,
  HubKindField,
  NameField,
  type OrgFieldValues,
  PartyFields,
  ServiceFields,
} from './org-fields';
import { tierChoices } from './org-options';

type EstablishValues = OrgFieldValues & {
  tier: OrgTier;
  area: AreaChoice;
  creditCode?: string;
  leaders: LeaderValues[];
};

/** An organization's home is a community or, for those the township manages itself, a township. */
const homeLevels: readonly AreaLevel[] = ['community', 'township'];

/** The detail page shows “已提交，等待审核” when it is reached with this state. */
export type SubmittedState = { submitted: true };

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="linli-form-section">
      <Card
        title={
          <h2 id={id} className="linli-card-title">
            {title}
          </h2>
        }
      >
        {children}
      </Card>
    </section>
  );
}

/** The tier as three explained choices; the radio's name is the tier, its explanation the description. */
function TierField() {
  const { t } = useTranslation();
  const label = t('organizations.fields.tier');
  return (
    <Form.Item name="tier" label={label} rules={[{ required: true, message: t('organizations.form.tierRequired') }]}>
      <ChoiceGroup<OrgTier>
        label={label}
        name="tier"
        className="linli-choice-list"
        options={tierChoices.map((tier) => ({
          value: tier,
          ariaLabel: t(`org.tier.${tier}`),
          describedBy: `linli-tier-help-${tier}`,
          label: (
            <span className="linli-choice">
              <strong>{t(`org.tier.${tier}`)}</strong>
              <Typography.Text type="secondary" id={`linli-tier-help-${tier}`}>
                {t(`org.tierHelp.${tier}`)}
              </Typography.Text>
            </span>
          ),
        }))}
      />
    </Form.Item>
  );
}

/**
 * “备案新组织”: every field of an establish filing on one page in four sections, written for
 * a volunteer or an organization's secretary. On success it opens the organization's page.
 */
export function EstablishForm() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<EstablishValues>();
  const roots = useJurisdictionRoots();
  const [error, setError] = useState<unknown>(null);
  const tier = Form.useWatch('tier', form);

  const initialValues = useMemo(() => {
    // one community to work in (a resident, a committee member, perhaps also an organization's admin there): start with it chosen
    const areas = new Map(roots.map((root) => [areaKey(root), root]));
    const [only] = areas.size === 1 ? [...areas.values()] : [];
    return {
      tier: 'guided' as const,
      hubKind: 'none' as const,
      partyOrg: 'none' as const,
      charterPartyClause: false,
      serviceTargets: [],
      socialWorkerCount: 0,
      certifiedSocialWorkerCount: 0,
      leaders: [firstLeader],
      ...(only?.level === 'community' ? { area: only } : {}),
    };
  }, [roots]);

  const submit = async (values: EstablishValues): Promise<boolean> => {
    setError(null);
    try {
      const answer = await establishOrganization({
        name: values.name.trim(),
        tier: values.tier,
        category: values.category,
        hubKind: values.hubKind ?? 'none',
        areaCode: values.area.code,
        foundedOn: values.foundedOn,
        serviceTargets: values.serviceTargets ?? [],
        venue: (values.venue ?? '').trim(),
        memberCount: values.memberCount,
        socialWorkerCount: values.socialWorkerCount ?? 0,
        certifiedSocialWorkerCount: values.certifiedSocialWorkerCount ?? 0,
        partyOrg: values.partyOrg ?? 'none',
        charterPartyClause: Boolean(values.charterPartyClause),
        ...(values.tier === 'registered' ? { creditCode: normalizeCreditCode(values.creditCode ?? '') } : {}),
        leaders: toLeaderInputs(values.leaders),
      });
      void message.success(t('organizations.form.submitted'));
      const state: SubmittedState = { submitted: true };
      navigate(`/organizations/${answer.orgId}`, { state });
      return true;
    } catch (caught) {
      const isPlaced = applyFieldErrors(form, caught, {
        areaCode: ['area'],
        ...leaderErrorNames(values.leaders?.length ?? 0),
      });
      setError(caught);
      if (isPlaced) {
        const first = form.getFieldsError().find((entry) => entry.errors.length > 0);
        if (first) {
          form.scrollToField(first.name, { block: 'center' });
        }
      }
      return false;
    }
  };

  return (
    <ProForm<EstablishValues>
      name="org-establish"
      form={form}
      layout="vertical"
      className="linli-large-form"
      initialValues={initialValues}
      scrollToFirstError={{ block: 'center' }}
      onFinish={submit}
      onValuesChange={() => setError(null)}
      submitter={{
        searchConfig: { submitText: t('organizations.form.submit') },
        resetButtonProps: false,
        submitButtonProps: { size: 'large' },
        render: (_props, dom) => (
          <div className="linli-form-footer">
            <ErrorAlert error={error} />
            <Space>{dom}</Space>
          </div>
        ),
      }}
    >
      <Typography.Paragraph className="linli-form-intro">{t('organizations.form.intro')}</Typography.Paragraph>
      <Section id="linli-establish-basic" title={t('organizations.form.sectionBasic')}>
        <NameField />
        <TierField />
        {tier === 'registered' ? <CreditCodeField /> : null}
        <CategoryField />
        <HubKindField />
        <Form.Item
          name="area"
          label={t('organizations.fields.area')}
          extra={t('organizations.form.areaHint')}
          rules={[{ required: true, message: t('organizations.form.areaRequired') }]}
        >
          <AreaCascader roots={roots} levels={homeLevels} style={{ maxWidth: 480, width: '100%' }} />
        </Form.Item>
        <FoundedOnField />
      </Section>
      <Section id="linli-establish-service" title={t('organizations.form.sectionService')}>
        <ServiceFields />
      </Section>
      <Section id="linli-establish-party" title={t('organizations.form.sectionParty')}>
        <PartyFields />
      </Section>
      <Section id="linli-establish-leaders" title={t('organizations.form.sectionLeaders')}>
        <LeaderListField />
      </Section>
    </ProForm>
  );
}
