// Editor page: log in, upload files (with progress) or pasted text, watch the document list change status live,
// edit (new version) and delete documents.
import {
  $, el, replaceChildren, api, upload, withQuery, describeError, setStatus, initPage, setupLogin, ApiError,
  statusLabel, timeElement, formatTime,
} from './common.js';

const POLL_MS = 1500;
const LIST_SIZE = 50;
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
  cells.remove = el('button', { type: 'button', class: 'button button-small button-danger delete-button', dataset: { id } }, '删除');
  cells.actions.append(cells.edit, cells.remove);
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
  const listed = new Set(documents.map((d) => d.id));
  const now = Date.now();
  const order = [];
  for (const [id, at] of pinned) {
    if (listed.has(id) || now - at > PIN_MS) pinned.delete(id);
    else if (rows.has(id)) order.push(id);
  }
  for (const doc of documents) {
    upsert(doc);
    order.push(doc.id);
  }
  arrange(order);
  const total = data && typeof data.total === 'number' ? data.total : documents.length;
  listInfo.textContent = `共 ${total} 篇${total > documents.length ? `，显示最新 ${documents.length} 篇` : ''} · 每 1.5 秒自动刷新 · 最近更新 ${formatTime(new Date().toISOString())}`;
}

/** Rows just uploaded go to the top at once; the next refresh fills in the rest. */
function pinOutcomes(documents) {
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

/* ------------------------------------------------------------------ live polling */

let running = false;
let timer = 0;
let inFlight = false;

function start() {
  running = true;
  listInfo.textContent = '正在读取文档列表…';
  refreshSoon();
}

function stop() {
  running = false;
  clearTimeout(timer);
  rows.clear();
  pinned.clear();
  replaceChildren(tbody);
  listEmpty.hidden = true;
  setStatus(listError, '');
  setStatus(message, '');
  const dialog = $('#edit-dialog');
  if (dialog.open) dialog.close();
}

function schedule(ms) {
  clearTimeout(timer);
  if (running) timer = setTimeout(poll, ms);
}

function refreshSoon() {
  if (inFlight) return; // the request under way schedules the next one
  schedule(0);
}

async function poll() {
  if (!running || inFlight) return;
  if (document.hidden) return; // visibilitychange resumes
  inFlight = true;
  try {
    const data = await api(withQuery('/api/documents', { from: 0, size: LIST_SIZE }));
    if (!running) return;
    applyList(data);
    setStatus(listError, '');
  } catch (error) {
    if (!running || handleAuthError(error)) return;
    setStatus(listError, `文档列表刷新失败：${describeError(error)}`, 'error');
    await pollPending();
  } finally {
    inFlight = false;
    schedule(POLL_MS);
  }
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

/* ------------------------------------------------------------------ edit and delete */

const dialog = $('#edit-dialog');
const editForm = $('#edit-form');
const editTitle = $('#edit-title');
const editBody = $('#edit-body');
const editSave = $('#edit-save');
const editStatus = $('#edit-status');
let editing = null; // {id, source, tags, returnFocus}
let editSeq = 0;

async function openEdit(id, returnFocus) {
  const entry = rows.get(id);
  if (!entry) return;
  const seq = ++editSeq;
  editing = { id, source: entry.doc.source, tags: entry.doc.tags, returnFocus };
  editTitle.value = entry.doc.title || '';
  editBody.value = '';
  editBody.disabled = true;
  editSave.disabled = true;
  setStatus(editStatus, '正在读取正文…', 'info');
  if (!dialog.open) dialog.showModal();
  editTitle.focus();
  try {
    const record = await api(docPath(id));
    if (seq !== editSeq) return;
    editing.source = record.source ?? editing.source;
    editing.tags = record.tags ?? editing.tags;
    if (record.title && !editTitle.value) editTitle.value = record.title;
    let body = typeof record.body === 'string' ? record.body : null;
    if (body === null) {
      const reading = await api(`${docPath(id)}/reading`);
      if (seq !== editSeq) return;
      body = reading && typeof reading.body === 'string' ? reading.body : '';
    }
    editBody.value = body;
    setStatus(editStatus, '');
  } catch (error) {
    if (seq !== editSeq) return;
    if (handleAuthError(error)) return;
    setStatus(editStatus, error instanceof ApiError && error.status === 404
      ? '暂时读不到这篇文档的正文（可能尚未完成索引）。可以粘贴完整正文后保存。'
      : `读取正文失败：${describeError(error)}`, 'error');
  } finally {
    if (seq === editSeq) {
      editBody.disabled = false;
      editSave.disabled = false;
    }
  }
}

function closeEdit() {
  editSeq += 1;
  const returnFocus = editing && editing.returnFocus;
  editing = null;
  if (dialog.open) dialog.close();
  if (returnFocus && returnFocus.isConnected) returnFocus.focus();
}

dialog.addEventListener('cancel', (event) => {
  event.preventDefault();
  closeEdit();
});
$('#edit-cancel').addEventListener('click', closeEdit);

editForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (!editing) return;
  const title = editTitle.value.trim();
  const body = editBody.value;
  if (!title || !body.trim()) {
    setStatus(editStatus, !title ? '请填写标题。' : '请填写正文。', 'error');
    (!title ? editTitle : editBody).focus();
    return;
  }
  const { id, source, tags } = editing;
  editSave.disabled = true;
  setStatus(editStatus, '正在保存…', 'info');
  try {
    const outcome = await api(docPath(id), {
      method: 'PUT',
      json: { title, body, ...(source ? { source } : {}), ...(Array.isArray(tags) && tags.length ? { tags } : {}) },
    });
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
  } catch (error) {
    if (handleAuthError(error)) {
      closeEdit();
      return;
    }
    setStatus(editStatus, `保存失败：${describeError(error)}`, 'error');
  } finally {
    editSave.disabled = false;
  }
});

async function deleteDocument(id, button) {
  const entry = rows.get(id);
  if (!entry) return;
  const title = entry.doc.title || id;
  if (!window.confirm(`确定删除《${title}》吗？删除后读者将检索不到它。`)) return;
  button.disabled = true;
  try {
    const outcome = await api(docPath(id), { method: 'DELETE' });
    if (rows.get(id) === entry) updateRow(entry, { status: (outcome && outcome.status) || 'DELETED' });
    setStatus(message, `已删除《${title}》。`, 'ok');
    refreshSoon();
  } catch (error) {
    if (!handleAuthError(error)) setStatus(message, `删除《${title}》失败：${describeError(error)}`, 'error');
    if (rows.get(id) === entry) button.disabled = entry.doc.status === 'DELETED';
  }
}

tbody.addEventListener('click', (event) => {
  const button = event.target instanceof Element ? event.target.closest('button') : null;
  if (!button || button.disabled) return;
  const id = button.dataset.id;
  if (button.classList.contains('edit-button')) openEdit(id, button);
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
