import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Group, NumberInput, Stack, Table, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../api/errors';
import type { PracticeCriterion } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, LoadingState } from '../../components/states';
import { createCriterion, criteriaQuery, practiceKeys, updateCriterion } from './api';
import { t } from './messages';
import { PracticesSectionNav } from './PracticesSectionNav';

const k = t.practices.criteria;

/** The municipality's review criteria; the methodologist (`update` on each row) renames, rescales, switches off, adds. */
export function CriteriaPage() {
  const query = useQuery(criteriaQuery);
  const items = query.data?.items ?? [];
  const editable = items.some((c) => (c.actions ?? []).includes('update'));
  return (
    <Stack>
      <PageHeader title={k.title} description={k.intro} />
      <PracticesSectionNav current="criteria" />
      {query.isPending ? <LoadingState /> : null}
      {query.isError ? <ErrorState error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.isSuccess ? (
        <Card withBorder>
          <Table verticalSpacing="xs" data-testid="criteria-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{k.name}</Table.Th>
                <Table.Th>{k.max}</Table.Th>
                <Table.Th>{k.order}</Table.Th>
                <Table.Th>{k.active}</Table.Th>
                {editable ? <Table.Th>{t.common.actions}</Table.Th> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((c) => (
                <CriterionRow key={`${c.id}:${c.version}`} criterion={c} />
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      ) : null}
      {editable ? <NewCriterion next={(items.at(-1)?.sort_order ?? 0) + 10} /> : null}
    </Stack>
  );
}

function CriterionRow({ criterion: c }: { criterion: PracticeCriterion }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState(c.name);
  const [max, setMax] = useState<number | string>(c.max_score);
  const [order, setOrder] = useState<number | string>(c.sort_order);
  const [active, setActive] = useState(c.is_active);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!(c.actions ?? []).includes('update')) {
    return (
      <Table.Tr>
        <Table.Td>{c.name}</Table.Td>
        <Table.Td>{c.max_score}</Table.Td>
        <Table.Td>{c.sort_order}</Table.Td>
        <Table.Td>{c.is_active ? t.common.yes : t.common.no}</Table.Td>
      </Table.Tr>
    );
  }
  const dirty = name !== c.name || Number(max) !== c.max_score || Number(order) !== c.sort_order || active !== c.is_active;
  return (
    <Table.Tr>
      <Table.Td>
        <TextInput aria-label={`${k.name}: ${c.name}`} value={name} onChange={(e) => setName(e.currentTarget.value)} error={error} />
      </Table.Td>
      <Table.Td>
        <NumberInput aria-label={`${k.max}: ${c.name}`} min={1} max={100} allowDecimal={false} value={max} onChange={setMax} w={90} />
      </Table.Td>
      <Table.Td>
        <NumberInput aria-label={`${k.order}: ${c.name}`} min={0} max={10000} allowDecimal={false} value={order} onChange={setOrder} w={90} />
      </Table.Td>
      <Table.Td>
        <Checkbox aria-label={`${k.active}: ${c.name}`} checked={active} onChange={(e) => setActive(e.currentTarget.checked)} />
      </Table.Td>
      <Table.Td>
        <Button
          size="compact-sm"
          variant="light"
          disabled={!dirty}
          loading={busy}
          onClick={async () => {
            setBusy(true);
            setError(null);
            try {
              await updateCriterion(c, { name: name.trim(), max_score: Number(max), sort_order: Number(order), is_active: active });
              notifications.show({ color: 'green', message: k.saved });
              await queryClient.invalidateQueries({ queryKey: practiceKeys.criteria });
            } catch (e) {
              setError(errorMessage(e));
            } finally {
              setBusy(false);
            }
          }}
        >
          {k.save}
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}

function NewCriterion({ next }: { next: number }) {
  const queryClient = useQueryClient();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [max, setMax] = useState<number | string>(3);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Card withBorder component="section" aria-label={k.add}>
      <Stack gap="sm">
        {error ? (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        ) : null}
        <Group align="flex-end">
          <TextInput label={k.code} description={k.codeHint} value={code} onChange={(e) => setCode(e.currentTarget.value)} />
          <TextInput label={k.name} value={name} onChange={(e) => setName(e.currentTarget.value)} style={{ flex: 1 }} />
          <NumberInput label={k.max} min={1} max={100} allowDecimal={false} value={max} onChange={setMax} w={140} />
          <Button
            loading={busy}
            disabled={!code.trim() || !name.trim()}
            onClick={async () => {
              setBusy(true);
              setError(null);
              try {
                await createCriterion({ code: code.trim(), name: name.trim(), max_score: Number(max), sort_order: next });
                notifications.show({ color: 'green', message: k.added });
                setCode('');
                setName('');
                await queryClient.invalidateQueries({ queryKey: practiceKeys.criteria });
              } catch (e) {
                setError(errorMessage(e));
              } finally {
                setBusy(false);
              }
            }}
          >
            {k.add}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
