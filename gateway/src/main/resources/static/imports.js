// Editor page, bulk imports: send an NDJSON file or a zip of files as one import (POST /api/imports) and follow every
// import with a live progress bar (lines or files read, then documents searchable), its counts and, on demand, what
// it rejected (lines by number, files by name).
import {
  $, el, replaceChildren, api, upload, describeError, setStatus, formatNumber, formatDuration, timeElement,
} from './common.js';

const POLL_BUSY_MS = 2000; // while an import is running or its documents are not all searchable yet
const POLL_IDLE_MS = 15000;
const STATES = { RUNNING: '进行中', DONE: '已完成', FAILED: '失败' };
const UNITS = { lines: '行', files: '个文件' };
/** A chosen file named *.zip is sent as a zip (of files in any supported format), any other as NDJSON. */
const ZIP = /\.zip$/i;

const form = $('#import-form');
const fileInput = $('#import-file');
const sendProgress = $('#import-send-progress');
const status = $('#import-status');
const list = $('#imports');

let running = false;
let timer = 0;
const opened = new Set(); // imports whose rejections are shown

/** Documents an import stored (new versions) and how many of them are searchable. */
function stored(job) {
  return (number(job.created) || 0) + (number(job.updated) || 0);
}

function number(value) {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function busy(job) {
  return job.state === 'RUNNING' || (job.state === 'DONE' && (number(job.indexed) || 0) < stored(job));
}

/** How far the reading got: a zip's files of its total, NDJSON's bytes of its size (its lines are not counted ahead). */
function reading(job) {
  if (number(job.total) !== null) return { value: number(job.read) || 0, max: job.total };
  return { value: number(job.bytesRead) || 0, max: number(job.sizeBytes) || 1 };
}

/** The bar: the body read while running, then the stored documents becoming searchable. */
function bar(job) {
  const running = job.state === 'RUNNING';
  const read = reading(job);
  const value = running ? read.value : number(job.indexed) || 0;
  const max = running ? Math.max(1, read.max) : Math.max(1, stored(job));
  const label = running ? '已读取' : '可检索';
  return el('progress', { max: String(max), value: String(Math.min(value, max)), 'aria-label': `${label}进度` });
}

function facts(job) {
  const unit = UNITS[job.unit] || '行';
  const total = number(job.total) !== null ? ` / ${formatNumber(job.total)}` : '';
  const parts = [
    `${formatNumber(number(job.read))}${total} ${unit}`,
    `新建 ${formatNumber(number(job.created))}`,
    `更新 ${formatNumber(number(job.updated))}`,
    `未变化 ${formatNumber(number(job.unchanged))}`,
    `拒绝 ${formatNumber(number(job.rejected))}`,
    `可检索 ${formatNumber(number(job.indexed))} / ${stored(job)}`,
  ];
  if (job.state === 'RUNNING' && number(job.perSecond) !== null) {
    parts.push(`${formatNumber(job.perSecond, 0)} ${unit}/秒`);
  }
  if (job.state === 'RUNNING' && number(job.etaSeconds) !== null) parts.push(`约 ${formatDuration(job.etaSeconds)}后读完`);
  return parts.join(' · ');
}

function item(job) {
  const rejections = el('div', { class: 'import-rejections', hidden: !opened.has(job.id) });
  const toggle = number(job.rejected) > 0
    ? el('button', { type: 'button', class: 'button button-secondary button-small rejections-button',
      dataset: { id: job.id }, 'aria-expanded': opened.has(job.id) ? 'true' : 'false' },
    opened.has(job.id) ? `收起${rejectedWhat(job)}` : `查看${rejectedWhat(job)}`) : null;
  const node = el('li', { class: `import import-${String(job.state || '').toLowerCase()}`, dataset: { id: job.id } },
    el('div', { class: 'import-head' },
      el('strong', { class: 'import-name' }, job.fileName || job.id),
      el('span', { class: 'import-state' }, STATES[job.state] || job.state || ''),
      timeElement(job.createdAt)),
    bar(job),
    el('p', { class: 'import-facts' }, facts(job)),
    job.error ? el('p', { class: 'msg error' }, job.error) : null,
    toggle, rejections);
  if (opened.has(job.id)) showRejections(job.id, rejections);
  return node;
}

function rejectedWhat(job) {
  return job.unit === 'files' ? '被拒绝的文件' : '被拒绝的行';
}

/** Where a rejection is: a line by its number, a zip's file by its path. */
function rejectedAt(rejection) {
  return rejection.file ? rejection.file : `第 ${rejection.line} 行`;
}

async function showRejections(id, node) {
  try {
    const job = await api(`/api/imports/${encodeURIComponent(id)}`);
    const rows = Array.isArray(job.rejections) ? job.rejections : [];
    replaceChildren(node, el('ul', { class: 'rejection-list' }, ...rows.map((r) => el('li', {},
      el('span', { class: 'rejection-line' }, rejectedAt(r)), ' ',
      el('code', {}, r.error || ''), ' ', r.message || ''))),
    number(job.rejected) > rows.length
      ? el('p', { class: 'hint' }, `只列出前 ${rows.length} ${UNITS[job.unit] || '行'}。`) : null);
  } catch (error) {
    replaceChildren(node, el('p', { class: 'msg error' }, `无法读取被拒绝的内容：${describeError(error)}`));
  }
}

async function refresh() {
  clearTimeout(timer);
  if (!running) return;
  let jobs = [];
  try {
    jobs = await api('/api/imports');
    jobs = Array.isArray(jobs) ? jobs.filter((job) => job && job.id) : [];
    replaceChildren(list, ...jobs.map(item));
    $('#imports-empty').hidden = jobs.length > 0;
  } catch (error) {
    setStatus(status, `无法读取导入列表：${describeError(error)}`, 'error');
  }
  if (running) timer = setTimeout(refresh, jobs.some(busy) ? POLL_BUSY_MS : POLL_IDLE_MS);
}

async function send(event) {
  event.preventDefault();
  const file = fileInput.files && fileInput.files[0];
  if (!file) {
    setStatus(status, '请选择一个 NDJSON 文件（每行一篇文档）或 zip 压缩包。', 'error');
    return;
  }
  sendProgress.hidden = false;
  sendProgress.value = 0;
  setStatus(status, `正在发送 ${file.name}…`, 'info');
  try {
    const answer = await upload(`/api/imports?name=${encodeURIComponent(file.name)}`, file, {
      contentType: ZIP.test(file.name) ? 'application/zip' : 'application/x-ndjson',
      onProgress: (loaded, total) => { sendProgress.value = Math.round((100 * loaded) / total); },
    });
    setStatus(status, `已接收 ${file.name}，正在后台导入（编号 ${answer.body && answer.body.id}）。`, 'ok');
    form.reset();
    refresh();
  } catch (error) {
    setStatus(status, `导入未被接受：${describeError(error)}`, 'error');
  } finally {
    sendProgress.hidden = true;
  }
}

list.addEventListener('click', (event) => {
  const button = event.target instanceof Element ? event.target.closest('button.rejections-button') : null;
  if (!button) return;
  const id = button.dataset.id;
  if (opened.has(id)) opened.delete(id);
  else opened.add(id);
  refresh();
});
form.addEventListener('submit', send);

export function startImports() {
  running = true;
  refresh();
}

export function stopImports() {
  running = false;
  clearTimeout(timer);
  opened.clear();
  replaceChildren(list);
  setStatus(status, '');
}
