/**
 * The draft editor: title and kind, sections by area, items (type, text, options with the correct ones and
 * points, scale maximum), the band limits for all areas (defaults 50/75) and per area. Saved with If-Match.
 */
import { useState } from 'react';
import { Button, Checkbox, Group, NumberInput, Paper, Radio, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ApiError, errorMessage, isStatus, problemFieldErrors } from '../../api/errors';
import { FieldsetCard, RemovableRow } from '../../components/FormParts';
import { UnsavedChangesGuard } from '../../components/UnsavedChanges';
import { ConflictAlert, FormErrors } from '../../components/states';
import { useDictionary } from '../../components/useDictionary';
import { contentBody, type Instrument, updateInstrument } from './api';
import {
  type Content,
  contentOf,
  DEFAULT_BANDS,
  ITEM_TYPES,
  type Item,
  type ItemType,
  newItem,
  nextItemCode,
  nextOptionKey,
  retype,
  toApiContent,
  validateContent,
} from './logic';
import { t } from './messages';
import { INSTRUMENT_KINDS } from './search';

const e = t.editor;

type Props = { instrument: Instrument; onCancel: () => void; onSaved: (next: Instrument) => void; onReload: () => void };

export function InstrumentEditor({ instrument, onCancel, onSaved, onReload }: Props) {
  const areas = useDictionary('competenceAreas');
  const [title, setTitle] = useState(instrument.title);
  const [description, setDescription] = useState(instrument.description ?? '');
  const [kind, setKind] = useState(instrument.kind);
  const [content, setContent] = useState<Content>(() => contentOf(instrument));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [messages, setMessages] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);
  const [pending, setPending] = useState(false);
  const [dirty, setDirty] = useState(false);

  const edit = (fn: (c: Content) => Content) => {
    setContent((c) => fn(structuredClone(c)));
    setDirty(true);
  };
  const setItem = (si: number, ii: number, fn: (item: Item) => Item) =>
    edit((c) => {
      c.sections[si]!.items[ii] = fn(c.sections[si]!.items[ii]!);
      return c;
    });

  async function save() {
    const found = validateContent(content, title);
    setErrors(found);
    setMessages([]);
    setConflict(false);
    if (Object.keys(found).length) {
      setMessages([t.errors.fieldErrorsSummary]);
      return;
    }
    setPending(true);
    try {
      const next = await updateInstrument(instrument, {
        title: title.trim(),
        description: description.trim() || null,
        kind: kind as (typeof INSTRUMENT_KINDS)[number],
        ...contentBody(toApiContent(content)),
      });
      setDirty(false);
      notifications.show({ color: 'green', message: t.instruments.saved });
      onSaved(next);
    } catch (error) {
      if (isStatus(error, 412)) setConflict(true);
      else {
        const fields = error instanceof ApiError ? problemFieldErrors(error.problem) : {};
        setErrors(fields);
        const shown = Object.keys(fields).filter((k) => /^(title|sections\.\d+\.(title|items\.\d+\.(code|text|options|correct|points|scale_max)))$/.test(k));
        const rest = Object.entries(fields)
          .filter(([k]) => !shown.includes(k))
          .map(([, m]) => m);
        setMessages(rest.length ? rest : shown.length ? [] : [errorMessage(error)]);
      }
    } finally {
      setPending(false);
    }
  }

  const usedAreas = [...new Set(content.sections.map((s) => s.area_code).filter(Boolean) as string[])];
  const areaOptions = [{ value: '', label: e.fields.areaNone }, ...areas.options];

  return (
    <form
      noValidate
      onSubmit={(ev) => {
        ev.preventDefault();
        void save();
      }}
    >
      <UnsavedChangesGuard when={dirty && !pending} />
      <Stack>
        {conflict ? <ConflictAlert onReload={onReload} /> : null}
        <FormErrors messages={messages} />
        <FieldsetCard legend={e.general}>
          <Stack>
            <TextInput label={e.fields.title} required value={title} onChange={(ev) => { setTitle(ev.currentTarget.value); setDirty(true); }} error={errors.title} maxLength={500} />
            <Textarea label={e.fields.description} value={description} onChange={(ev) => { setDescription(ev.currentTarget.value); setDirty(true); }} autosize minRows={2} maxLength={4000} />
            <Select
              label={e.fields.kind}
              data={INSTRUMENT_KINDS.map((k) => ({ value: k, label: t.diagnostics.kinds[k] ?? k }))}
              value={kind}
              onChange={(v) => { setKind(v ?? 'deficit'); setDirty(true); }}
              allowDeselect={false}
            />
          </Stack>
        </FieldsetCard>

        {content.sections.map((section, si) => (
          <RemovableRow
            key={si}
            title={e.section(si + 1)}
            removeLabel={e.removeSection(si + 1)}
            onRemove={() => edit((c) => ({ ...c, sections: c.sections.filter((_, i) => i !== si) }))}
          >
            <Stack>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  label={e.fields.sectionTitle}
                  required
                  value={section.title}
                  onChange={(ev) => {
                    const v = ev.currentTarget.value;
                    edit((c) => { c.sections[si]!.title = v; return c; });
                  }}
                  error={errors[`sections.${si}.title`]}
                />
                <Select
                  label={e.fields.area}
                  data={areaOptions}
                  value={section.area_code ?? ''}
                  onChange={(v) => edit((c) => { c.sections[si]!.area_code = v || null; return c; })}
                  allowDeselect={false}
                  searchable
                />
              </SimpleGrid>
              {errors[`sections.${si}.items`] ? (
                <Text size="sm" c="red.9">
                  {errors[`sections.${si}.items`]}
                </Text>
              ) : null}
              {section.items.map((item, ii) => (
                <ItemEditor
                  key={`${si}-${ii}`}
                  item={item}
                  title={e.item(ii + 1)}
                  removeLabel={`${e.removeItem(ii + 1)} (${e.section(si + 1)})`}
                  path={`sections.${si}.items.${ii}`}
                  errors={errors}
                  onChange={(fn) => setItem(si, ii, fn)}
                  onRemove={() => edit((c) => { c.sections[si]!.items.splice(ii, 1); return c; })}
                />
              ))}
              <Group>
                <Button
                  variant="light"
                  onClick={() =>
                    edit((c) => {
                      c.sections[si]!.items.push(newItem('single', nextItemCode(c, si)));
                      return c;
                    })
                  }
                >
                  {e.addItem}
                </Button>
              </Group>
            </Stack>
          </RemovableRow>
        ))}
        {errors.sections ? <Text c="red.9">{errors.sections}</Text> : null}
        <Group>
          <Button
            variant="default"
            onClick={() =>
              edit((c) => {
                c.sections.push({ area_code: null, title: e.section(c.sections.length + 1), items: [] });
                const si = c.sections.length - 1;
                c.sections[si]!.items.push(newItem('scale', nextItemCode(c, si)));
                return c;
              })
            }
          >
            {e.addSection}
          </Button>
        </Group>

        <FieldsetCard legend={t.instruments.scaleTitle}>
          <Stack>
            <BandFields
              legend={e.commonBands}
              value={content.scale}
              path="scale"
              errors={errors}
              onChange={(l) => edit((c) => ({ ...c, scale: { ...c.scale, ...l } }))}
            />
            {usedAreas.map((area) => {
              const own = content.scale.areas?.[area];
              return (
                <Stack key={area} gap="xs">
                  <Checkbox
                    label={`${e.areaBands}: ${areas.name(area)}`}
                    checked={Boolean(own)}
                    onChange={(ev) => {
                      const on = ev.currentTarget.checked;
                      edit((c) => {
                        const next = { ...(c.scale.areas ?? {}) };
                        if (on) next[area] = { ...DEFAULT_BANDS };
                        else delete next[area];
                        return { ...c, scale: { ...c.scale, areas: next } };
                      });
                    }}
                  />
                  {own ? (
                    <BandFields
                      legend={areas.name(area)}
                      value={own}
                      path={`scale.areas.${area}`}
                      errors={errors}
                      onChange={(l) => edit((c) => ({ ...c, scale: { ...c.scale, areas: { ...c.scale.areas, [area]: { ...own, ...l } } } }))}
                    />
                  ) : null}
                </Stack>
              );
            })}
          </Stack>
        </FieldsetCard>

        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t.common.cancel}
          </Button>
          <Button type="submit" loading={pending}>
            {e.save}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function BandFields({
  legend,
  value,
  path,
  errors,
  onChange,
}: {
  legend: string;
  value: { deficit_below: number; partial_below: number };
  path: string;
  errors: Record<string, string>;
  onChange: (l: Partial<{ deficit_below: number; partial_below: number }>) => void;
}) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} aria-label={legend}>
      <NumberInput
        label={e.fields.deficitBelow}
        min={1}
        max={100}
        value={value.deficit_below}
        onChange={(v) => onChange({ deficit_below: Number(v) || 0 })}
        error={errors[`${path}.deficit_below`]}
      />
      <NumberInput
        label={e.fields.partialBelow}
        min={1}
        max={100}
        value={value.partial_below}
        onChange={(v) => onChange({ partial_below: Number(v) || 0 })}
        error={errors[`${path}.partial_below`]}
      />
    </SimpleGrid>
  );
}

