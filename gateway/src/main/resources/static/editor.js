// Editor page: log in, upload files (with progress) or pasted text, search and filter the document list (its
// statuses change live), edit documents (new versions, guarded by ETag / If-Match against concurrent edits), delete
// them, and read their history: every version, what changed between two (a diff), restore, the uploaded file.
import {
  $, el, replaceChildren, api, apiResponse, apiDownload, upload, withQuery, describeError, setStatus, debounce,
  initPage, setupLogin, ApiError, statusLabel, timeElement, formatTime,
} from './common.js';
import { startImports, stopImports } from './imports.js';
import { startThemes } from './themes.js';

const POLL_MS = 1500;
const PAGE_SIZE = 20;
const FILTER_DELAY_MS = 300;
const PIN_MS = 20000; // an upload's row stays at the top this long, even before the list shows it
const FINAL = new Set(['INDEXED', 'FAILED', 'DELETED']);
const OUTCOMES = { CREATED: '新建', UPDATED: '已更新', UNCHANGED: '未变化', DELETED: '已删除' };
const REPAIRS = {
  pinyinAnnotations: '拼音注音',
  doubledPunctuation: '重复标点',
  halfWidthPunctuation: '半角标点',
  joinedLineBreaks: '断行',
  mojibakeRepaired: '乱码',
};
const WARNING_KINDS = { mojibake: '乱码' };
const FOLD_MIN = 200; // unchanged text longer than this (plus what stays visible) is folded in a diff
const FOLD_KEEP = 60; // characters of a folded stretch kept visible next to each change
const DAY_MS = 24 * 60 * 60 * 1000;

initPage('editor');

const panel = $('#editor-panel');
const message = $('#editor-message');
const tbody = $('#documents tbody');
const listInfo = $('#documents-info');
const listError = $('#documents-error');
const listEmpty = $('#documents-empty');

let login = null; // set up last, once everything it starts exists

/* ------------------------------------------------------------------ helpers */

function parseTags(text) {
  return [...new Set(String(text || '').split(/[,，、;；\s]+/).map((t) => t.trim()).filter(Boolean))];
}

function docPath(id) {
  return `/api/documents/${encodeURIComponent(id)}`;
}

function handleAuthError(error) {
  if (error instanceof ApiError && error.status === 403) {
    if (login) login.denied(`没有权限：${describeError(error)}`);
    return true;
  }
  return error instanceof ApiError && error.status === 401; // the session-expired event shows the login form
}

/** The ETag of a version, as the API sends and expects it in If-Match. */
function versionTag(version) {
  return `"v${version}"`;
}

/** True for the API's answer that the document changed since the version a request was made from. */
function isConflict(error) {
  return error instanceof ApiError && error.status === 412;
}

/** The version a 412 answer says is current (null when it does not say). */
function conflictVersion(error) {
  const version = error && error.body ? Number(error.body.currentVersion) : NaN;
  return Number.isInteger(version) && version > 0 ? version : null;
}

function repairSummary(repairs) {
  if (!repairs || typeof repairs !== 'object') return '';
  return Object.entries(repairs).filter(([, n]) => typeof n === 'number' && n > 0)
    .map(([kind, n]) => `${REPAIRS[kind] || kind} ${n} 处`).join('、');
}

/* ------------------------------------------------------------------ document table, updated in place */

const rows = new Map(); // id → {tr, cells, doc, keys}
const pinned = new Map(); // id → time the upload answered

function cellKey(value) {
  return JSON.stringify(value ?? null);
}

function createRow(id) {
  const cells = {
    title: el('td', { class: 'title', dataset: { label: '标题' } }),
    version: el('td', { class: 'version', dataset: { label: '版本' } }),
    status: el('td', { class: 'status', dataset: { label: '状态' } }),
    warnings: el('td', { class: 'warnings', dataset: { label: '修复警告' } }),
    updated: el('td', { class: 'updated', dataset: { label: '更新时间' } }),
    actions: el('td', { class: 'actions', dataset: { label: '操作' } }),
  };
  cells.edit = el('button', { type: 'button', class: 'button button-small edit-button', dataset: { id } }, '修改');
  cells.history = el('button', { type: 'button', class: 'button button-small button-secondary history-button', dataset: { id } }, '历史');
  cells.remove = el('button', { type: 'button', class: 'button button-small button-danger delete-button', dataset: { id } }, '删除');
  cells.actions.append(cells.edit, cells.history, cells.remove);
  const tr = el('tr', { dataset: { id } }, cells.title, cells.version, cells.status, cells.warnings, cells.updated, cells.actions);
  return { tr, cells, doc: null, keys: {} };
}

