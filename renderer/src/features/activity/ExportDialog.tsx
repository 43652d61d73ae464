import { useState } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  LinearProgress,
  Radio,
  RadioGroup,
  TextField,
  Typography,
} from '@mui/material';
import { useApiQuery } from '../../api/hooks';
import { useJob } from '../../api/use-job';
import { ErrorNotice, fieldErrorOf } from '../../components/ErrorNotice';
import { requestFilter, type RouteFilter, type RunSort } from './route';

type Format = 'csv' | 'json';

/** A suggested file in the data folder: `<data>/pipeline-runs-20261202-150814.csv`. */
export function suggestedPath(dataDir: string, format: Format, now = new Date()): string {
  const sep = dataDir.includes('\\') && !dataDir.includes('/') ? '\\' : '/';
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
  return `${dataDir.replace(/[\\/]+$/, '')}${sep}pipeline-runs-${stamp}.${format}`;
}

function withFormat(path: string, format: Format): string {
  return /\.(csv|json)$/i.test(path) ? path.replace(/\.(csv|json)$/i, `.${format}`) : path;
}

/** Props of {@link ExportDialog}. */
export interface ExportDialogProps {
  readonly open: boolean;
  readonly onClose: () => void;
  readonly filter: RouteFilter;
  readonly sort: RunSort;
}

/** Export the filtered runs to a file the user names (serve mode has no save dialog): a job with progress and cancel. */
export function ExportDialog({ open, onClose, filter, sort }: ExportDialogProps) {
  const info = useApiQuery('app:info', {}, { staleTime: Infinity });
  const job = useJob('activity:export');
  const [format, setFormat] = useState<Format>('csv');
  const [path, setPath] = useState<string | null>(null);
  const [overwrite, setOverwrite] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const shownPath = path ?? (info.data ? suggestedPath(info.data.dataDir, format) : '');
  const pathError = fieldErrorOf(error)?.field === 'path' ? fieldErrorOf(error)?.message : undefined;

  const start = async () => {
    setError(null);
    try {
      await job.run({ ...requestFilter(filter), sort: { ...sort }, format, path: shownPath.trim(), overwrite });
    } catch (err) {
      setError(err);
    }
  };
  const close = () => {
    if (job.running) return;
    job.detach();
    setError(null);
    setPath(null);
    onClose();
  };
  const rows = job.progress?.data?.rows ?? 0;
  const result = job.result;

  return (
    <Dialog open={open} onClose={close} fullWidth maxWidth="sm" aria-labelledby="export-title">
      <DialogTitle id="export-title">Export the filtered runs</DialogTitle>
      <DialogContent>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          Every run matching the table&apos;s filters, in its order, read from Secret Server page by page.
        </Typography>
        <RadioGroup
          row
          value={format}
          onChange={(e) => {
            const f = e.target.value as Format;
            setFormat(f);
            if (path !== null) setPath(withFormat(path, f));
          }}
          aria-label="Format"
        >
          <FormControlLabel value="csv" control={<Radio />} label="CSV" disabled={job.running} />
          <FormControlLabel value="json" control={<Radio />} label="JSON" disabled={job.running} />
        </RadioGroup>
        <TextField
          label="File (full path)"
          value={shownPath}
          onChange={(e) => {
            setPath(e.target.value);
            setError(null);
          }}
          fullWidth
          size="small"
          disabled={job.running}
          error={Boolean(pathError)}
          helperText={pathError ?? `The folder must exist; the name must end in .${format}.`}
          sx={{ mt: 1 }}
        />
        <FormControlLabel
          control={<Checkbox checked={overwrite} onChange={(e) => setOverwrite(e.target.checked)} disabled={job.running} />}
          label="Replace the file if it exists"
        />
        {job.running ? (
          <>
            <LinearProgress aria-label="Exporting" sx={{ mt: 1 }} />
            <Typography variant="body2" role="status" sx={{ mt: 0.5 }}>
              {rows} run(s) written…
            </Typography>
          </>
        ) : null}
        {result ? (
          <Alert severity="success" sx={{ mt: 1 }} role="status">
            Wrote {result.rows} run(s) ({Math.max(1, Math.round(result.bytes / 1024))} KB) to {result.path}
          </Alert>
        ) : null}
        <ErrorNotice
          error={error}
          title="The export did not finish"
          fieldLabel={(f) => (f === 'path' ? 'File' : undefined)}
          fieldShown={(f) => f === 'path'}
          onRetry={() => void start()}
          sx={{ mt: 1 }}
        />
      </DialogContent>
      <DialogActions>
        {job.running ? (
          <Button onClick={() => void job.cancel()}>Cancel export</Button>
        ) : (
          <Button onClick={close}>{result ? 'Close' : 'Cancel'}</Button>
        )}
        <Button variant="contained" onClick={() => void start()} disabled={job.running || !shownPath.trim()}>
          Export
        </Button>
      </DialogActions>
    </Dialog>
  );
}
