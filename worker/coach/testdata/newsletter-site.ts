// A newsletter page held in memory behind the BrowserBridge interface, with a trap:
// a "Subscribe to deals" promo sits next to the real, blandly named "OK" button.
// The promo matches the task's words better, and its page thanks the user too — so
// an agent without memory falls for it, and only the task's own check tells.
import type { Action, ActionResult } from '../../../shared/actions';
import { actionFailure } from '../../../shared/actions';
import type { TabBridge } from '../../../shared/browser-bridge';
import type { Observation } from '../../../shared/observation';
import { button, field, link, page, type Spec } from '../../agent/testdata/pages';

export class NewsletterSite implements TabBridge {
  url = 'http://news.test/';
  readonly values = new Map<string, string>();
  /** Who joined the newsletter (the task's own check reads this). */
  readonly joined: string[] = [];
  private last: Observation | null = null;

  private specs(): Spec[] {
    const v = (name: string) => this.values.get(name) ?? '';
    if (this.url === 'http://news.test/') return [link('Home', '/'), field('Your name', 'text', v('Your name')), field('Email address', 'email', v('Email address')), button('Subscribe to deals'), button('OK')];
    return [link('Home', '/')];
  }

  async observe(): Promise<Observation> {
    const text = this.url.endsWith('/deals') ? 'Thanks for subscribing to our deals!' : this.url.endsWith('/welcome') ? `Welcome aboard, ${this.joined.at(-1)}!` : 'The weekly newsletter';
    const title = this.url.endsWith('/deals') ? 'Deals' : this.url.endsWith('/welcome') ? 'Welcome' : 'Newsletter';
    this.last = page(this.url, title, this.specs(), text);
    return this.last;
  }

  async act(_tab: number, action: Action): Promise<ActionResult> {
    const ok: ActionResult = { ok: true, navigated: false, pageChanged: false, tookMs: 1 };
    if (action.kind === 'done') return { ...ok, ...(action.text ? { extracted: action.text } : {}) };
    if (action.kind === 'back') {
      this.url = 'http://news.test/';
      return { ...ok, navigated: true, pageChanged: true };
    }
    if (!('index' in action) || action.index === undefined) return ok;
    const e = this.last?.elements[action.index];
    if (!e) return actionFailure('stale_index', `no element [${action.index}]`);
    if (action.kind === 'type') this.values.set(e.name, action.text);
    if (action.kind === 'click') {
      const next = e.name === 'Subscribe to deals' ? '/deals' : e.name === 'OK' ? '/welcome' : undefined;
      if (e.name === 'OK') this.joined.push(`${this.values.get('Your name')} <${this.values.get('Email address')}>`);
      if (next) {
        this.url = `http://news.test${next}`;
        return { ...ok, navigated: true, pageChanged: true, url: this.url };
      }
    }
    return ok;
  }

  async screenshot(): Promise<never> {
    throw new Error('no screenshots in memory');
  }
}
