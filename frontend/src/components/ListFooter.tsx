import { Group, Pagination, Text } from '@mantine/core';
import { t } from '../i18n/messages';

type Props = { total: number; limit: number; offset: number; onOffsetChange: (offset: number) => void };

/** «Показаны 1–50 из 192» and page buttons with Russian labels. */
export function ListFooter({ total, limit, offset, onOffsetChange }: Props) {
  if (total === 0) return null;
  const pages = Math.max(1, Math.ceil(total / limit));
  const page = Math.min(pages, Math.floor(offset / limit) + 1);
  const from = offset + 1;
  const to = Math.min(total, offset + limit);
  return (
    <Group justify="space-between" wrap="wrap" gap="sm">
      <Text size="sm" c="dimmed" aria-live="polite">
        {t.common.shown(from, to, total)}
      </Text>
      {pages > 1 ? (
        <nav aria-label={t.common.pagination}>
          <Pagination
            total={pages}
            value={page}
            onChange={(p) => onOffsetChange((p - 1) * limit)}
            size="sm"
            getItemProps={(p) => ({ 'aria-label': t.common.page(p) })}
            getControlProps={(control) => ({ 'aria-label': t.common.pageControl[control] })}
          />
        </nav>
      ) : null}
    </Group>
  );
}
