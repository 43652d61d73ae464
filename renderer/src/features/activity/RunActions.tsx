import { useState } from 'react';
import { Alert, Box, Button, Menu, MenuItem, Stack, TextField, Typography } from '@mui/material';
import RefreshIcon from '@mui/icons-material/Sync';
import CopyIcon from '@mui/icons-material/ContentCopy';
import RecheckIcon from '@mui/icons-material/Replay';
import { call } from '../../api/client';
import { useApiQuery } from '../../api/hooks';
import { ErrorNotice } from '../../components/ErrorNotice';
import { RefreshResults } from '../../components/RefreshResults';
import { copyText, Section } from './RunDetailParts';
import { useSecretRefresh, type RunRef } from './use-activity';

/** Props of {@link RunActions}. */
export interface RunActionsProps {
  readonly runRef: RunRef;
  readonly secretId: number;
  readonly windowMinutes: number;
  readonly rechecking: boolean;
  readonly onRecheck: () => void;
}

/** Refresh the secret in the cache (all instances or one), re-check the run, copy the diagnostic summary. */
export function RunActions({ runRef, secretId, windowMinutes, rechecking, onRecheck }: RunActionsProps) {
  const refresh = useSecretRefresh();
  const instances = useApiQuery('fleet:list', { check: false }).data ?? [];
  const [menu, setMenu] = useState<HTMLElement | null>(null);
  const [diag, setDiag] = useState<{ state: 'busy' | 'copied' | 'manual' | 'failed'; text?: string; error?: unknown } | null>(null);

  const copyDiagnostic = async () => {
    setDiag({ state: 'busy' });
    try {
      const { text } = await call('activity:diagnostic', {
        runId: runRef.runId,
        ...(runRef.profileId ? { profileId: runRef.profileId } : {}),
        windowMinutes,
      });
      setDiag((await copyText(text)) ? { state: 'copied' } : { state: 'manual', text });
    } catch (error) {
      setDiag({ state: 'failed', error });
    }
  };

  return (
    <Section title="Actions">
      <Stack direction="row" sx={{ gap: 1, flexWrap: 'wrap' }}>
        <Button
          variant="contained"
          startIcon={<RefreshIcon />}
          disabled={refresh.running || !instances.length}
          onClick={() => void refresh.run(secretId)}
        >
          {refresh.running ? 'Refreshing…' : 'Refresh secret on all instances'}
        </Button>
        <Button
          variant="outlined"
          disabled={refresh.running || !instances.length}
          onClick={(e) => setMenu(e.currentTarget)}
          aria-haspopup="menu"
          aria-controls={menu ? 'refresh-one-menu' : undefined}
        >
          On one instance…
        </Button>
        <Menu id="refresh-one-menu" anchorEl={menu} open={Boolean(menu)} onClose={() => setMenu(null)}>
          {instances.map((i) => (
            <MenuItem
              key={i.profileId}
              onClick={() => {
                setMenu(null);
                void refresh.run(secretId, [i.profileId], i.name);
              }}
            >
              Refresh on {i.name}
            </MenuItem>
          ))}
        </Menu>
        {refresh.running ? <Button onClick={() => void refresh.cancel()}>Cancel</Button> : null}
        <Button variant="outlined" startIcon={<RecheckIcon />} disabled={rechecking} onClick={onRecheck}>
          {rechecking ? 'Re-checking…' : 'Re-check run'}
        </Button>
        <Button variant="outlined" startIcon={<CopyIcon />} disabled={diag?.state === 'busy'} onClick={() => void copyDiagnostic()}>
          {diag?.state === 'busy' ? 'Preparing…' : 'Copy diagnostic summary'}
        </Button>
      </Stack>
      {!instances.length ? (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          No Credentials Cache instance is configured, so there is nothing to refresh.
        </Typography>
      ) : null}
      {diag?.state === 'copied' ? (
        <Alert severity="success" sx={{ mt: 1 }} onClose={() => setDiag(null)}>
          Diagnostic summary copied (no passwords, tokens or secret values).
        </Alert>
      ) : null}
      {diag?.state === 'manual' ? (
        <Box sx={{ mt: 1 }}>
          <Alert severity="info" onClose={() => setDiag(null)}>
            The browser did not allow copying: select the text below and copy it.
          </Alert>
          <TextField
            value={diag.text}
            multiline
            fullWidth
            minRows={4}
            maxRows={12}
            slotProps={{ htmlInput: { readOnly: true, 'aria-label': 'Diagnostic summary' } }}
            onFocus={(e) => e.target.select()}
            sx={{ mt: 1, '& textarea': { fontFamily: 'monospace', fontSize: '0.78rem' } }}
          />
        </Box>
      ) : null}
      {diag?.state === 'failed' ? (
        <ErrorNotice
          error={diag.error}
          title="Could not build the diagnostic summary"
          onRetry={() => void copyDiagnostic()}
          sx={{ mt: 1 }}
        />
      ) : null}
      <ErrorNotice error={refresh.error} title={`Could not refresh secret ${secretId}`} sx={{ mt: 1 }} />
      {refresh.target && (refresh.running || refresh.outcomes.length) ? (
        <Typography variant="body2" sx={{ mt: 1 }}>
          Refresh of secret {secretId} on {refresh.target}
          {refresh.running ? ': waiting for the instances and their logs…' : ''}
        </Typography>
      ) : null}
      <RefreshResults outcomes={refresh.outcomes} report={refresh.report} />
    </Section>
  );
}
