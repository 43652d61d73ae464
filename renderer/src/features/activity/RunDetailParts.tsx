import { useState, type ReactNode } from 'react';
import { Alert, AlertTitle, Box, Chip, IconButton, Link, Stack, Tooltip, Typography } from '@mui/material';
import CopyIcon from '@mui/icons-material/ContentCopy';
import OpenIcon from '@mui/icons-material/OpenInNew';
import type { RunCause, RunDetail, RunTask } from '../../../../contract/channels/activity';
import { LocalTime } from '../../components/Time';
import { RunStatusChip } from '../../components/RunStatusChip';
import { formatDuration } from './route';

/** Copies text to the clipboard; false when the browser refused (the caller then shows the text to copy by hand). */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** A titled part of the detail panel. */
export function Section({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <Box component="section" aria-label={title} sx={{ mt: 2.5 }}>
      <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between', gap: 1, mb: 1, flexWrap: 'wrap' }}>
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
          {title}
        </Typography>
        {actions}
      </Stack>
      {children}
    </Box>
  );
}

const pre = {
  m: 0,
  p: 1,
  whiteSpace: 'pre-wrap',
  overflowWrap: 'anywhere',
  fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
  fontSize: '0.8rem',
  bgcolor: 'action.hover',
  borderRadius: 1,
  userSelect: 'text',
} as const;

