// Catalog and tariffs: each provider's stations, EVSEs and items; a whole network imported from a file (the problems
// shown per field, nothing changed until it is valid) or exported; the tariff edited as JSON, with a preview quote
// from quote-service before it is saved.
import { h, Component } from '../lib.js';
import { api, ApiError } from '../api.js';
import { Loading, Problem, Confirm, table, money } from '../ui.js';

export class Catalog extends Component {
  constructor() {
    super();
    this.state = { provider: null, tick: 0, confirm: null, result: null, importError: null };
  }

  async pickFile(ev) {
    const file = ev.target.files[0];
    ev.target.value = '';
    if (!file) return;
    let network;
    try {
      network = JSON.parse(await file.text());
    } catch (e) {
      this.setState({ importError: new ApiError(400, 'Not a JSON file', `${file.name}: ${e.message}`), result: null });
      return;
    }
    const id = network && network.provider && network.provider.id;
    if (!id) {
      this.setState({ importError: new ApiError(400, 'Invalid network', 'the file names no provider',
        [{ field: 'provider.id', message: 'must not be blank' }]), result: null });
      return;
    }
    const counts = `${(network.locations || []).length} stations, ${(network.items || []).length} items`;
    this.setState({ importError: null, result: null, confirm: {
      title: `Import ${file.name} for ${id}`, confirmLabel: 'Replace the network',
      body: h('p', null, `Replaces ${id}'s categories, stations (with their EVSEs and connectors) and items with the file's ${counts}, in one transaction. Search shows it at once.`),
      action: () => api(`/catalog/v1/providers/${encodeURIComponent(id)}/network`, { method: 'PUT', body: network }),
      done: (n) => `Imported ${id}: ${(n.locations || []).length} stations, ${(n.items || []).length} items`,
      provider: id,
    } });
  }

  render({ user }, { provider, tick, confirm, result, importError }) {
    return h('section', null,
      h('h2', null, 'Catalog and tariffs'),
      result ? h('p', { class: 'result', id: 'action-result' }, result) : null,
      confirm ? h(Confirm, { ...confirm, onCancel: () => this.setState({ confirm: null }),
        onDone: (r) => this.setState({ confirm: null, result: confirm.done(r), provider: confirm.provider || provider, tick: tick + 1 }),
      }, confirm.body) : null,
      h('div', { class: 'import' },
        h('label', { class: 'button' }, 'Import a network (JSON file)… ',
          h('input', { type: 'file', id: 'import-file', accept: 'application/json,.json', onChange: (e) => this.pickFile(e) })),
        h('span', { class: 'muted' }, ' The file is what the export gives: provider, categories, locations, items.')),
      importError ? h('div', { id: 'import-problem' }, h(Problem, { error: importError })) : null,
      h(Loading, { key: `p${tick}`, load: () => api('/catalog/v1/providers?limit=1000') }, (providers) => table([
        { label: 'Provider', cell: (p) => h('a', { href: '#/catalog', onClick: (e) => { e.preventDefault(); this.setState({ provider: p.id }); } }, p.id) },
        { label: 'Name', cell: (p) => p.name },
        { label: 'Status', cell: (p) => p.status || 'ACTIVE' },
      ], providers, (p) => ({ 'data-provider': p.id }))),
      provider ? h(ProviderNetwork, { key: `${provider}-${tick}`, id: provider, user,
        onConfirm: (c) => this.setState({ confirm: c, result: null }) }) : h('p', { class: 'muted' }, 'Pick a provider to see its network and tariff.'));
  }
}

class ProviderNetwork extends Component {
  render({ id, onConfirm }) {
    return h('div', { class: 'provider', id: 'provider-network' },
      h('h3', null, id),
      h(Loading, { load: () => api(`/catalog/v1/providers/${encodeURIComponent(id)}/network`) }, (n) => h('div', null,
        h('p', null, h('button', { class: 'secondary', id: 'export', onClick: () => download(`${id}.json`, n) }, 'Export the network as JSON')),
        table([
          { label: 'Station', cell: (l) => h('strong', null, l.name || l.id) },
          { label: 'GPS', cell: (l) => l.gps },
          { label: 'EVSEs', cell: (l) => (l.evses || []).map((e) => h('div', null, `${e.id} ${e.chargerType || ''} ${e.powerKw ? e.powerKw + ' kW' : ''} · ${(e.connectors || []).map((c) => `${c.id} ${c.type}`).join(', ')}`)) },
        ], n.locations || []),
        h('h4', null, 'Items'),
        table([
          { label: 'Item', cell: (i) => i.id },
          { label: 'Name', cell: (i) => i.name || (i.descriptor && i.descriptor.name) || '' },
          { label: 'Price', cell: (i) => (i.price ? money(i.price.value, i.price.currency) : '—') },
        ], n.items || []))),
      h(Loading, { load: () => api(`/catalog/v1/providers/${encodeURIComponent(id)}/network`) },
        (n) => h(TariffEditor, { id, onConfirm, listPrice: listPriceOf(n) })));
  }
}

