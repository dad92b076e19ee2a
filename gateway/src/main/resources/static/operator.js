// Operator page: the pipeline at a glance, refreshed every 2 s from GET /api/operations/overview.
// Any part of the overview may be missing (a service down): it shows "—".
import {
  $, el, replaceChildren, api, describeError, setStatus, initPage, setupLogin, ApiError, formatNumber, formatDuration,
  formatTime,
} from './common.js';

const REFRESH_MS = 2000;
const HISTORY = 90; // samples kept for the sparkline: 3 minutes at one every 2 s
const METRICS = ['ingested', 'analyzed', 'indexed', 'failed'];
const FRESHNESS = ['p50Seconds', 'p95Seconds', 'p99Seconds', 'maxSeconds'];
const SERVICE_NAMES = {
  gateway: '网关',
  'ingest-service': '接收',
  'analysis-service': '分析',
  'search-service': '检索',
  kafka: '消息队列',
  elasticsearch: '搜索引擎',
};
const SVG = 'http://www.w3.org/2000/svg';
const SPARK_WIDTH = 320;
const SPARK_HEIGHT = 64;
const SPARK_PAD = 4;

initPage('operator');

const panel = $('#operator-panel');
const operatorError = $('#operator-error');
const refreshState = $('#refresh-state');
const lastUpdated = $('#last-updated');
const servicesList = $('#services');
const history = [];

let login = null;
let running = false;
let timer = 0;
let inFlight = false;

