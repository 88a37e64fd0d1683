import { Group, Progress, Stack, Text } from '@mantine/core';
import { t } from './messages';

const a = t.associations;

/** «2 из 4 · 50 %» with a bar; no plan — «нет плана», never 0 %. */
export function ShareFigure({ planned, held, share, size = 'sm' }: { planned: number; held: number; share: number | null | undefined; size?: 'sm' | 'lg' }) {
  if (!planned || share === null || share === undefined) {
    return (
      <Text size="sm" c="dimmed" data-testid="association-share">
        {a.shareNoData}
      </Text>
    );
  }
  return (
    <Stack gap={4} miw={size === 'lg' ? 240 : 140} data-testid="association-share">
      <Group gap="xs" justify="space-between">
        <Text size={size === 'lg' ? 'lg' : 'sm'} fw={600}>
          {a.sharePercent(share)}
        </Text>
        <Text size="sm" c="dimmed">
          {a.share(held, planned)}
        </Text>
      </Group>
      <Progress value={share} size={size === 'lg' ? 'lg' : 'sm'} aria-label={`${a.shareTitle}: ${a.sharePercent(share)}`} />
    </Stack>
  );
}
