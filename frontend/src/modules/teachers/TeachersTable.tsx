import { Badge, Group, Stack, Table, Text } from '@mantine/core';
import type { TeacherListItem } from '../../api/types';
import { RouterAnchor } from '../../components/RouterLinks';
import { useDictionary } from '../../components/useDictionary';
import { t } from './messages';
import { formatDate, formatFullName } from '../../lib/format';

export function CategoryWarningBadge({ warning }: { warning: TeacherListItem['category_warning'] }) {
  if (warning === 'expired') return <Badge color="red" variant="light">{t.teachers.warningExpired}</Badge>;
  if (warning === 'expiring') return <Badge color="orange" variant="light">{t.teachers.warningExpiring}</Badge>;
  return null;
}

type Props = { items: TeacherListItem[]; showOrganization?: boolean };

export function TeachersTable({ items, showOrganization = true }: Props) {
  const subjects = useDictionary('subjects');
  const categories = useDictionary('categories');
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped highlightOnHover verticalSpacing="xs" data-testid="teachers-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t.teachers.columns.name}</Table.Th>
            {showOrganization ? <Table.Th>{t.teachers.columns.organization}</Table.Th> : null}
            <Table.Th>{t.teachers.columns.position}</Table.Th>
            <Table.Th>{t.teachers.columns.subjects}</Table.Th>
            <Table.Th>{t.teachers.columns.category}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((teacher) => (
            <Table.Tr key={teacher.id}>
              <Table.Td>
                <Stack gap={2}>
                  <RouterAnchor to="/teachers/$teacherId" params={{ teacherId: teacher.id }} fw={500}>
                    {formatFullName(teacher.last_name, teacher.first_name, teacher.middle_name)}
                  </RouterAnchor>
                  <Group gap={4}>
                    {teacher.is_young ? (
                      <Badge size="xs" variant="light" color="teal">
                        {t.teachers.young}
                      </Badge>
                    ) : null}
                    {teacher.archived_at ? (
                      <Badge size="xs" variant="light" color="gray">
                        {t.common.archived}
                      </Badge>
                    ) : null}
                  </Group>
                </Stack>
              </Table.Td>
              {showOrganization ? (
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{teacher.current_organization_name ?? t.common.emptyValue}</Table.Td>
              ) : null}
              <Table.Td>{teacher.current_position_name ?? t.common.emptyValue}</Table.Td>
              <Table.Td>
                <Text size="sm">{teacher.subjects.map((s) => subjects.name(s)).join(', ') || t.common.emptyValue}</Text>
              </Table.Td>
              <Table.Td>
                {teacher.category_code ? (
                  <Stack gap={2}>
                    <Text size="sm">{categories.name(teacher.category_code)}</Text>
                    <Group gap={4}>
                      {teacher.category_expires_on ? (
                        <Text size="xs" c="dimmed">
                          {t.teachers.expiresOn(formatDate(teacher.category_expires_on))}
                        </Text>
                      ) : null}
                      <CategoryWarningBadge warning={teacher.category_warning} />
                    </Group>
                  </Stack>
                ) : (
                  <Text size="sm" c="dimmed">
                    {t.teachers.noCategory}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
