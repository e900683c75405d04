// Chargers: by station (from the catalog's locations), with the OCPP connection, each connector's status, the last
// heartbeat and firmware; ChangeAvailability and Reset with confirmation; a map of the stations from their stored
// coordinates (no online tiles). Refreshed every 5 s.
import { h, Component } from '../lib.js';
import { L } from '../lib.js';
import { api } from '../api.js';
import { Loading, Confirm, badge, ago } from '../ui.js';
import { chargerHealth } from './overview.js';

async function load() {
  const [chargers, providers] = await Promise.all([
    api('/chargers/v1/charge-points'), api('/catalog/v1/providers?limit=1000'),
  ]);
  const stations = [];
  const stationOf = {};
  for (const p of providers) {
    const net = await api(`/catalog/v1/providers/${encodeURIComponent(p.id)}/network`);
    for (const loc of net.locations || []) {
      const st = { id: loc.id, name: loc.name, gps: loc.gps, providerId: p.id, address: loc.address, chargers: [] };
      stations.push(st);
      for (const evse of loc.evses || []) {
        for (const c of evse.connectors || []) stationOf[c.id] = st;
      }
    }
  }
  const unplaced = { id: '-', name: 'Not in the catalog', chargers: [] };
  for (const c of chargers) {
    const k = (c.connectors || []).map((x) => stationOf[x.catalogConnector]).find((s) => s);
    (k || unplaced).chargers.push(c);
  }
  return { stations: stations.concat(unplaced.chargers.length ? [unplaced] : []).filter((s) => s.chargers.length || s.gps), chargers };
}

class StationMap extends Component {
  componentDidMount() {
    this.map = L.map(this.base, { attributionControl: false, zoomSnap: 0.25 });
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
        .bindTooltip(`${s.name} (${s.chargers.length} chargers)`, { permanent: true, direction: 'right' })
        .addTo(this.layer);
      points.push([lat, lon]);
    }
    if (points.length && !this.fitted) {
      this.map.fitBounds(L.latLngBounds(points).pad(0.6));
      this.fitted = true;
    }
  }

  render() {
    return h('div', { class: 'station-map', id: 'station-map' });
  }
}

export class Chargers extends Component {
  render({ user }) {
    const { confirm, result } = this.state;
    return h('section', null,
      h('h2', null, 'Chargers'),
      result ? h('p', { class: 'result', id: 'action-result' }, result) : null,
      confirm ? h(Confirm, { ...confirm, onCancel: () => this.setState({ confirm: null }),
        onDone: (r) => this.setState({ confirm: null, result: `${confirm.title}: ${r.status || 'done'}${r.detail ? ' — ' + r.detail : ''}` }) }, confirm.body) : null,
      h(Loading, { load, every: 5000 }, ({ stations }) => h('div', null,
        h(StationMap, { stations }),
        stations.map((s) => h('div', { class: 'station' },
          h('h3', null, s.name, s.address ? h('span', { class: 'muted' }, ' · ', s.address) : null),
          h('table', { class: 'grid' },
            h('thead', null, h('tr', null, ['Charger', 'OCPP', 'Connection', 'Connectors', 'Last heartbeat', 'Firmware', ''].map((x) => h('th', null, x)))),
            h('tbody', null, s.chargers.map((c) => h('tr', { id: `charger-${c.id}`, 'data-health': chargerHealth(c) },
              h('td', null, h('strong', null, c.id), h('div', { class: 'muted' }, [c.vendor, c.model].filter(Boolean).join(' '))),
              h('td', null, c.protocol),
              h('td', null, badge(chargerHealth(c))),
              h('td', null, (c.connectors || []).map((k) => h('div', { class: 'connector' },
                `${k.catalogConnector || k.connectorId} `, badge(k.status || 'Unknown', (k.status || 'unknown').toLowerCase()),
                k.errorCode && k.errorCode !== 'NoError' ? h('span', { class: 'error-code' }, ' ', k.errorCode) : null,
                k.status === 'Unavailable' ? h('span', { class: 'muted' }, ' (taken out of service)') : null))),
              h('td', null, ago(c.lastHeartbeatAt)),
              h('td', null, c.firmware || '—'),
              h('td', { class: 'actions' }, user.operator || user.partner ? this.actions(c) : null))))))))));
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
