import { fireEvent, screen, waitFor } from '@testing-library/react';
import { ApiError } from '../api/errors';
import { t } from '../i18n/messages';
import { renderWithProviders } from '../test/render';
import { ArchiveModal } from './ArchiveModal';

function open(onConfirm: (reason: string) => Promise<unknown>, onReload = vi.fn()) {
  renderWithProviders(
    <ArchiveModal opened onClose={vi.fn()} title="Архивировать" text="Текст" onConfirm={onConfirm} onReload={onReload} />,
  );
  return { reason: screen.getByLabelText(new RegExp(t.common.archiveReason)), submit: screen.getByRole('button', { name: t.common.archive }) };
}

describe('ArchiveModal', () => {
  it('asks for a reason before sending, then sends it trimmed', async () => {
    const onConfirm = vi.fn().mockResolvedValue(undefined);
    const { reason, submit } = open(onConfirm);
    fireEvent.click(submit);
    expect(await screen.findByText(t.validation.required)).toBeInTheDocument();
    expect(onConfirm).not.toHaveBeenCalled();
    fireEvent.change(reason, { target: { value: '  реорганизация  ' } });
    expect(screen.queryByText(t.validation.required)).not.toBeInTheDocument();
    fireEvent.click(submit);
    await waitFor(() => expect(onConfirm).toHaveBeenCalledWith('реорганизация'));
  });

  it('on 412 offers «Обновить», on other errors shows the Russian message', async () => {
    const onReload = vi.fn();
    const onConfirm = vi
      .fn()
      .mockRejectedValueOnce(new ApiError(412, { type: 'about:blank', title: 'Запись изменена', status: 412, code: 'version_conflict' }))
      .mockRejectedValueOnce(new ApiError(409, { type: 'about:blank', title: 'Конфликт', status: 409, detail: 'Уже в архиве', code: 'conflict' }));
    const { reason, submit } = open(onConfirm, onReload);
    fireEvent.change(reason, { target: { value: 'причина' } });
    fireEvent.click(submit);
    fireEvent.click(await screen.findByRole('button', { name: t.concurrency.reload }));
    expect(onReload).toHaveBeenCalled();
    fireEvent.click(submit);
    expect(await screen.findByText('Конфликт. Уже в архиве')).toBeInTheDocument();
  });
});
