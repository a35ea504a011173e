// Waiting for the page to settle after an action: no DOM mutation for a quiet
// window, a navigation starting, or a time cap — whichever comes first.

export interface SettleReport {
  pageChanged: boolean;
  navigated: boolean;
  /** The document is going away (full navigation); the reply must go now. */
  unloading: boolean;
}

export class ChangeWatcher {
  private mutations = 0;
  private unloading = false;
  private readonly startUrl = location.href;
  private readonly observer: MutationObserver;
  private lastMutation = performance.now();
  private wake: (() => void) | null = null;
  private readonly onUnload = () => {
    this.unloading = true;
    this.wake?.();
  };

  constructor(private readonly roots: Node[] = [document]) {
    this.observer = new MutationObserver((records) => {
      this.mutations += records.length;
      this.lastMutation = performance.now();
    });
    for (const root of this.roots) {
      this.observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
    }
    window.addEventListener('pagehide', this.onUnload);
    window.addEventListener('beforeunload', this.onUnload);
  }

  /** Resolves when the DOM has been quiet for `quietMs`, capped at `maxMs`. */
  async settle(quietMs = 120, maxMs = 2500): Promise<SettleReport> {
    const start = performance.now();
    this.lastMutation = Math.max(this.lastMutation, start);
    while (!this.unloading) {
      const now = performance.now();
      if (now - this.lastMutation >= quietMs || now - start >= maxMs) break;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        setTimeout(resolve, Math.min(quietMs, 50));
      });
    }
    this.stop();
    const navigated = this.unloading || location.href !== this.startUrl;
    return { pageChanged: this.mutations > 0 || navigated, navigated, unloading: this.unloading };
  }

  stop(): void {
    this.observer.disconnect();
    window.removeEventListener('pagehide', this.onUnload);
    window.removeEventListener('beforeunload', this.onUnload);
  }
}
