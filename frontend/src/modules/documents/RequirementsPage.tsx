import { useState } from 'react';
import { Badge, Button, Group, Modal, MultiSelect, Select, Stack, Table, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { applyProblemToForm, errorMessage } from '../../api/errors';
import { dictionaryQuery } from '../../api/queries';
import type { DocumentRequirement } from '../../api/types';
import { ArchiveModal } from '../../components/ArchiveModal';
import { FormActions } from '../../components/FormActions';
import { PageHeader } from '../../components/PageHeader';
import { EmptyBlock, ErrorState, FormErrors, LoadingState } from '../../components/states';
import { archiveRequirement, createRequirement, invalidateDocuments, requirementsQuery, updateRequirement } from './api';
import { DocumentsSectionNav } from './DocumentsSectionNav';
import { t, TYPE_LABELS } from './messages';
import { DOCUMENT_TYPES, type DocumentType } from './search';

const r = t.requirements;

/** «Перечень обязательных документов»: what the municipality requires every academic year, of itself or of its organizations. */
export function RequirementsPage() {
  const queryClient = useQueryClient();
  const list = useQuery(requirementsQuery);
  const orgTypes = useQuery(dictionaryQuery('organizationTypes'));
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<DocumentRequirement | null>(null);
  const [archiving, setArchiving] = useState<DocumentRequirement | null>(null);
  const typeName = (code: string) => (orgTypes.data ?? []).find((x) => x.code === code)?.name ?? code;

  async function toggle(req: DocumentRequirement) {
    try {
      await updateRequirement(req, { is_active: !req.is_active });
      await invalidateDocuments(queryClient);
    } catch (error) {
      notifications.show({ color: 'red', message: errorMessage(error) });
    }
  }

  return (
    <Stack>
      <PageHeader title={r.title} actions={<Button onClick={() => setAdding(true)}>{r.add}</Button>} />
      <DocumentsSectionNav current="requirements" />
      <Text size="sm" c="dimmed">
        {r.intro}
      </Text>
      {list.isPending ? <LoadingState /> : null}
      {list.isError ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data && !list.data.items.length ? <EmptyBlock title={r.empty} /> : null}
      {list.data?.items.length ? (
        <Table.ScrollContainer minWidth={800}>
          <Table striped verticalSpacing="xs" data-testid="requirements-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{r.columns.type}</Table.Th>
                <Table.Th>{r.columns.appliesTo}</Table.Th>
                <Table.Th>{r.columns.orgTypes}</Table.Th>
                <Table.Th>{r.columns.state}</Table.Th>
                <Table.Th>{r.columns.note}</Table.Th>
                <Table.Th>{t.common.actions}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((req) => (
                <Table.Tr key={req.id}>
                  <Table.Td>{TYPE_LABELS[req.type] ?? req.type_label}</Table.Td>
                  <Table.Td>{r.appliesToOptions[req.applies_to] ?? req.applies_to_label}</Table.Td>
                  <Table.Td>
                    {req.applies_to === 'organization' ? (req.organization_types?.length ? req.organization_types.map(typeName).join(', ') : r.allTypes) : '—'}
                  </Table.Td>
                  <Table.Td>
                    <Badge size="sm" variant="light" color={req.is_active ? 'green' : 'gray'} tt="none">
                      {req.is_active ? r.active : r.inactive}
                    </Badge>
                  </Table.Td>
                  <Table.Td maw={260}>
                    <Text size="sm" lineClamp={2}>
                      {req.note ?? ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {req.actions?.includes('update') ? (
                      <Group gap={4}>
                        <Button size="compact-sm" variant="subtle" onClick={() => setEditing(req)} aria-label={`${t.common.edit}: ${TYPE_LABELS[req.type] ?? req.type}`}>
                          {t.common.edit}
                        </Button>
                        <Button size="compact-sm" variant="subtle" onClick={() => void toggle(req)}>
                          {req.is_active ? r.turnOff : r.turnOn}
                        </Button>
                        <Button size="compact-sm" variant="subtle" color="red" onClick={() => setArchiving(req)}>
                          {t.common.archive}
                        </Button>
                      </Group>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      <Modal
        opened={adding || editing !== null}
        onClose={() => {
          setAdding(false);
          setEditing(null);
        }}
        title={editing ? r.editTitle : r.addTitle}
        centered
        size="lg"
      >
        {adding || editing ? (
          <RequirementForm
            key={editing ? `${editing.id}:${editing.version}` : 'new'}
            requirement={editing}
            orgTypeOptions={(orgTypes.data ?? []).map((x) => ({ value: x.code, label: x.name }))}
            onDone={async () => {
              notifications.show({ color: 'green', message: editing ? t.common.saved : r.created });
              setAdding(false);
              setEditing(null);
              await invalidateDocuments(queryClient);
            }}
            onCancel={() => {
              setAdding(false);
              setEditing(null);
            }}
          />
        ) : null}
      </Modal>
      <ArchiveModal
        opened={archiving !== null}
        onClose={() => setArchiving(null)}
        title={r.archiveTitle}
        text={archiving ? r.archiveText(TYPE_LABELS[archiving.type] ?? archiving.type) : ''}
        onConfirm={async (reason) => {
          if (!archiving) return;
          await archiveRequirement(archiving, reason);
          setArchiving(null);
          notifications.show({ color: 'green', message: r.archivedDone });
          await invalidateDocuments(queryClient);
        }}
      />
    </Stack>
  );
}

type FormProps = {
  requirement: DocumentRequirement | null;
  orgTypeOptions: { value: string; label: string }[];
  onDone: () => Promise<void>;
  onCancel: () => void;
};

/** A new requirement, or the organization types and the note of one (its type and whom it applies to stay). */
function RequirementForm(props: FormProps) {
  const existing = props.requirement;
  const [type, setType] = useState<DocumentType>((existing?.type as DocumentType | undefined) ?? 'association_plan');
  const [appliesTo, setAppliesTo] = useState<'organization' | 'municipality'>(existing?.applies_to === 'municipality' ? 'municipality' : 'organization');
  const [orgTypes, setOrgTypes] = useState<string[]>(existing?.organization_types ?? []);
  const [note, setNote] = useState(existing?.note ?? '');
  const [pending, setPending] = useState(false);
  const [messages, setMessages] = useState<string[]>([]);
  const submit = async () => {
    setPending(true);
    setMessages([]);
    try {
      if (existing) {
        await updateRequirement(existing, {
          organization_types: appliesTo === 'organization' && orgTypes.length ? orgTypes : null,
          note: note.trim() || null,
        });
        await props.onDone();
        return;
      }
      await createRequirement({
        type,
        applies_to: appliesTo,
        organization_types: appliesTo === 'organization' && orgTypes.length ? orgTypes : null,
        note: note.trim() || null,
        is_active: true,
      });
      await props.onDone();
    } catch (error) {
      setMessages(applyProblemToForm(error, { setError: () => undefined, fields: [] }));
    } finally {
      setPending(false);
    }
  };
  return (
    <Stack>
      <Select
        label={r.type}
        data={DOCUMENT_TYPES.map((x) => ({ value: x, label: TYPE_LABELS[x] ?? x }))}
        value={type}
        onChange={(v) => setType((v as DocumentType | null) ?? 'association_plan')}
        allowDeselect={false}
        disabled={Boolean(existing)}
        searchable
      />
      <Select
        label={r.appliesTo}
        data={[
          { value: 'organization', label: r.appliesToOptions.organization ?? '' },
          { value: 'municipality', label: r.appliesToOptions.municipality ?? '' },
        ]}
        value={appliesTo}
        onChange={(v) => setAppliesTo(v === 'municipality' ? 'municipality' : 'organization')}
        allowDeselect={false}
        disabled={Boolean(existing)}
      />
      {appliesTo === 'organization' ? (
        <MultiSelect label={r.organizationTypes} description={r.organizationTypesHint} data={props.orgTypeOptions} value={orgTypes} onChange={setOrgTypes} clearable />
      ) : null}
      <Textarea label={r.note} autosize minRows={2} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
      <FormErrors messages={messages} />
      <FormActions onCancel={props.onCancel} submitLabel={existing ? t.common.save : t.common.create} loading={pending} onConfirm={() => void submit()} />
    </Stack>
  );
}
