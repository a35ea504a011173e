// The user's memory settings, kept in the worker's settings store (one record): what
// the inspector shows and changes, what the coach prunes to and refuses to learn from.
import { DEFAULT_MEMORY_SETTINGS, isNeverRecorded, MemorySettings, type MemorySettingsPatch, normalizeSite } from '../shared/memory-settings';
import type { KeyValueStore } from './store/key-value-store';
import { sensitivePatterns } from '../shared/redact';

const KEY = 'memory.settings';

export class MemorySettingsStore {
  constructor(private readonly store: Pick<KeyValueStore, 'get' | 'put'>) {}

  /** The saved settings; defaults for anything missing or unreadable (a newer or damaged record). */
  async get(): Promise<MemorySettings> {
    const saved = await this.store.get<unknown>(KEY);
    const parsed = MemorySettings.partial().safeParse(saved ?? {});
    return { ...DEFAULT_MEMORY_SETTINGS, ...(parsed.success ? parsed.data : {}) };
  }

  /** Changes some settings; sites are kept in one canonical form, each once. */
  async update(patch: MemorySettingsPatch): Promise<MemorySettings> {
    const next = { ...(await this.get()), ...patch };
    next.neverRecord = [...new Set(next.neverRecord.map((s) => normalizeSite(s)).filter((s): s is string => s !== null))];
    next.sensitiveFields = [...new Set(next.sensitiveFields.map((s) => s.trim()).filter(Boolean))];
    const checked = MemorySettings.parse(next);
    await this.store.put(KEY, checked);
    return checked;
  }

  /** The user's sensitive-field patterns, ready to match (a saved line that no longer reads is left out). */
  async sensitive(): Promise<RegExp[]> {
    return sensitivePatterns((await this.get()).sensitiveFields).patterns;
  }

  async neverRecorded(origin: string): Promise<boolean> {
    return isNeverRecorded(origin, (await this.get()).neverRecord);
  }
}
