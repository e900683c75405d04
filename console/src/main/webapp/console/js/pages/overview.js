// Overview: the network at a glance, refreshed every 5 s: chargers online, offline and faulted, sessions charging now,
// today's bookings, energy and value, refunds pending and open tickets.
import { h, Component } from '../lib.js';
import { api } from '../api.js';
import { Loading, money, badge } from '../ui.js';

export function chargerHealth(c) {
  const faulted = c.stationStatus === 'Faulted' || (c.connectors || []).some((k) => k.status === 'Faulted');
  return faulted ? 'FAULTED' : c.connection;
}

async function load() {
  const tz = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const [summary, chargers, tickets] = await Promise.all([
    api(`/orders/v1/admin/summary?tz=${encodeURIComponent(tz)}`),
    api('/chargers/v1/charge-points'),
    api('/support-rating/v1/admin/tickets?status=OPEN&limit=1000'),
  ]);
  return { summary, chargers, tickets };
}

function card(id, label, value, note) {
  return h('div', { class: 'card', id }, h('div', { class: 'card-label' }, label),
    h('div', { class: 'card-value' }, value), note ? h('div', { class: 'card-note' }, note) : null);
}

function amounts(map) {
  const entries = Object.entries(map || {});
  return entries.length ? entries.map(([c, a]) => money(a, c)).join(' + ') : '0.00';
}

export class Overview extends Component {
  render({ user }) {
    return h('section', null,
      h('h2', null, user.operator ? 'The platform today' : `${user.providerId} today`),
      h(Loading, { load, every: 5000 }, ({ summary, chargers, tickets }) => {
        const health = chargers.map(chargerHealth);
        const count = (s) => health.filter((x) => x === s).length;
        return h('div', null,
          h('div', { class: 'cards' },
            card('chargers-online', 'Chargers online', count('ONLINE'), `of ${chargers.length}`),
            card('chargers-offline', 'Offline', count('OFFLINE')),
            card('chargers-faulted', 'Faulted', count('FAULTED')),
            card('charging-now', 'Charging now', summary.chargingNow),
            card('bookings-today', 'Bookings today', summary.bookings, 'booked ' + amounts(summary.bookedAmount)),
            card('energy-today', 'Energy today', `${Number(summary.energyKwh).toFixed(3)} kWh`,
              'billed ' + amounts(summary.settledAmount)),
            card('refunds-pending', 'Refunds pending', summary.refundsPending,
              summary.refundsRefused ? `${summary.refundsRefused} refused by the gateway` : null),
            card('open-tickets', 'Open tickets', tickets.length)),
          h('h3', null, 'Chargers needing attention'),
          h('ul', { class: 'attention' }, chargers.filter((c) => chargerHealth(c) !== 'ONLINE').map((c) =>
            h('li', null, h('a', { href: '#/chargers' }, c.id), ' ', badge(chargerHealth(c)))),
          chargers.every((c) => chargerHealth(c) === 'ONLINE') ? h('li', { class: 'muted' }, 'None: every charger is online') : null),
          h('p', { class: 'muted' }, 'Updated every 5 s. Today starts at ', new Date(summary.since).toLocaleString(), '.'));
      }));
  }
}
