import { useEffect, useMemo, useState } from 'react';
import {
  Box,
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  MenuItem,
  Stack,
  TextField,
} from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import { useGridApiRef } from '@mui/x-data-grid';
import type { ConnectionKind, ProfileView } from '../../../../contract/channels/connections';
import { PageHeader } from '../../components/PageHeader';
import { useNotify } from '../../components/Notifications';
import { ErrorNotice } from '../../components/ErrorNotice';
import { DemoOffer } from '../../components/DemoOffer';
import { KIND_LABEL } from '../../components/kind-label';
import { ConnectionsTable, target } from './ConnectionsTable';
import { ProfileDialog } from './ProfileDialog';
import { TestDetailsDialog } from './TestDetailsDialog';
import { useConnections, useProfileMutations } from './use-connections';
import { useEditFromRoute } from './use-edit-route';
import { useTestRuns } from './use-test-runs';

type KindFilter = 'all' | ConnectionKind;

function matches(p: ProfileView, kind: KindFilter, search: string): boolean {
  if (kind !== 'all' && p.kind !== kind) return false;
  const q = search.trim().toLowerCase();
  return !q || `${p.name} ${KIND_LABEL[p.kind]} ${target(p)}`.toLowerCase().includes(q);
}

/** Connection profiles as a table: search, kind filter, sort, Test / Test all with per-row progress, details, add/edit, delete. */
export function ConnectionsPage() {
  const list = useConnections();
  const { remove } = useProfileMutations();
  const notify = useNotify();
  const tests = useTestRuns();
  const apiRef = useGridApiRef();
  const [dialog, setDialog] = useState<{ editing?: ProfileView } | null>(null);
  const [deleting, setDeleting] = useState<ProfileView | null>(null);
  const [detailsId, setDetailsId] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [kind, setKind] = useState<KindFilter>('all');
  const [selected, setSelected] = useState<string | null>(null);
  const [focusId, setFocusId] = useState<string | null>(null);
  const profiles = useMemo(() => list.data ?? [], [list.data]);
  const visible = useMemo(() => profiles.filter((p) => matches(p, kind, search)), [profiles, kind, search]);
  const details = profiles.find((p) => p.id === detailsId);
  useEditFromRoute(profiles, (p) => {
    setDetailsId(null);
    setDialog({ editing: p });
  });

  // A newly saved profile is selected, scrolled to and focused once its row is in the table.
  useEffect(() => {
    if (!focusId || !apiRef.current) return;
    const index = visible.findIndex((p) => p.id === focusId);
    if (index < 0) return;
    apiRef.current.scrollToIndexes({ rowIndex: index, colIndex: 0 });
    apiRef.current.setCellFocus(focusId, 'name');
    const cell = apiRef.current.getCellElement(focusId, 'name');
    cell?.focus();
    setFocusId(null);
  }, [focusId, visible, apiRef]);

  const confirmDelete = async () => {
    if (!deleting) return;
    try {
      await remove.mutateAsync({ id: deleting.id });
      notify('success', `Deleted ${deleting.name} and its stored credentials.`);
    } catch (err) {
      notify('error', `Could not delete ${deleting.name}`, err);
    }
    setDeleting(null);
  };

  return (
    <Box sx={{ p: 3 }}>
      <PageHeader
        title="Connections"
        subtitle="Secret Server, AWS Secrets Manager and Credentials Cache profiles. Credentials are kept in the credential store and never shown again."
        actions={
          <Button variant="contained" startIcon={<AddIcon />} onClick={() => setDialog({})}>
            Add connection
          </Button>
        }
      />
      {list.isPending ? <CircularProgress aria-label="Loading" /> : null}
      <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />
      {list.isSuccess ? <DemoOffer mode={profiles.length === 0 ? 'empty' : 'offer'} /> : null}
      {profiles.length ? (
        <>
          <Stack direction="row" sx={{ gap: 1, mb: 1.5, alignItems: 'center', flexWrap: 'wrap' }}>
            <TextField
              label="Search connections"
              type="search"
              size="small"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              sx={{ minWidth: 260 }}
            />
            <TextField
              select
              label="Kind"
              size="small"
              value={kind}
              onChange={(e) => setKind(e.target.value as KindFilter)}
              sx={{ minWidth: 200 }}
            >
              <MenuItem value="all">All kinds</MenuItem>
              {(Object.keys(KIND_LABEL) as ConnectionKind[]).map((k) => (
                <MenuItem key={k} value={k}>
                  {KIND_LABEL[k]}
                </MenuItem>
              ))}
            </TextField>
            <Box sx={{ flexGrow: 1 }} />
            {tests.running ? <Button onClick={() => void tests.cancel()}>Cancel tests</Button> : null}
            <Button
              variant="outlined"
              disabled={tests.running || !visible.length}
              onClick={() => void tests.runAll(visible.map((p) => p.id))}
            >
              {visible.length === profiles.length ? 'Test all' : `Test all ${visible.length} shown`}
            </Button>
          </Stack>
          <ConnectionsTable
            rows={visible}
            apiRef={apiRef}
            selected={selected}
            onSelect={setSelected}
            runs={tests.runs}
            stagesOf={tests.stagesOf}
            busy={tests.running}
            onTest={(p) => {
              setSelected(p.id);
              void tests.run(p.id);
            }}
            onDetails={(p) => setDetailsId(p.id)}
            onEdit={(p) => setDialog({ editing: p })}
            onDelete={(p) => setDeleting(p)}
          />
        </>
      ) : null}
      {dialog ? (
        <ProfileDialog
          open
          editing={dialog.editing}
          profiles={profiles}
          onClose={() => setDialog(null)}
          onSaved={(saved) => {
            if (!matches(saved, kind, search)) {
              setKind('all');
              setSearch('');
            }
            setSelected(saved.id);
            setFocusId(saved.id);
          }}
        />
      ) : null}
      {details ? (
        <TestDetailsDialog
          profile={details}
          run={tests.runs[details.id]}
          liveStages={tests.stagesOf(details.id)}
          busy={tests.running}
          onTest={() => void tests.run(details.id)}
          onCancel={() => void tests.cancel()}
          onClose={() => setDetailsId(null)}
        />
      ) : null}
      <Dialog
        open={Boolean(deleting)}
        onClose={() => setDeleting(null)}
        aria-labelledby="delete-dialog-title"
        aria-describedby="delete-dialog-text"
      >
        <DialogTitle id="delete-dialog-title">Delete {deleting?.name}?</DialogTitle>
        <DialogContent>
          <DialogContentText id="delete-dialog-text">
            The profile and its stored credentials are removed from this computer. Nothing changes on the server.
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          {/* Focus starts on the safe choice: an Enter held down on the row's Delete button cannot delete. */}
          <Button onClick={() => setDeleting(null)} autoFocus>
            Cancel
          </Button>
          <Button color="error" variant="contained" onClick={() => void confirmDelete()}>
            Delete
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}