/** Updates only the cells whose content changed, so focus, open lists and selection survive a refresh. */
function updateRow(entry, doc) {
  const { cells, keys } = entry;
  const previousStatus = entry.doc ? entry.doc.status : null;
  entry.doc = { ...(entry.doc || {}), ...doc };
  const d = entry.doc;
  const title = d.title || '（无标题）';

  const titleKey = cellKey([d.title, d.compilation, d.tags, d.source]);
  if (keys.title !== titleKey) {
    keys.title = titleKey;
    const compilation = d.compilation && d.compilation.name
      ? `合集《${d.compilation.name}》第 ${d.compilation.position} / ${d.compilation.essays} 篇` : '';
    const extra = [compilation, Array.isArray(d.tags) && d.tags.length ? `标签：${d.tags.join('、')}` : '']
      .filter(Boolean).join(' · ');
    replaceChildren(cells.title, el('span', { class: 'doc-title' }, title),
      el('span', { class: 'doc-sub' }, el('code', { class: 'doc-id' }, d.id), extra ? ` · ${extra}` : ''));
  }

  const versionKey = cellKey(d.version);
  if (keys.version !== versionKey) {
    keys.version = versionKey;
    cells.version.textContent = d.version !== undefined && d.version !== null ? String(d.version) : '—';
  }

  const statusKey = cellKey([d.status, d.statusReason]);
  if (keys.status !== statusKey) {
    keys.status = statusKey;
    const code = d.status || '—';
    replaceChildren(cells.status,
      el('span', { class: ['status-code', `status-${String(code).toLowerCase()}`] }, code),
      el('span', { class: 'status-label' }, statusLabel(d.status)),
      d.statusReason ? el('span', { class: 'status-reason' }, d.statusReason) : null);
    entry.tr.dataset.status = code;
    cells.status.setAttribute('aria-label', `${statusLabel(d.status)}（${code}）${d.statusReason ? `：${d.statusReason}` : ''}`);
    if (previousStatus && previousStatus !== d.status) flash(entry.tr);
  }

  const warnings = Array.isArray(d.warnings) ? d.warnings : [];
  const repairs = repairSummary(d.repairs);
  const warningsKey = cellKey([warnings, repairs]);
  if (keys.warnings !== warningsKey) {
    keys.warnings = warningsKey;
    const wasOpen = Boolean(cells.warnings.querySelector('details[open]'));
    const count = el('span', { class: ['warnings-count', warnings.length ? 'has-warnings' : null] }, String(warnings.length));
    if (!warnings.length && !repairs) {
      replaceChildren(cells.warnings, count);
    } else {
      replaceChildren(cells.warnings, el('details', { class: 'warnings-details', open: wasOpen },
        el('summary', { 'aria-label': `${warnings.length} 条修复警告，展开查看` }, count, ' 条'),
        repairs ? el('p', { class: 'repairs' }, `已修复：${repairs}`) : null,
        warnings.length ? el('ul', { class: 'warnings-list' }, warnings.map((w) => el('li', {},
          el('span', { class: 'warning-kind' }, `${WARNING_KINDS[w.kind] || w.kind || '警告'}${typeof w.position === 'number' ? ` · 第 ${w.position} 字` : ''}`),
          el('span', { class: 'warning-message' }, w.message || ''),
          w.excerpt ? el('span', { class: 'warning-excerpt' }, `…${w.excerpt}…`) : null))) : null));
    }
  }

  const updatedKey = cellKey(d.updatedAt || d.createdAt);
  if (keys.updated !== updatedKey) {
    keys.updated = updatedKey;
    replaceChildren(cells.updated, timeElement(d.updatedAt || d.createdAt));
  }

  const deleted = d.status === 'DELETED';
  cells.edit.disabled = deleted;
  cells.remove.disabled = deleted;
  cells.edit.setAttribute('aria-label', `修改《${title}》`);
  cells.history.setAttribute('aria-label', `《${title}》的版本历史`);
  cells.remove.setAttribute('aria-label', `删除《${title}》`);
}

function flash(tr) {
  tr.classList.remove('flash');
  void tr.offsetWidth; // restart the animation
  tr.classList.add('flash');
}

tbody.addEventListener('animationend', (event) => {
  if (event.target instanceof HTMLElement) event.target.classList.remove('flash');
});

function upsert(doc) {
  if (!doc || !doc.id) return null;
  let entry = rows.get(doc.id);
  if (!entry) {
    entry = createRow(doc.id);
    rows.set(doc.id, entry);
  }
  updateRow(entry, doc);
  return entry;
}

/** Puts rows in order with as few DOM moves as possible (a moved row would lose its focus). */
function arrange(ids) {
  let anchor = tbody.firstElementChild;
  for (const id of ids) {
    const { tr } = rows.get(id);
    if (tr === anchor) anchor = anchor.nextElementSibling;
    else tbody.insertBefore(tr, anchor);
  }
  for (const [id, entry] of rows) {
    if (!ids.includes(id)) {
      entry.tr.remove();
      rows.delete(id);
    }
  }
  listEmpty.hidden = rows.size > 0;
}

function applyList(data) {
  const documents = data && Array.isArray(data.documents) ? data.documents.filter((d) => d && d.id) : [];
  const order = pinnedIds(new Set(documents.map((d) => d.id)));
  for (const doc of documents) {
    upsert(doc);
    if (!order.includes(doc.id)) order.push(doc.id);
  }
  arrange(order);
  const total = data && typeof data.total === 'number' ? data.total : documents.length;
  showPaging(total, data && data.totalRelation === 'about', Boolean(data && data.more));
  listEmpty.textContent = isFiltered() ? '没有符合条件的文档。可以修改或清除筛选条件。' : '还没有文档。上传一个文件或粘贴一段文本试试。';
  listInfo.textContent = `每 1.5 秒自动刷新 · 最近更新 ${formatTime(new Date().toISOString())}`;
}

/** Just uploaded rows not listed yet stay on top, in the unfiltered list of the newest documents only. */
function pinnedIds(listed) {
  const now = Date.now();
  const ids = [];
  for (const [id, at] of pinned) {
    if (!showsNewest() || listed.has(id) || now - at > PIN_MS) pinned.delete(id);
    else if (rows.has(id)) ids.push(id);
  }
  return ids;
}

/** Rows just uploaded go to the top at once (when the list shows the newest documents); the next refresh fills in the rest. */
function pinOutcomes(documents) {
  if (!showsNewest()) {
    refreshSoon();
    return;
  }
  const now = Date.now();
  const ids = [];
  for (const outcome of documents || []) {
    if (!outcome || !outcome.id) continue;
    upsert({
      id: outcome.id, title: outcome.title, version: outcome.version, status: outcome.status,
      repairs: outcome.repairs, warnings: outcome.warnings, updatedAt: new Date(now).toISOString(),
    });
    pinned.set(outcome.id, now);
    ids.push(outcome.id);
  }
  const rest = Array.from(tbody.children).map((tr) => tr.dataset.id).filter((id) => !ids.includes(id));
  arrange([...ids, ...rest]);
  refreshSoon();
}

/* ------------------------------------------------------------------ search, filters, order and paging */

const filterForm = $('#documents-filters');
const filterFields = {
  q: $('#filter-q'),
  status: $('#filter-status'),
  tag: $('#filter-tag'),
  author: $('#filter-author'),
  since: $('#filter-since'),
  until: $('#filter-until'),
  sort: $('#filter-sort'),
};
const prevPage = $('#documents-prev');
const nextPage = $('#documents-next');
const totalText = $('#documents-total');
const pageText = $('#documents-page');
let listFrom = 0;

