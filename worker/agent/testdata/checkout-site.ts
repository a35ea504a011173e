// A two-page checkout held in memory behind the BrowserBridge interface, so the
// offline policy can be run through the real run loop (runAgent) in Node. Fields keep
// what is typed; "Continue" and "Place order" navigate; the layout of the first page
// can be shuffled to stand for a redesign since a workflow was learned.
import type { Action, ActionResult } from '../../../shared/actions';
import { actionFailure } from '../../../shared/actions';
import type { TabBridge } from '../../../shared/browser-bridge';
import type { Observation } from '../../../shared/observation';
import { button, checkbox, field, link, page, select, type Spec } from './pages';

export class CheckoutSite implements TabBridge {
  url = 'http://shop.test/checkout';
  readonly values = new Map<string, string>();
  readonly acted: Action[] = [];
  private last: Observation | null = null;

  constructor(private readonly redesigned = false) {}

  private specs(): Spec[] {
    const v = (name: string) => this.values.get(name) ?? '';
    if (this.url.endsWith('/checkout')) {
      const fields = [field('Full name', 'text', v('Full name')), field('Email', 'email', v('Email'))];
      return this.redesigned
        ? [link('Help', '/help'), link('Back to cart', '/cart'), ...fields.reverse(), button('Cancel order', 'button'), button('Continue')]
        : [link('Back to cart', '/cart'), ...fields, button('Cancel order', 'button'), button('Continue')];
    }
    if (this.url.endsWith('/shipping')) {
      return [link('Back', '/checkout'), field('Address', 'text', v('Address')), field('City', 'text', v('City')), select('Delivery', ['Standard', 'Express'], v('Delivery') || 'Standard'), checkbox('Gift wrap', this.values.has('Gift wrap')), button('Place order')];
    }
    return [link('Continue shopping', '/')];
  }

  async observe(): Promise<Observation> {
    const done = this.url.endsWith('/confirmed');
    const text = done ? `Order placed! Thank you, ${this.values.get('Full name')}.` : 'Checkout';
    this.last = page(this.url, done ? 'Order placed' : 'Checkout', this.specs(), text);
    return this.last;
  }

  async act(_tab: number, action: Action): Promise<ActionResult> {
    this.acted.push(action);
    const ok: ActionResult = { ok: true, navigated: false, pageChanged: false, tookMs: 1 };
    if (action.kind === 'done') return { ...ok, ...(action.text ? { extracted: action.text } : {}) };
    if (!('index' in action) || action.index === undefined) return ok;
    const e = this.last?.elements[action.index];
    if (!e) return actionFailure('stale_index', `no element [${action.index}]`);
    if (action.kind === 'type') this.values.set(e.name, action.text);
    if (action.kind === 'select') this.values.set(e.name, action.option);
    if (action.kind === 'click') {
      if (e.name === 'Gift wrap') this.values.set('Gift wrap', 'yes');
      const next = e.name === 'Continue' ? '/shipping' : e.name === 'Place order' ? '/confirmed' : undefined;
      if (next) {
        this.url = `http://shop.test${next}`;
        return { ...ok, navigated: true, pageChanged: true, url: this.url };
      }
    }
    return ok;
  }

  async screenshot(): Promise<never> {
    throw new Error('no screenshots in memory');
  }
}
