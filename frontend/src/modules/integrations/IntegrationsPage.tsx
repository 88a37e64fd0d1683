import { useState } from 'react';
import { Badge, Button, Checkbox, Group, Modal, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { zodResolver } from '@hookform/resolvers/zod';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Controller, useForm } from 'react-hook-form';
import { z } from 'zod';
import { applyProblemToForm, errorMessage, isStatus } from '../../api/errors';
import { archiveClient, clientListQuery, createClientAccount, rotateClientSecret, setClientActive } from './api';
import { municipalitiesQuery } from '../../api/queries';
import { type ClientRead, type ClientWithSecret } from '../../api/types';
import { can } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { ListView } from '../../components/ListView';
import { PageHeader } from '../../components/PageHeader';
import { ArchiveModal } from '../../components/ArchiveModal';
import { FormErrors } from '../../components/states';
import { FormActions } from '../../components/FormActions';
import { FormModal, useUnsavedChanges } from '../../components/UnsavedChanges';
import { t } from './messages';
import { formatDateTime } from '../../lib/format';
import { DEFAULT_LIMIT } from '../../lib/search';
import { ClientSecretModal } from './ClientSecretModal';

const c = t.clients;
const SCOPES = ['kpi:read', 'teachers:read', 'teachers:write', 'organizations:read'] as const;

