import { useState } from 'react';
import { Card, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { statsByOrganizationQuery } from './api';
import { ListView } from '../../components/ListView';
import { RouterAnchor } from '../../components/RouterLinks';
import { t } from './messages';
import type { TeacherSearch } from '../teachers/search';

const h = t.home;
const LIMIT = 20;

/** Which schools need attention: counts per organization, each number opening the filtered teacher list. */
export function ByOrganizationTable({ municipalityId }: { municipalityId?: string }) {
  const [offset, setOffset] = useState(0);
  const list = useQuery(statsByOrganizationQuery({ municipality_id: municipalityId, limit: LIMIT, offset }));

  const count = (value: number, organizationId: string, extra: TeacherSearch, color?: string) =>
    value > 0 ? (
      <RouterAnchor to="/teachers" search={{ organization_id: [organizationId], ...extra }} c={color} fw={color ? 600 : undefined}>
        {value}
      </RouterAnchor>
    ) : (
      <Text span c="dimmed">
        0
      </Text>
    );

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="by-org-title">
      <Title order={3} size="h4" id="by-org-title">
        {h.byOrganizationTitle}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {h.byOrganizationHint}
      </Text>
      <ListView query={list} emptyTitle={h.byOrganizationEmpty} onOffsetChange={setOffset}>
        {(items) => (
          <Table.ScrollContainer minWidth={640}>
            <Table striped verticalSpacing="xs" data-testid="by-organization">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{h.columns.organization}</Table.Th>
                  <Table.Th ta="right">{h.columns.teachers}</Table.Th>
                  <Table.Th ta="right">{h.columns.young}</Table.Th>
                  <Table.Th ta="right">{h.columns.expiring}</Table.Th>
                  <Table.Th ta="right">{h.columns.expired}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((row) => (
                  <Table.Tr key={row.organization_id}>
                    <Table.Td>
                      <RouterAnchor to="/organizations/$organizationId" params={{ organizationId: row.organization_id }}>
                        {row.organization_name}
                      </RouterAnchor>
                    </Table.Td>
                    <Table.Td ta="right">{count(row.teachers, row.organization_id, {})}</Table.Td>
                    <Table.Td ta="right">{count(row.young_teachers, row.organization_id, { young: 'yes' })}</Table.Td>
                    <Table.Td ta="right">
                      {count(row.categories_expiring, row.organization_id, { category_status: 'expiring' }, 'orange.8')}
                    </Table.Td>
                    <Table.Td ta="right">
                      {count(row.categories_expired, row.organization_id, { category_status: 'expired' }, 'red.8')}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </ListView>
    </Card>
  );
}
