import { randomUUID } from 'node:crypto';
import type { Notice } from '../../contract';
import type { EventBus } from '../ipc/router';
import type { PreparedDataDir } from '../settings/data-dir';

/** Messages for the user raised in main (also before any window exists); kept until dismissed. */
export class Notices {
  private readonly list: Notice[] = [];
  private bus: EventBus | null = null;

  /** Connects the event bus; notices raised earlier stay available through `app:notices`. */
  attach(bus: EventBus): void {
    this.bus = bus;
  }

  /** Raises a notice and pushes it to open windows. */
  add(severity: Notice['severity'], message: string): Notice {
    const notice: Notice = { id: randomUUID(), severity, message, at: new Date().toISOString() };
    this.list.push(notice);
    if (this.list.length > 100) this.list.shift();
    this.bus?.emit('app:notice', notice);
    return notice;
  }

  /** Pending notices, oldest first. */
  all(): readonly Notice[] {
    return [...this.list];
  }

  /** Removes one notice. */
  dismiss(id: string): void {
    const i = this.list.findIndex((n) => n.id === id);
    if (i >= 0) this.list.splice(i, 1);
  }
}

/** Tells the user when the data folder had to be narrowed to its owner (older versions left it readable). */
export function announcePreparedDataDir(dataDir: string, prepared: PreparedDataDir, notices: Notices): void {
  if (prepared.tightened)
    notices.add('info', `The data folder ${dataDir} was readable by other users; it is now readable by you only (0700).`);
}
