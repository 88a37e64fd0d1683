import { useState } from 'react';
import { ActionIcon, Button, Card, Group, Modal, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage, etagOf, problemFieldErrors, ApiError } from '../../api/errors';
import { organizationOptionsQuery } from '../../api/queries';
import { canBrowseTeachers } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { ArchiveModal } from '../../components/ArchiveModal';
import { DateField, isInvalidDateText } from '../../components/DateField';
import { FormActions } from '../../components/FormActions';
import { ListView } from '../../components/ListView';
import { FormErrors } from '../../components/states';
import { formatDate } from '../../lib/format';
import { TeacherPicker } from '../teachers/TeacherPicker';
import { archiveAward, awardKeys, awardListQuery, createAward, type AwardCreate, type AwardRead } from './api';
import { todayIso } from './calendar';
import { t } from './messages';
import { AWARD_KINDS } from './search';

const a = t.events.awards;

/** Form fields that show their own server error. */
const AWARD_FIELDS = new Set(['teacher_id', 'organization_id', 'recipient_name', 'awarded_on', 'order_number', 'order_date', 'issuer', 'text']);

const recipientOf = (x: AwardRead) =>
  [x.teacher_name, x.recipient_name, x.organization_name].filter(Boolean).join(', ') || t.common.emptyValue;