function fieldValue(name) {
  return filterFields[name].value.trim();
}

/** The day after a yyyy-MM-dd date: the API's "until" excludes its day, the form's "至" includes it. */
function dayAfter(date) {
  const time = Date.parse(`${date}T00:00:00Z`);
  return Number.isNaN(time) ? date : new Date(time + DAY_MS).toISOString().slice(0, 10);
}

/** The list's query parameters as the form says (empty ones are left out of the URL). */
function listFilters() {
  const status = fieldValue('status');
  const until = fieldValue('until');
  return {
    q: fieldValue('q'),
    status: status === 'ALL' ? '' : status,
    includeDeleted: status === 'ALL' ? 'true' : '',
    tag: fieldValue('tag'),
    author: fieldValue('author'),
    since: fieldValue('since'),
    until: until ? dayAfter(until) : '',
    sort: fieldValue('sort') === 'updated' ? '' : fieldValue('sort'),
  };
}

/** True when the list is narrowed (not just ordered). */
function isFiltered() {
  return Object.entries(listFilters()).some(([name, value]) => name !== 'sort' && value);
}

/** The default view: every document, newest first, first page (where uploads appear). */
function showsNewest() {
  return listFrom === 0 && !isFiltered() && !listFilters().sort;
}

function listPath() {
  return withQuery('/api/documents', { ...listFilters(), from: listFrom, size: PAGE_SIZE });
}

/** "共 N 篇" when counted, "约 N 篇" when estimated (long lists); next page while the list says there is more. */
function showPaging(total, estimated, more) {
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.floor(listFrom / PAGE_SIZE) + 1;
  totalText.textContent = estimated ? `约 ${total} 篇` : `共 ${total} 篇`;
  pageText.textContent = estimated ? `第 ${page} 页` : `第 ${page} / ${pages} 页`;
  prevPage.disabled = listFrom === 0;
  nextPage.disabled = !more;
}

/** A page past the end (documents deleted meanwhile): the start of the last page that has documents. */
function lastPageStart(data) {
  const total = data && typeof data.total === 'number' ? data.total : 0;
  return Math.max(0, Math.ceil(total / PAGE_SIZE) - 1) * PAGE_SIZE;
}

function isPastTheEnd(data) {
  return listFrom > 0 && data && Array.isArray(data.documents) && data.documents.length === 0;
}

/** Marks the field a 400 answer names (its "parameter"), or clears every mark. */
function markInvalid(parameter) {
  for (const [name, field] of Object.entries(filterFields)) {
    const invalid = name === parameter || (name === 'status' && parameter === 'includeDeleted');
    if (invalid) field.setAttribute('aria-invalid', 'true');
    else field.removeAttribute('aria-invalid');
  }
}

function showListError(error) {
  if (error instanceof ApiError && error.status === 400) {
    markInvalid(error.body && error.body.parameter);
    setStatus(listError, `筛选条件有误：${describeError(error)}`, 'error');
  } else {
    setStatus(listError, `文档列表刷新失败：${describeError(error)}`, 'error');
  }
}

/** The filters changed: back to the first page, and ask at once. */
function filtersChanged() {
  listFrom = 0;
  refreshSoon();
}

const filtersChangedLater = debounce(filtersChanged, FILTER_DELAY_MS);

function goToPage(from) {
  listFrom = Math.max(0, from);
  prevPage.disabled = true;
  nextPage.disabled = true;
  refreshSoon();
}

function resetFilters() {
  filtersChangedLater.cancel();
  filterForm.reset();
  markInvalid(null);
  filtersChanged();
  filterFields.q.focus();
}

filterForm.addEventListener('submit', (event) => {
  event.preventDefault();
  filtersChangedLater.cancel();
  filtersChanged();
});
filterForm.addEventListener('input', (event) => {
  if (event.target instanceof HTMLInputElement && event.target.type !== 'date') filtersChangedLater();
});
filterForm.addEventListener('change', (event) => {
  if (event.target instanceof HTMLSelectElement || event.target.type === 'date') {
    filtersChangedLater.cancel();
    filtersChanged();
  }
});
$('#filter-reset').addEventListener('click', resetFilters);
prevPage.addEventListener('click', () => goToPage(listFrom - PAGE_SIZE));
nextPage.addEventListener('click', () => goToPage(listFrom + PAGE_SIZE));

/* ------------------------------------------------------------------ live polling */

let running = false;
let timer = 0;
let inFlight = false;

function start() {
  running = true;
  listInfo.textContent = '正在读取文档列表…';
  refreshSoon();
  startImports();
  startThemes();
}

function stop() {
  running = false;
  stopImports();
  clearTimeout(timer);
  rows.clear();
  pinned.clear();
  replaceChildren(tbody);
  listEmpty.hidden = true;
  setStatus(listError, '');
  setStatus(message, '');
  for (const open of [editDialog, historyDialog]) {
    if (open.open) open.close();
  }
}

function schedule(ms) {
  clearTimeout(timer);
  if (running) timer = setTimeout(poll, ms);
}

function refreshSoon() {
  if (inFlight) return; // the request under way schedules the next one (at once when the filters changed meanwhile)
  schedule(0);
}

/** One refresh of the list with the current filters; an answer to filters changed meanwhile is dropped. */
async function poll() {
  if (!running || inFlight) return;
  if (document.hidden) return; // visibilitychange resumes
  inFlight = true;
  const path = listPath();
  let next = POLL_MS;
  try {
    const data = await api(path);
    if (!running) return;
    next = showListAnswer(path, data);
  } catch (error) {
    if (!running || handleAuthError(error)) return;
    if (path !== listPath()) {
      next = 0;
      return;
    }
    showListError(error);
    if (error instanceof ApiError && error.status !== 400) await pollPending();
  } finally {
    inFlight = false;
    schedule(next);
  }
}