function ItemEditor({
  item,
  title,
  removeLabel,
  path,
  errors,
  onChange,
  onRemove,
}: {
  item: Item;
  title: string;
  removeLabel: string;
  path: string;
  errors: Record<string, string>;
  onChange: (fn: (item: Item) => Item) => void;
  onRemove: () => void;
}) {
  const err = (f: string) => errors[`${path}.${f}`];
  return (
    <RemovableRow title={`${title}: ${item.code}`} removeLabel={removeLabel} onRemove={onRemove}>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={e.fields.itemType}
            data={ITEM_TYPES.map((type) => ({ value: type, label: t.instruments.itemTypes[type] ?? type }))}
            value={item.type}
            onChange={(v) => onChange((i) => retype(i, (v ?? 'single') as ItemType))}
            allowDeselect={false}
          />
          <TextInput label={e.fields.itemCode} value={item.code} onChange={(ev) => { const v = ev.currentTarget.value; onChange((i) => ({ ...i, code: v })); }} error={err('code')} maxLength={32} />
        </SimpleGrid>
        <Textarea label={e.fields.itemText} required value={item.text} onChange={(ev) => { const v = ev.currentTarget.value; onChange((i) => ({ ...i, text: v })); }} error={err('text')} autosize minRows={1} maxLength={2000} />
        {item.type === 'single' || item.type === 'multiple' ? <OptionsEditor item={item} path={path} errors={errors} onChange={onChange} /> : null}
        {item.type === 'scale' ? (
          <NumberInput
            label={e.fields.scaleMax}
            min={1}
            max={10}
            value={item.scale_max}
            onChange={(v) => onChange((i) => ({ ...i, scale_max: Number(v) || 1 }) as Item)}
            error={err('scale_max')}
            maw={240}
          />
        ) : null}
        {item.type === 'text' ? (
          <NumberInput
            label={e.fields.maxLength}
            min={1}
            max={4000}
            value={item.max_length ?? 1000}
            onChange={(v) => onChange((i) => ({ ...i, max_length: Number(v) || 1000 }) as Item)}
            maw={240}
          />
        ) : null}
      </Stack>
    </RemovableRow>
  );
}

