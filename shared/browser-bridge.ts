// What the worker may ask of the browser: the agent loop lives in the worker, which
// has no extension APIs, so its host hands it this bridge (a Comlink port) at start.
import type { Action, ActionResult } from './actions';
import type { Observation } from './observation';
import type { Screenshot, ScreenshotOptions } from './protocol';

export interface BrowserBridge {
  observe(tabId: number, maxTextChars?: number): Promise<Observation>;
  act(tabId: number, action: Action): Promise<ActionResult>;
  screenshot(tabId: number, options?: ScreenshotOptions): Promise<Screenshot>;
}

/** The message with which a host hands its worker the bridge's port. */
export const BRIDGE_MESSAGE = { waymarkBridge: true } as const;