/** Shows the list's answer; returns when to ask again (at once when it answers other filters or a page past the end). */
function showListAnswer(path, data) {
  if (path !== listPath()) return 0;
  if (isPastTheEnd(data)) {
    listFrom = Math.max(0, Math.min(lastPageStart(data), listFrom - PAGE_SIZE));
    return 0;
  }
  applyList(data);
  markInvalid(null);
  setStatus(listError, '');
  return POLL_MS;
}

/** Without the list, at least the rows still moving through the pipeline are followed one by one. */
async function pollPending() {
  const pending = [...rows.values()].filter((entry) => !FINAL.has(entry.doc && entry.doc.status)).slice(0, 10);
  await Promise.all(pending.map(async (entry) => {
    try {
      const doc = await api(docPath(entry.doc.id));
      if (running && rows.get(entry.doc.id) === entry) updateRow(entry, doc);
    } catch {
      // shown by the list error already
    }
  }));
}

document.addEventListener('visibilitychange', () => {
  if (!document.hidden && running) refreshSoon();
});

/* ------------------------------------------------------------------ results of uploads */

function outcomeItem(outcome) {
  const warnings = Array.isArray(outcome.warnings) ? outcome.warnings.length : 0;
  const parts = [
    OUTCOMES[outcome.outcome] || outcome.outcome || '',
    outcome.version ? `第 ${outcome.version} 版` : '',
    outcome.status ? statusLabel(outcome.status) : '',
    warnings ? `修复警告 ${warnings} 条` : '',
  ].filter(Boolean);
  return el('li', { dataset: { id: outcome.id || '' } },
    el('span', { class: 'outcome-title' }, `《${outcome.title || '无标题'}》`),
    el('span', { class: 'outcome-meta' }, parts.join(' · ')));
}

/** One line per upload: what was stored, plus the documents a compilation was split into. */
function uploadItem(name, result) {
  const documents = Array.isArray(result.documents) ? result.documents : [];
  const created = documents.filter((d) => d.outcome === 'CREATED').length;
  const updated = documents.filter((d) => d.outcome === 'UPDATED').length;
  const unchanged = documents.filter((d) => d.outcome === 'UNCHANGED').length;
  const counts = [created && `新建 ${created} 篇`, updated && `更新 ${updated} 篇`, unchanged && `未变化 ${unchanged} 篇`]
    .filter(Boolean).join('，');
  const headline = result.status === 'UNCHANGED' ? '内容已存在，没有变化' : `已接收${counts ? `：${counts}` : ''}`;
  const details = [
    documents.length > 1 ? `合集已拆分为 ${documents.length} 篇` : '',
    result.encoding ? `编码 ${result.encoding}` : '',
  ].filter(Boolean).join(' · ');
  const preface = result.description ? String(result.description) : '';
  return el('li', { class: ['upload-item', 'is-ok'] },
    el('p', {}, name ? el('strong', {}, name) : null, name ? '：' : '', headline, details ? `（${details}）` : ''),
    preface ? el('p', { class: 'preface' }, `前言：${preface.length > 80 ? `${preface.slice(0, 80)}…` : preface}`) : null,
    documents.length ? el('ul', { class: 'outcomes' }, documents.map(outcomeItem)) : null);
}

function failedItem(name, error) {
  return el('li', { class: ['upload-item', 'is-error'] },
    el('p', {}, name ? el('strong', {}, name) : null, name ? '：' : '', `失败。${describeError(error)}`));
}

/* ------------------------------------------------------------------ upload files */

const uploadForm = $('#upload-form');
const fileInput = $('#upload-file');
const uploadButton = $('#upload-button');
const progress = $('#upload-progress');
const uploadResult = $('#upload-result');

uploadForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const files = Array.from(fileInput.files || []);
  if (files.length === 0) {
    replaceChildren(uploadResult, el('p', { class: 'msg msg-error' }, '请先选择要上传的文件。'));
    fileInput.focus();
    return;
  }
  const tags = parseTags($('#upload-tags').value);
  const source = $('#upload-source').value.trim();
  const split = $('#upload-split').checked;
  const totalBytes = files.reduce((sum, file) => sum + file.size, 0) || 1;
  let doneBytes = 0;
  let failures = 0;
  uploadButton.disabled = true;
  fileInput.disabled = true;
  progress.hidden = false;
  progress.value = 0;
  const items = el('ul', { class: 'upload-items' });
  const headline = el('p', { class: 'upload-headline' }, `正在上传 ${files.length} 个文件…`);
  replaceChildren(uploadResult, headline, items);
  uploadForm.setAttribute('aria-busy', 'true');

  for (const [index, file] of files.entries()) {
    headline.textContent = files.length > 1 ? `正在上传第 ${index + 1} / ${files.length} 个文件：${file.name}` : `正在上传：${file.name}`;
    const form = new FormData();
    form.append('file', file, file.name);
    for (const tag of tags) form.append('tags', tag);
    if (source) form.append('source', source);
    if (!split) form.append('split', 'false');
    try {
      const answer = await upload('/api/documents', form, {
        onProgress: (loaded, total) => {
          progress.value = Math.min(100, ((doneBytes + (loaded / total) * file.size) / totalBytes) * 100);
        },
      });
      const result = answer.body || {};
      items.append(uploadItem(file.name, result));
      pinOutcomes(result.documents);
    } catch (error) {
      failures += 1;
      items.append(failedItem(file.name, error));
      if (handleAuthError(error)) break;
    }
    doneBytes += file.size;
    progress.value = Math.min(100, (doneBytes / totalBytes) * 100);
  }

  progress.value = 100;
  headline.textContent = failures === 0
    ? `上传完成：${files.length} 个文件。文档状态会在下方列表中实时更新。`
    : `上传结束：${files.length - failures} 个成功，${failures} 个失败。`;
  headline.className = `upload-headline msg ${failures ? 'msg-error' : 'msg-ok'}`;
  uploadForm.removeAttribute('aria-busy');
  uploadButton.disabled = false;
  fileInput.disabled = false;
  if (failures === 0) fileInput.value = '';
});

