/** Channels of the Logs area (live tail, sources, search). */
export const logsChannels = {} as const;

/** Events of the Logs area. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface LogsEvents {}
