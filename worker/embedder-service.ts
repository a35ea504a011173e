// Which text embedder the worker uses, loaded lazily. A configured transformer that
// cannot be loaded (offline, bad file) leaves the bundled default in use and says why.
import type { BackendPreference, EmbedderConfig, ModelStatus } from '../shared/worker-api';
import type { TextEmbedder } from './models/embedder';
import { errorText } from './models/ort';
import type { KeyValueStore } from './store/key-value-store';

export interface EmbedderLoaders {
  loadDefault(preference: BackendPreference): Promise<TextEmbedder>;
  loadTransformer(config: Extract<EmbedderConfig, { kind: 'transformer' }>, preference: BackendPreference, onProgress: (fraction: number) => void): Promise<TextEmbedder>;
}

interface SavedChoice {
  config: EmbedderConfig;
  preference: BackendPreference;
}

const SETTINGS_KEY = 'embedder';

export class EmbedderService {
  private current: Promise<TextEmbedder> | null = null;
  private status: ModelStatus = { id: null, backend: null };

  constructor(
    private readonly loaders: EmbedderLoaders,
    private readonly settings: KeyValueStore,
  ) {}

  /** The embedder in use, loading it on first use. */
  get(): Promise<TextEmbedder> {
    this.current ??= this.loadSaved();
    this.current.catch(() => {
      this.current = null;
    });
    return this.current;
  }

  report(): ModelStatus {
    return { ...this.status };
  }

  /**
   * Switches to another embedder. On failure the one in use stays, and the status
   * carries the reason; vectors for the new model are made by the memory on next use.
   */
  async configure(config: EmbedderConfig, preference: BackendPreference = 'auto'): Promise<ModelStatus> {
    try {
      const next = await this.load(config, preference);
      const previous = this.current;
      this.current = Promise.resolve(next);
      await this.settings.put(SETTINGS_KEY, { config, preference } satisfies SavedChoice);
      if (previous) void previous.then((old) => (old === next ? undefined : old.dispose())).catch(() => undefined);
    } catch (e) {
      this.status = { ...this.status, error: errorText(e), progress: undefined };
      // Make sure something works: the default, if nothing is loaded yet.
      await this.get().catch(() => undefined);
      this.status = { ...this.status, error: errorText(e) };
    }
    return this.report();
  }

  private async loadSaved(): Promise<TextEmbedder> {
    const saved = await this.settings.get<SavedChoice>(SETTINGS_KEY).catch(() => undefined);
    if (saved && saved.config.kind !== 'default') {
      try {
        return await this.load(saved.config, saved.preference);
      } catch (e) {
        const embedder = await this.load({ kind: 'default' }, saved.preference);
        this.status = { ...this.status, error: `The configured embedder could not be loaded (${errorText(e)}); the built-in one is in use.` };
        return embedder;
      }
    }
    return this.load({ kind: 'default' }, saved?.preference ?? 'auto');
  }

  private async load(config: EmbedderConfig, preference: BackendPreference): Promise<TextEmbedder> {
    const embedder =
      config.kind === 'default'
        ? await this.loaders.loadDefault(preference)
        : await this.loaders.loadTransformer(config, preference, (progress) => {
            this.status = { ...this.status, progress };
          });
    this.status = { id: embedder.id, backend: embedder.backend, dimensions: embedder.dimensions, ...(embedder.fallbackReason ? { fallbackReason: embedder.fallbackReason } : {}) };
    return embedder;
  }
}