/* ------------------------------------------------------------------ paste text */

const textForm = $('#text-form');
const textResult = $('#text-result');

textForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const titleInput = $('#text-title');
  const bodyInput = $('#text-body');
  const title = titleInput.value.trim();
  const body = bodyInput.value;
  if (!title || !body.trim()) {
    replaceChildren(textResult, el('p', { class: 'msg msg-error' }, !title ? '请填写标题。' : '请填写正文。'));
    (!title ? titleInput : bodyInput).focus();
    return;
  }
  const tags = parseTags($('#text-tags').value);
  const source = $('#text-source').value.trim();
  const submit = $('#text-submit');
  submit.disabled = true;
  replaceChildren(textResult, el('p', { class: 'msg msg-info' }, '正在提交…'));
  try {
    const result = await api('/api/documents', {
      method: 'POST', json: { title, body, ...(source ? { source } : {}), ...(tags.length ? { tags } : {}) },
    });
    replaceChildren(textResult, el('ul', { class: 'upload-items' }, uploadItem('', result || {})));
    pinOutcomes(result && result.documents);
    titleInput.value = '';
    bodyInput.value = '';
  } catch (error) {
    handleAuthError(error);
    replaceChildren(textResult, el('p', { class: 'msg msg-error' }, `提交失败：${describeError(error)}`));
  } finally {
    submit.disabled = false;
  }
});

/* ------------------------------------------------------------------ diffs */

/** Unchanged text; a long stretch keeps only its ends next to the changes visible, around a "展开" button. */
function equalSegment(text, first, last) {
  const chars = Array.from(text);
  const keepStart = first ? 0 : FOLD_KEEP; // the text right after the previous change
  const keepEnd = last ? 0 : FOLD_KEEP; // the text right before the next change
  if (chars.length <= keepStart + keepEnd + FOLD_MIN) return el('span', { class: 'diff-equal' }, text);
  const hidden = chars.length - keepStart - keepEnd;
  const span = el('span', { class: 'diff-equal', tabindex: '-1' });
  const unfold = el('button', { type: 'button', class: 'diff-fold', 'aria-expanded': 'false' }, `展开（省略 ${hidden} 字）`);
  unfold.addEventListener('click', () => {
    replaceChildren(span, text);
    span.focus();
  });
  span.append(chars.slice(0, keepStart).join(''), unfold, chars.slice(chars.length - keepEnd).join(''));
  return span;
}

function diffSegment(segment, index, count) {
  const text = String(segment && segment.text ? segment.text : '');
  if (segment.op === 'insert') return el('ins', { class: 'diff-insert' }, text);
  if (segment.op === 'delete') return el('del', { class: 'diff-delete' }, text);
  return equalSegment(text, index === 0, index === count - 1);
}

function titleChange(diff) {
  if (!diff.titleFrom || !diff.titleTo || diff.titleFrom === diff.titleTo) return null;
  return el('p', { class: 'diff-title' }, '标题：', el('del', { class: 'diff-delete' }, diff.titleFrom), ' → ',
    el('ins', { class: 'diff-insert' }, diff.titleTo));
}

function diffCounts(diff) {
  const inserted = Number(diff.inserted) || 0;
  const deleted = Number(diff.deleted) || 0;
  if (!inserted && !deleted) return '正文没有变化。';
  return `正文新增 ${inserted} 字，删除 ${deleted} 字。绿色下划线为新增，红色删除线为删除。`;
}

/** Shows a diff answer ({titleFrom, titleTo, segments, inserted, deleted}) as text with <del> and <ins>. */
function renderDiff(container, diff) {
  const segments = Array.isArray(diff.segments) ? diff.segments.filter(Boolean) : [];
  replaceChildren(container,
    titleChange(diff),
    el('p', { class: 'diff-counts' }, diffCounts(diff)),
    el('div', { class: 'diff-text' }, segments.map((segment, i) => diffSegment(segment, i, segments.length))));
}

function diffPath(id, from, to) {
  return withQuery(`${docPath(id)}/diff`, { from, to });
}

/* ------------------------------------------------------------------ edit, with If-Match against concurrent edits */

const editDialog = $('#edit-dialog');
const editForm = $('#edit-form');
const editFields = {
  title: $('#edit-title'),
  body: $('#edit-body'),
  tags: $('#edit-tags'),
  source: $('#edit-source'),
  author: $('#edit-author'),
};
const editSave = $('#edit-save');
const editStatus = $('#edit-status');
const conflictBox = $('#edit-conflict');
const conflictText = $('#edit-conflict-text');
const conflictButtons = [$('#edit-show-latest'), $('#edit-overwrite')];
const compareBox = $('#edit-compare');
const compareHeading = $('#edit-compare-heading');
const compareDiff = $('#edit-compare-diff');
// {id, etag, version: the version being edited, current: the version a conflict reported, returnFocus}
let editing = null;
let editSeq = 0;

function setEditBusy(busy, fieldsToo = false) {
  editSave.disabled = busy;
  for (const button of conflictButtons) button.disabled = busy;
  if (fieldsToo) for (const field of Object.values(editFields)) field.disabled = busy;
}

function hideConflict() {
  conflictBox.hidden = true;
  compareBox.hidden = true;
  conflictText.textContent = '';
  replaceChildren(compareDiff);
}

/** The current record with its ETag, and the whole text of its version (the record itself has no body). */
async function loadCurrent(id) {
  const { body: record, etag } = await apiResponse(docPath(id));
  const version = await api(`${docPath(id)}/versions/${record.version}`);
  return { record, etag: etag || versionTag(record.version), version };
}

/** Fills the form with a version and makes it the one a save must still find current (If-Match). */
function editFrom({ record, etag, version }) {
  editing.etag = etag;
  editing.version = record.version;
  editing.current = null;
  editFields.title.value = version.title || record.title || '';
  editFields.body.value = typeof version.body === 'string' ? version.body : '';
  editFields.tags.value = (Array.isArray(record.tags) ? record.tags : []).join('，');
  editFields.source.value = record.source || '';
  editFields.author.value = record.author || '';
  hideConflict();
}

