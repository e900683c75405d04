// Overview: the network at a glance, refreshed every 5 s: chargers online, offline and faulted, sessions charging now,
// today's bookings, energy and value, refunds pending and open tickets.
import { h, Component } from '../lib.js';
import { api } from '../api.js';
import { Loading, Problem, money, badge } from '../ui.js';

export function chargerHealth(c) {
  const faulted = c.stationStatus === 'Faulted' || (c.connectors || []).some((k) => k.status === 'Faulted');
  return faulted ? 'FAULTED' : c.connection;
}

async function load() {
  const tz = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  // each from its own service: one that does not answer blanks its cards only
  const [summary, chargers, tickets] = await Promise.allSettled([
    api(`/orders/v1/admin/summary?tz=${encodeURIComponent(tz)}`),
    api('/chargers/v1/charge-points'),
    api('/support-rating/v1/admin/tickets?status=OPEN&limit=1000'),
  ]);
  if ([summary, chargers, tickets].every((r) => r.status === 'rejected')) throw summary.reason;
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
      h(Loading, { load, every: 5000 }, (r) => {
        const down = (x) => h('span', { class: 'unavailable', title: x.reason.detail || '' }, '—');
        const note = (x) => `${x.reason.title || 'unavailable'}`;
        const chargers = r.chargers.status === 'fulfilled' ? r.chargers.value : null;
        const summary = r.summary.status === 'fulfilled' ? r.summary.value : null;
        const health = (chargers || []).map(chargerHealth);
        const count = (s) => (chargers ? health.filter((x) => x === s).length : down(r.chargers));
        const sum = (f, n) => (summary ? f(summary) : n ? note(r.summary) : down(r.summary));
        return h('div', null,
          h('div', { class: 'cards' },
            card('chargers-online', 'Chargers online', count('ONLINE'), chargers ? `of ${chargers.length}` : note(r.chargers)),
            card('chargers-offline', 'Offline', count('OFFLINE')),
            card('chargers-faulted', 'Faulted', count('FAULTED')),
            card('charging-now', 'Charging now', sum((x) => x.chargingNow)),
            card('bookings-today', 'Bookings today', sum((x) => x.bookings), sum((x) => 'booked ' + amounts(x.bookedAmount), true)),
            card('energy-today', 'Energy today', sum((x) => `${Number(x.energyKwh).toFixed(3)} kWh`),
              sum((x) => 'billed ' + amounts(x.settledAmount), true)),
            card('refunds-pending', 'Refunds pending', sum((x) => x.refundsPending),
              summary && summary.refundsRefused ? `${summary.refundsRefused} refused by the gateway` : null),
            card('open-tickets', 'Open tickets', r.tickets.status === 'fulfilled' ? r.tickets.value.length : down(r.tickets),
              r.tickets.status === 'fulfilled' ? null : note(r.tickets))),
          h('h3', null, 'Chargers needing attention'),
          chargers ? h('ul', { class: 'attention' }, chargers.filter((c) => chargerHealth(c) !== 'ONLINE').map((c) =>
            h('li', null, h('a', { href: '#/chargers' }, c.id), ' ', badge(chargerHealth(c)))),
          chargers.every((c) => chargerHealth(c) === 'ONLINE') ? h('li', { class: 'muted' }, 'None: every charger is online') : null)
            : h(Problem, { error: r.chargers.reason }),
          summary ? h('p', { class: 'muted' }, 'Updated every 5 s. Today starts at ', new Date(summary.since).toLocaleString(), '.')
            : h(Problem, { error: r.summary.reason }));
      }));
  }
}
