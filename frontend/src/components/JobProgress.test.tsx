import { screen } from '@testing-library/react';
import type { Job } from '../api/jobs';
import { isFinished } from '../api/jobs';
import { t } from '../i18n/messages';
import { renderWithProviders } from '../test/render';
import { JobProgressView } from './JobProgress';

const base: Job = {
  id: 'j1',
  kind: 'teachers_export',
  kind_name: 'Выгрузка списка педагогов',
  state: 'running',
  state_name: 'Выполняется',
  done: 1200,
  total: 6000,
  message: 'Собираются строки',
  error: null,
  result: null,
  result_file_id: null,
  result_url: null,
  municipality_id: null,
  organization_id: null,
  created_by_name: 'Тест',
  created_at: '2026-12-01T10:00:00Z',
  started_at: '2026-12-01T10:00:01Z',
  finished_at: null,
  url: '/api/v1/jobs/j1',
};

describe('JobProgress', () => {
  it('shows «Выполнено N из M» and the state while running', () => {
    renderWithProviders(<JobProgressView job={base} />);
    expect(screen.getByText('Выполнено 1200 из 6000')).toBeInTheDocument();
    expect(screen.getByText('Выполняется')).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: t.jobs.progressLabel })).toHaveAttribute('aria-valuenow', '20');
    expect(screen.queryByRole('button', { name: t.jobs.download })).not.toBeInTheDocument();
  });

  it('offers the result file when done', () => {
    renderWithProviders(
      <JobProgressView job={{ ...base, state: 'succeeded', state_name: 'Готово', done: 6000, result_file_id: 'f1' }} />,
    );
    expect(screen.getByRole('button', { name: t.jobs.download })).toBeInTheDocument();
  });

  it('shows the Russian error of a failed job', () => {
    renderWithProviders(
      <JobProgressView
        job={{ ...base, state: 'failed', state_name: 'Ошибка', error: 'В файле есть ошибки — ничего не загружено' }}
      />,
    );
    expect(screen.getByText('В файле есть ошибки — ничего не загружено')).toBeInTheDocument();
  });

  it('stops polling once the job has ended', () => {
    expect(isFinished({ state: 'running' })).toBe(false);
    expect(isFinished({ state: 'queued' })).toBe(false);
    expect(isFinished({ state: 'succeeded' })).toBe(true);
    expect(isFinished({ state: 'failed' })).toBe(true);
  });
});