async function openEdit(id, returnFocus) {
  const entry = rows.get(id);
  if (!entry) return;
  const seq = ++editSeq;
  editing = { id, etag: null, version: null, current: null, returnFocus };
  hideConflict();
  editFields.title.value = entry.doc.title || '';
  editFields.body.value = '';
  setEditBusy(true, true);
  setStatus(editStatus, '正在读取正文…', 'info');
  if (!editDialog.open) editDialog.showModal();
  try {
    const loaded = await loadCurrent(id);
    if (seq !== editSeq) return;
    editFrom(loaded);
    setStatus(editStatus, `正在编辑第 ${loaded.record.version} 版。保存时若已被他人修改，会提示你先比较。`, 'info');
    setEditBusy(false, true);
    editFields.title.focus();
  } catch (error) {
    if (seq !== editSeq || handleAuthError(error)) return;
    setEditBusy(false, true);
    editSave.disabled = true; // without the version it came from, a save could silently overwrite someone's edit
    setStatus(editStatus, `读取文档失败：${describeError(error)}`, 'error');
  }
}

function closeEdit() {
  editSeq += 1;
  const returnFocus = editing && editing.returnFocus;
  editing = null;
  if (editDialog.open) editDialog.close();
  if (returnFocus && returnFocus.isConnected) returnFocus.focus();
}

/** What the form says to store, or null (with a message) when the title or text is missing. */
function readEditForm() {
  const title = editFields.title.value.trim();
  const body = editFields.body.value;
  if (!title || !body.trim()) {
    setStatus(editStatus, !title ? '请填写标题。' : '请填写正文。', 'error');
    (!title ? editFields.title : editFields.body).focus();
    return null;
  }
  const tags = parseTags(editFields.tags.value);
  const source = editFields.source.value.trim();
  const author = editFields.author.value.trim();
  return { title, body, ...(tags.length ? { tags } : {}), ...(source ? { source } : {}), ...(author ? { author } : {}) };
}

function showSaved(id, outcome, title) {
  const entry = rows.get(id);
  if (entry && outcome) {
    updateRow(entry, {
      title: outcome.title || title, version: outcome.version ?? entry.doc.version, status: outcome.status || entry.doc.status,
      ...(outcome.warnings ? { warnings: outcome.warnings } : {}), ...(outcome.repairs ? { repairs: outcome.repairs } : {}),
    });
  }
  closeEdit();
  setStatus(message, outcome && outcome.outcome === 'UNCHANGED'
    ? `《${title}》内容没有变化，没有生成新版本。`
    : `《${title}》已保存为第 ${outcome && outcome.version ? outcome.version : '?'} 版，正在重新分析和建立索引。`, 'ok');
  refreshSoon();
}

/** PUT with If-Match: the change is stored only if the document is still at the version etag names. */
async function save(etag) {
  const draft = readEditForm();
  if (!draft || !editing) return;
  const { id } = editing;
  setEditBusy(true);
  setStatus(editStatus, '正在保存…', 'info');
  try {
    const { body: outcome } = await apiResponse(docPath(id), { method: 'PUT', json: draft, headers: { 'If-Match': etag } });
    showSaved(id, outcome, draft.title);
  } catch (error) {
    if (handleAuthError(error)) {
      closeEdit();
      return;
    }
    if (!editing || editing.id !== id) return;
    if (isConflict(error)) showConflict(conflictVersion(error));
    else setStatus(editStatus, `保存失败：${describeError(error)}`, 'error');
  } finally {
    if (editing && editing.id === id) setEditBusy(false);
  }
}

function showConflict(current) {
  editing.current = current;
  setStatus(editStatus, '');
  conflictText.textContent = `没有保存：这篇文档在你编辑期间已被他人修改（你编辑的是第 ${editing.version} 版，`
    + `现在是第 ${current || '更新的'} 版）。你的修改仍在上面的编辑框里。可以先“查看最新版本”比较他人的改动，`
    + '或者“覆盖保存”，用你的内容生成新版本。';
  conflictBox.hidden = false;
  compareBox.hidden = true;
  $('#edit-show-latest').focus();
}

/** The latest version compared with the one the editor started from: what the others changed. */
async function showLatest() {
  if (!editing) return;
  const { id, version } = editing;
  setEditBusy(true);
  setStatus(editStatus, '正在读取最新版本…', 'info');
  try {
    const { body: record } = await apiResponse(docPath(id));
    const diff = await api(diffPath(id, version, record.version));
    if (!editing || editing.id !== id) return;
    editing.current = record.version;
    compareHeading.textContent = `他人的修改：第 ${version} 版 → 第 ${record.version} 版（当前版本${record.status === 'DELETED' ? '，已删除' : ''}）`;
    renderDiff(compareDiff, diff);
    compareBox.hidden = false;
    setStatus(editStatus, '');
  } catch (error) {
    if (!handleAuthError(error)) setStatus(editStatus, `读取最新版本失败：${describeError(error)}`, 'error');
  } finally {
    if (editing && editing.id === id) setEditBusy(false);
  }
}

/** Saves the form over whatever is current now: If-Match names the version the conflict (or the comparison) found. */
async function overwrite() {
  if (!editing) return;
  let current = editing.current;
  if (!current) {
    try {
      current = (await api(docPath(editing.id))).version;
    } catch (error) {
      if (!handleAuthError(error)) setStatus(editStatus, `保存失败：${describeError(error)}`, 'error');
      return;
    }
  }
  await save(versionTag(current));
}

/** Drops the editor's text and edits the latest version instead. */
async function takeLatest() {
  if (!editing || !window.confirm('编辑框里你的修改将被最新版本替换，确定吗？')) return;
  const { id } = editing;
  setEditBusy(true, true);
  try {
    const loaded = await loadCurrent(id);
    if (!editing || editing.id !== id) return;
    editFrom(loaded);
    setStatus(editStatus, `已载入最新的第 ${loaded.record.version} 版，可以在此基础上修改。`, 'info');
  } catch (error) {
    if (!handleAuthError(error)) setStatus(editStatus, `读取最新版本失败：${describeError(error)}`, 'error');
  } finally {
    if (editing && editing.id === id) setEditBusy(false, true);
  }
}

