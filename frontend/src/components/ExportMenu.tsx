import { useState } from 'react';
import { Button, Menu, Modal } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { errorMessage } from '../api/errors';
import type { ExportFormat, ExportResult } from '../api/queries';
import { t } from '../i18n/messages';
import { saveBlob } from '../lib/download';
import { JobProgress } from './JobProgress';

type Props = { onExport: (format: ExportFormat) => Promise<ExportResult> };

/** «Выгрузить»: the current list as an Excel file or CSV; a large list is made in the background (progress bar). */
export function ExportMenu({ onExport }: Props) {
  const [pending, setPending] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  async function run(format: ExportFormat) {
    setPending(true);
    try {
      const result = await onExport(format);
      if ('jobId' in result) setJobId(result.jobId);
      else saveBlob(result.blob, result.filename);
    } catch (error) {
      notifications.show({ color: 'red', title: t.export.failed, message: errorMessage(error) });
    } finally {
      setPending(false);
    }
  }
  return (
    <>
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
      <Modal opened={jobId !== null} onClose={() => setJobId(null)} title={t.export.background} closeButtonProps={{ 'aria-label': t.jobs.close }}>
        {jobId ? <JobProgress jobId={jobId} /> : null}
      </Modal>
    </>
  );
}
