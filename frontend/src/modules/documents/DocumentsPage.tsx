import { useState } from 'react';
import { Anchor, Badge, Button, Group, Modal, MultiSelect, Select, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage, isStatus } from '../../api/errors';
import { organizationOptionsQuery } from '../../api/queries';
import type { DocumentRecord } from '../../api/types';
import { can } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { ArchiveModal } from '../../components/ArchiveModal';
import { ExportMenu } from '../../components/ExportMenu';
import { FiltersCard } from '../../components/FiltersCard';
import { ArchivedFilter, CodesFilter, PeriodFilter } from '../../components/ListFilters';
import { FormActions } from '../../components/FormActions';
import { ListView } from '../../components/ListView';
import { PageHeader } from '../../components/PageHeader';
import { SearchInput } from '../../components/SearchInput';
import { formatDate } from '../../lib/format';
import { saveBlob } from '../../lib/download';
import { activeFilterCount } from '../../lib/search';
import { approveDocument, archiveDocument, documentListQuery, downloadDocumentFile, exportDocuments, invalidateDocuments } from './api';
import { DocumentModal } from './DocumentModal';
import { DocumentsSectionNav } from './DocumentsSectionNav';
import { t, TYPE_LABELS } from './messages';
import { DOCUMENT_SORTS, DOCUMENT_STATUSES, DOCUMENT_TYPES, MUNICIPALITY_LEVEL, toDocumentQuery, type DocumentSearch } from './search';

const m = t.documents;
const STATUS_COLORS: Record<string, string> = { draft: 'gray', approved: 'green' };

type Props = { search: DocumentSearch; onSearch: (next: DocumentSearch) => void };

