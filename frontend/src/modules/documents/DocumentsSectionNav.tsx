import { can } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { RouterButton } from '../../components/RouterLinks';
import { SectionNav } from '../../components/SectionNav';
import { t } from './messages';

type Current = 'list' | 'checklist' | 'requirements';

/** «Документы» · «Наличие обязательных документов» · «Перечень обязательных документов» (as the caller may). */
export function DocumentsSectionNav({ current }: { current: Current }) {
  const me = useMe();
  const variant = (page: Current) => (page === current ? 'light' : 'subtle');
  const aria = (page: Current) => (page === current ? ('page' as const) : undefined);
  const tabs = t.documents.tabs;
  if (!can(me, 'documents:checklist') && !can(me, 'document_requirements:write')) return null;
  return (
    <SectionNav label={t.documents.sectionNav}>
      <RouterButton to="/documents" size="xs" variant={variant('list')} aria-current={aria('list')}>
        {tabs.list}
      </RouterButton>
      {can(me, 'documents:checklist') ? (
        <RouterButton to="/documents/checklist" size="xs" variant={variant('checklist')} aria-current={aria('checklist')}>
          {tabs.checklist}
        </RouterButton>
      ) : null}
      {can(me, 'document_requirements:write') ? (
        <RouterButton to="/documents/requirements" size="xs" variant={variant('requirements')} aria-current={aria('requirements')}>
          {tabs.requirements}
        </RouterButton>
      ) : null}
    </SectionNav>
  );
}
