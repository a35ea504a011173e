// Record mode refuses to start on a site the user listed as never recorded (the
// inspector's Settings); the list lives in the worker, which owns every setting.
import browser from 'webextension-polyfill';
import { isNeverRecorded } from '../../shared/memory-settings';
import { callWorker } from './worker-link';

/** A recording refused because of the user's settings. */
export class RecordingRefused extends Error {
  constructor(readonly site: string) {
    super(`recording is switched off on ${site} (Waymark's settings: sites never recorded)`);
    this.name = 'RecordingRefused';
  }
}

/** Throws RecordingRefused when the tab shows a page of a site that is never recorded. */
export async function checkRecordingAllowed(tabId: number): Promise<void> {
  const url = (await browser.tabs.get(tabId)).url ?? '';
  const { neverRecord } = await callWorker((api) => api.getSettings());
  if (isNeverRecorded(url, neverRecord)) throw new RecordingRefused(new URL(url).origin);
}
