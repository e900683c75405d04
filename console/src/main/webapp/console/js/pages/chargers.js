// Chargers: by station (from the catalog's locations), with the OCPP connection, each connector's status, the last
// heartbeat and firmware; ChangeAvailability and Reset with confirmation; a map of the stations from their stored
// coordinates (no online tiles). Refreshed every 5 s.
import { h, Component } from '../lib.js';
import { L } from '../lib.js';
import { api } from '../api.js';
import { Loading, Confirm, Problem, badge, ago, money } from '../ui.js';
import { chargerHealth } from './overview.js';

/** The stations of every provider the caller may see, with their connectors (read once: the catalog changes rarely). */
async function loadStations() {
  const providers = await api('/catalog/v1/providers?limit=1000');
  const stations = [];
  const stationOf = {};
  for (const p of providers) {
    const net = await api(`/catalog/v1/providers/${encodeURIComponent(p.id)}/network`);
    for (const loc of net.locations || []) {
      const st = { id: loc.id, name: loc.name || loc.id, gps: loc.gps, providerId: p.id, address: loc.address };
      stations.push(st);
      for (const evse of loc.evses || []) {
        // connector ids are unique per provider only
        for (const c of evse.connectors || []) stationOf[`${p.id}|${c.id}`] = st;
      }
    }
  }
  return { stations, stationOf };
}

/** The chargers placed at their stations (by their connectors' catalog ids); those placed nowhere last. */
function place(catalog, chargers) {
  const byStation = new Map(catalog.stations.map((s) => [s, []]));
  const unplaced = [];
  for (const c of chargers) {
    const st = (c.connectors || []).map((x) => catalog.stationOf[`${c.providerId}|${x.catalogConnector}`]).find((s) => s);
    if (st) byStation.get(st).push(c); else unplaced.push(c);
  }
  const placed = catalog.stations.map((s) => ({ ...s, chargers: byStation.get(s) }));
  return placed.concat(unplaced.length ? [{ id: '-', name: 'Not in the catalog', chargers: unplaced }] : []);
}

class StationMap extends Component {
  componentDidMount() {
    // no tile layer (no online tiles): markers on a plain background; zoom bounded, so one station still fits
    this.map = L.map(this.base, { attributionControl: false, zoomSnap: 0.25, minZoom: 2, maxZoom: 18 });
    this.layer = L.layerGroup().addTo(this.map);
    this.draw();
  }

  componentDidUpdate() {
    this.draw();
  }

  componentWillUnmount() {
    this.map.remove();
  }

  draw() {
    this.layer.clearLayers();
    const points = [];
    for (const s of this.props.stations) {
      if (!s.gps) continue;
      const [lat, lon] = s.gps.split(',').map(Number);
      if (!isFinite(lat) || !isFinite(lon)) continue;
      const bad = s.chargers.some((c) => chargerHealth(c) !== 'ONLINE');
      L.circleMarker([lat, lon], { radius: 9, color: bad ? '#b3261e' : '#1b7f3b', fillOpacity: 0.7, className: 'station-marker' })
        // a text node: a station's name is a partner's free text, never markup
        .bindTooltip(document.createTextNode(`${s.name} (${s.chargers.length} chargers)`), { permanent: true, direction: 'right' })
        .addTo(this.layer);
      points.push([lat, lon]);
    }
    if (points.length && !this.fitted) {
      this.map.fitBounds(L.latLngBounds(points).pad(0.6), { maxZoom: 15 });
      this.fitted = true;
    } else if (!points.length && !this.fitted) {
      this.map.setView([0, 0], 2);
    }
  }

  render() {
    return h('div', { class: 'station-map', id: 'station-map' });
  }
}

export class Chargers extends Component {
  componentDidMount() {
    loadStations().then((catalog) => this.setState({ catalog }), (e) => this.setState({ catalogError: e }));
  }

  render({ user }) {
    const { confirm, result, catalog, catalogError } = this.state;
    if (catalogError) return h('section', null, h('h2', null, 'Chargers'), h(Problem, { error: catalogError }));
    if (!catalog) return h('p', { class: 'loading' }, 'Loading the stations…');
    return h('section', null,
      h('h2', null, 'Chargers'),
      result ? h('p', { class: 'result', id: 'action-result' }, result) : null,
      confirm ? h(Confirm, { ...confirm, onCancel: () => this.setState({ confirm: null }),
        // the list again at once: the row shows what the action did, not what it was 5 s ago
        onDone: (r) => this.setState({ confirm: null, tick: (this.state.tick || 0) + 1,
          result: `${confirm.title}: ${r.status || 'done'}${r.detail ? ' — ' + r.detail : ''}` }) }, confirm.body) : null,
      h(Loading, { key: `c${this.state.tick || 0}`, load: () => api('/chargers/v1/charge-points'), every: 5000 },
        (chargers) => this.stations(place(catalog, chargers), user)));
  }

