// One order: its state and money, its charging session's energy and SoC as the charger metered them (live while it
// charges), its protocol timeline (every request ACKed and every callback with its delivery attempts), its payments
// and refunds from the ledger, and, for the operator, cancel with refund.
import { h, Component, uPlot } from '../lib.js';
import { api } from '../api.js';
import { Problem, Confirm, money, time, badge, table } from '../ui.js';

class EnergyChart extends Component {
  componentDidMount() {
    this.draw();
  }

  componentDidUpdate() {
    this.draw();
  }

  componentWillUnmount() {
    if (this.plot) this.plot.destroy();
  }

  data() {
    const s = this.props.samples;
    return [s.map((x) => new Date(x.at).getTime() / 1000), s.map((x) => (x.deliveredKwh === null ? null : Number(x.deliveredKwh))),
      s.map((x) => (x.socPercent === null ? null : x.socPercent))];
  }

  draw() {
    const data = this.data();
    if (this.plot) {
      this.plot.setData(data);
      return;
    }
    this.plot = new uPlot({
      width: Math.min(900, (this.base.clientWidth || 900)), height: 260,
      scales: { soc: { range: [0, 100] } },
      series: [{}, { label: 'Energy (kWh)', stroke: '#1565c0', width: 2, scale: 'kWh' },
        { label: 'SoC (%)', stroke: '#2e7d32', width: 2, scale: 'soc' }],
      axes: [{}, { scale: 'kWh', label: 'kWh' }, { scale: 'soc', side: 1, label: '%', grid: { show: false } }],
    }, data, this.base);
  }

  render() {
    return h('div', { class: 'energy-chart', id: 'energy-chart' });
  }
}

export class OrderDetail extends Component {
  constructor() {
    super();
    this.state = { order: null, meter: null, timeline: null, ledger: null, error: null, confirm: false, result: null };
  }

  componentDidMount() {
    this.load();
    this.timer = setInterval(() => {
      // live only while it charges (a booking for tomorrow has nothing to follow)
      const o = this.state.order;
      if (o && o.session && o.session.state === 'RUNNING') this.load();
    }, 3000);
  }

  componentWillUnmount() {
    clearInterval(this.timer);
  }

  async load() {
    const id = encodeURIComponent(this.props.id);
    try {
      const order = await api(`/orders/v1/admin/orders/${id}`);
      const q = `bapId=${encodeURIComponent(order.bapId)}&transactionId=${encodeURIComponent(order.transactionId)}`;
      const [timeline, ledger, meter] = await Promise.all([
        // the transaction's messages at each service that had a part: the quote, the order, ratings and support
        Promise.all([
          api(`/quotes/v1/admin/timeline?${q}`).then((t) => ({ ...t, service: 'quote' }), () => null),
          api(`/orders/v1/admin/orders/${id}/timeline`).then((t) => ({ ...t, service: 'order' })),
          api(`/support-rating/v1/admin/timeline?${q}`).then((t) => ({ ...t, service: 'support-rating' }), () => null),
        ]).then(merge),
        api(`/orders/v1/admin/orders/${id}/ledger`),
        api(`/chargers/v1/sessions/${id}/meter-values`).catch((e) => (e.status === 404 ? null : { error: e })),
      ]);
      this.setState({ order, timeline, ledger, meter, error: null });
    } catch (e) {
      if (e.status !== 401) this.setState({ error: e });
    }
  }

