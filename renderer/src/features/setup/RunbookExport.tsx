import { useState } from 'react';
import { Button, Snackbar } from '@mui/material';
import { call } from '../../api/client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { WIZARD_ID } from './use-setup';

/** Offers `markdown` as a file download through a Blob link. */
export function downloadText(fileName: string, text: string, type = 'text/markdown'): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** "Export runbook": the current plan as Markdown (`setup:runbook`), copied to the clipboard and downloaded. */
export function RunbookExport({ disabled }: { disabled?: boolean }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const { fileName, markdown } = await call('setup:runbook', { wizardId: WIZARD_ID });
      downloadText(fileName, markdown);
      let copied = false;
      try {
        await navigator.clipboard.writeText(markdown);
        copied = true;
      } catch {
        // No clipboard permission (e.g. a page without focus): the download is enough.
      }
      setDone(copied ? `Runbook ${fileName} downloaded and copied to the clipboard.` : `Runbook ${fileName} downloaded.`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button variant="outlined" onClick={() => void run()} disabled={disabled || busy}>
        {busy ? 'Exporting…' : 'Export runbook'}
      </Button>
      {error ? (
        <ErrorNotice
          error={error}
          title="The runbook was not exported"
          onClose={() => setError(null)}
          sx={{ position: 'fixed', bottom: 16, right: 16, zIndex: 1400 }}
        />
      ) : null}
      <Snackbar open={done !== null} autoHideDuration={5000} onClose={() => setDone(null)} message={done ?? ''} />
    </>
  );
}
