import { RouterButton } from '../../components/RouterLinks';
import { SectionNav } from '../../components/SectionNav';
import { t } from './messages';

type Current = 'list' | 'plan';

/** «Заявления» · «План-график на 5 лет». */
export function AttestationSectionNav({ current }: { current: Current }) {
  const variant = (page: Current) => (page === current ? 'light' : 'subtle');
  const aria = (page: Current) => (page === current ? ('page' as const) : undefined);
  return (
    <SectionNav label={t.attestation.sectionNav}>
      <RouterButton to="/attestations" size="xs" variant={variant('list')} aria-current={aria('list')}>
        {t.attestation.tabs.list}
      </RouterButton>
      <RouterButton to="/attestations/plan" size="xs" variant={variant('plan')} aria-current={aria('plan')}>
        {t.attestation.tabs.plan}
      </RouterButton>
    </SectionNav>
  );
}
