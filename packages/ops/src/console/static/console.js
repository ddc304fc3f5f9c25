/* The local console's page: vanilla JS, no build step. Everything it shows comes from the console's JSON API
   and its server-sent event stream (/api/stream): `hop` events (the live event stream and the open trace) and
   `queues` snapshots (depths, and a reload of a DLQ's messages when its depth changes). */
/* global document, window, EventSource, fetch, URLSearchParams */
'use strict';

(() => {
  const MAX_EVENTS = 200;
  const state = {
    /** name → { depth, messages, loading } */
    dlqs: new Map(),
    events: [],
    trace: { correlationId: '', hops: [] },
  };

  const $ = (testid) => document.querySelector(`[data-testid="${testid}"]`);

  /** A DOM element: attributes (`text` sets textContent, `on…` adds a listener, `data…` a data attribute). */
  function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (value === undefined || value === null || value === false) continue;
      if (name === 'text') node.textContent = String(value);
      else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? '' : String(value));
    }
    for (const child of children.flat()) {
      if (child !== undefined && child !== null && child !== false) {
        node.append(typeof child === 'string' ? document.createTextNode(child) : child);
      }
    }
    return node;
  }

  const timeFormat = new Intl.DateTimeFormat(undefined, {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    fractionalSecondDigits: 3,
    hour12: false,
  });
  const clock = (ms) => timeFormat.format(new Date(ms));
  const ageOf = (seconds) => {
    if (seconds === null || seconds === undefined) return 'n/a';
    if (seconds < 60) return `${Math.round(seconds)} s`;
    if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
    return `${(seconds / 3600).toFixed(1)} h`;
  };

  async function getJson(url, init) {
    const response = await fetch(url, init);
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(body.error || `${response.status} ${response.statusText}`);
    return body;
  }

  // ---- queues -------------------------------------------------------------------------------------------

  function oldestOf(queue) {
    if (queue.oldestAgeSeconds !== null) return queue.oldestAgeSeconds;
    const loaded = state.dlqs.get(queue.name);
    const sent = (loaded?.messages ?? []).map((m) => Date.parse(m.sentAt)).filter((t) => !Number.isNaN(t));
    return sent.length > 0 ? (Date.now() - Math.min(...sent)) / 1000 : null;
  }

  function renderQueues(queues) {
    const body = $('queues-body');
    const rows = queues.map((queue) => {
      const dlqDepth = queue.dlq ? (queue.dlq.depth ?? '?') : '–';
      const alarming = queue.isDlq ? queue.visible > 0 : Boolean(queue.dlq && queue.dlq.depth > 0);
      return el(
        'tr',
        {
          'data-testid': 'queue-row',
          'data-queue': queue.name,
          class: [queue.isDlq ? 'is-dlq' : '', alarming ? 'alarm' : ''].join(' ').trim() || undefined,
        },
        el('th', { scope: 'row', text: queue.name }),
        el('td', { class: 'num', 'data-testid': 'queue-visible', text: queue.visible }),
        el('td', { class: 'num', 'data-testid': 'queue-in-flight', text: queue.inFlight }),
        el('td', { class: 'num', 'data-testid': 'queue-delayed', text: queue.delayed }),
        el('td', { class: 'num', 'data-testid': 'queue-dlq-depth', text: dlqDepth }),
        el('td', { class: 'num', 'data-testid': 'queue-oldest', text: ageOf(oldestOf(queue)) }),
      );
    });
    body.replaceChildren(
      ...(rows.length > 0
        ? rows
        : [el('tr', {}, el('td', { colspan: 6, class: 'empty', text: 'No queue for this stage.' }))]),
    );
  }

  // ---- dead letters -------------------------------------------------------------------------------------

  async function loadDeadLetters(name, depth) {
    const entry = state.dlqs.get(name) ?? { depth: -1, messages: [], sources: [], loading: false };
    state.dlqs.set(name, entry);
    if (entry.loading) {
      entry.reloadWanted = depth;
      return;
    }
    entry.loading = true;
    try {
      const { messages, sources } = await getJson(`/api/dlq/${encodeURIComponent(name)}/messages`);
      Object.assign(entry, { depth, messages, sources });
    } catch (error) {
      entry.error = error.message;
    } finally {
      entry.loading = false;
    }
    renderDeadLetters();
    if (entry.reloadWanted !== undefined) {
      const wanted = entry.reloadWanted;
      entry.reloadWanted = undefined;
      await loadDeadLetters(name, wanted);
    }
  }

  function syncDeadLetters(queues) {
    const live = new Set();
    for (const queue of queues.filter((q) => q.isDlq)) {
      const depth = queue.visible + queue.inFlight;
      if (depth === 0) continue;
      live.add(queue.name);
      const entry = state.dlqs.get(queue.name);
      if (!entry || entry.depth !== depth) void loadDeadLetters(queue.name, depth);
    }
    for (const name of [...state.dlqs.keys()]) if (!live.has(name)) state.dlqs.delete(name);
    renderDeadLetters();
  }

  async function redrive(name, button) {
    const status = $('redrive-status');
    button.disabled = true;
    button.textContent = 'Redriving…';
    status.textContent = `Redriving ${name}…`;
    try {
      const result = await getJson(`/api/dlq/${encodeURIComponent(name)}/redrive`, { method: 'POST' });
      const failed =
        result.failed.length > 0
          ? `; ${result.failed.length} failed: ${result.failed.map((f) => f.reason).join('; ')}`
          : '';
      status.textContent = `Moved ${result.moved} of ${result.total} from ${result.from} to ${result.to}${failed}.`;
      // A permanent failure comes straight back as a new dead letter, maybe before the depths show the DLQ
      // empty: reload its letters now, and again on the next depth seen (0 is never a live DLQ's).
      void loadDeadLetters(name, 0);
    } catch (error) {
      status.textContent = `Redrive of ${name} failed: ${error.message}`;
      button.disabled = false;
      button.textContent = 'Redrive';
    }
  }

  function renderDeadLetter(message) {
    const summary = message.summary;
    return el(
      'li',
      { class: 'letter', 'data-testid': 'dlq-message', 'data-message-id': message.messageId },
      el(
        'p',
        { class: 'letter-head' },
        el('strong', { text: summary ? `${summary.kind} ${summary.name}` : 'message' }),
        summary?.source ? ` from ${summary.source}` : '',
        ' · ',
        el('code', { title: 'SQS message id', text: message.messageId }),
        // Its receive count includes the console's own peeks (SQS cannot read without receiving): the recorded
        // failures say more, when there are any.
        message.deadLetter
          ? ` · ${message.deadLetter.kind ?? 'failed'}${message.failedBy ? ` by ${message.failedBy}` : ''}` +
              (message.deadLetter.receiveCount ? ` on receive ${message.deadLetter.receiveCount}` : '')
          : message.failures > 0
            ? ` · failed ${message.failures}×${message.failedBy ? ` by ${message.failedBy}` : ''}`
            : ` · received ${message.receiveCount}×`,
      ),
      el(
        'p',
        { class: message.reason ? 'reason' : 'reason unknown', 'data-testid': 'dlq-reason' },
        message.reason ? `Reason: ${message.reason}` : 'Reason: not recorded',
      ),
      summary?.correlationId ? el('p', {}, 'Correlation id ', traceLink(summary.correlationId)) : null,
      el('details', {}, el('summary', { text: 'Body' }), el('pre', { text: JSON.stringify(message.body, null, 2) })),
    );
  }

  function renderDeadLetters() {
    const list = $('dlq-list');
    const blocks = [...state.dlqs.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, entry]) => {
        const canRedrive = entry.sources.length === 1;
        return el(
          'article',
          { class: 'dlq', 'data-testid': 'dlq', 'data-queue': name, 'aria-label': `Dead-letter queue ${name}` },
          el(
            'header',
            { class: 'dlq-head' },
            el(
              'h3',
              {},
              name,
              ' ',
              el('span', { class: 'count', 'data-testid': 'dlq-count', text: entry.messages.length }),
            ),
            el('button', {
              type: 'button',
              'data-testid': 'redrive-button',
              'data-queue': name,
              disabled: !canRedrive || entry.messages.length === 0,
              title: canRedrive
                ? `Move every message back to ${entry.sources[0]}`
                : 'No single queue names this DLQ in its redrive policy (an EventBridge target DLQ): use npm run mesh -- redrive --to',
              'aria-label': `Redrive ${name}${canRedrive ? ` to ${entry.sources[0]}` : ''}`,
              text: 'Redrive',
              onclick: (event) => void redrive(name, event.currentTarget),
            }),
          ),
          canRedrive ? el('p', { class: 'note', text: `Redrive sends them back to ${entry.sources[0]}.` }) : null,
          entry.error ? el('p', { class: 'error', text: entry.error }) : null,
          el('ul', { class: 'letters' }, entry.messages.map(renderDeadLetter)),
        );
      });
    list.replaceChildren(
      ...(blocks.length > 0
        ? blocks
        : [el('p', { class: 'empty', 'data-testid': 'dlq-empty', text: 'No dead letters.' })]),
    );
  }

  // ---- live events --------------------------------------------------------------------------------------

  function traceLink(correlationId) {
    return el('button', {
      type: 'button',
      class: 'link',
      'data-testid': 'trace-link',
      'aria-label': `Trace ${correlationId}`,
      text: correlationId,
      onclick: () => void showTrace(correlationId),
    });
  }

  // Each live event links to its page in the event catalog: its schema, versions, publishers and subscribers.
  function catalogLink(name) {
    return el(
      'a',
      {
        href: `/catalog/${encodeURIComponent(name)}.html`,
        'data-testid': 'catalog-link',
        title: `${name} in the event catalog`,
      },
      el('strong', { text: name }),
    );
  }

  function eventRow(hop) {
    return el(
      'tr',
      { 'data-testid': 'event-row', 'data-event-id': hop.eventId ?? '', 'data-name': hop.name ?? '' },
      el('td', { class: 'time', text: clock(hop.at) }),
      el('td', {}, hop.name ? catalogLink(hop.name) : el('strong', { text: '?' })),
      el('td', { text: hop.source ?? '' }),
      el('td', {}, hop.correlationId ? traceLink(hop.correlationId) : '–'),
    );
  }

  function addEvent(hop) {
    state.events.unshift(hop);
    const body = $('events-body');
    body.prepend(eventRow(hop));
    if (state.events.length > MAX_EVENTS) {
      state.events.length = MAX_EVENTS;
      while (body.children.length > MAX_EVENTS) body.lastElementChild.remove();
    }
    $('events-empty').hidden = true;
  }

  // ---- trace --------------------------------------------------------------------------------------------

  function describeHop(hop) {
    const queue = hop.queue ?? (hop.target ? hop.target.split(':').pop() : undefined);
    switch (hop.kind) {
      case 'published':
        return `${hop.name} published by ${hop.source ?? '?'}${hop.bus ? ` on ${hop.bus}` : ''}`;
      case 'matched':
        return `${hop.name ?? 'event'} matched rule ${hop.rule ?? '?'}`;
      case 'delivered':
        return `${hop.name ?? 'event'} delivered to ${queue ?? '?'}`;
      case 'sent':
        return `${hop.name ?? 'command'} sent to ${queue ?? '?'}`;
      case 'received':
        return `${hop.functionName ?? hop.service ?? '?'} received ${hop.name ?? 'it'} from ${queue ?? '?'}`;
      case 'handled':
        return `${hop.functionName ?? hop.service ?? '?'} handled ${hop.name ?? 'it'}`;
      case 'failed':
        return `${hop.functionName ?? hop.service ?? '?'} failed ${hop.name ?? 'it'}`;
      default:
        return `${hop.name ?? 'event'} ${hop.kind}${queue ? ` (${queue})` : ''}`;
    }
  }

  function traceItem(hop, startedAt) {
    const details = [
      hop.attempt !== undefined ? `attempt ${hop.attempt}` : '',
      hop.durationMs !== undefined ? `${Math.round(hop.durationMs)} ms` : '',
    ].filter(Boolean);
    return el(
      'li',
      { class: `hop kind-${hop.kind}`, 'data-testid': 'trace-hop', 'data-kind': hop.kind, 'data-seq': hop.seq },
      el('span', { class: 'offset', title: clock(hop.at), text: `+${hop.at - startedAt} ms` }),
      el('span', { class: 'badge', text: hop.kind }),
      el('span', { class: 'what', text: describeHop(hop) }),
      details.length > 0 ? el('span', { class: 'details', text: details.join(' · ') }) : null,
      hop.reason ? el('span', { class: 'reason', text: hop.reason }) : null,
    );
  }

  function renderTrace() {
    const { correlationId, hops } = state.trace;
    const list = $('trace-list');
    if (!correlationId) return;
    const startedAt = hops[0]?.at ?? 0;
    list.replaceChildren(...hops.map((hop) => traceItem(hop, startedAt)));
    const events = new Set(hops.map((h) => h.eventId).filter(Boolean));
    const failed = hops.filter((h) => h.kind === 'failed' || h.kind === 'dead-lettered' || h.kind === 'dropped');
    const span = hops.length > 1 ? ` over ${hops.at(-1).at - startedAt} ms` : '';
    $('trace-summary').textContent =
      hops.length === 0
        ? `Nothing recorded for ${correlationId} (yet): it shows here as it happens.`
        : `${correlationId}: ${events.size} event(s) and command(s), ${hops.length} hops${span}` +
          (failed.length > 0 ? `, ${failed.length} failure(s)` : '') +
          '. Live.';
  }

  async function showTrace(correlationId) {
    const id = correlationId.trim();
    $('trace-input').value = id;
    state.trace = { correlationId: id, hops: [] };
    if (window.location.hash !== `#trace=${encodeURIComponent(id)}`) {
      window.history.replaceState(null, '', id ? `#trace=${encodeURIComponent(id)}` : '#');
    }
    if (!id) {
      $('trace-list').replaceChildren();
      $('trace-summary').textContent = '';
      return;
    }
    const { hops } = await getJson(`/api/hops?${new URLSearchParams({ correlationId: id, limit: '1000' })}`);
    if (state.trace.correlationId !== id) return;
    const seen = new Set(state.trace.hops.map((h) => h.seq));
    state.trace.hops = [...hops.filter((h) => !seen.has(h.seq)), ...state.trace.hops].sort((a, b) => a.seq - b.seq);
    renderTrace();
    $('trace-heading').scrollIntoView({ block: 'nearest' });
  }

  function addToTrace(hop) {
    if (!state.trace.correlationId || hop.correlationId !== state.trace.correlationId) return;
    if (state.trace.hops.some((h) => h.seq === hop.seq)) return;
    state.trace.hops.push(hop);
    renderTrace();
  }

  // ---- the stream ---------------------------------------------------------------------------------------

  function connect() {
    const connection = $('connection');
    const stream = new EventSource('/api/stream?since=0');
    stream.addEventListener('open', () => {
      connection.textContent = 'live';
      connection.dataset.state = 'live';
    });
    stream.addEventListener('error', () => {
      connection.textContent = 'reconnecting…';
      connection.dataset.state = 'reconnecting';
    });
    stream.addEventListener('hop', (message) => {
      const hop = JSON.parse(message.data);
      if (hop.kind === 'published') addEvent(hop);
      addToTrace(hop);
    });
    stream.addEventListener('queues', (message) => {
      const queues = JSON.parse(message.data);
      renderQueues(queues);
      syncDeadLetters(queues);
    });
  }

  async function start() {
    $('trace-form').addEventListener('submit', (event) => {
      event.preventDefault();
      void showTrace($('trace-input').value);
    });
    getJson('/api/info')
      .then((info) => {
        $('mesh-info').textContent = `stage ${info.stage} · ${info.region} · edge ${info.edgeUrl}`;
      })
      .catch((error) => ($('mesh-info').textContent = `cannot read the mesh: ${error.message}`));
    connect();
    const linked = /^#trace=(.+)$/.exec(window.location.hash);
    if (linked) await showTrace(decodeURIComponent(linked[1]));
  }

  void start();
})();