editDialog.addEventListener('cancel', (event) => {
  event.preventDefault();
  closeEdit();
});
$('#edit-cancel').addEventListener('click', closeEdit);
$('#edit-show-latest').addEventListener('click', showLatest);
$('#edit-overwrite').addEventListener('click', overwrite);
$('#edit-take-latest').addEventListener('click', takeLatest);

editForm.addEventListener('submit', (event) => {
  event.preventDefault();
  if (editing && editing.etag) save(editing.etag);
});

/* ------------------------------------------------------------------ delete */

async function deleteDocument(id, button) {
  const entry = rows.get(id);
  if (!entry) return;
  const title = entry.doc.title || id;
  if (!window.confirm(`确定删除《${title}》吗？删除后读者将检索不到它。`)) return;
  const version = entry.doc.version;
  button.disabled = true;
  try {
    const headers = typeof version === 'number' ? { 'If-Match': versionTag(version) } : {};
    const outcome = await api(docPath(id), { method: 'DELETE', headers });
    if (rows.get(id) === entry) updateRow(entry, { status: (outcome && outcome.status) || 'DELETED' });
    setStatus(message, `已删除《${title}》。`, 'ok');
  } catch (error) {
    if (isConflict(error)) {
      setStatus(message, `没有删除《${title}》：你看到的是第 ${version} 版，它刚被他人修改为第 ${conflictVersion(error) || '更新的'} 版。`
        + '请先查看最新内容（“历史”）再决定是否删除。', 'error');
    } else if (!handleAuthError(error)) {
      setStatus(message, `删除《${title}》失败：${describeError(error)}`, 'error');
    }
    if (rows.get(id) === entry) button.disabled = entry.doc.status === 'DELETED';
  }
  refreshSoon();
}

/* ------------------------------------------------------------------ history: versions, diff, restore, original file */

const historyDialog = $('#history-dialog');
const historyHeading = $('#history-heading');
const historyStatus = $('#history-status');
const versionList = $('#history-versions');
const historyDetail = $('#history-detail');
const diffHeading = $('#diff-heading');
const diffMode = $('#diff-mode');
const diffSummary = $('#diff-summary');
const diffView = $('#diff-view');
const restoreButton = $('#history-restore');
const originalButton = $('#history-original');
// {id, title, versions (newest first), selected, returnFocus}
let history = null;
let historySeq = 0;
let diffSeq = 0;

function currentVersion() {
  return history && history.versions.length ? history.versions[0].version : null;
}

function isDeleted() {
  return Boolean(history && history.versions.length && history.versions[0].status === 'DELETED');
}

function selectedSummary() {
  return history ? history.versions.find((v) => v.version === history.selected) || null : null;
}

