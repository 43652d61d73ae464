import type { z } from 'zod';

/**
 * A channel's definition: the request schema and, as phantom types, its result and (for job
 * channels) the data its progress reports carry.
 */
export interface ChannelDef<Req extends z.ZodType, Res, P = never> {
  readonly request: Req;
  /** A job channel: runs as a job (id, state, journal, progress events, cancel, re-attach). */
  readonly job: boolean;
  /** Phantom: never set at run time, carries the result type. */
  readonly _result?: Res;
  /** Phantom: the progress data type of a job channel. */
  readonly _progress?: P;
}

/** Marker for a channel's result type (type-only; costs nothing at run time). */
export interface ResultMarker<T> {
  readonly _t?: T;
}

/** Marker for a job channel's progress data type. */
export interface ProgressMarker<P> {
  readonly _p?: P;
  readonly progress: true;
}

/** Declares a channel; `result<T>()` names its result type, `{ progress: progress<P>() }` makes it a job. */
export function channel<Req extends z.ZodType, Res, P = never>(
  request: Req,
  _result: ResultMarker<Res>,
  opts: { progress?: ProgressMarker<P> } = {},
): ChannelDef<Req, Res, P> {
  return { request, job: Boolean(opts.progress) };
}

/** Names the result type of a channel: `channel(schema, result<Foo>())`. */
export function result<T>(): ResultMarker<T> {
  return {};
}

/** Names the progress data of a job channel: `channel(schema, result<Foo>(), { progress: progress<Bar>() })`. */
export function progress<P>(): ProgressMarker<P> {
  return { progress: true };
}
