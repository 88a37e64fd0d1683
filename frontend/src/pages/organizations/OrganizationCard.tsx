import { useState } from 'react';
import { Alert, Button, Card, Stack, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { organizationQuery, teacherListQuery } from '../../api/queries';
import { can, canBrowseTeachers } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { InfoGrid } from '../../components/InfoGrid';
import { ListFooter } from '../../components/ListFooter';
import { PageHeader } from '../../components/PageHeader';
import { RouterAnchor } from '../../components/RouterLinks';
import { EmptyBlock, ErrorState, LoadingState } from '../../components/states';
import { useDictionary } from '../../components/useDictionary';
import { t } from '../../i18n/messages';
import { TeachersTable } from '../teachers/TeachersTable';
import { OrganizationEditModal } from './OrganizationEditModal';
import { OrganizationFlags } from './OrganizationsPage';

const o = t.organizations;
const TEACHERS_PAGE = 25;

export function OrganizationCard({ organizationId }: { organizationId: string }) {
  const me = useMe();
  const query = useQuery(organizationQuery(organizationId));
  const types = useDictionary('organizationTypes');
  const [editOpened, edit] = useDisclosure(false);

  const back = (
    <RouterAnchor to="/organizations" size="sm">
      ← {o.card.backToList}
    </RouterAnchor>
  );
  if (query.isPending) return <LoadingState />;
  if (query.isError) {
    return (
      <Stack>
        {back}
        <ErrorState error={query.error} onRetry={() => void query.refetch()} notFoundTitle={o.notFound} notFoundHint={o.notFoundHint} />
      </Stack>
    );
  }
  const { data: org, etag } = query.data;
  const canEdit = can(me, 'organizations:write') && !org.archived_at;

  return (
    <Stack>
      {back}
      <PageHeader
        title={org.short_name}
        description={org.name}
        actions={canEdit ? <Button onClick={edit.open}>{t.common.edit}</Button> : null}
      />
      {org.archived_at ? <Alert color="gray">{o.card.archivedReason(org.archive_reason ?? t.common.emptyValue)}</Alert> : null}
      <Card withBorder component="section">
        <Stack gap="md">
          <OrganizationFlags organization={org} />
          <InfoGrid
            items={[
              { label: o.card.type, value: types.name(org.type_code) },
              { label: o.card.inn, value: org.inn ?? t.common.emptyValue },
              { label: o.card.address, value: org.address ?? t.common.emptyValue },
              { label: o.card.teacherCount, value: org.teacher_count ?? t.common.emptyValue },
              { label: o.stateOwned, value: org.is_state_owned ? t.common.yes : t.common.no },
            ]}
          />
        </Stack>
      </Card>
      {canBrowseTeachers(me) ? <OrganizationTeachers organizationId={org.id} /> : null}
      {canEdit ? (
        <OrganizationEditModal
          opened={editOpened}
          onClose={edit.close}
          organization={org}
          etag={etag}
          onReload={() => void query.refetch()}
        />
      ) : null}
    </Stack>
  );
}

function OrganizationTeachers({ organizationId }: { organizationId: string }) {
  const [offset, setOffset] = useState(0);
  const list = useQuery(
    teacherListQuery({ organization_id: [organizationId], limit: TEACHERS_PAGE, offset, sort: 'last_name' }),
  );
  return (
    <Card withBorder component="section" aria-labelledby="org-teachers">
      <Title order={3} size="h4" mb="sm" id="org-teachers">
        {o.card.teachersTitle}
      </Title>
      {list.isPending ? (
        <LoadingState />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyBlock title={t.teachers.empty} />
      ) : (
        <Stack gap="sm">
          <TeachersTable items={list.data.items} showOrganization={false} />
          <ListFooter total={list.data.total} limit={list.data.limit} offset={list.data.offset} onOffsetChange={setOffset} />
        </Stack>
      )}
    </Card>
  );
}