function number(value) {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function array(value) {
  return Array.isArray(value) ? value.filter((item) => item && typeof item === 'object') : [];
}

/** A list of names or numbers (broker ids, partitions, URLs); anything else in it is left out. */
function names(value) {
  return Array.isArray(value) ? value.filter((item) => typeof item === 'string' || typeof item === 'number').map(String) : [];
}

/* ------------------------------------------------------------------ refresh loop */

function start() {
  running = true;
  setStatus(operatorError, '');
  refreshState.textContent = '正在读取…';
  schedule(0);
}

function stop() {
  running = false;
  clearTimeout(timer);
  history.length = 0;
}

function schedule(ms) {
  clearTimeout(timer);
  if (running) timer = setTimeout(refresh, ms);
}

async function refresh() {
  if (!running || inFlight || document.hidden) return;
  inFlight = true;
  try {
    const overview = await api('/api/operations/overview');
    if (!running) return;
    render(overview || {});
    setStatus(operatorError, '');
    refreshState.textContent = '';
  } catch (error) {
    if (!running) return;
    if (error instanceof ApiError && error.status === 403) {
      login.denied('当前账号没有运维权限（需要 OPERATOR 角色），请换用运维账号登录。');
      return;
    }
    if (error instanceof ApiError && error.status === 401) return; // the login form is back, with its message
    refreshState.textContent = '（更新失败）';
    setStatus(operatorError, `刷新失败，显示的是上次的数据：${describeError(error)}`, 'error');
  } finally {
    inFlight = false;
    schedule(REFRESH_MS);
  }
}

document.addEventListener('visibilitychange', () => {
  if (!document.hidden && running && !inFlight) schedule(0);
});

/* ------------------------------------------------------------------ rendering */

function render(overview) {
  const at = overview.at && !Number.isNaN(Date.parse(overview.at)) ? overview.at : new Date().toISOString();
  lastUpdated.textContent = formatTime(at);
  lastUpdated.setAttribute('datetime', at);

  renderServices(array(overview.services));

  const pipeline = overview.pipeline && typeof overview.pipeline === 'object' ? overview.pipeline : {};
  const rates = pipeline.perMinute && typeof pipeline.perMinute === 'object' ? pipeline.perMinute : {};
  for (const metric of METRICS) {
    const node = $(`#counts [data-metric="${metric}"]`);
    node.textContent = formatNumber(number(pipeline[metric]));
    const rate = number(rates[metric]);
    $(`#counts [data-rate="${metric}"]`).textContent = formatNumber(rate, 1);
  }
  $('#counts .metric-failed').classList.toggle('is-alert', (number(pipeline.failed) || 0) > 0);

  const freshness = overview.freshness && typeof overview.freshness === 'object' ? overview.freshness : {};
  for (const key of FRESHNESS) $(`#freshness [data-freshness="${key}"]`).textContent = formatNumber(number(freshness[key]), 1);
  $('#freshness [data-freshness="count"]').textContent = formatNumber(number(freshness.count));

  const problems = Array.isArray(overview.problems) ? overview.problems.filter((p) => typeof p === 'string' && p) : [];
  replaceChildren($('#problems'), problems.map((problem) => el('li', {}, problem)));
  $('#problems-box').hidden = problems.length === 0;

  renderBacklog(array(overview.backlog));
  renderLag(array(overview.consumerLag));
  renderDeadLetters(array(overview.deadLetters));
  renderKafka(overview.kafka);
  renderElasticsearch(overview.elasticsearch);

  history.push({ at: Date.parse(at), ingested: number(pipeline.ingested), indexed: number(pipeline.indexed) });
  if (history.length > HISTORY) history.splice(0, history.length - HISTORY);
  renderSparkline();
}

function renderServices(services) {
  const seen = new Set();
  for (const service of services) {
    const name = String(service.name || '');
    if (!name || seen.has(name)) continue;
    seen.add(name);
    let item = servicesList.querySelector(`li[data-service="${CSS.escape(name)}"]`);
    if (!item) {
      item = el('li', { dataset: { service: name }, class: 'service' },
        el('span', { class: 'service-dot', 'aria-hidden': 'true' }),
        el('span', { class: 'service-name' }, name,
          SERVICE_NAMES[name] ? el('span', { class: 'service-role' }, SERVICE_NAMES[name]) : null),
        el('span', { class: 'service-status' }));
      servicesList.append(item);
    }
    const status = service.status ? String(service.status).toUpperCase() : '';
    const up = status === 'UP';
    item.classList.toggle('up', up);
    item.classList.toggle('down', !up);
    item.querySelector('.service-status').textContent = status || '—';
    item.setAttribute('aria-label', `${name}：${up ? '正常' : '异常'}（${status || '未知'}）`);
  }
  for (const item of Array.from(servicesList.children)) {
    if (!seen.has(item.dataset.service)) item.remove();
  }
}

function emptyRow(columns) {
  return el('tr', { class: 'empty-row' }, el('td', { colspan: String(columns) }, '—'));
}

function renderBacklog(backlogs) {
  replaceChildren($('#backlog tbody'), backlogs.length ? backlogs.map((row) => {
    const lag = number(row.lag);
    const drain = number(row.drainSeconds);
    const consumed = number(row.consumedPerMinute);
    // Unknown pace: the first reading; a pace but no drain time: the backlog is not shrinking.
    const drainText = lag === 0 ? '—' : drain !== null ? `约 ${formatDuration(drain)}`
      : consumed === null ? '估算中' : '未在减少';
    return el('tr', { class: lag && lag > 0 ? 'lagging' : null, dataset: { group: row.group || '' } },
      el('td', {}, row.group || '—'),
      el('td', { class: 'num' }, formatNumber(lag)),
      el('td', { class: 'num' }, formatNumber(consumed, 0)),
      el('td', { class: 'num' }, formatNumber(number(row.producedPerMinute), 0)),
      el('td', { class: 'num drain-value' }, drainText));
  }) : emptyRow(5));
}

function renderLag(lags) {
  const tbody = $('#lag tbody');
  replaceChildren(tbody, lags.length ? lags.map((row) => {
    const lag = number(row.lag);
    return el('tr', { class: lag && lag > 0 ? 'lagging' : null, dataset: { topic: row.topic || '', partition: String(row.partition ?? '') } },
      el('td', {}, row.service || '—'),
      el('td', {}, row.group || '—'),
      el('td', {}, el('code', {}, row.topic || '—')),
      el('td', { class: 'num' }, formatNumber(number(row.partition))),
      el('td', { class: 'num lag-value' }, formatNumber(lag)));
  }) : emptyRow(5));
}

/** Kafka's brokers (those that answer, those down) and its partitions short of replicas or of a leader. */
function renderKafka(kafka) {
  const known = kafka && typeof kafka === 'object';
  const shown = (list, limit) => {
    const items = names(list);
    if (!items.length) return '无';
    return items.slice(0, limit).join('、') + (items.length > limit ? ` 等 ${formatNumber(items.length)} 个` : '');
  };
  $('#kafka-brokers').textContent = known
    ? array(kafka.brokers).map((broker) => `${broker.id}（${broker.host}:${broker.port}）`).join('、') || '无' : '—';
  setFlagged($('#kafka-brokers-down'), known ? shown(kafka.brokersDown, 10) : '—', known && names(kafka.brokersDown).length > 0);
  setFlagged($('#kafka-under-replicated'), known ? shown(kafka.underReplicated, 5) : '—',
    known && names(kafka.underReplicated).length > 0);
  setFlagged($('#kafka-offline'), known ? shown(kafka.offline, 5) : '—', known && names(kafka.offline).length > 0);
}

/** Elasticsearch's configured nodes (those that answer, those down) and the cluster's health. */
function renderElasticsearch(cluster) {
  const known = cluster && typeof cluster === 'object';
  const nodes = known ? array(cluster.nodes) : [];
  const up = nodes.filter((node) => node.up).map((node) => node.name ? `${node.name}（${node.url}）` : node.url);
  const down = known ? names(cluster.nodesDown) : [];
  const status = known && cluster.status ? String(cluster.status) : null;
  setFlagged($('#elasticsearch-status'), status || '—', status !== null && status !== 'green');
  $('#elasticsearch-nodes').textContent = known ? up.join('、') || '无' : '—';
  setFlagged($('#elasticsearch-nodes-down'), known ? down.join('、') || '无' : '—', down.length > 0);
  const unassigned = known ? number(cluster.unassignedShards) : null;
  setFlagged($('#elasticsearch-unassigned'), formatNumber(unassigned), unassigned !== null && unassigned > 0);
}

/** Sets an element's text, marked as an alert when {@code alert}. */
function setFlagged(element, text, alert) {
  element.textContent = text;
  element.classList.toggle('alert', Boolean(alert));
}

function renderDeadLetters(deadLetters) {
  const tbody = $('#dead-letters tbody');
  replaceChildren(tbody, deadLetters.length ? deadLetters.map((row) => {
    const count = number(row.count);
    return el('tr', { class: count && count > 0 ? 'alert' : null, dataset: { topic: row.topic || '' } },
      el('td', {}, el('code', {}, row.topic || '—')),
      el('td', { class: 'num dead-letter-count' }, formatNumber(count)),
      el('td', {}, count && count > 0 && row.topic
        ? el('button', { type: 'button', class: 'button button-secondary replay', onclick: () => replay(row.topic) }, '重放')
        : '—'));
  }) : emptyRow(3));
}

/** Sends the topic's dead letters not replayed yet back to their source topic (POST …/replay) and says what it did. */
async function replay(topic) {
  const status = $('#replay-status');
  setStatus(status, `正在重放 ${topic} …`);
  try {
    const report = await api(`/api/operations/dead-letters/${encodeURIComponent(topic)}/replay`, { method: 'POST' });
    const skipped = report.skipped || {};
    setStatus(status, `${topic}：检查 ${report.examined} 条，重放 ${report.replayed} 条；跳过：已有新版本 `
      + `${skipped.superseded || 0}，已删除 ${skipped.deleted || 0}，无法读取 ${skipped.unreadable || 0}。`, 'ok');
  } catch (error) {
    setStatus(status, `重放失败：${describeError(error)}`, 'error');
  }
}

/** A small SVG of the ingested and indexed counts over the last minutes, built with DOM APIs. */
function renderSparkline() {
  const box = $('#sparkline');
  const samples = history.filter((s) => s.ingested !== null || s.indexed !== null);
  const values = samples.flatMap((s) => [s.ingested, s.indexed]).filter((v) => v !== null);
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${SPARK_WIDTH} ${SPARK_HEIGHT}`);
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.setAttribute('class', 'sparkline-svg');
  svg.setAttribute('role', 'img');
  const first = samples[0];
  const last = samples[samples.length - 1];
  const label = samples.length < 2 ? '趋势图：正在收集数据'
    : `趋势图：已接收 ${formatNumber(first.ingested)} → ${formatNumber(last.ingested)}，已索引 ${formatNumber(first.indexed)} → ${formatNumber(last.indexed)}`;
  svg.setAttribute('aria-label', label);
  const title = document.createElementNS(SVG, 'title');
  title.textContent = label;
  svg.append(title);

  const baseline = document.createElementNS(SVG, 'line');
  baseline.setAttribute('class', 'spark-baseline');
  baseline.setAttribute('x1', '0');
  baseline.setAttribute('x2', String(SPARK_WIDTH));
  baseline.setAttribute('y1', String(SPARK_HEIGHT - SPARK_PAD));
  baseline.setAttribute('y2', String(SPARK_HEIGHT - SPARK_PAD));
  svg.append(baseline);

  if (samples.length >= 2 && values.length) {
    const min = Math.min(...values);
    const max = Math.max(...values);
    const span = max - min || 1;
    const x = (i) => ((HISTORY - samples.length + i) / (HISTORY - 1)) * SPARK_WIDTH; // newest at the right edge
    const y = (v) => SPARK_HEIGHT - SPARK_PAD - ((v - min) / span) * (SPARK_HEIGHT - 2 * SPARK_PAD);
    for (const series of ['ingested', 'indexed']) {
      const points = samples.map((s, i) => (s[series] === null ? null : `${x(i).toFixed(1)},${y(s[series]).toFixed(1)}`))
        .filter(Boolean).join(' ');
      if (!points) continue;
      const line = document.createElementNS(SVG, 'polyline');
      line.setAttribute('class', `spark-line spark-${series}`);
      line.setAttribute('points', points);
      line.setAttribute('vector-effect', 'non-scaling-stroke');
      svg.append(line);
    }
  }
  replaceChildren(box, svg);
  const seconds = samples.length >= 2 ? Math.round((last.at - first.at) / 1000) : 0;
  $('#sparkline-range').textContent = seconds > 0
    ? `最近 ${seconds >= 60 ? `${Math.floor(seconds / 60)} 分 ${seconds % 60} 秒` : `${seconds} 秒`}` : '';
}

/* ------------------------------------------------------------------ start */

login = setupLogin({
  role: 'OPERATOR',
  panel,
  onLogin: start,
  onLogout: stop,
  deniedMessage: (session) => `账号“${session.username}”没有运维权限（需要 OPERATOR 角色），请换用运维账号登录。`,
});
