// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../../contract';
import { ExportDialog, suggestedPath } from '../../../renderer/src/features/activity/ExportDialog';
import { setTransport } from './fake-transport';
import { deferred, renderWithClient } from './render-helpers';
import { ok } from './activity-fixtures';

type Fake = ReturnType<typeof setTransport>;
const callsTo = (fake: Fake, channel: string) => fake.calls.filter((c) => c.channel === channel);
const SORT = { field: 'eventTime', direction: 'desc' } as const;

describe('Export dialog (jsdom)', () => {
  let fake: Fake;
  beforeEach(() => {
    fake = setTransport({ 'app:info': () => ok({ dataDir: '/home/admin/.engine-console', startedAt: new Date(0).toISOString() }) });
  });
  afterEach(() => cleanup());

  it('suggests a file in the data folder, follows the format, and exports the filtered runs with progress and cancel', async () => {
    const reply = deferred<Envelope<unknown>>();
    fake.handlers['activity:export'] = () => reply.promise;
    fake.handlers['jobs:cancel'] = () => ok({ cancelled: true });
    renderWithClient(
      <ExportDialog open onClose={() => undefined} filter={{ failedOnly: true, profileId: 'ss1', secret: 'app' }} sort={SORT} />,
    );
    const field = await screen.findByRole('textbox', { name: 'File (full path)' });
    await waitFor(() =>
      expect((field as HTMLInputElement).value).toMatch(/^\/home\/admin\/\.engine-console\/pipeline-runs-\d{8}-\d{6}\.csv$/),
    );
    fireEvent.change(field, { target: { value: '/tmp/runs.csv' } });
    fireEvent.click(screen.getByRole('radio', { name: 'JSON' }));
    expect((field as HTMLInputElement).value).toBe('/tmp/runs.json');

    fireEvent.click(screen.getByRole('button', { name: 'Export' }));
    await waitFor(() => expect(callsTo(fake, 'activity:export')).toHaveLength(1));
    const start = callsTo(fake, 'activity:export')[0]!;
    expect(start.payload).toEqual({
      failedOnly: true,
      profileId: 'ss1',
      secret: 'app',
      sort: SORT,
      format: 'json',
      path: '/tmp/runs.json',
      overwrite: false,
    });
    act(() =>
      fake.emit('job:event', {
        jobId: start.requestId,
        kind: 'activity:export',
        seq: 1,
        type: 'progress',
        progress: { done: 200, data: { rows: 200 } },
      }),
    );
    await screen.findByText('200 run(s) written…');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel export' }));
    await waitFor(() => expect(callsTo(fake, 'jobs:cancel')[0]?.payload).toEqual({ jobId: start.requestId }));
    reply.resolve({ ok: false, error: { code: 'CANCELLED', message: 'The export was cancelled; no file was written.', retryable: false } });
    await screen.findByText('The export was cancelled; no file was written.');
  });

  it('a refused path is shown under the field', async () => {
    fake.handlers['activity:export'] = () => ({
      ok: false,
      error: {
        code: 'CONFLICT',
        message: 'The file exists: tick "Replace" to overwrite it.',
        retryable: false,
        details: { field: 'path' },
      },
    });
    renderWithClient(<ExportDialog open onClose={() => undefined} filter={{ failedOnly: false }} sort={SORT} />);
    await waitFor(() => expect((screen.getByRole('textbox', { name: 'File (full path)' }) as HTMLInputElement).value).not.toBe(''));
    fireEvent.click(screen.getByRole('button', { name: 'Export' }));
    await screen.findByText('The file exists: tick "Replace" to overwrite it.');
  });

  it('suggestedPath keeps Windows separators', () => {
    expect(suggestedPath('C:\\ProgramData\\EngineConsole\\', 'csv', new Date(2026, 11, 2, 15, 8, 14))).toBe(
      'C:\\ProgramData\\EngineConsole\\pipeline-runs-20261202-150814.csv',
    );
  });
});
