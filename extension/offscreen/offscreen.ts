// Chrome's host page for the worker (service workers cannot start dedicated workers).
import { hostWorker } from '../lib/worker-host';

hostWorker('chrome-offscreen');
