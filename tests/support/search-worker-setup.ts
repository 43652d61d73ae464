import { pathToFileURL } from 'node:url';
import { setSearchWorkerEntry } from '../../main/logs/search-pool';
import { TEST_SEARCH_WORKER } from './search-worker-build';

// Vitest setup file: search workers in tests start from the bundle the global setup built.
setSearchWorkerEntry({ url: pathToFileURL(TEST_SEARCH_WORKER) });
