/** One item of an instrument as the teacher answers it: big touch targets, usable at 375 px wide. */
import { Checkbox, Group, Radio, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import type { AnswerValue, Item } from './logic';
import { t } from './messages';

const a = t.answering;

/** A chosen card stands out by more than its small indicator: a thick border and a tinted background. */
const chosenStyle = (chosen: boolean) =>
  chosen
    ? { borderColor: 'var(--mantine-primary-color-filled)', borderWidth: 2, background: 'var(--mantine-primary-color-light)' }
    : { borderWidth: 2 };

type Props = {
  item: Item;
  number: number;
  value: AnswerValue | undefined;
  onChange: (value: AnswerValue) => void;
  disabled?: boolean;
  error?: string;
};

function Heading({ item, number, hint }: { item: Item; number: number; hint: string }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" fw={600}>
        {a.item(number)}
      </Text>
      <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
        {item.text}
      </Text>
      <Text size="sm" c="dimmed">
        {hint}
      </Text>
    </Stack>
  );
}

export function ItemField({ item, number, value, onChange, disabled = false, error }: Props) {
  const testId = `item-${item.code}`;
  switch (item.type) {
    case 'single':
      return (
        <Radio.Group
          value={typeof value === 'string' ? value : null}
          onChange={(v) => onChange(v)}
          label={<Heading item={item} number={number} hint={a.single} />}
          error={error}
          data-testid={testId}
        >
          <Stack gap="xs" mt="xs">
            {item.options.map((o) => (
              <Radio.Card key={o.key} value={o.key} disabled={disabled} p="sm" radius="sm" mih={48} style={chosenStyle(value === o.key)}>
                <Group wrap="nowrap" align="flex-start" gap="sm">
                  <Radio.Indicator disabled={disabled} />
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {o.text}
                  </Text>
                </Group>
              </Radio.Card>
            ))}
          </Stack>
        </Radio.Group>
      );
    case 'multiple': {
      const chosen = Array.isArray(value) ? value : [];
      const order = item.options.map((o) => o.key);
      const hint = item.max_choices ? `${a.multiple}. ${a.multipleMax(item.max_choices)}` : a.multiple;
      return (
        <Checkbox.Group
          value={chosen}
          onChange={(next) => onChange(order.filter((k) => next.includes(k)).slice(0, item.max_choices ?? order.length))}
          label={<Heading item={item} number={number} hint={hint} />}
          error={error}
          data-testid={testId}
        >
          <Stack gap="xs" mt="xs">
            {item.options.map((o) => {
              const checked = chosen.includes(o.key);
              const full = !checked && Boolean(item.max_choices) && chosen.length >= (item.max_choices ?? 0);
              return (
                <Checkbox.Card
                  key={o.key}
                  value={o.key}
                  disabled={disabled || full}
                  p="sm"
                  radius="sm"
                  mih={48}
                  style={chosenStyle(checked)}
                >
                  <Group wrap="nowrap" align="flex-start" gap="sm">
                    <Checkbox.Indicator disabled={disabled || full} />
                    <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                      {o.text}
                    </Text>
                  </Group>
                </Checkbox.Card>
              );
            })}
          </Stack>
        </Checkbox.Group>
      );
    }
    case 'scale': {
      const values = Array.from({ length: item.scale_max + 1 }, (_, i) => i);
      return (
        <Radio.Group
          value={typeof value === 'number' ? String(value) : null}
          onChange={(v) => onChange(Number(v))}
          label={<Heading item={item} number={number} hint={a.scale(item.scale_max)} />}
          error={error}
          data-testid={testId}
        >
          <SimpleGrid cols={{ base: Math.min(values.length, 6), xs: Math.min(values.length, 11) }} spacing={6} mt="xs">
            {values.map((n) => (
              <Radio.Card
                key={n}
                value={String(n)}
                disabled={disabled}
                radius="sm"
                mih={48}
                p={4}
                aria-label={item.scale_labels?.[n] ? `${n} — ${item.scale_labels[n]}` : String(n)}
                style={{ display: 'flex', alignItems: 'center', justifyContent: 'center', ...chosenStyle(value === n) }}
              >
                <Text fw={700} ta="center">
                  {n}
                </Text>
              </Radio.Card>
            ))}
          </SimpleGrid>
          {item.scale_labels?.length ? (
            <Group justify="space-between" mt={4} gap="xs">
              <Text size="xs" c="dimmed">
                {`0 — ${item.scale_labels[0]}`}
              </Text>
              <Text size="xs" c="dimmed" ta="right">
                {`${item.scale_max} — ${item.scale_labels[item.scale_max]}`}
              </Text>
            </Group>
          ) : null}
        </Radio.Group>
      );
    }
    case 'text': {
      const max = item.max_length ?? 1000;
      return (
        <Textarea
          label={<Heading item={item} number={number} hint={a.textHint(max)} />}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.currentTarget.value)}
          maxLength={max}
          autosize
          minRows={3}
          disabled={disabled}
          error={error}
          data-testid={testId}
          size="md"
        />
      );
    }
  }
}
