import type { activityChannels } from '../../contract/channels/activity';
import type { Services } from '../app/services';
import { throwIfCancelled, type Handlers } from '../ipc/router';
import { diagnosticText } from './diagnostic';
import { checkExportPath, writeExport } from './export';

/** Handlers of the Pipeline activity area. */
export function activityHandlers({ activity }: Pick<Services, 'activity'>): Pick<Handlers, keyof typeof activityChannels> {
  return {
    'activity:runs': (req, hctx) => activity.runs(req, hctx.signal),
    'activity:run': (req, hctx) => activity.run(req, false, hctx.signal),
    'activity:recheck': (req, hctx) => activity.run(req, true, hctx.signal),
    'activity:correlate': async (req, job) => {
      let done = 0;
      const { detail: _detail, ...correlation } = await activity.correlate(
        req,
        (source) => job.report({ done: ++done, message: `${source.instance}: ${source.status}`, data: { sources: [source] } }),
        job.signal,
      );
      throwIfCancelled(job.signal);
      return correlation;
    },
    'activity:export': async (req, job) => {
      const { format, path, overwrite, sort, ...filter } = req;
      await checkExportPath(path, format, overwrite);
      const result = await writeExport(
        path,
        format,
        activity.allRuns({ ...filter, sort }, job.signal),
        (rows) => job.report({ done: rows, message: `${rows} run(s) written`, data: { rows } }),
        job.signal,
      );
      throwIfCancelled(job.signal);
      return result;
    },
    'activity:policies': (req, hctx) => activity.policies(req, hctx.signal),
    'activity:summary': (req, hctx) => activity.summary(req, hctx.signal),
    'activity:diagnostic': async (req, hctx) => {
      const detail = await activity.run(req, false, hctx.signal);
      const correlation = req.includeLines
        ? await activity.correlate({ ...req, maxLinesPerSource: 200 }, undefined, hctx.signal, detail)
        : null;
      return { text: diagnosticText(detail, correlation, new Date().toISOString()) };
    },
  };
}
