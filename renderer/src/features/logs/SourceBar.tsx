import { useState } from 'react';
import { Alert, Button, Chip, MenuItem, Stack, TextField } from '@mui/material';
import FolderOpenIcon from '@mui/icons-material/FolderOpenOutlined';
import type { ResolvedLogSource } from '../../../../contract/channels/logs';
import { useApiQuery } from '../../api/hooks';
import { ErrorNotice } from '../../components/ErrorNotice';

/** Props of the source bar. */
export interface SourceBarProps {
  readonly source: ResolvedLogSource | null;
  readonly current: string | null;
  readonly error: unknown;
  readonly onResolve: (input: string) => void;
  readonly onPickFile: (path: string) => void;
}

/** Where the logs come from: a path, the Distributed Engine default, the files of the set. */
export function SourceBar({ source, current, error, onResolve, onPickFile }: SourceBarProps) {
  const [input, setInput] = useState('');
  const defaults = useApiQuery('logs:defaults', {});
  const engine = defaults.data?.engineLogFolder;
  const files = source?.sets.flatMap((s) => s.files) ?? [];
  const profiles = useApiQuery('connections:list', {});
  // Quick picks: every Credentials Cache profile that names its log source.
  const caches = (profiles.data ?? []).flatMap((p) =>
    p.kind === 'credentials-cache' && p.logPath ? [{ id: p.id, name: p.name, logPath: p.logPath }] : [],
  );
  return (
    <Stack sx={{ gap: 1, mb: 1 }}>
      <Stack
        direction="row"
        component="form"
        sx={{ gap: 1, flexWrap: 'wrap' }}
        onSubmit={(e) => (e.preventDefault(), input.trim() && onResolve(input.trim()))}
      >
        <TextField
          size="small"
          label="Log file, log folder, or Credentials Cache folder / appsettings.json"
          value={input}
          onChange={(e) => setInput(e.target.value)}
          sx={{ flex: 1, minWidth: 360 }}
          slotProps={{ htmlInput: { 'aria-label': 'Log source path' } }}
        />
        <Button type="submit" variant="contained" startIcon={<FolderOpenIcon />} disabled={!input.trim()}>
          Open
        </Button>
        {engine ? (
          <Button
            variant="outlined"
            onClick={() => (setInput(engine), onResolve(engine))}
            title={defaults.data?.engineLogFolderExists ? engine : `${engine} (not found on this machine)`}
          >
            Distributed Engine logs
          </Button>
        ) : null}
      </Stack>
      {caches.length ? (
        <Stack direction="row" sx={{ gap: 1, flexWrap: 'wrap' }} aria-label="Credentials Cache logs">
          {caches.map((c) => (
            <Chip
              key={c.id}
              label={`${c.name} log`}
              title={c.logPath}
              variant="outlined"
              onClick={() => (setInput(c.logPath), onResolve(c.logPath))}
            />
          ))}
        </Stack>
      ) : null}
      <ErrorNotice error={error} />
      {source?.warnings.map((w) => (
        <Alert key={w.code + (w.file ?? '')} severity={w.code === 'NO_LOG_FILES' ? 'info' : 'warning'}>
          {w.message}
        </Alert>
      ))}
      {files.length > 1 ? (
        <TextField
          select
          size="small"
          label="File (oldest first)"
          value={current ?? ''}
          onChange={(e) => onPickFile(e.target.value)}
          sx={{ maxWidth: 520 }}
        >
          {files.map((f) => (
            <MenuItem key={f.path} value={f.path}>
              {f.name} — {(f.size / 1024).toFixed(0)} KB
            </MenuItem>
          ))}
        </TextField>
      ) : null}
    </Stack>
  );
}
