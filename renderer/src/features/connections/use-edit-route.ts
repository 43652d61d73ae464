import { useEffect, useEffectEvent } from 'react';
import type { ProfileView } from '../../../../contract/channels/connections';
import { navigate, useHashRoute } from '../../components/use-hash-route';

/**
 * Opens the editor of the profile named by `#/connections?edit=<id>` (where ErrorNotice sends
 * AUTH-type errors) once the list holds it, then drops the parameter so closing does not reopen it.
 */
export function useEditFromRoute(profiles: readonly ProfileView[], open: (profile: ProfileView) => void): void {
  const id = useHashRoute().params.get('edit');
  // The list's own object: stable across renders, so the editor opens once per link followed.
  const profile = id ? profiles.find((p) => p.id === id) : undefined;
  const openOnce = useEffectEvent(open);
  useEffect(() => {
    if (!profile) return;
    openOnce(profile);
    navigate('/connections');
  }, [profile]);
}
