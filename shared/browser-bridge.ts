// What the worker may ask of the browser: the agent loop lives in the worker, which
// has no extension APIs, so its host hands it this bridge (a Comlink port) at start.
import type { Action, ActionResult } from './actions';
import type { Observation } from './observation';
import type { Screenshot, ScreenshotOptions } from './protocol';

/** What a run does with its tab. */
export interface TabBridge {
  observe(tabId: number, maxTextChars?: number): Promise<Observation>;
  act(tabId: number, action: Action): Promise<ActionResult>;
  screenshot(tabId: number, options?: ScreenshotOptions): Promise<Screenshot>;
}

export interface BrowserBridge extends TabBridge {  /**
   * Holds a run's secrets (null: lets them go) where a restarted worker finds them and
   * nothing writes them to disk: the browser's session storage, cleared when it closes.
   */
  holdSecrets(runId: string, values: string[] | null): Promise<void>;
  /** The secrets held for a run, or null when none are (let go, or the browser restarted). */
  heldSecrets(runId: string): Promise<string[] | null>;
}

/** The message with which a host hands its worker the bridge's port. */
export const BRIDGE_MESSAGE = { waymarkBridge: true } as const;