const PREVIEW = { service: 'CHARGING', chargerType: 'DC', kwh: '10', at: '18:00', blockMinutes: '30', listPrice: '' };

/** The catalog's price of the provider's first charging item: what a quote uses where no rate of the tariff applies. */
function listPriceOf(network) {
  const item = (network.items || []).find((i) => i.price && i.price.value !== undefined);
  return item ? String(item.price.value) : '';
}

/** Saves the network as a file (a Blob: no size limit of a data: address). */
function download(name, value) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(value, null, 2)], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

class TariffEditor extends Component {
  constructor(props) {
    super(props);
    this.state = { text: null, missing: false, error: null, preview: null, previewError: null, form: { ...PREVIEW, listPrice: props.listPrice || '' } };
  }

  async componentDidMount() {
    try {
      const t = await api(`/quotes/v1/tariffs/${encodeURIComponent(this.props.id)}`);
      this.setState({ text: JSON.stringify(t, null, 2) });
    } catch (e) {
      if (e.status === 404) this.setState({ missing: true, text: JSON.stringify({ currency: 'INR', rates: [], taxes: [], discounts: [] }, null, 2) });
      else this.setState({ error: e });
    }
  }

  parsed() {
    try {
      return JSON.parse(this.state.text);
    } catch (e) {
      throw new ApiError(400, 'The tariff is not valid JSON', e.message);
    }
  }

  async preview() {
    const f = this.state.form;
    const fields = [];
    if (!/^\d+$/.test(String(f.blockMinutes || '0'))) fields.push({ field: 'blockMinutes', message: 'whole minutes, 0 or more' });
    if (!/^\d+(\.\d+)?$/.test(String(f.kwh))) fields.push({ field: 'kwh', message: 'a number of kWh' });
    if (f.listPrice && !/^\d+(\.\d+)?$/.test(String(f.listPrice))) fields.push({ field: 'listPrice', message: 'a price per unit' });
    if (fields.length) {
      this.setState({ preview: null, previewError: new ApiError(400, 'Check the preview', null, fields) });
      return;
    }
    try {
      const q = await api(`/quotes/v1/tariffs/${encodeURIComponent(this.props.id)}/preview`, { method: 'POST', body: {
        tariff: this.parsed(), service: f.service, chargerType: f.chargerType || null, kwh: f.kwh, at: f.at || null,
        blockMinutes: f.blockMinutes ? Number(f.blockMinutes) : 0, listPrice: f.listPrice || null } });
      this.setState({ preview: q, previewError: null });
    } catch (e) {
      this.setState({ preview: null, previewError: e });
    }
  }

  save() {
    let body;
    try {
      body = this.parsed();
    } catch (e) {
      this.setState({ previewError: e });
      return;
    }
    this.props.onConfirm({
      title: `Save ${this.props.id}'s tariff`, confirmLabel: 'Save the tariff',
      body: h('p', null, 'Applies to quotes made from now on; quotes already sent keep their price. Search shows the new prices once quote-service publishes them.'),
      action: () => api(`/quotes/v1/tariffs/${encodeURIComponent(this.props.id)}`, { method: 'PUT', body }),
      done: () => `Saved ${this.props.id}'s tariff`, provider: this.props.id,
    });
  }

  render({ id }, { text, missing, error, preview, previewError, form }) {
    if (error) return h(Problem, { error });
    if (text === null) return h('p', { class: 'loading' }, 'Loading the tariff…');
    const field = (name, label, attrs) => h('label', null, label, ' ', h('input', { id: `preview-${name}`, value: form[name], ...attrs,
      onInput: (e) => this.setState({ form: { ...this.state.form, [name]: e.target.value } }) }));
    return h('div', { class: 'tariff' },
      h('h4', null, 'Tariff', missing ? h('span', { class: 'muted' }, ' (none yet: quotes use the list price)') : null),
      h('textarea', { id: 'tariff-json', rows: 16, spellcheck: false, value: text, onInput: (e) => this.setState({ text: e.target.value }) }),
      h('div', { class: 'filters' },
        field('kwh', 'kWh'), field('chargerType', 'charger', { size: 3 }), field('at', 'at (HH:mm)', { size: 5 }),
        field('blockMinutes', 'block min', { size: 4 }), field('listPrice', 'list price', { size: 6 }),
        h('button', { class: 'secondary', id: 'tariff-preview', onClick: () => this.preview() }, 'Preview a quote'),
        h('button', { id: 'tariff-save', onClick: () => this.save() }, 'Save')),
      h(Problem, { error: previewError }),
      preview ? h('div', { id: 'preview-quote' }, table([
        { label: 'Line', cell: (l) => l.title },
        { label: 'Quantity', cell: (l) => (l.quantity !== null && l.quantity !== undefined ? `${l.quantity} ${l.unit || ''}` : '') },
        { label: 'Amount', cell: (l) => money(l.amount, preview.currency) },
      ], preview.lines), h('p', { class: 'total' }, 'Total ', h('strong', { id: 'preview-total' }, money(preview.total, preview.currency)))) : null);
  }
}
