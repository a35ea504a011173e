// The inspector's views as an ARIA tab list: arrow keys (and Home/End) move between
// tabs and activate them, only the active tab is in the tab order, and the URL's
// hash names the open view so a reload or a link (#runs) lands on it.

export interface TabsOptions {
  /** Called when a view is shown (first time included): views load their data lazily. */
  onShow: (name: string) => void;
}

export function setUpTabs(tablist: HTMLElement, options: TabsOptions): { show: (name: string, focus?: boolean) => void } {
  const tabs = [...tablist.querySelectorAll<HTMLElement>('[role="tab"]')];
  const nameOf = (tab: HTMLElement) => tab.dataset.view ?? '';
  const panelOf = (tab: HTMLElement) => document.getElementById(tab.getAttribute('aria-controls') ?? '');

  const show = (name: string, focus = false) => {
    const chosen = tabs.find((t) => nameOf(t) === name) ?? tabs[0]!;
    for (const tab of tabs) {
      const on = tab === chosen;
      tab.setAttribute('aria-selected', String(on));
      tab.tabIndex = on ? 0 : -1;
      const panel = panelOf(tab);
      if (panel) panel.hidden = !on;
    }
    if (focus) chosen.focus();
    // The first view is the page itself: a URL without a hash stays without one.
    const unnamed = location.hash === '' && chosen === tabs[0];
    if (!unnamed && location.hash !== `#${nameOf(chosen)}`) history.replaceState(null, '', `#${nameOf(chosen)}`);
    options.onShow(nameOf(chosen));
  };

  for (const tab of tabs) {
    tab.addEventListener('click', () => show(nameOf(tab)));
    tab.addEventListener('keydown', (e) => {
      const i = tabs.indexOf(tab);
      const to = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? tabs.length - 1 : null;
      if (to === null) return;
      e.preventDefault();
      show(nameOf(tabs[(to + tabs.length) % tabs.length]!), true);
    });
  }
  window.addEventListener('hashchange', () => show(location.hash.slice(1)));
  show(location.hash.slice(1));
  return { show };
}
