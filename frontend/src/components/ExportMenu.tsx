import { useState } from 'react';
import { Button, Menu } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { errorMessage } from '../api/errors';
import type { ExportFormat } from '../api/queries';
import { t } from '../i18n/messages';
import { saveBlob } from '../lib/download';

type Props = { onExport: (format: ExportFormat) => Promise<{ blob: Blob; filename: string }> };

/** «Выгрузить»: the current list as an Excel file or CSV. */
export function ExportMenu({ onExport }: Props) {
  const [pending, setPending] = useState(false);
  async function run(format: ExportFormat) {
    setPending(true);
    try {
      const { blob, filename } = await onExport(format);
      saveBlob(blob, filename);
    } catch (error) {
      notifications.show({ color: 'red', title: t.export.failed, message: errorMessage(error) });
    } finally {
      setPending(false);
    }
  }
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" loading={pending}>
          {t.export.button}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item onClick={() => void run('xlsx')}>{t.export.xlsx}</Menu.Item>
        <Menu.Item onClick={() => void run('csv')}>{t.export.csv}</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
