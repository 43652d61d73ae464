import { join } from 'node:path';
import { z } from 'zod';
import { STAGE_IDS, type TestSummary } from '../../contract/channels/connections';
import { loadJsonFile, writeJsonFileAtomic } from '../shared/json-file';

const summarySchema = z.object({
  ok: z.boolean(),
  at: z.string(),
  failedStage: z.enum(STAGE_IDS).optional(),
  message: z.string(),
  stages: z
    .array(
      z.object({
        id: z.enum(STAGE_IDS),
        label: z.string(),
        status: z.enum(['pending', 'running', 'pass', 'warn', 'fail', 'skipped']),
        durationMs: z.number().optional(),
        detail: z.string().optional(),
        fix: z.string().optional(),
        checks: z
          .array(z.object({ name: z.string(), status: z.enum(['pass', 'fail', 'unverified']), message: z.string().optional() }))
          .optional(),
      }),
    )
    .optional(),
});
const fileSchema = z.record(z.string(), summarySchema);

/**
 * The last Test connection result per profile, with its stages, in memory and in `<dataDir>/connection-tests.json`
 * so the Overview can show health right after a restart. A broken file is backed up and ignored:
 * it only holds history.
 */
export class TestResults {
  private readonly file: string;
  private readonly map = new Map<string, TestSummary>();

  constructor(dataDir: string) {
    this.file = join(dataDir, 'connection-tests.json');
    const loaded = loadJsonFile(this.file, (v) => (fileSchema.safeParse(v).success ? null : 'invalid'));
    if (loaded.kind === 'ok') for (const [id, s] of Object.entries(fileSchema.parse(loaded.value))) this.map.set(id, s);
  }

  /** The last result of a profile. */
  get(id: string): TestSummary | undefined {
    return this.map.get(id);
  }

  /** Records a result. */
  set(id: string, summary: TestSummary): void {
    this.map.set(id, summary);
    this.save();
  }

  /** Forgets a deleted profile. */
  delete(id: string): void {
    if (this.map.delete(id)) this.save();
  }

  private save(): void {
    writeJsonFileAtomic(this.file, Object.fromEntries(this.map));
  }
}
