import type { Envelope } from './errors';
import type { CallMeta } from './channels';

/**
 * What the preload exposes as `window.api`: one generic invoke over the contract, and one
 * event subscription. Typed per channel by the renderer's client.
 */
export interface ElectronApi {
  invoke(channel: string, payload: unknown, meta?: CallMeta): Promise<Envelope<unknown>>;
  on(listener: (name: string, payload: unknown) => void): () => void;
}
