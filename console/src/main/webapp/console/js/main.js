// The console's shell: sign-in, the navigation and a hash router (#/overview, #/chargers, #/orders, #/orders/<id>,
// #/catalog, #/support). Each page lives in pages/ and reads the services' admin APIs with the user's token.
import { h, render, Component } from './lib.js';
import { loadConfig, settings, completeSignIn, signIn, signOut, user, takeNotice } from './auth.js';
import { whenSignedOut } from './api.js';
import { Overview } from './pages/overview.js';
import { Chargers } from './pages/chargers.js';
import { Orders } from './pages/orders.js';
import { OrderDetail } from './pages/order.js';
import { Catalog } from './pages/catalog.js';
import { Support } from './pages/support.js';

const PAGES = [
  ['overview', 'Overview'], ['chargers', 'Chargers'], ['orders', 'Orders & sessions'], ['catalog', 'Catalog & tariffs'],
  ['support', 'Support & ratings'],
];

function route() {
  const parts = (location.hash || '#/overview').replace(/^#\/?/, '').split('/').map((p) => {
    try {
      return decodeURIComponent(p);
    } catch (e) {
      return p; // a malformed address shows as typed (and is not found)
    }
  });
  return { page: parts[0] || 'overview', arg: parts[1] || null };
}

class SignInScreen extends Component {
  render({ notice, error }) {
    const cfg = settings();
    return h('main', { class: 'signin' },
      h('h1', null, 'EV charging BPP console'),
      h('p', null, 'For the platform operator and the charge-point operators (partners) on it.'),
      notice ? h('p', { class: 'notice', id: 'signin-notice' }, notice) : null,
      error ? h('div', { class: 'problem', role: 'alert' }, h('strong', null, 'Sign-in failed'), ' — ', error) : null,
      h('button', { id: 'sign-in', onClick: () => signIn().catch((e) => this.setState({ failed: e.message })) },
        cfg && cfg.devLogin ? 'Sign in (development login)' : 'Sign in'),
      this.state.failed ? h('p', { class: 'problem' }, this.state.failed) : null,
      cfg && cfg.devLogin
        ? h('p', { class: 'dev-note' }, 'Local suite: the development login issues tokens for this machine only.')
        : h('p', { class: 'muted' }, 'Signs in at ', cfg ? cfg.issuer : ''));
  }
}

class App extends Component {
  constructor() {
    super();
    this.state = { route: route(), user: user(), notice: takeNotice(), error: null };
  }

  componentDidMount() {
    window.addEventListener('hashchange', () => this.setState({ route: route() }));
    // several calls may be refused at once: the first one's reason stays
    whenSignedOut(() => this.setState((st) => ({ user: null, notice: takeNotice() || st.notice || 'Sign in again.' })));
  }

  render(props, { route: r, user: u, notice, error }) {
    if (!u) return h(SignInScreen, { notice, error: props.error });
    const cfg = settings();
    const page = {
      overview: () => h(Overview, { user: u }),
      chargers: () => h(Chargers, { user: u }),
      orders: () => (r.arg ? h(OrderDetail, { user: u, id: r.arg, key: r.arg }) : h(Orders, { user: u })),
      catalog: () => h(Catalog, { user: u }),
      support: () => h(Support, { user: u }),
    }[r.page];
    return h('div', { class: 'shell' },
      h('header', null,
        h('span', { class: 'brand' }, 'EV charging BPP'),
        h('nav', null, PAGES.map(([id, label]) => h('a', {
          href: `#/${id}`, id: `nav-${id}`, class: r.page === id ? 'active' : '',
        }, label))),
        h('span', { class: 'who', id: 'who' },
          cfg.devLogin ? h('span', { class: 'badge dev' }, 'LOCAL DEVELOPMENT LOGIN') : null, ' ',
          u.operator ? 'Operator' : `Partner ${u.providerId || ''}`, ' · ', u.name, ' ',
          h('button', { class: 'link', id: 'sign-out', onClick: () => { signOut('Signed out.'); this.setState({ user: null, notice: takeNotice() }); } }, 'Sign out'))),
      h('main', { id: `page-${r.page}` }, page ? page() : h('div', { class: 'problem' }, h('strong', null, 'Not found'), ' — no page ', r.page)));
  }
}

async function start() {
  const root = document.getElementById('app');
  try {
    await loadConfig();
  } catch (e) {
    render(h('div', { class: 'problem' }, h('strong', null, 'The console cannot start'), ' — ', e.message), root);
    return;
  }
  let error = null;
  try {
    const back = await completeSignIn();
    if (back) location.hash = back;
  } catch (e) {
    error = e.message;
  }
  root.textContent = '';
  render(h(App, { error }), root);
}

start();