/** «Документы»: the list with filters (year, organization, type, status), export, the form, approval and archive. */
export function DocumentsPage({ search, onSearch }: Props) {
  const me = useMe();
  const queryClient = useQueryClient();
  const query = toDocumentQuery(search);
  const list = useQuery(documentListQuery(query));
  const organizations = useQuery(organizationOptionsQuery);
  const [editing, setEditing] = useState<DocumentRecord | 'new' | null>(null);
  const [approving, setApproving] = useState<DocumentRecord | null>(null);
  const [archiving, setArchiving] = useState<DocumentRecord | null>(null);
  const update = (patch: Partial<DocumentSearch>) => onSearch({ ...search, ...patch, offset: undefined });
  const active = activeFilterCount(search);

  const download = (doc: DocumentRecord) =>
    downloadDocumentFile(doc.id)
      .then(({ blob, filename }) => saveBlob(blob, filename))
      .catch((error: unknown) => notifications.show({ color: 'red', title: m.downloadFailed, message: errorMessage(error) }));

  return (
    <Stack>
      <PageHeader
        title={m.title}
        actions={
          <Group gap="sm">
            <ExportMenu onExport={(format) => exportDocuments(query, format)} />
            {can(me, 'documents:write') ? <Button onClick={() => setEditing('new')}>{m.create}</Button> : null}
          </Group>
        }
      />
      <DocumentsSectionNav current="list" />
      <FiltersCard
        id="documents-filters"
        activeCount={active}
        onReset={() => onSearch({ sort: search.sort, limit: search.limit })}
        search={<SearchInput label={m.search} value={search.q ?? ''} onChange={(q) => update({ q })} />}
      >
        <PeriodFilter label={m.academicYear} anyLabel={m.yearAny} value={search.academic_year} onChange={(academic_year) => update({ academic_year })} />
        <Select
          label={m.organization}
          placeholder={m.organizationAny}
          data={[
            { value: MUNICIPALITY_LEVEL, label: m.municipalityDocuments },
            ...(organizations.data ?? []).map((o) => ({ value: o.id, label: o.short_name })),
          ]}
          value={search.organization_id ?? null}
          onChange={(v) => update({ organization_id: v ?? undefined })}
          searchable
          clearable
        />
        <MultiSelect
          label={m.type}
          placeholder={search.type?.length ? undefined : m.typeAny}
          data={DOCUMENT_TYPES.map((x) => ({ value: x, label: TYPE_LABELS[x] ?? x }))}
          value={search.type ?? []}
          onChange={(v) => update({ type: v.length ? (v as DocumentSearch['type']) : undefined })}
          clearable
          searchable
        />
        <CodesFilter
          label={m.status}
          anyLabel={m.statusAny}
          codes={DOCUMENT_STATUSES}
          names={m.statuses}
          value={search.status}
          onChange={(status) => update({ status })}
        />
        <Select
          label={t.common.sort}
          data={DOCUMENT_SORTS.map((s) => ({ value: s, label: m.sorts[s] ?? s }))}
          value={search.sort ?? '-academic_year'}
          onChange={(v) => update({ sort: DOCUMENT_SORTS.find((s) => s === v) })}
          allowDeselect={false}
        />
        <ArchivedFilter value={search.archived} onChange={(archived) => update({ archived })} />
      </FiltersCard>

      <ListView query={list} filtered={active > 0} emptyTitle={m.empty} onOffsetChange={(offset) => onSearch({ ...search, offset: offset || undefined })}>
        {(items) => (
          <Table.ScrollContainer minWidth={1000}>
            <Table striped highlightOnHover verticalSpacing="xs" data-testid="documents-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{m.columns.title}</Table.Th>
                  <Table.Th>{m.columns.owner}</Table.Th>
                  <Table.Th>{m.columns.year}</Table.Th>
                  <Table.Th>{m.columns.requisites}</Table.Th>
                  <Table.Th>{m.columns.status}</Table.Th>
                  <Table.Th>{m.columns.content}</Table.Th>
                  <Table.Th>{t.common.actions}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((doc) => {
                  const actions = doc.actions ?? [];
                  return (
                    <Table.Tr key={doc.id}>
                      <Table.Td maw={360}>
                        <Text size="sm" fw={500}>
                          {doc.title}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {TYPE_LABELS[doc.type] ?? doc.type_label}
                        </Text>
                      </Table.Td>
                      <Table.Td>{doc.organization_name ?? m.municipality}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{doc.years_label || doc.academic_year}</Table.Td>
                      <Table.Td>{m.requisites(doc.number ?? null, doc.doc_date ? formatDate(doc.doc_date) : null)}</Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          <Badge size="sm" variant="light" miw="max-content" color={STATUS_COLORS[doc.status] ?? 'gray'} tt="none">
                            {m.statuses[doc.status] ?? doc.status_label}
                          </Badge>
                          {doc.archived_at ? (
                            <Badge size="sm" variant="light" miw="max-content" color="gray" tt="none">
                              {t.common.archived}
                            </Badge>
                          ) : null}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        {doc.file_id ? (
                          <Anchor component="button" type="button" size="sm" onClick={() => void download(doc)} aria-label={`${m.file}: ${doc.title}`}>
                            {m.file}
                          </Anchor>
                        ) : doc.url ? (
                          <Anchor href={doc.url} target="_blank" rel="noopener noreferrer" size="sm">
                            {m.link}
                          </Anchor>
                        ) : (
                          <Text size="sm" c="dimmed">
                            {m.noContent}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Stack gap={2} align="flex-start">
                          {actions.includes('approve') && (doc.file_id || doc.url) ? (
                            <Button size="compact-sm" variant="light" color="green" onClick={() => setApproving(doc)} aria-label={`${m.approve}: ${doc.title}`}>
                              {m.approve}
                            </Button>
                          ) : null}
                          {actions.includes('update') ? (
                            <Button size="compact-sm" variant="subtle" onClick={() => setEditing(doc)} aria-label={`${t.common.edit}: ${doc.title}`}>
                              {t.common.edit}
                            </Button>
                          ) : null}
                          {actions.includes('archive') ? (
                            <Button size="compact-sm" variant="subtle" color="red" onClick={() => setArchiving(doc)} aria-label={`${t.common.archive}: ${doc.title}`}>
                              {t.common.archive}
                            </Button>
                          ) : null}
                        </Stack>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </ListView>

      <DocumentModal opened={editing !== null} onClose={() => setEditing(null)} doc={editing === 'new' ? null : editing} onReload={() => void list.refetch()} />
      <ApproveModal
        doc={approving}
        onClose={() => setApproving(null)}
        onDone={async () => {
          setApproving(null);
          notifications.show({ color: 'green', message: m.approved });
          await invalidateDocuments(queryClient);
        }}
      />
      <ArchiveModal
        opened={archiving !== null}
        onClose={() => setArchiving(null)}
        title={m.archiveTitle}
        text={archiving ? m.archiveText(archiving.title) : ''}
        placeholder={m.archiveReasonPlaceholder}
        onReload={() => {
          setArchiving(null);
          void list.refetch();
        }}
        onConfirm={async (reason) => {
          if (!archiving) return;
          await archiveDocument(archiving, reason);
          setArchiving(null);
          notifications.show({ color: 'green', message: m.archivedDone });
          await invalidateDocuments(queryClient);
        }}
      />
    </Stack>
  );
}

/** «Утвердить документ?» — the approval takes the version on screen (412: someone changed it meanwhile). */
function ApproveModal({ doc, onClose, onDone }: { doc: DocumentRecord | null; onClose: () => void; onDone: () => Promise<void> }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal opened={doc !== null} onClose={onClose} title={m.approveTitle} centered>
      <Stack>
        <Text size="sm">{doc ? m.approveText(doc.title) : ''}</Text>
        {error ? (
          <Text size="sm" c="red" role="alert">
            {error}
          </Text>
        ) : null}
        <FormActions
          onCancel={onClose}
          submitLabel={m.approve}
          loading={pending}
          onConfirm={() => void (async () => {
            if (!doc) return;
            setPending(true);
            setError(null);
            try {
              await approveDocument(doc);
              await onDone();
            } catch (e) {
              setError(isStatus(e, 412) ? t.concurrency.conflict : errorMessage(e));
            } finally {
              setPending(false);
            }
          })()}
        />
      </Stack>
    </Modal>
  );
}
