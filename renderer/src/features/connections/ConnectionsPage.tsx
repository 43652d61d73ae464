import { useState } from 'react';
import {
  Alert,
  Box,
  Button,
  Card,
  CardActions,
  CardContent,
  Chip,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Stack,
  Typography,
} from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import type { ProfileView, StageId } from '../../../../contract/channels/connections';
import { ErrorNotice } from '../../components/ErrorNotice';
import { PageHeader } from '../../components/PageHeader';
import { useNotify } from '../../components/Notifications';
import { DemoOffer } from '../../components/DemoOffer';
import { KIND_LABEL } from '../../components/kind-label';
import { ProfileDialog } from './ProfileDialog';
import { StageList } from './StageList';
import { useConnections, useProfileMutations, useTestConnection } from './use-connections';
import { useEditFromRoute } from './use-edit-route';

const STAGE_NAME: Record<StageId, string> = {
  dns: 'DNS',
  tcp: 'TCP',
  tls: 'TLS',
  http: 'HTTP',
  auth: 'authentication',
  permissions: 'permissions',
};

function target(p: ProfileView): string {
  switch (p.kind) {
    case 'secret-server':
      return `${p.baseUrl} · ${p.domain ? `${p.domain}\\` : ''}${p.username}`;
    case 'aws':
      return `${p.region} · ${p.credentialSource === 'static' ? `key ${p.accessKeyIdHint ?? ''}` : p.credentialSource === 'secret-server' ? `key from secret ${p.secretId ?? ''}` : 'default chain'}${p.endpoint ? ` · ${p.endpoint}` : ''}`;
    case 'credentials-cache':
      return `${p.url}${p.siteLabel ? ` · ${p.siteLabel}` : ''}`;
    default: {
      const never: never = p;
      return String(never);
    }
  }
}

function ProfileCard({ profile, onEdit, onDelete }: { profile: ProfileView; onEdit: () => void; onDelete: () => void }) {
  const test = useTestConnection(profile.id);
  const last = profile.lastTest;
  return (
    <Card component="article" variant="outlined" data-testid={`profile-${profile.name}`} aria-label={`Connection ${profile.name}`}>
      <CardContent sx={{ pb: 1 }}>
        <Stack direction="row" sx={{ gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
          <Typography variant="h6" component="h2" sx={{ fontSize: '1.05rem' }}>
            {profile.name}
          </Typography>
          <Chip size="small" label={KIND_LABEL[profile.kind]} />
          {last ? (
            <Chip
              size="small"
              color={last.ok ? 'success' : 'error'}
              label={last.ok ? 'Last test passed' : `Last test failed: ${last.failedStage ? STAGE_NAME[last.failedStage] : ''}`}
            />
          ) : (
            <Chip size="small" variant="outlined" label="Not tested" />
          )}
        </Stack>
        <Typography variant="body2" color="text.secondary" sx={{ wordBreak: 'break-all' }}>
          {target(profile)}
        </Typography>
        {test.running || test.stages ? (
          <Box role="region" aria-label={`Test results for ${profile.name}`}>
            {/* Present from the start of a test, so the verdict is announced when it arrives. */}
            <Box role="status">
              {test.result ? (
                <Alert severity={test.result.ok ? 'success' : 'error'} role="none" sx={{ mt: 1 }}>
                  {test.result.ok
                    ? 'Connection works: every stage passed.'
                    : `Failed at ${test.result.stages.find((s) => s.id === test.result?.failedStage)?.label ?? 'a stage'}.`}
                </Alert>
              ) : null}
            </Box>
            {test.stages ? <StageList stages={test.stages} /> : null}
          </Box>
        ) : null}
        <ErrorNotice error={test.error} profileId={profile.id} onRetry={() => void test.run(profile.id)} />
      </CardContent>
      <CardActions>
        <Button size="small" variant="contained" onClick={() => void test.run(profile.id)} disabled={test.running}>
          {test.running ? 'Testing…' : 'Test connection'}
        </Button>
        {test.running ? (
          <Button size="small" onClick={() => void test.cancel()}>
            Cancel
          </Button>
        ) : null}
        <Button size="small" onClick={onEdit} aria-label={`Edit ${profile.name}`}>
          Edit
        </Button>
        <Button size="small" color="error" onClick={onDelete} aria-label={`Delete ${profile.name}`}>
          Delete
        </Button>
      </CardActions>
    </Card>
  );
}

/** Connection profiles: list, add/edit dialog, delete with confirm, and staged Test connection. */
export function ConnectionsPage() {
  const list = useConnections();
  const { remove } = useProfileMutations();
  const notify = useNotify();
  const [dialog, setDialog] = useState<{ editing?: ProfileView } | null>(null);
  const [deleting, setDeleting] = useState<ProfileView | null>(null);
  const profiles = list.data ?? [];
  useEditFromRoute(profiles, (p) => setDialog({ editing: p }));

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
    <Box sx={{ p: 3, maxWidth: 1000 }}>
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
      <Stack sx={{ gap: 2 }}>
        {profiles.map((p) => (
          <ProfileCard key={p.id} profile={p} onEdit={() => setDialog({ editing: p })} onDelete={() => setDeleting(p)} />
        ))}
      </Stack>
      {dialog ? <ProfileDialog open editing={dialog.editing} profiles={profiles} onClose={() => setDialog(null)} /> : null}
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
          {/* Focus starts on the safe choice: an Enter held down on the card's Delete button cannot delete. */}
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
