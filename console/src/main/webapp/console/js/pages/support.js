// Support and ratings: the ticket inbox (answer, close; each asks first and shows the result), the ratings and the
// comments left on feedback forms. A partner sees its own provider's.
import { h, Component } from '../lib.js';
import { api } from '../api.js';
import { Loading, Confirm, table, time, badge } from '../ui.js';

export class Support extends Component {
  constructor() {
    super();
    this.state = { status: 'OPEN', tick: 0, confirm: null, result: null };
  }

  ask(confirm) {
    this.setState({ confirm, result: null });
  }

  answer(t) {
    this.draft = t.answer || '';
    this.ask({
      title: `Answer ticket ${t.ref}`, confirmLabel: 'Send the answer',
      body: h('div', null,
        h('p', null, `About ${t.subject.toLowerCase()} ${t.subjectId || ''}${t.phone ? ' · user ' + t.phone : ''}`),
        h('textarea', { id: 'answer-text', rows: 5, maxLength: 4000, onInput: (e) => { this.draft = e.target.value; } }, this.draft)),
      action: () => api(`/support-rating/v1/admin/tickets/${encodeURIComponent(t.ref)}/answer`, { method: 'POST', body: { answer: this.draft } }),
      done: (r) => `Ticket ${r.ref} is ${r.status}`,
    });
  }

  close(t) {
    this.ask({
      title: `Close ticket ${t.ref}`, confirmLabel: 'Close the ticket', body: h('p', null, 'A closed ticket takes no more answers.'),
      action: () => api(`/support-rating/v1/admin/tickets/${encodeURIComponent(t.ref)}/close`, { method: 'POST' }),
      done: (r) => `Ticket ${r.ref} is ${r.status}`,
    });
  }

  render(props, { status, tick, confirm, result }) {
    return h('section', null,
      h('h2', null, 'Support tickets'),
      result ? h('p', { class: 'result', id: 'action-result' }, result) : null,
      confirm ? h(Confirm, { ...confirm, onCancel: () => this.setState({ confirm: null }),
        onDone: (r) => this.setState({ confirm: null, result: confirm.done(r), tick: tick + 1 }) }, confirm.body) : null,
      h('div', { class: 'filters' }, ['OPEN', 'ANSWERED', 'CLOSED', ''].map((s) => h('button', {
        class: s === status ? 'tab active' : 'tab', id: `tickets-${s || 'all'}`, onClick: () => this.setState({ status: s, tick: tick + 1 }),
      }, s || 'All'))),
      h(Loading, { key: `t${tick}`, load: () => api(`/support-rating/v1/admin/tickets?limit=200${status ? '&status=' + status : ''}`), every: 10000 },
        (tickets) => table([
          { label: 'Ticket', cell: (t) => h('strong', null, t.ref) },
          { label: 'Opened', cell: (t) => time(t.createdAt) },
          { label: 'About', cell: (t) => (t.orderId ? h('a', { href: `#/orders/${encodeURIComponent(t.orderId)}` }, `order ${t.orderId}`) : `${t.subject} ${t.subjectId || ''}`) },
          { label: 'Provider', cell: (t) => t.providerId || 'platform' },
          { label: 'Contact', cell: (t) => [t.phone, t.email, t.callbackPhone ? `call back ${t.callbackPhone}` : null].filter(Boolean).join(' · ') || '—' },
          { label: 'Status', cell: (t) => badge(t.status) },
          { label: 'Answer', cell: (t) => t.answer || '—' },
          { label: '', cell: (t) => (t.status === 'CLOSED' ? null : h('span', null,
            h('button', { class: 'small', 'data-answer': t.ref, onClick: () => this.answer(t) }, 'Answer'), ' ',
            h('button', { class: 'secondary small', 'data-close': t.ref, onClick: () => this.close(t) }, 'Close'))) },
        ], tickets, (t) => ({ 'data-ticket': t.ref, 'data-status': t.status }))),
      h('h2', null, 'Ratings'),
      h(Loading, { load: () => api('/support-rating/v1/admin/ratings?limit=100') }, (ratings) => table([
        { label: 'At', cell: (r) => time(r.createdAt) },
        { label: 'Rated', cell: (r) => `${r.category} ${r.ratedId}` },
        { label: 'Value', cell: (r) => '★'.repeat(r.value) + '☆'.repeat(5 - r.value) },
        { label: 'Provider', cell: (r) => r.providerId || '—' },
        { label: 'Order', cell: (r) => r.orderId || '—' },
        { label: 'Comment', cell: (r) => r.comment || '' },
      ], ratings)),
      h('h2', null, 'Feedback comments'),
      h(Loading, { load: () => api('/support-rating/v1/admin/feedback?limit=100') }, (forms) => table([
        { label: 'Submitted', cell: (f) => time(f.submittedAt || f.createdAt) },
        { label: 'BAP', cell: (f) => f.bapId },
        { label: 'Comment', cell: (f) => f.comment || '—' },
      ], forms)));
  }
}
