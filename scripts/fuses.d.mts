import type { FuseV1Config } from '@electron/fuses';

/** The fuse settings of a packaged build. */
export declare const FUSES: Readonly<FuseV1Config>;
/** Flips the fuses of one binary and returns the wire as read back (fuse index → state byte). */
export declare function applyFuses(binary: string): Promise<Record<number, number | string>>;