  stations(stations, user) {
    return h('div', null,
      h(StationMap, { stations }),
      stations.map((s) => h('div', { class: 'station' },
        h('h3', null, s.name, s.address ? h('span', { class: 'muted' }, ' · ', s.address) : null),
        h('table', { class: 'grid' },
          h('thead', null, h('tr', null, ['Charger', 'OCPP', 'Connection', 'Connectors', 'Last heartbeat', 'Firmware', ''].map((x) => h('th', null, x)))),
          h('tbody', null, s.chargers.map((c) => this.row(c, user)))))));
  }

  row(c, user) {
    return h('tr', { id: `charger-${c.id}`, 'data-health': chargerHealth(c) },
      h('td', null, h('strong', null, c.id), h('div', { class: 'muted' }, [c.vendor, c.model].filter(Boolean).join(' '))),
      h('td', null, c.protocol),
      h('td', null, badge(chargerHealth(c))),
      h('td', null, (c.connectors || []).map((k) => h('div', { class: 'connector' },
        `${k.catalogConnector || k.connectorId} `, badge(k.status || 'Unknown', (k.status || 'unknown').toLowerCase()),
        k.errorCode && k.errorCode !== 'NoError' ? h('span', { class: 'error-code' }, ' ', k.errorCode) : null,
        k.status === 'Unavailable' ? h('span', { class: 'muted' }, ' (taken out of service)') : null,
        k.orderId ? h('span', { class: 'charging-order' }, ' · ',
          h('a', { href: `#/orders/${encodeURIComponent(k.orderId)}` }, 'order ' + k.orderId.slice(0, 8)), ' ',
          user.operator ? h('button', { class: 'danger small', id: `stop-${k.catalogConnector || k.connectorId}`, onClick: () => this.stop(k) }, 'Stop') : null)
          : null))),
      h('td', null, ago(c.lastHeartbeatAt)),
      h('td', null, c.firmware || '—'),
      h('td', { class: 'actions' }, user.operator || user.partner ? this.actions(c) : null));
  }

  stop(k) {
    this.setState({ result: null, confirm: {
      title: `Stop charging on ${k.catalogConnector || k.connectorId}`, confirmLabel: 'Stop the session',
      body: h('p', null, `Stops order ${k.orderId}'s session now: the user is billed the energy delivered and nothing else, the rest is refunded, and the BAP is told.`),
      action: () => api(`/orders/v1/admin/orders/${encodeURIComponent(k.orderId)}/stop`, { method: 'POST', body: { reason: 'Stopped by the operator' } })
        .then((o) => ({ status: `stopped, ${o.session ? Number(o.session.deliveredKwh).toFixed(3) : '0.000'} kWh billed ${money(o.finalAmount, o.currency)}, refund ${money(o.refundAmount, o.currency)}` })),
    } });
  }

  actions(c) {
    const ask = (title, body, action, confirmLabel) => this.setState({ confirm: { title, body, action, confirmLabel }, result: null });
    const path = `/chargers/v1/charge-points/${encodeURIComponent(c.id)}`;
    const out = (c.connectors || []).some((k) => k.status === 'Unavailable');
    return h('div', null,
      h('button', { class: 'secondary small', id: `availability-${c.id}`, onClick: () => ask(
        out ? `Put ${c.id} back in service` : `Take ${c.id} out of service`,
        out ? 'ChangeAvailability Operative: the charger takes bookings again.'
          : 'ChangeAvailability Inoperative: search shows it unavailable; a session running now is not stopped.',
        () => api(`${path}/change-availability`, { method: 'POST', body: { evseId: 0, connectorId: 0, operative: out } }),
        out ? 'Put in service' : 'Take out of service') }, out ? 'Put in service' : 'Out of service'),
      ' ',
      h('button', { class: 'secondary small', id: `reset-${c.id}`, onClick: () => ask(`Reset ${c.id}`,
        'Soft reset: the charger restarts when idle (a running session ends first).',
        () => api(`${path}/reset`, { method: 'POST', body: { type: 'Soft' } }), 'Reset') }, 'Reset'));
  }
}
