import { useState } from 'react';
import { Button, Card, SimpleGrid, Select, Stack, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { userListQuery } from './api';
import { can, ownMunicipalityId } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { ListView } from '../../components/ListView';
import { PageHeader } from '../../components/PageHeader';
import { SearchInput } from '../../components/SearchInput';
import { t } from './messages';
import { formatDateTime } from '../../lib/format';
import { DEFAULT_LIMIT } from '../../lib/search';
import { useSearchText } from '../../lib/searchText';
import { CreateUserModal, EditUserModal, ROLES, type RoleCode } from './CreateUserModal';

export function UsersPage() {
  const me = useMe();
  const [q, setQ] = useSearchText('users');
  const [role, setRole] = useState<RoleCode | undefined>();
  const [offset, setOffset] = useState(0);
  const [createOpened, createModal] = useDisclosure(false);
  const [editing, setEditing] = useState<string | null>(null);
  const canWrite = can(me, 'users:write');
  const list = useQuery(userListQuery({ q, role, limit: DEFAULT_LIMIT, offset, sort: 'full_name' }));
  const u = t.users;
  const filtered = Boolean(q || role);

  return (
    <Stack>
      <PageHeader title={u.title} actions={canWrite ? <Button onClick={createModal.open}>{u.create}</Button> : null} />
      <Card withBorder padding="md" component="section" aria-label={t.common.filters}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <SearchInput
            label={u.searchLabel}
            value={q}
            onChange={(v) => {
              setQ(v);
              setOffset(0);
            }}
          />
          <Select
            label={u.roleFilter}
            placeholder={u.rolePlaceholder}
            data={ROLES.map((r) => ({ value: r, label: t.roles[r] ?? r }))}
            value={role ?? null}
            onChange={(v) => {
              setRole(ROLES.find((r) => r === v));
              setOffset(0);
            }}
            clearable
          />
        </SimpleGrid>
      </Card>
      <ListView
        query={list}
        filtered={filtered}
        emptyTitle={u.empty}
        onOffsetChange={setOffset}
      >
        {(items) => (
          <Table.ScrollContainer minWidth={900}>
            <Table striped verticalSpacing="xs" data-testid="users-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{u.columns.name}</Table.Th>
                  <Table.Th>{u.columns.email}</Table.Th>
                  <Table.Th>{u.columns.roles}</Table.Th>
                  <Table.Th>{u.columns.lastLogin}</Table.Th>
                  <Table.Th>{u.columns.status}</Table.Th>
                  {canWrite ? <Table.Th>{u.columns.actions}</Table.Th> : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((user) => (
                  <Table.Tr key={user.id}>
                    <Table.Td fw={500}>{user.full_name}</Table.Td>
                    <Table.Td>{user.email}</Table.Td>
                    <Table.Td>
                      <Stack gap={2}>
                        {user.roles.map((r, i) => (
                          <Text size="sm" key={`${r.role}-${i}`}>
                            {r.role_title ?? t.roles[r.role] ?? r.role}
                            {r.scope_name ? (
                              <Text span size="xs" c="dimmed">
                                {' '}
                                · {r.scope_name}
                              </Text>
                            ) : null}
                          </Text>
                        ))}
                      </Stack>
                    </Table.Td>
                    <Table.Td>{formatDateTime(user.last_login_at)}</Table.Td>
                    <Table.Td>
                      <Text size="sm" c={user.archived_at || !user.is_active ? 'dimmed' : 'green'} style={{ whiteSpace: 'nowrap' }}>
                        {user.archived_at ? t.common.archived : user.is_active ? u.active : u.inactive}
                      </Text>
                    </Table.Td>
                    {canWrite ? (
                      <Table.Td>
                        {!user.archived_at ? (
                          <Button size="xs" variant="light" aria-label={u.editUser(user.full_name)} onClick={() => setEditing(user.id)}>
                            {u.edit}
                          </Button>
                        ) : null}
                      </Table.Td>
                    ) : null}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </ListView>
      <EditUserModal userId={editing} onClose={() => setEditing(null)} />
      <CreateUserModal
        opened={createOpened}
        onClose={createModal.close}
        defaultMunicipalityId={ownMunicipalityId(me)}
      />
    </Stack>
  );
}
