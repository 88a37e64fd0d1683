import { Badge, Group } from '@mantine/core';
import type { EventBrief, EventRead } from './api';
import { t } from './messages';

const e = t.events;

export const STATUS_COLORS: Record<string, string> = { planned: 'blue', held: 'green', cancelled: 'gray' };

/** Level rank 1–7 → a colour from school (grey) to international (violet). */
const LEVEL_COLORS: Record<string, string> = {
  school: 'gray',
  municipal: 'blue',
  inter_municipal: 'cyan',
  regional: 'teal',
  inter_regional: 'green',
  federal: 'orange',
  international: 'violet',
};

export function StatusBadge({ status }: { status: string }) {
  return (
    <Badge size="sm" variant="light" color={STATUS_COLORS[status] ?? 'gray'} tt="none">
      {e.statuses[status] ?? status}
    </Badge>
  );
}

export function LevelBadge({ level }: { level: string }) {
  return (
    <Badge size="sm" variant="light" color={LEVEL_COLORS[level] ?? 'gray'} tt="none">
      {e.levels[level] ?? level}
    </Badge>
  );
}

/** Type, level and (unless planned) status of an event. */
export function EventBadges({ event, withStatus = true }: { event: EventBrief | EventRead; withStatus?: boolean }) {
  return (
    <Group gap={4}>
      <Badge size="sm" variant="outline" color="dark" tt="none">
        {e.types[event.type] ?? event.type}
      </Badge>
      <LevelBadge level={event.level} />
      {withStatus && event.status !== 'planned' ? <StatusBadge status={event.status} /> : null}
    </Group>
  );
}
