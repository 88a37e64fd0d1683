import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { formatFraction, formatKpiValue, statusView } from './format';
import { t } from './messages';

const k = t.kpi;

export type CardData = {
  code: string;
  name: string;
  unit: string;
  numerator: number;
  denominator: number | null;
  value: number | null;
  target: number | null;
  status: string | null;
  selected: boolean;
  /** Counts records (documents, meetings…): «Что учтено» instead of «Кто учтён». */
  records?: boolean;
  /** A remark under the value, e.g. that it is live while the rest come from the approved snapshot. */
  note?: string;
};

/** One indicator: value with its unit, «12 из 40», the target and the status in colour and words. */
export function IndicatorCard({ card, onDetails, onDrilldown }: { card: CardData; onDetails: () => void; onDrilldown?: () => void }) {
  const status = statusView(card.status, card.value);
  const fraction = formatFraction(card.numerator, card.denominator);
  const titleId = `kpi-card-${card.code.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  return (
    <Card
      withBorder
      padding="md"
      component="article"
      aria-labelledby={titleId}
      data-testid="kpi-card"
      data-code={card.code}
      data-status={status.code}
      style={{ borderTop: `4px solid var(--mantine-color-${status.color}-6)`, outline: card.selected ? '2px solid var(--mantine-color-blue-6)' : undefined }}
    >
      <Stack gap={6} h="100%">
        <Text size="xs" c="dimmed" fw={600}>
          {card.code}
        </Text>
        <Title order={3} size="h6" id={titleId} lh={1.3}>
          {card.name}
        </Title>
        <Text fz={28} fw={700} lh={1.2} data-testid="kpi-card-value">
          {formatKpiValue(card.value, card.unit)}
        </Text>
        {fraction ? (
          <Text size="sm" data-testid="kpi-card-fraction">
            {fraction}
          </Text>
        ) : null}
        {card.note ? (
          <Text size="xs" c="dimmed" fs="italic">
            {card.note}
          </Text>
        ) : null}
        <Text size="sm" c="dimmed">
          {card.target === null ? k.noTarget : k.target(formatKpiValue(card.target, card.unit))}
        </Text>
        <Group gap="xs" mt="auto" pt={4} justify="space-between" wrap="wrap">
          <Badge variant="dot" color={status.color} tt="none" size="md" data-testid="kpi-card-status">
            {status.label}
          </Badge>
          <Group gap={4}>
            <Button size="compact-sm" variant={card.selected ? 'light' : 'subtle'} onClick={onDetails} aria-label={k.detailsOf(card.code)} aria-pressed={card.selected}>
              {k.details}
            </Button>
            {onDrilldown ? (
              <Button size="compact-sm" variant="subtle" onClick={onDrilldown} aria-label={card.records ? k.whatCountedOf(card.code) : k.whoCountedOf(card.code)}>
                {card.records ? k.whatCounted : k.whoCounted}
              </Button>
            ) : null}
          </Group>
        </Group>
      </Stack>
    </Card>
  );
}
