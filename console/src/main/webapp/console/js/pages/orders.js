// Orders and sessions: search by order or transaction id, BAP or state; newest first. A partner's token lists its own
// provider's orders only (order-service enforces it).
import { h, Component } from '../lib.js';
import { api } from '../api.js';
import { Loading, table, money, time, badge } from '../ui.js';

const STATES = ['', 'ACTIVE', 'COMPLETE', 'CANCELLED', 'DRAFT', 'EXPIRED'];

export class Orders extends Component {
  constructor() {
    super();
    this.state = { q: '', bapId: '', status: '', search: 0 };
  }

  load() {
    const { q, bapId, status } = this.state;
    const p = new URLSearchParams({ limit: '100' });
    if (q.trim()) p.set('q', q.trim());
    if (bapId.trim()) p.set('bapId', bapId.trim());
    if (status) p.set('status', status);
    return api(`/orders/v1/admin/orders?${p}`);
  }

  render(props, { q, bapId, status, search }) {
    const submit = (ev) => {
      ev.preventDefault();
      this.setState({ search: search + 1 });
    };
    return h('section', null,
      h('h2', null, 'Orders and sessions'),
      h('form', { class: 'filters', onSubmit: submit },
        h('input', { id: 'order-q', placeholder: 'order or transaction id', value: q, onInput: (e) => this.setState({ q: e.target.value }) }),
        h('input', { id: 'order-bap', placeholder: 'BAP id', value: bapId, onInput: (e) => this.setState({ bapId: e.target.value }) }),
        h('select', { id: 'order-status', value: status, onChange: (e) => this.setState({ status: e.target.value }) },
          STATES.map((s) => h('option', { value: s }, s || 'any state'))),
        h('button', { type: 'submit', id: 'order-search' }, 'Search')),
      h(Loading, { key: search, load: () => this.load(), every: 10000 }, (orders) => table([
        { label: 'Order', cell: (o) => h('a', { href: `#/orders/${encodeURIComponent(o.id)}`, class: 'order-link' }, o.id) },
        { label: 'Created', cell: (o) => time(o.createdAt) },
        { label: 'Provider', cell: (o) => o.providerId },
        { label: 'BAP', cell: (o) => o.bapId },
        { label: 'Charger', cell: (o) => o.fulfillmentId || '—' },
        { label: 'State', cell: (o) => h('span', null, badge(o.status), ' ', o.state) },
        { label: 'Session', cell: (o) => (o.session ? `${o.session.state} ${Number(o.session.deliveredKwh).toFixed(3)} kWh` : '—') },
        { label: 'Total', cell: (o) => money(o.finalAmount ?? o.total, o.currency) },
      ], orders, (o) => ({ 'data-order': o.id }))));
  }
}