/** Letters of thanks and diplomas for an event or a series: the list, «Добавить награду», archive with a reason. */
export function AwardsPanel({ eventId, seriesId, canAward }: { eventId?: string; seriesId?: string; canAward: boolean }) {
  const queryClient = useQueryClient();
  const [offset, setOffset] = useState(0);
  const list = useQuery(awardListQuery({ event_id: eventId, series_id: seriesId, limit: 50, offset, sort: '-awarded_on' }));
  const [addOpened, add] = useDisclosure(false);
  const [archiving, setArchiving] = useState<AwardRead | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: awardKeys.all });
  return (
    <Card withBorder component="section" aria-labelledby="awards-title">
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h4" id="awards-title">
          {a.title}
        </Title>
        {canAward ? <Button onClick={add.open}>{a.add}</Button> : null}
      </Group>
      <ListView query={list} emptyTitle={a.empty} onOffsetChange={setOffset}>
        {(items) => (
          <Table.ScrollContainer minWidth={640}>
            <Table striped verticalSpacing="xs" data-testid="awards-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={200}>{a.columns.kind}</Table.Th>
                  <Table.Th>{a.columns.recipient}</Table.Th>
                  <Table.Th w={120}>{a.columns.date}</Table.Th>
                  <Table.Th w={180}>{a.columns.order}</Table.Th>
                  <Table.Th w={70}>{a.columns.actions}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((x) => (
                  <Table.Tr key={x.id}>
                    <Table.Td>
                      <Stack gap={0}>
                        <Text size="sm">{a.kinds[x.kind] ?? x.kind}</Text>
                        {x.text ? (
                          <Text size="xs" c="dimmed" lineClamp={2}>
                            {x.text}
                          </Text>
                        ) : null}
                      </Stack>
                    </Table.Td>
                    <Table.Td>{recipientOf(x)}</Table.Td>
                    <Table.Td>{formatDate(x.awarded_on)}</Table.Td>
                    <Table.Td>{t.events.series.orderText(x.order_number, x.order_date ? formatDate(x.order_date) : null)}</Table.Td>
                    <Table.Td>
                      {(x.actions ?? []).includes('archive') ? (
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={a.archive(recipientOf(x))}
                          title={a.archive(recipientOf(x))}
                          onClick={() => setArchiving(x)}
                        >
                          <span aria-hidden="true">✕</span>
                        </ActionIcon>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </ListView>
      <Modal opened={addOpened} onClose={add.close} title={a.addTitle} size="lg" centered>
        {addOpened ? (
          <AwardForm
            eventId={eventId}
            seriesId={seriesId}
            onCancel={add.close}
            onSaved={() => {
              add.close();
              notifications.show({ color: 'green', message: a.created });
              void refresh();
            }}
          />
        ) : null}
      </Modal>
      <ArchiveModal
        opened={archiving !== null}
        onClose={() => setArchiving(null)}
        title={a.archiveTitle}
        text={a.archiveText(archiving ? `${a.kinds[archiving.kind] ?? ''}: ${recipientOf(archiving)}` : '')}
        onReload={() => {
          setArchiving(null);
          void list.refetch();
        }}
        onConfirm={async (reason) => {
          if (!archiving) return null;
          const saved = await archiveAward(archiving.id, etagOf(archiving.version), reason);
          setArchiving(null);
          notifications.show({ color: 'green', message: a.archived });
          void refresh();
          return saved;
        }}
      />
    </Card>
  );
}

function AwardForm({ eventId, seriesId, onCancel, onSaved }: { eventId?: string; seriesId?: string; onCancel: () => void; onSaved: () => void }) {
  const me = useMe();
  const organizations = useQuery(organizationOptionsQuery);
  const teachersAllowed = canBrowseTeachers(me);
  const [target, setTarget] = useState<'teacher' | 'organization'>(teachersAllowed ? 'teacher' : 'organization');
  const [kind, setKind] = useState<string>('letter_of_thanks');
  const [teacherId, setTeacherId] = useState<string | null>(null);
  const [organizationId, setOrganizationId] = useState<string | null>(null);
  const [recipientName, setRecipientName] = useState('');
  const [awardedOn, setAwardedOn] = useState<string | null>(todayIso());
  const [issuer, setIssuer] = useState('');
  const [orderNumber, setOrderNumber] = useState('');
  const [orderDate, setOrderDate] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [messages, setMessages] = useState<string[]>([]);
  const [pending, setPending] = useState(false);

  async function submit() {
    const next: Record<string, string> = {};
    if (target === 'teacher' && !teacherId) next.teacher_id = t.validation.required;
    if (target === 'organization' && !organizationId) next.organization_id = t.validation.required;
    if (!awardedOn) next.awarded_on = t.validation.required;
    else if (isInvalidDateText(awardedOn)) next.awarded_on = t.validation.date;
    if (isInvalidDateText(orderDate)) next.order_date = t.validation.date;
    setErrors(next);
    setMessages([]);
    if (Object.keys(next).length) return;
    const body: AwardCreate = {
      kind: kind as AwardCreate['kind'],
      teacher_id: target === 'teacher' ? teacherId : null,
      organization_id: target === 'organization' ? organizationId : null,
      recipient_name: recipientName.trim() || null,
      event_id: eventId ?? null,
      series_id: seriesId ?? null,
      awarded_on: awardedOn ?? '',
      issuer: issuer.trim() || null,
      order_number: orderNumber.trim() || null,
      order_date: orderDate || null,
      text: text.trim() || null,
    };
    setPending(true);
    try {
      await createAward(body);
      onSaved();
    } catch (error) {
      // Field errors of the problem next to their fields; the rest (and a problem without fields) above the buttons.
      const fields = error instanceof ApiError ? problemFieldErrors(error.problem) : {};
      const entries = Object.entries(fields);
      setErrors(Object.fromEntries(entries.filter(([k]) => AWARD_FIELDS.has(k))));
      const rest = entries.filter(([k]) => !AWARD_FIELDS.has(k)).map(([, m]) => m);
      setMessages(entries.length ? rest : [errorMessage(error)]);
    } finally {
      setPending(false);
    }
  }

  return (
    <form
      noValidate
      aria-label={a.addTitle}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Stack>
        <Select
          label={a.kind}
          data={AWARD_KINDS.map((k) => ({ value: k, label: a.kinds[k] ?? k }))}
          value={kind}
          onChange={(v) => setKind(v ?? kind)}
          allowDeselect={false}
        />
        {teachersAllowed ? (
          <Stack gap={4}>
            <Text size="sm" fw={500} id="award-target">
              {a.recipientKind}
            </Text>
            <SegmentedControl
              aria-labelledby="award-target"
              data={[
                { value: 'teacher', label: a.toTeacher },
                { value: 'organization', label: a.toOrganization },
              ]}
              value={target}
              onChange={(v) => setTarget(v === 'organization' ? 'organization' : 'teacher')}
            />
          </Stack>
        ) : null}
        {target === 'teacher' ? (
          <TeacherPicker label={a.teacher} placeholder={a.teacherPlaceholder} value={teacherId} onChange={setTeacherId} error={errors.teacher_id} />
        ) : (
          <Select
            label={a.organization}
            required
            data={(organizations.data ?? []).map((o) => ({ value: o.id, label: o.short_name }))}
            value={organizationId}
            onChange={setOrganizationId}
            error={errors.organization_id}
            searchable
          />
        )}
        {target === 'organization' ? (
          <TextInput
            label={a.recipientName}
            placeholder={a.recipientNamePlaceholder}
            value={recipientName}
            onChange={(e) => setRecipientName(e.currentTarget.value)}
            error={errors.recipient_name}
          />
        ) : null}
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <DateField label={a.awardedOn} required value={awardedOn} onChange={setAwardedOn} error={errors.awarded_on} />
          <TextInput label={a.orderNumber} value={orderNumber} onChange={(e) => setOrderNumber(e.currentTarget.value)} error={errors.order_number} />
          <DateField label={a.orderDate} value={orderDate} onChange={setOrderDate} error={errors.order_date} />
        </SimpleGrid>
        <TextInput label={a.issuer} value={issuer} onChange={(e) => setIssuer(e.currentTarget.value)} error={errors.issuer} />
        <Textarea label={a.text} autosize minRows={2} value={text} onChange={(e) => setText(e.currentTarget.value)} error={errors.text} />
        <FormErrors messages={messages} />
        <FormActions onCancel={onCancel} submitLabel={t.common.create} loading={pending} />
      </Stack>
    </form>
  );
}

