import { useEffect } from 'react';
import { useMutation, useQuery, useQueryClient, type UseQueryOptions } from '@tanstack/react-query';
import type { Channel, ContractError, ReqIn, Res } from '../../../contract';
import { call, onAnyEvent } from './client';
import { RECONNECTED_EVENT } from './transport';

/** A query on one channel; the key is `[channel, payload]` so events can invalidate by channel. */
export function useApiQuery<C extends Channel>(
  channel: C,
  payload: ReqIn<C>,
  options: Omit<UseQueryOptions<Res<C>, ContractError>, 'queryKey' | 'queryFn'> = {},
) {
  return useQuery<Res<C>, ContractError>({
    queryKey: [channel, payload],
    queryFn: () => call(channel, payload),
    ...options,
  });
}

/** A mutation on one channel; `invalidates` lists channels whose queries refetch on success. */
export function useApiMutation<C extends Channel>(channel: C, invalidates: readonly Channel[] = []) {
  const qc = useQueryClient();
  return useMutation<Res<C>, ContractError, ReqIn<C>>({
    mutationFn: (payload) => call(channel, payload),
    onSuccess: async () => {
      await Promise.all(invalidates.map((c) => qc.invalidateQueries({ queryKey: [c] })));
    },
  });
}

/** Maps `<area>:changed` events to invalidation of every query of that area (all of them after a reconnect). */
export function useEventInvalidation(): void {
  const qc = useQueryClient();
  useEffect(
    () =>
      onAnyEvent((name) => {
        // Events may have been missed while the stream was away.
        if (name === RECONNECTED_EVENT) return void qc.invalidateQueries();
        if (!name.endsWith(':changed')) return;
        const area = name.slice(0, -':changed'.length);
        void qc.invalidateQueries({ predicate: (q) => typeof q.queryKey[0] === 'string' && q.queryKey[0].startsWith(`${area}:`) });
      }),
    [qc],
  );
}