function formatSize(bytes) {
  if (typeof bytes !== 'number' || !Number.isFinite(bytes)) return '';
  if (bytes < 1024) return `${bytes} 字节`;
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function versionFacts(v) {
  return [
    `${typeof v.characters === 'number' ? v.characters : '?'} 字`,
    statusLabel(v.status),
    v.restoredFrom ? `恢复自第 ${v.restoredFrom} 版` : '',
    v.upload && v.upload.fileName ? `文件 ${v.upload.fileName}` : '',
  ].filter(Boolean).join(' · ');
}

function versionItem(v, index) {
  const older = history.versions[index + 1];
  const button = el('button', {
    type: 'button', class: 'history-version-button', dataset: { version: String(v.version) }, 'aria-pressed': 'false',
  }, el('span', { class: 'history-version-number' }, `第 ${v.version} 版`),
  index === 0 ? el('span', { class: 'history-current' }, isDeleted() ? '当前（已删除）' : '当前') : null);
  return el('li', { class: 'history-version', dataset: { version: String(v.version) } },
    button,
    el('span', { class: 'history-version-meta' }, timeElement(v.createdAt), ` · ${v.createdBy || '未知用户'}`),
    el('span', { class: 'history-version-meta' }, versionFacts(v)),
    older && older.title !== v.title ? el('span', { class: 'history-version-meta' }, `标题改为《${v.title}》`) : null);
}

function markSelected() {
  for (const item of versionList.children) {
    const selected = Number(item.dataset.version) === history.selected;
    item.classList.toggle('is-active', selected);
    item.querySelector('button').setAttribute('aria-pressed', selected ? 'true' : 'false');
  }
}

/** Reads the versions (newest first) and selects one (default: the newest); false when that failed. */
async function loadVersions(select) {
  const seq = historySeq;
  try {
    const versions = await api(`${docPath(history.id)}/versions`);
    if (seq !== historySeq) return false;
    history.versions = Array.isArray(versions) ? versions.filter((v) => v && typeof v.version === 'number') : [];
    replaceChildren(versionList, history.versions.map(versionItem));
    const wanted = history.versions.some((v) => v.version === select) ? select : currentVersion();
    if (wanted) selectVersion(wanted);
    return true;
  } catch (error) {
    if (seq === historySeq && !handleAuthError(error)) setStatus(historyStatus, `读取版本失败：${describeError(error)}`, 'error');
    return false;
  }
}

async function openHistory(id, returnFocus) {
  const entry = rows.get(id);
  historySeq += 1;
  history = { id, title: (entry && entry.doc.title) || id, versions: [], selected: null, returnFocus };
  historyHeading.textContent = `版本历史：《${history.title}》`;
  replaceChildren(versionList);
  historyDetail.hidden = true;
  setStatus(historyStatus, '正在读取版本…', 'info');
  if (!historyDialog.open) historyDialog.showModal();
  if (await loadVersions(null)) setStatus(historyStatus, '');
}

function closeHistory() {
  historySeq += 1;
  diffSeq += 1;
  const returnFocus = history && history.returnFocus;
  history = null;
  if (historyDialog.open) historyDialog.close();
  if (returnFocus && returnFocus.isConnected) returnFocus.focus();
}

function updateVersionActions(summary) {
  const isCurrent = summary.version === currentVersion();
  restoreButton.disabled = isCurrent && !isDeleted();
  restoreButton.textContent = isCurrent && isDeleted() ? '恢复此版本（撤销删除）' : '恢复此版本';
  const file = summary.upload;
  originalButton.hidden = !(file && file.kept);
  if (file && file.kept) {
    originalButton.textContent = `下载原始文件（${[file.fileName, formatSize(file.size)].filter(Boolean).join('，')}）`;
  }
}

/** Which two versions to compare for the selected one: what it changed, or what restoring it would change. */
function diffRange(version) {
  return diffMode.value === 'current' ? { from: currentVersion(), to: version } : { from: version - 1, to: version };
}

function selectVersion(version) {
  history.selected = version;
  markSelected();
  const summary = selectedSummary();
  historyDetail.hidden = false;
  updateVersionActions(summary);
  showVersionDiff(version);
}

async function showVersionDiff(version) {
  const seq = ++diffSeq;
  const { id } = history;
  const { from, to } = diffRange(version);
  if (from < 1 || from === to) {
    showVersionText(seq, id, version);
    return;
  }
  diffHeading.textContent = `第 ${from} 版 → 第 ${to} 版`;
  diffSummary.textContent = '正在比较…';
  replaceChildren(diffView);
  try {
    const diff = await api(diffPath(id, from, to));
    if (seq !== diffSeq) return;
    diffSummary.textContent = diffMode.value === 'current' ? `恢复第 ${to} 版会把当前的第 ${from} 版改成这样：` : `第 ${to} 版相对第 ${from} 版的改动：`;
    renderDiff(diffView, diff);
  } catch (error) {
    if (seq === diffSeq && !handleAuthError(error)) diffSummary.textContent = `比较失败：${describeError(error)}`;
  }
}

/** A version with nothing to compare it with (the first one, or the current one against itself): its text. */
async function showVersionText(seq, id, version) {
  diffHeading.textContent = `第 ${version} 版`;
  diffSummary.textContent = version === 1 && diffMode.value === 'previous'
    ? '第 1 版是最初的版本，没有更早的版本可比较。它的正文：'
    : '这就是当前版本，与当前版本没有差别。它的正文：';
  replaceChildren(diffView);
  try {
    const text = await api(`${docPath(id)}/versions/${version}`);
    if (seq !== diffSeq) return;
    replaceChildren(diffView, el('div', { class: 'diff-text' }, text && typeof text.body === 'string' ? text.body : ''));
  } catch (error) {
    if (seq === diffSeq && !handleAuthError(error)) diffSummary.textContent = `读取正文失败：${describeError(error)}`;
  }
}

/** A new version with the selected version's content, only if nobody changed the document since the list was read. */
async function restoreSelected() {
  if (!history || !history.selected) return;
  const { id, selected } = history;
  const current = currentVersion();
  restoreButton.disabled = true;
  setStatus(historyStatus, `正在恢复第 ${selected} 版…`, 'info');
  try {
    const outcome = await api(`${docPath(id)}/versions/${selected}/restore`, {
      method: 'POST', headers: { 'If-Match': versionTag(current) },
    });
    refreshSoon();
    if (!history || history.id !== id) return;
    setStatus(historyStatus, `已把第 ${selected} 版的内容恢复为新的第 ${outcome && outcome.version} 版，正在重新分析和建立索引。`, 'ok');
    await loadVersions(outcome && outcome.version);
  } catch (error) {
    if (handleAuthError(error) || !history || history.id !== id) return;
    if (isConflict(error)) {
      setStatus(historyStatus, `没有恢复：这篇文档刚被他人修改（现为第 ${conflictVersion(error) || '更新的'} 版）。`
        + '版本列表已刷新，请确认后再恢复。', 'error');
      await loadVersions(selected);
    } else {
      setStatus(historyStatus, `恢复失败：${describeError(error)}`, 'error');
      updateVersionActions(selectedSummary());
    }
  }
}

async function downloadOriginal() {
  const summary = selectedSummary();
  if (!summary) return;
  originalButton.disabled = true;
  try {
    await apiDownload(`${docPath(history.id)}/versions/${summary.version}/original`,
      (summary.upload && summary.upload.fileName) || `${history.id}-v${summary.version}`);
  } catch (error) {
    if (!handleAuthError(error)) setStatus(historyStatus, `下载原始文件失败：${describeError(error)}`, 'error');
  } finally {
    originalButton.disabled = false;
  }
}

versionList.addEventListener('click', (event) => {
  const button = event.target instanceof Element ? event.target.closest('button[data-version]') : null;
  if (button && history) selectVersion(Number(button.dataset.version));
});
diffMode.addEventListener('change', () => {
  if (history && history.selected) showVersionDiff(history.selected);
});
restoreButton.addEventListener('click', restoreSelected);
originalButton.addEventListener('click', downloadOriginal);
$('#history-close').addEventListener('click', closeHistory);
historyDialog.addEventListener('cancel', (event) => {
  event.preventDefault();
  closeHistory();
});

tbody.addEventListener('click', (event) => {
  const button = event.target instanceof Element ? event.target.closest('button') : null;
  if (!button || button.disabled) return;
  const id = button.dataset.id;
  if (button.classList.contains('edit-button')) openEdit(id, button);
  else if (button.classList.contains('history-button')) openHistory(id, button);
  else if (button.classList.contains('delete-button')) deleteDocument(id, button);
});

/* ------------------------------------------------------------------ start */

login = setupLogin({
  role: ['EDITOR', 'OPERATOR'], // the gateway lets editors and operators change documents
  panel,
  onLogin: start,
  onLogout: stop,
  deniedMessage: (session) => `账号“${session.username}”没有编辑权限（需要 EDITOR 或 OPERATOR 角色），请换用编辑账号登录。`,
});
