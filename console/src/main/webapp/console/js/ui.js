// Shared pieces of the pages: an API problem as the user should read it, a confirmation dialog for every change,
// a page that loads (and optionally refreshes) its data, and formatting.
import { h, Component } from './lib.js';

/** An API error: its title, detail and each field at fault. Never a blank page or a stack trace. */
export function Problem({ error }) {
  if (!error) return null;
  return h('div', { class: 'problem', role: 'alert' },
    h('strong', { class: 'problem-title' }, error.title || 'Something went wrong'),
    error.detail ? h('span', { class: 'problem-detail' }, ' — ' + error.detail) : null,
    error.errors && error.errors.length
      ? h('ul', { class: 'problem-fields' }, error.errors.map((f) => h('li', null,
        h('code', { class: 'field' }, f.field || '(request)'), ': ', f.message)))
      : null);
}

/** Asks before a change; shows the action's result or its problem. */
export class Confirm extends Component {
  constructor() {
    super();
    this.state = { busy: false, error: null };
  }

  async run() {
    this.setState({ busy: true, error: null });
    try {
      const result = await this.props.action();
      this.props.onDone(result);
    } catch (e) {
      this.setState({ busy: false, error: e });
    }
  }

  render({ title, children, confirmLabel, onCancel }, { busy, error }) {
    return h('div', { class: 'modal-backdrop' },
      h('div', { class: 'modal', role: 'dialog', 'aria-modal': 'true', 'aria-label': title },
        h('h3', null, title),
        h('div', { class: 'modal-body' }, children),
        h(Problem, { error }),
        h('div', { class: 'modal-actions' },
          h('button', { class: 'secondary', onClick: onCancel, disabled: busy }, 'Cancel'),
          h('button', { class: 'danger', id: 'confirm-action', onClick: () => this.run(), disabled: busy },
            busy ? 'Working…' : (confirmLabel || 'Confirm')))));
  }
}

/** Loads `load()` into state.data, again every `every` ms if set; shows the problem when a load fails. */
export class Loading extends Component {
  constructor(props) {
    super(props);
    this.state = { data: undefined, error: null };
  }

  componentDidMount() {
    this.reload();
    if (this.props.every) this.timer = setInterval(() => this.reload(), this.props.every);
  }

  componentWillUnmount() {
    clearInterval(this.timer);
  }

  async reload() {
    if (this.busy) return; // a slow answer is not overtaken by the next poll's
    this.busy = true;
    try {
      const data = await this.props.load();
      this.setState({ data, error: null });
    } catch (e) {
      if (e.status !== 401) this.setState({ error: e });
    } finally {
      this.busy = false;
    }
  }

  render({ children }, { data, error }) {
    if (error && data === undefined) return h(Problem, { error });
    if (data === undefined) return h('p', { class: 'loading' }, 'Loading…');
    return h('div', null, error ? h(Problem, { error }) : null, children(data, () => this.reload()));
  }
}

export function money(amount, currency) {
  if (amount === null || amount === undefined || amount === '') return '—';
  return `${Number(amount).toFixed(2)} ${currency || ''}`.trim();
}

export function time(iso) {
  if (!iso) return '—';
  const d = typeof iso === 'number' ? new Date(iso) : new Date(iso);
  return isNaN(d) ? String(iso) : d.toLocaleString();
}

export function ago(iso) {
  if (!iso) return 'never';
  const s = Math.round((Date.now() - new Date(iso).getTime()) / 1000);
  if (s < 60) return `${Math.max(s, 0)} s ago`;
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86400) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86400)} d ago`;
}

export function badge(text, kind) {
  return h('span', { class: `badge ${kind || String(text).toLowerCase()}` }, text);
}

export function table(columns, rows, rowAttrs) {
  return h('table', { class: 'grid' },
    h('thead', null, h('tr', null, columns.map((c) => h('th', null, c.label)))),
    h('tbody', null, rows.length === 0
      ? h('tr', null, h('td', { colSpan: columns.length, class: 'empty' }, 'Nothing here yet'))
      : rows.map((r) => h('tr', rowAttrs ? rowAttrs(r) : null, columns.map((c) => h('td', null, c.cell(r)))))));
}
