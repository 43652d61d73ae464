import type { z } from 'zod';

/** A channel's definition: the request schema and, as a phantom type, its result. */
export interface ChannelDef<Req extends z.ZodType, Res> {
  readonly request: Req;
  /** Long work: takes a request id, may push `job:progress` events and can be cancelled. */
  readonly long: boolean;
  /** Phantom: never set at run time, carries the result type. */
  readonly _result?: Res;
}

/** Declares a channel; `result<T>()` names its result type. */
export function channel<Req extends z.ZodType, Res>(
  request: Req,
  _result: ResultMarker<Res>,
  opts: { long?: boolean } = {},
): ChannelDef<Req, Res> {
  return { request, long: opts.long ?? false };
}

/** Marker for a channel's result type (type-only; costs nothing at run time). */
export interface ResultMarker<T> {
  readonly _t?: T;
}

/** Names the result type of a channel: `channel(schema, result<Foo>())`. */
export function result<T>(): ResultMarker<T> {
  return {};
}