  render({ user, id }, { order, meter, timeline, ledger, error, confirm, result }) {
    if (error && !order) return h('section', null, h('h2', null, 'Order ', id), h(Problem, { error }), h('a', { href: '#/orders' }, 'Back to the orders'));
    if (!order) return h('p', { class: 'loading' }, 'Loading…');
    const s = order.session;
    const cancellable = user.operator && (order.status === 'ACTIVE');
    return h('section', null,
      h('h2', null, 'Order ', h('span', { id: 'order-id' }, order.id), ' ', badge(order.status)),
      error ? h(Problem, { error }) : null,
      result ? h('p', { class: 'result', id: 'action-result' }, result) : null,
      confirm ? h(Confirm, {
        title: `Cancel order ${order.id}`, confirmLabel: 'Cancel the order and refund',
        action: () => api(`/orders/v1/admin/orders/${encodeURIComponent(order.id)}/cancel`, { method: 'POST', body: { reason: this.reason || 'Cancelled by the operator' } }),
        onCancel: () => this.setState({ confirm: false }),
        onDone: (o) => { this.setState({ confirm: false, result: `Cancelled: refund ${money(o.refundAmount, o.currency)} (${o.refundStatus || 'none'})` }); this.load(); },
      }, h('p', null, 'The provider cancels: no fee, the user is refunded what was not delivered, and the BAP is told by an on_cancel.'),
        h('label', null, 'Reason ', h('input', { id: 'cancel-reason', maxLength: 200, onInput: (e) => { this.reason = e.target.value; } })))
        : null,
      h('dl', { class: 'facts' },
        fact('Transaction', order.transactionId), fact('BAP', order.bapId), fact('Provider', order.providerId),
        fact('Item', order.itemId), fact('Charger', order.fulfillmentId), fact('State', order.state),
        fact('Slot', order.slotStart ? `${time(order.slotStart)} – ${time(order.slotEnd)}` : '—'),
        fact('Booked', order.quantity ? `${Number(order.quantity)} ${order.itemId && s && s.connectorId ? 'kWh' : ''}`.trim() : '—'),
        fact('Total', money(order.total, order.currency)), fact('Final amount', money(order.finalAmount, order.currency)),
        fact('Cancelled by', order.cancelledBy || '—'),
        fact('Refund', order.refundAmount ? `${money(order.refundAmount, order.currency)} ${order.refundStatus || ''}` : '—')),
      cancellable ? h('button', { class: 'danger', id: 'cancel-order', onClick: () => this.setState({ confirm: true, result: null }) }, 'Cancel with refund') : null,
      ' ',
      cancellable && s && s.state === 'RUNNING' ? h('button', { class: 'secondary', id: 'stop-session', onClick: () => this.setState({ stopping: true, result: null }) }, 'Stop charging') : null,
      this.state.stopping ? h(Confirm, {
        title: `Stop order ${order.id}'s session`, confirmLabel: 'Stop the session',
        action: () => api(`/orders/v1/admin/orders/${encodeURIComponent(order.id)}/stop`, { method: 'POST', body: { reason: 'Stopped by the operator' } }),
        onCancel: () => this.setState({ stopping: false }),
        onDone: (o) => { this.setState({ stopping: false, result: `Stopped: billed ${money(o.finalAmount, o.currency)}, refund ${money(o.refundAmount, o.currency)}` }); this.load(); },
      }, h('p', null, 'The charger stops now; the user is billed the energy delivered and nothing else, the rest is refunded, and the BAP is told.')) : null,
      h('h3', null, 'Charging session'),
      s ? h('p', { id: 'session-line' }, badge(s.state), ` ${delivered(s, meter).toFixed(3)} kWh delivered`,
        s.socPercent !== null && s.socPercent !== undefined ? `, SoC ${s.socPercent} %` : '',
        s.targetKwh ? ` of ${s.targetKwh} kWh booked` : '', s.endReason ? ` · ended: ${s.endReason}` : '',
        s.startedAt ? ` · started ${time(s.startedAt)}` : '') : h('p', { class: 'muted' }, 'No session started.'),
      meter && meter.samples ? h('div', null,
        h('p', { class: 'muted', id: 'meter-line' }, `Charger ${meter.chargePointId} connector ${meter.connectorId}: `,
          h('span', { id: 'meter-count' }, meter.samples.length), ' meter values, last ',
          h('span', { id: 'meter-kwh' }, meter.samples.length ? Number(meter.samples[meter.samples.length - 1].deliveredKwh).toFixed(3) : '0.000'), ' kWh',
          meter.faultCode ? h('span', { class: 'error-code' }, ` · fault ${meter.faultCode}`) : null),
        h(EnergyChart, { samples: meter.samples })) : meter && meter.error ? h(Problem, { error: meter.error }) : null,
      h('h3', null, 'Payments and refunds'),
      ledger && ledger.ledger ? h('div', { id: 'ledger' },
        h('p', null, `Paid ${money(ledger.ledger.paid, ledger.ledger.currency)}, refunded ${money(ledger.ledger.refunded, ledger.ledger.currency)}, balance ${money(ledger.ledger.balance, ledger.ledger.currency)} · ${ledger.ledger.status}`),
        table([{ label: 'Entry', cell: (e) => e.type }, { label: 'Id', cell: (e) => e.id }, { label: 'Amount', cell: (e) => money(e.amount, ledger.ledger.currency) },
          { label: 'Status', cell: (e) => e.status }, { label: 'At', cell: (e) => time(e.at) }], ledger.ledger.entries || []))
        : h('p', { class: 'muted', id: 'ledger' }, ledger ? ledger.error : '—'),
      h('h3', null, 'Protocol timeline'),
      h('div', { id: 'timeline' }, table([
        { label: 'At', cell: (e) => time(e.at) },
        { label: '', cell: (e) => (e.direction === 'in' ? 'BAP → BPP' : 'BPP → BAP') },
        { label: 'Service', cell: (e) => e.service },
        { label: 'Action', cell: (e) => h('strong', null, e.action) },
        { label: 'Answer', cell: (e) => (e.direction === 'in' ? badge(e.ack || 'ACK', 'ack') : badge(e.status)) },
        { label: 'Delivery', cell: (e) => (e.direction === 'out' ? `${e.attempts} attempt${e.attempts === 1 ? '' : 's'} to ${e.target}${e.deliveredAt ? ', delivered ' + time(e.deliveredAt) : ''}` : `processed: ${e.status}`) },
        { label: 'Errors', cell: (e) => (e.lastError || (e.deliveries || []).filter((a) => a.outcome && !(a.httpStatus >= 200 && a.httpStatus < 300)).map((a) => `#${a.number} ${a.httpStatus || ''} ${a.outcome}`).join('; ') || '') },
      ], timeline ? timeline.entries : [], (e) => ({ class: `tl-${e.direction}`, 'data-action': e.action })),
      timeline && timeline.truncated ? h('p', { class: 'muted' }, 'Only the newest messages are shown.') : null,
      timeline && timeline.missing.length ? h('p', { class: 'muted' }, `Not shown: ${timeline.missing.join(', ')} did not answer.`) : null));
  }
}

/** One timeline of the services' own ones, by time; a service that did not answer is named. */
function merge(parts) {
  const entries = [];
  const missing = [];
  let truncated = false;
  for (const p of parts) {
    if (!p) continue;
    truncated = truncated || p.truncated;
    p.entries.forEach((e) => entries.push({ ...e, service: p.service }));
  }
  ['quote', 'order', 'support-rating'].forEach((svc, i) => { if (!parts[i]) missing.push(svc); });
  entries.sort((a, b) => new Date(a.at) - new Date(b.at));
  return { entries, truncated, missing };
}

/**
 * The energy delivered so far: the charger's own count (charger-service, every meter value) while it charges, which
 * order-service's session catches up with at each status and at the end; the larger of the two is the newer.
 */
function delivered(s, meter) {
  const ours = Number(s.deliveredKwh || 0);
  const charger = meter && meter.deliveredKwh !== null && meter.deliveredKwh !== undefined ? Number(meter.deliveredKwh) : 0;
  return Math.max(ours, charger);
}

function fact(label, value) {
  return [h('dt', null, label), h('dd', null, value || '—')];
}
