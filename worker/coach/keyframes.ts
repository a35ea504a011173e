// Key screens of a run: a screenshot when the first action fails and one at the end,
// kept with the run, and once the outcome is known given their moment (success or
// failure), their visual signature and the text read off them.
import type { TabBridge } from '../../shared/browser-bridge';
import { kindsWritten } from '../../shared/memory-designs';
import type { Screens } from '../screens';
import type { RunStore } from '../store/run-store';
import type { Keyframe } from './memory-writer';
import type { LiveRun, RunStates } from './run-state';
import { screenFingerprint } from './screen-fingerprint';

export interface KeyframeDeps {
  runs: () => Promise<RunStore>;
  bridge?: () => Promise<TabBridge>;
  screens?: () => Promise<Screens>;
}

/** A screenshot of the tab now, kept with the run for a keyframe (when the design writes them). */
export async function captureKeyframe(deps: KeyframeDeps, states: RunStates, live: LiveRun, moment: 'first-error' | 'final'): Promise<void> {
  if (!kindsWritten(live.design, live.state.how).includes('keyframe') || !deps.bridge || !deps.screens) return;
  const bridge = await deps.bridge();
  const observation = await bridge.observe(live.state.tabId);
  const shot = await bridge.screenshot(live.state.tabId, { scale: 0.5, quality: 0.7 });
  const stepIndex = (await (await deps.runs()).header(live.state.runId))?.stepCount ?? 0;
  const saved = await (await deps.screens()).save({ trajectoryId: live.state.runId, stepIndex, dataUrl: shot.dataUrl });
  // 'final' becomes 'success' or 'failure' once the outcome is known.
  const redact = (t: string) => live.secrets?.redact(t) ?? t;
  live.state.keyframes.push({ moment: moment === 'final' ? 'failure' : moment, step: stepIndex, url: redact(observation.url), title: redact(observation.title), fingerprint: screenFingerprint(observation), screenshotKey: saved.key, ...(moment === 'final' ? { final: true } : {}) });
  await states.save(live.state);
}

/** Keyframes with their final moment, visual signature and screen text (through `screenText`, which may redact or drop it). */
export async function finishKeyframes(screens: (() => Promise<Screens>) | undefined, keyframes: readonly Keyframe[], success: boolean, screenText: (text: string) => string | undefined = (t) => t): Promise<Keyframe[]> {
  const out: Keyframe[] = [];
  for (const k of keyframes) {
    const moment = k.final ? (success ? 'success' : 'failure') : k.moment;
    const done: Keyframe = { moment, step: k.step, url: k.url, title: k.title, fingerprint: k.fingerprint, ...(k.screenshotKey ? { screenshotKey: k.screenshotKey } : {}) };
    if (k.screenshotKey && screens) {
      const features = await (await screens()).features(k.screenshotKey, { ocr: true, signature: true }).catch(() => null);
      if (features?.signature) done.signature = features.signature;
      const text = features?.ocr ? screenText(features.ocr.map((l) => l.text).join(' ').slice(0, 1_000)) : undefined;
      if (text) done.ocrText = text;
    }
    out.push(done);
  }
  return out;
}
