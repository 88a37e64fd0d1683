import { useState } from 'react';
import { Alert, Badge, Button, Card, Group, Select, SimpleGrid, Spoiler, Stack, Table, Text } from '@mantine/core';
import dayjs from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { auditListQuery } from './api';
import { type AuditEvent } from '../../api/types';
import { DateField, isInvalidDateText } from '../../components/DateField';
import { ListView } from '../../components/ListView';
import { RouterAnchor } from '../../components/RouterLinks';
import { PageHeader } from '../../components/PageHeader';
import { t } from './messages';
import { formatDateTime } from '../../lib/format';
import { DEFAULT_LIMIT } from '../../lib/search';

const a = t.audit;

/** The changed fields as the API words them (Russian labels, readable values): «Поле: было → стало». */
export function ChangesList({ changes }: { changes: AuditEvent['change_list'] }) {
  if (changes.length === 0) return <Text size="sm">{t.common.emptyValue}</Text>;
  return (
    <Spoiler maxHeight={66} showLabel={a.showChanges(changes.length)} hideLabel={t.common.close}>
      <Stack gap={2}>
        {changes.map((c) => (
          <Text size="xs" key={c.field} style={{ wordBreak: 'break-word' }}>
            <Text span fw={600} size="xs">
              {c.field_label}:
            </Text>{' '}
            {c.before_text === null ? c.after_text : `${c.before_text} ${a.changeArrow} ${c.after_text ?? t.common.emptyValue}`}
          </Text>
        ))}
      </Stack>
    </Spoiler>
  );
}

/** Start of the day in local time, as ISO (the API compares instants). */
const dayStart = (d: string) => dayjs(d).startOf('day').toISOString();
const dayEnd = (d: string) => dayjs(d).endOf('day').toISOString();

type Props = { entityId?: string; onShowAll?: () => void };

export function AuditPage({ entityId, onShowAll }: Props) {
  const [entityType, setEntityType] = useState<string | null>(null);
  const [action, setAction] = useState<string | null>(null);
  const [range, setRange] = useState<[string | null, string | null]>([null, null]);
  const [offset, setOffset] = useState(0);
  const list = useQuery(
    auditListQuery({
      entity_id: entityId,
      entity_type: entityType ?? undefined,
      action: action ?? undefined,
      // A half-typed or impossible date keeps the field's error and does not filter.
      occurred_from: range[0] && !isInvalidDateText(range[0]) ? dayStart(range[0]) : undefined,
      occurred_to: range[1] && !isInvalidDateText(range[1]) ? dayEnd(range[1]) : undefined,
      limit: DEFAULT_LIMIT,
      offset,
      sort: '-occurred_at',
    }),
  );
  const filtered = Boolean(entityType || action || range[0] || range[1] || entityId);

  return (
    <Stack>
      <PageHeader title={a.title} />
      {entityId ? (
        <Alert color="blue" data-testid="audit-one-record">
          <Group justify="space-between" gap="sm">
            <Text size="sm">{a.oneRecord}</Text>
            <Button size="xs" variant="light" onClick={onShowAll}>
              {a.showAll}
            </Button>
          </Group>
        </Alert>
      ) : null}
      <Card withBorder padding="md" component="section" aria-label={t.common.filters}>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
          <Select
            label={a.entityType}
            placeholder={a.entityTypePlaceholder}
            data={Object.entries(a.entityTypes).map(([value, label]) => ({ value, label }))}
            value={entityType}
            onChange={(v) => {
              setEntityType(v);
              setOffset(0);
            }}
            clearable
          />
          <Select
            label={a.action}
            placeholder={a.actionPlaceholder}
            data={Object.entries(a.actions).map(([value, label]) => ({ value, label }))}
            value={action}
            onChange={(v) => {
              setAction(v);
              setOffset(0);
            }}
            clearable
          />
          <DateField
            label={a.from}
            value={range[0]}
            onChange={(v) => {
              setRange([v, range[1]]);
              setOffset(0);
            }}
          />
          <DateField
            label={a.to}
            value={range[1]}
            onChange={(v) => {
              setRange([range[0], v]);
              setOffset(0);
            }}
          />
        </SimpleGrid>
      </Card>
      <ListView
        query={list}
        filtered={filtered}
        emptyTitle={a.empty}
        onOffsetChange={setOffset}
      >
        {(items) => (
          <Table.ScrollContainer minWidth={860}>
            <Table striped verticalSpacing="xs" data-testid="audit-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={150}>{a.columns.occurredAt}</Table.Th>
                  <Table.Th>{a.columns.actor}</Table.Th>
                  <Table.Th w={130}>{a.columns.action}</Table.Th>
                  <Table.Th>{a.columns.entity}</Table.Th>
                  <Table.Th w="35%">{a.columns.changes}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((e) => (
                  <Table.Tr key={e.id}>
                    <Table.Td>{formatDateTime(e.occurred_at)}</Table.Td>
                    <Table.Td>{e.actor_label}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" tt="none">
                        {e.action_label}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{e.entity_label}</Text>
                      {e.entity_label !== e.entity_type_label ? (
                        <Text size="xs" c="dimmed">
                          {e.entity_type_label}
                        </Text>
                      ) : null}
                      {e.entity_id && e.entity_type === 'teacher' && e.entity_label !== e.entity_type_label ? (
                        <RouterAnchor size="xs" to="/teachers/$teacherId" params={{ teacherId: e.entity_id }}>
                          {a.openRecord}
                        </RouterAnchor>
                      ) : e.entity_id && e.entity_type === 'organization' ? (
                        <RouterAnchor size="xs" to="/organizations/$organizationId" params={{ organizationId: e.entity_id }}>
                          {a.openRecord}
                        </RouterAnchor>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      <ChangesList changes={e.change_list} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </ListView>
    </Stack>
  );
}
