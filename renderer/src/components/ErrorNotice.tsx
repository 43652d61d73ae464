import type { ReactNode } from 'react';
import { Alert, AlertTitle, Button, IconButton, type SxProps, type Theme } from '@mui/material';
import CloseIcon from '@mui/icons-material/Close';
import { ContractError, type ErrorCode } from '../../../contract';

/** Codes whose fix is on the profile (credentials, permissions, the locked credential store). */
export const AUTH_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['UNAUTHENTICATED', 'ACCESS_DENIED', 'STORE_LOCKED']);

/** The field a VALIDATION error names (`details.field`), with its message; undefined for any other error. */
export function fieldErrorOf(error: unknown): { readonly field: string; readonly message: string } | undefined {
  if (!(error instanceof ContractError) || error.code !== 'VALIDATION') return undefined;
  const field = error.details?.field;
  return typeof field === 'string' && field !== '' ? { field, message: error.message } : undefined;
}

/** The text of any thrown value (a ContractError's message is already redacted by main). */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Where the fix for an AUTH-type error lives: the profile's editor on Connections, or the screen. */
export function profileLink(profileId: string | undefined): string {
  return profileId ? `#/connections?edit=${encodeURIComponent(profileId)}` : '#/connections';
}

/** Props of {@link ErrorNotice}. */
export interface ErrorNoticeProps {
  /** Whatever was thrown or returned: usually a ContractError; an Error or a string shows its text. */
  readonly error: unknown;
  /** Context shown above the message ("Could not load the fleet"). */
  readonly title?: string;
  /** Called by the Retry button, offered for retryable errors only. */
  readonly onRetry?: () => void;
  /** The profile the failed call used; otherwise `details.profileId` when main gave one. */
  readonly profileId?: string;
  /** Human name of a server-side field (`profile.baseUrl` → "Base URL"). */
  readonly fieldLabel?: (field: string) => string | undefined;
  /** True when the form already shows this field's message under the field: the notice then only points to it. */
  readonly fieldShown?: (field: string) => boolean;
  /** Adds a close button (toasts). */
  readonly onClose?: () => void;
  readonly variant?: 'standard' | 'filled' | 'outlined';
  readonly sx?: SxProps<Theme>;
}

/**
 * The one way the renderer shows an error, switching on its code: AUTH-type codes link to the
 * profile, VALIDATION names the field, retryable errors offer Retry, anything else shows its message.
 */
export function ErrorNotice({ error, title, onRetry, profileId, fieldLabel, fieldShown, onClose, variant, sx }: ErrorNoticeProps) {
  if (error === null || error === undefined) return null;
  const message = messageOf(error);
  const contract = error instanceof ContractError ? error : undefined;
  const box = (body: ReactNode, action?: ReactNode, severity: 'error' | 'warning' | 'info' = 'error') => (
    <Alert
      severity={severity}
      variant={variant}
      role={onClose ? 'status' : 'alert'}
      action={
        action || onClose ? (
          <>
            {action}
            {onClose ? (
              <IconButton color="inherit" size="small" aria-label="Close" onClick={onClose}>
                <CloseIcon fontSize="small" />
              </IconButton>
            ) : null}
          </>
        ) : undefined
      }
      sx={sx}
    >
      {title ? <AlertTitle>{title}</AlertTitle> : null}
      {body}
    </Alert>
  );

  if (contract && AUTH_CODES.has(contract.code)) {
    const fromDetails = contract.details?.profileId;
    const id = profileId ?? (typeof fromDetails === 'string' ? fromDetails : undefined);
    return box(
      message,
      <Button color="inherit" size="small" href={profileLink(id)}>
        {id ? 'Open the profile' : 'Open Connections'}
      </Button>,
    );
  }
  const invalid = fieldErrorOf(error);
  if (invalid) {
    const label = fieldLabel?.(invalid.field) ?? invalid.field;
    return fieldShown?.(invalid.field)
      ? box(`Check the field “${label}”.`, undefined, 'warning')
      : box(
          <>
            <strong>{label}</strong>: {invalid.message}
          </>,
          undefined,
          'warning',
        );
  }
  if (contract?.code === 'CANCELLED') return box(message, undefined, 'info');
  if (contract?.retryable && onRetry) {
    return box(
      message,
      <Button color="inherit" size="small" onClick={onRetry}>
        Retry
      </Button>,
    );
  }
  return box(message);
}