/** Text shown as written (pre-wrap, monospace), with a copy button. */
export function CopyableText({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState<boolean | null>(null);
  return (
    <Box sx={{ position: 'relative' }}>
      <Box component="pre" sx={{ ...pre, pr: 5 }} aria-label={label}>
        {text}
      </Box>
      <Tooltip title={copied === null ? 'Copy' : copied ? 'Copied' : 'The browser refused; select the text and copy it'}>
        <IconButton
          size="small"
          aria-label={`Copy ${label.toLowerCase()}`}
          onClick={() => void copyText(text).then(setCopied)}
          sx={{ position: 'absolute', top: 2, right: 2 }}
        >
          <CopyIcon fontSize="inherit" />
        </IconButton>
      </Tooltip>
    </Box>
  );
}

/** The probable cause, prominently: code, title, fix in words, evidence; `unclassified` shows the raw notes. */
export function CauseCard({ cause, fromLogs }: { cause: RunCause; fromLogs: boolean }) {
  const warning = cause.code === 'success-but-cache-not-refreshed';
  return (
    <Alert severity={warning ? 'warning' : 'error'} variant="outlined" data-testid="run-cause" data-cause={cause.code} sx={{ mt: 2 }}>
      <AlertTitle sx={{ fontWeight: 600 }}>{cause.title}</AlertTitle>
      <Stack direction="row" sx={{ gap: 1, mb: 1, flexWrap: 'wrap', alignItems: 'center' }}>
        <Chip size="small" label={cause.code} sx={{ fontFamily: 'monospace' }} />
        {cause.instance ? <Chip size="small" variant="outlined" label={`Instance: ${cause.instance}`} /> : null}
        <Typography variant="caption" color="text.secondary">
          {fromLogs ? 'from the task notes and the correlated log lines' : 'from the task notes (log lines still being read)'}
        </Typography>
      </Stack>
      <Typography variant="body2" sx={{ mb: 1 }}>
        <strong>Fix: </strong>
        {cause.fix}
      </Typography>
      {cause.evidence.length ? (
        <>
          <Typography variant="caption" color="text.secondary">
            Evidence
          </Typography>
          {cause.evidence.map((e, i) => (
            <Box key={i} component="pre" sx={{ ...pre, mb: 0.5 }}>
              {e}
            </Box>
          ))}
        </>
      ) : null}
      {cause.code === 'unclassified' && cause.rawNotes ? <CopyableText text={cause.rawNotes} label="Raw notes" /> : null}
    </Alert>
  );
}

function TaskItem({ task }: { task: RunTask }) {
  return (
    <Box
      component="li"
      sx={{ listStyle: 'none', borderLeft: 3, borderColor: 'divider', pl: 1.5, mb: 2 }}
      data-testid={`task-${task.order}`}
    >
      <Stack direction="row" sx={{ gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography variant="body2" sx={{ fontWeight: 600 }}>
          {task.order}. {task.name}
        </Typography>
        <RunStatusChip status={task.status} />
        <Typography variant="caption" color="text.secondary">
          {task.startedAt ? <LocalTime at={task.startedAt} /> : 'not started'} · {formatDuration(task.durationMs)}
        </Typography>
      </Stack>
      {task.description ? (
        <Typography variant="caption" color="text.secondary" component="p" sx={{ mb: 0.5 }}>
          {task.description}
        </Typography>
      ) : null}
      {task.notes ? (
        <CopyableText text={task.notes} label={`Notes of task ${task.order}`} />
      ) : (
        <Typography variant="body2" color="text.secondary">
          No notes.
        </Typography>
      )}
    </Box>
  );
}

/** The run's tasks in run order, each with its status and full notes. */
export function TaskList({ tasks }: { tasks: readonly RunTask[] }) {
  if (!tasks.length) return <Typography variant="body2">Secret Server lists no task for this run.</Typography>;
  return (
    <Box component="ol" sx={{ p: 0, m: 0 }} aria-label="Tasks">
      {[...tasks]
        .sort((a, b) => a.order - b.order)
        .map((t) => (
          <TaskItem key={`${t.order}-${t.taskId ?? ''}`} task={t} />
        ))}
    </Box>
  );
}

/** The secret: link into Secret Server, the last password change and who made it. */
export function SecretFacts({ secret }: { secret: RunDetail['secret'] }) {
  const change = secret.lastPasswordChange;
  return (
    <Stack sx={{ gap: 0.5 }}>
      <Typography variant="body2">
        <strong>{secret.name}</strong> (id {secret.id}) ·{' '}
        <Link href={secret.url} target="_blank" rel="noopener noreferrer" title={secret.url}>
          Open in Secret Server <OpenIcon sx={{ fontSize: '0.9em', verticalAlign: 'middle' }} />
        </Link>
      </Typography>
      {change ? (
        <Typography variant="body2">
          Last password change: <LocalTime at={change.at} /> by <strong>{change.by || 'an unknown user'}</strong>
          {change.notes ? ` (${change.notes})` : ''}
        </Typography>
      ) : (
        <Typography variant="body2" color="text.secondary">
          {secret.auditMessage ?? 'The audit shows no password change at or before this run.'}
        </Typography>
      )}
    </Stack>
  );
}

/** The site that ran the script and its engines, online now or not. */
export function SiteFacts({ detail }: { detail: RunDetail }) {
  const site = detail.site;
  if (!site) {
    return (
      <Typography variant="body2" color="text.secondary">
        {detail.siteMessage ?? 'The run site is not known.'}
      </Typography>
    );
  }
  return (
    <Stack sx={{ gap: 0.5 }}>
      <Typography variant="body2">
        Site <strong>{site.name}</strong>
        {site.engines.length > 1 ? ' (Secret Server does not record which of its engines ran the script)' : ''}
      </Typography>
      {site.engines.length === 0 ? (
        <Typography variant="body2" color="error.main">
          The site has no engine: nothing can run its scripts.
        </Typography>
      ) : null}
      {site.engines.map((e) => (
        <Stack key={e.id} direction="row" sx={{ gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
          <Chip
            size="small"
            variant="outlined"
            color={e.onlineNow ? 'success' : 'error'}
            label={e.onlineNow ? 'Online now' : 'Offline now'}
          />
          <Typography variant="body2">
            {e.name} ({e.host}) · {e.connection}, {e.activation}
            {e.lastConnected ? (
              <>
                {' '}
                · last connected <LocalTime at={e.lastConnected} />
              </>
            ) : null}
          </Typography>
        </Stack>
      ))}
    </Stack>
  );
}
