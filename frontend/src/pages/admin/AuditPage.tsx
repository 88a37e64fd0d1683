import { useState } from 'react';
import { Alert, Badge, Button, Card, Group, Select, SimpleGrid, Spoiler, Stack, Table, Text } from '@mantine/core';
import dayjs from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { auditListQuery, type AuditEvent } from '../../api/queries';
import { DateField } from '../../components/DateField';
import { ListView } from '../../components/ListView';
import { RouterAnchor } from '../../components/RouterLinks';
import { PageHeader } from '../../components/PageHeader';
import { t } from '../../i18n/messages';
import { formatDate, formatDateTime, pluralRu } from '../../lib/format';
import { DEFAULT_LIMIT } from '../../lib/search';

const a = t.audit;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A recorded value as a person reads it: dates ДД.ММ.ГГГГ, да/нет, lists joined, histories as a count. */
export function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return t.common.emptyValue;
  if (typeof value === 'boolean') return a.values[String(value)] ?? String(value);
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    if (ISO_DATE.test(value)) return formatDate(value);
    return a.values[value] ?? value;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return t.common.emptyValue;
    if (value.every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v))) {
      return value.map(show).join(', ');
    }
    // Employment or category history: the card shows the details, the log says how many records there were.
    return a.records(value.length, pluralRu(value.length, a.recordForms));
  }
  return JSON.stringify(value);
}

/** `{field: {before, after}}` or a plain snapshot `{field: value}`. */
export function ChangesList({ changes }: { changes: AuditEvent['changes'] }) {
  if (!changes || Object.keys(changes).length === 0) return <Text size="sm">{t.common.emptyValue}</Text>;
  const rows = Object.entries(changes).map(([field, change]) => {
    if (change && typeof change === 'object' && ('before' in change || 'after' in change)) {
      const c = change as { before?: unknown; after?: unknown };
      return { field, text: `${show(c.before)} ${a.changeArrow} ${show(c.after)}` };
    }
    return { field, text: show(change) };
  });
  return (
    <Spoiler maxHeight={66} showLabel={a.showChanges(rows.length)} hideLabel={t.common.close}>
      <Stack gap={2}>
        {rows.map((r) => (
          <Text size="xs" key={r.field} style={{ wordBreak: 'break-word' }}>
            <Text span fw={600} size="xs">
              {a.fields[r.field] ?? r.field}:
            </Text>{' '}
            {r.text}
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
      occurred_from: range[0] ? dayStart(range[0]) : undefined,
      occurred_to: range[1] ? dayEnd(range[1]) : undefined,
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
                  <Table.Th>{a.columns.action}</Table.Th>
                  <Table.Th>{a.columns.entity}</Table.Th>
                  <Table.Th w="35%">{a.columns.changes}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((e) => (
                  <Table.Tr key={e.id}>
                    <Table.Td>{formatDateTime(e.occurred_at)}</Table.Td>
                    <Table.Td>{e.actor_name ?? a.system}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" tt="none">
                        {a.actions[e.action] ?? e.action}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{a.entityTypes[e.entity_type] ?? e.entity_type}</Text>
                      {e.entity_id && e.entity_type === 'teacher' ? (
                        <RouterAnchor size="xs" to="/teachers/$teacherId" params={{ teacherId: e.entity_id }}>
                          {a.openRecord}
                        </RouterAnchor>
                      ) : e.entity_id && e.entity_type === 'organization' ? (
                        <RouterAnchor size="xs" to="/organizations/$organizationId" params={{ organizationId: e.entity_id }}>
                          {a.openRecord}
                        </RouterAnchor>
                      ) : e.entity_id ? (
                        <Text size="xs" c="dimmed" ff="monospace">
                          {e.entity_id.slice(0, 8)}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      <ChangesList changes={e.changes} />
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