export function IntegrationsPage() {
  const me = useMe();
  const queryClient = useQueryClient();
  const [offset, setOffset] = useState(0);
  const [createOpened, createModal] = useDisclosure(false);
  const [secret, setSecret] = useState<ClientWithSecret | null>(null);
  const [rotating, setRotating] = useState<ClientRead | null>(null);
  const list = useQuery(clientListQuery({ limit: DEFAULT_LIMIT, offset }));
  const canWrite = can(me, 'clients:write');

  const [archiving, setArchiving] = useState<ClientRead | null>(null);
  const toggle = useMutation({
    mutationFn: ({ client, isActive }: { client: ClientRead; isActive: boolean }) => setClientActive(client, isActive),
    onSuccess: (result) => {
      notifications.show({ color: 'green', message: result.is_active ? c.enabled : c.disabled });
      void queryClient.invalidateQueries({ queryKey: ['clients'] });
    },
    onError: (error) => {
      // 412: someone changed the client after this list was shown; say so and show its current state.
      const stale = isStatus(error, 412);
      notifications.show({ color: 'red', message: stale ? t.concurrency.conflict : errorMessage(error) });
      if (stale) void queryClient.invalidateQueries({ queryKey: ['clients'] });
    },
  });
  const rotate = useMutation({
    mutationFn: (client: ClientRead) => rotateClientSecret(client),
    onSuccess: (result) => {
      setRotating(null);
      setSecret(result);
      void queryClient.invalidateQueries({ queryKey: ['clients'] });
    },
  });

  return (
    <Stack>
      <PageHeader title={c.title} description={c.intro} actions={canWrite ? <Button onClick={createModal.open}>{c.create}</Button> : null} />
      <ListView query={list} emptyTitle={c.empty} onOffsetChange={setOffset}>
        {(items) => (
          <Table.ScrollContainer minWidth={1000}>
            <Table striped verticalSpacing="xs" data-testid="clients-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{c.columns.name}</Table.Th>
                  <Table.Th>{c.columns.clientId}</Table.Th>
                  <Table.Th>{c.columns.scopes}</Table.Th>
                  <Table.Th>{c.columns.lastUsed}</Table.Th>
                  <Table.Th>{c.columns.status}</Table.Th>
                  {canWrite ? <Table.Th>{t.common.actions}</Table.Th> : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((client) => (
                  <Table.Tr key={client.id}>
                    <Table.Td fw={500}>{client.name}</Table.Td>
                    <Table.Td>
                      <Text size="sm" ff="monospace">
                        {client.client_id}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {client.scopes.map((s) => (
                          <Badge key={s} size="sm" variant="light" tt="none">
                            {c.scopes[s] ?? s}
                          </Badge>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td>{formatDateTime(client.last_used_at)}</Table.Td>
                    <Table.Td>
                      <Text size="sm" c={client.is_active && !client.archived_at ? 'green' : 'dimmed'} style={{ whiteSpace: 'nowrap' }}>
                        {client.archived_at ? t.common.archived : client.is_active ? c.active : c.inactive}
                      </Text>
                    </Table.Td>
                    {canWrite ? (
                      <Table.Td>
                        {!client.archived_at ? (
                          <Group gap="xs" wrap="nowrap">
                            <Button size="xs" variant="light" onClick={() => setRotating(client)}>
                              {c.rotate}
                            </Button>
                            <Button
                              size="xs"
                              variant="default"
                              loading={toggle.isPending && toggle.variables?.client.id === client.id}
                              onClick={() => toggle.mutate({ client, isActive: !client.is_active })}
                            >
                              {client.is_active ? c.disable : c.enable}
                            </Button>
                            <Button size="xs" variant="subtle" color="red" onClick={() => setArchiving(client)}>
                              {t.common.archive}
                            </Button>
                          </Group>
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

      <FormModal opened={createOpened} onClose={createModal.close} title={c.createTitle} centered>
        {createOpened ? (
          <CreateClientForm
            defaultMunicipalityId={me.municipality_ids[0] ?? null}
            onCancel={createModal.close}
            onCreated={(created) => {
              createModal.close();
              setSecret(created);
              void queryClient.invalidateQueries({ queryKey: ['clients'] });
            }}
          />
        ) : null}
      </FormModal>

      <Modal
        opened={rotating !== null}
        onClose={() => {
          setRotating(null);
          rotate.reset();
        }}
        title={c.rotateTitle}
        centered
      >
        <Stack>
          <Text size="sm">{c.rotateText(rotating?.name ?? '')}</Text>
          {rotate.isError ? <FormErrors messages={[errorMessage(rotate.error)]} /> : null}
          <FormActions
            onCancel={() => setRotating(null)}
            submitLabel={c.rotateConfirm}
            loading={rotate.isPending}
            danger
            onConfirm={() => rotating && rotate.mutate(rotating)}
          />
        </Stack>
      </Modal>

      <ArchiveModal
        opened={archiving !== null}
        onClose={() => setArchiving(null)}
        title={c.archiveTitle}
        text={c.archiveText(archiving?.name ?? '')}
        onConfirm={async (reason) => {
          if (!archiving) return;
          await archiveClient(archiving, reason);
          setArchiving(null);
          notifications.show({ color: 'green', message: c.archived });
          await queryClient.invalidateQueries({ queryKey: ['clients'] });
        }}
      />

      <ClientSecretModal client={secret} onClose={() => setSecret(null)} />
    </Stack>
  );
}

const v = t.validation;
const clientSchema = z.object({
  name: z.string().trim().min(3, v.tooShort(3)).max(200, v.tooLong(200)),
  municipality_id: z.string().nullable().refine((x) => Boolean(x), v.required),
  scopes: z.array(z.enum(SCOPES)).min(1, v.scopesMin),
});
type ClientValues = z.input<typeof clientSchema>;

function CreateClientForm({
  defaultMunicipalityId,
  onCancel,
  onCreated,
}: {
  defaultMunicipalityId: string | null;
  onCancel: () => void;
  onCreated: (client: ClientWithSecret) => void;
}) {
  const municipalities = useQuery(municipalitiesQuery);
  const [serverMessages, setServerMessages] = useState<string[]>([]);
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting, isDirty },
  } = useForm<ClientValues>({
    resolver: zodResolver(clientSchema),
    defaultValues: { name: '', municipality_id: defaultMunicipalityId, scopes: ['teachers:read'] },
  });
  const cancel = useUnsavedChanges(isDirty && !isSubmitting, onCancel);

  const submit = handleSubmit(async (values) => {
    setServerMessages([]);
    try {
      const created = await createClientAccount({
        name: values.name.trim(),
        municipality_id: values.municipality_id ?? '',
        scopes: values.scopes,
      });
      onCreated(created);
    } catch (error) {
      setServerMessages(applyProblemToForm(error, { setError: setError as never, fields: ['name', 'municipality_id', 'scopes'] }));
    }
  });

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack>
        <FormErrors messages={serverMessages} />
        <TextInput label={c.form.name} required error={errors.name?.message} {...register('name')} />
        <Controller
          control={control}
          name="municipality_id"
          render={({ field, fieldState }) => (
            <Select
              label={c.form.municipality}
              required
              data={(municipalities.data ?? []).map((m) => ({ value: m.id, label: m.name }))}
              value={field.value}
              onChange={field.onChange}
              error={fieldState.error?.message}
            />
          )}
        />
        <Controller
          control={control}
          name="scopes"
          render={({ field, fieldState }) => (
            <Checkbox.Group label={c.form.scopes} required value={field.value} onChange={field.onChange} error={fieldState.error?.message}>
              <Stack gap="xs" mt="xs">
                {SCOPES.map((s) => (
                  <Checkbox key={s} value={s} label={c.scopes[s] ?? s} />
                ))}
              </Stack>
            </Checkbox.Group>
          )}
        />
        <FormActions onCancel={cancel} submitLabel={t.common.create} loading={isSubmitting} />
      </Stack>
    </form>
  );
}