function OptionsEditor({
  item,
  path,
  errors,
  onChange,
}: {
  item: Extract<Item, { type: 'single' | 'multiple' }>;
  path: string;
  errors: Record<string, string>;
  onChange: (fn: (item: Item) => Item) => void;
}) {
  const correct = item.type === 'single' ? (item.correct ? [item.correct] : []) : (item.correct ?? []);
  const toggleCorrect = (key: string) =>
    onChange((i) => {
      if (i.type === 'single') return { ...i, correct: i.correct === key ? null : key };
      if (i.type === 'multiple') {
        const cur = i.correct ?? [];
        return { ...i, correct: cur.includes(key) ? cur.filter((k) => k !== key) : [...cur, key] };
      }
      return i;
    });
  const Mark = item.type === 'single' ? Radio : Checkbox;
  return (
    <Paper p="xs" radius="sm" bg="gray.0">
      <Stack gap="xs">
        {item.options.map((o, oi) => (
          <Group key={o.key} align="flex-end" wrap="nowrap" gap="xs">
            <Text size="sm" fw={600} w={24} pb={8}>
              {`${o.key})`}
            </Text>
            <TextInput
              style={{ flex: 1 }}
              label={`${e.option(oi + 1)} (${o.key})`}
              value={o.text}
              onChange={(ev) => {
                const v = ev.currentTarget.value;
                onChange((i) => ('options' in i ? ({ ...i, options: i.options.map((x, n) => (n === oi ? { ...x, text: v } : x)) } as Item) : i));
              }}
              error={errors[`${path}.options.${oi}.text`]}
            />
            <Mark label={e.fields.correct} checked={correct.includes(o.key)} onChange={() => toggleCorrect(o.key)} pb={8} />
            <Button
              variant="subtle"
              color="red"
              size="compact-sm"
              mb={6}
              aria-label={`${e.removeOption(oi + 1)}`}
              disabled={item.options.length <= 2}
              onClick={() =>
                onChange((i) => {
                  if (!('options' in i)) return i;
                  const options = i.options.filter((_, n) => n !== oi);
                  const keys = options.map((x) => x.key);
                  if (i.type === 'single') return { ...i, options, correct: i.correct && keys.includes(i.correct) ? i.correct : null };
                  return { ...i, options, correct: (i.correct ?? []).filter((k) => keys.includes(k)) };
                })
              }
            >
              ✕
            </Button>
          </Group>
        ))}
        {errors[`${path}.options`] ? (
          <Text size="sm" c="red.9">
            {errors[`${path}.options`]}
          </Text>
        ) : null}
        {errors[`${path}.correct`] ? (
          <Text size="sm" c="red.9">
            {errors[`${path}.correct`]}
          </Text>
        ) : null}
        <Group justify="space-between" align="flex-end" wrap="wrap">
          <Button
            variant="subtle"
            size="compact-sm"
            disabled={item.options.length >= 30}
            onClick={() => onChange((i) => ('options' in i ? ({ ...i, options: [...i.options, { key: nextOptionKey(i.options), text: '' }] } as Item) : i))}
          >
            {e.addOption}
          </Button>
          <NumberInput
            label={e.fields.points}
            min={0}
            max={100}
            value={item.points ?? 0}
            onChange={(v) => onChange((i) => ({ ...i, points: Number(v) || 0 }) as Item)}
            error={errors[`${path}.points`]}
            w={160}
          />
        </Group>
      </Stack>
    </Paper>
  );
}
