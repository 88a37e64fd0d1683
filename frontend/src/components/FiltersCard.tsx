import type { ReactNode } from 'react';
import { useState } from 'react';
import { Badge, Button, Card, Collapse, Group, SimpleGrid, Stack } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { t } from '../i18n/messages';

type Props = {
  /** Element id of the folded panel (aria-controls of «Фильтры»). */
  id: string;
  /** The search box (or another first field): always shown, also on a phone. */
  search?: ReactNode;
  /** The other filter fields. */
  children: ReactNode;
  /** How many filters are set (the badge on «Фильтры» on a phone). */
  activeCount: number;
  /** «Сбросить фильтры», shown while something is set. */
  onReset?: () => void;
};

/**
 * A list's filters: a grid on wide screens; on a phone the search and a «Фильтры» button, the other fields folded
 * away so the results come first (as the teacher list does).
 */
export function FiltersCard({ id, search, children, activeCount, onReset }: Props) {
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false }) ?? false;
  const [open, setOpen] = useState(false);
  return (
    <Card withBorder padding="md" component="section" aria-label={t.common.filters}>
      {phone ? (
        <Stack gap="sm">
          {search}
          <Button
            variant="light"
            onClick={() => setOpen((o) => !o)}
            aria-expanded={open}
            aria-controls={id}
            rightSection={activeCount ? <Badge size="sm" circle>{activeCount}</Badge> : null}
          >
            {t.common.filters}
          </Button>
          <Collapse expanded={open} id={id}>
            <Stack gap="sm">{children}</Stack>
          </Collapse>
        </Stack>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
          {search}
          {children}
        </SimpleGrid>
      )}
      {onReset && activeCount > 0 ? (
        <Group mt="sm">
          <Button variant="subtle" size="xs" onClick={onReset}>
            {t.common.reset}
          </Button>
        </Group>
      ) : null}
    </Card>
  );
}
