// Editor page, the taxonomy: the themes documents are given (each with how many documents have it) and topics
// suggested from the corpus itself (a job: POST /api/themes/suggestions), which an editor adds as a theme of its own with a
// name: so a corpus unlike the seed (poetry, say) gets themes that fit it. New themes reach documents analysed from
// then on; an operator's re-analysis gives them to every document.
import { $, el, replaceChildren, api, describeError, setStatus, formatNumber } from './common.js';

const SUGGESTED_TOPICS = 8;
const POLL_MS = 500;
const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const list = $('#themes');
const status = $('#themes-status');
const suggestButton = $('#themes-suggest');
const suggestProgress = $('#themes-suggest-progress');
const suggestions = $('#theme-suggestions');

let taxonomy = null;
let started = false;

/** The theme list as the analysis keeps it. */
async function load() {
  try {
    taxonomy = await api('/api/themes');
    render();
  } catch (error) {
    setStatus(status, `主题分类读取失败：${describeError(error)}`, 'error');
  }
}

function render() {
  replaceChildren(list, ...taxonomy.themes.map((theme) => el('li', { class: 'theme-item' },
    el('strong', { text: theme.label }),
    el('span', { class: 'hint', text: ` ${theme.id} · ${formatNumber(theme.documents)} 篇` }),
    el('p', { class: 'theme-terms', text: theme.terms.join('、') }))));
}

/**
 * Suggestions are a job of the analysis (POST starts it, GET follows it): on a large corpus the topic model takes
 * longer than a request may wait. The page shows the job's progress until it is done; if another editor's job is
 * running, it follows that one.
 */
async function suggest() {
  suggestButton.disabled = true;
  setStatus(status, '正在从语料中归纳主题……');
  suggestProgress.value = 0;
  suggestProgress.hidden = false;
  try {
    let job;
    try {
      job = await api(`/api/themes/suggestions?topics=${SUGGESTED_TOPICS}`, { method: 'POST' });
    } catch (error) {
      if (!(error.status === 409 && error.body && error.body.id)) throw error;
      job = error.body;
    }
    while (job.state === 'RUNNING') {
      suggestProgress.value = Math.round(job.progress * 100);
      setStatus(status, `正在从语料中归纳主题……${Math.round(job.progress * 100)}%`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      job = await api(`/api/themes/suggestions/${job.id}`);
    }
    if (job.state !== 'DONE') throw new Error(job.error || '主题建议没有完成');
    show(job);
  } catch (error) {
    setStatus(status, `主题建议失败：${describeError(error)}`, 'error');
  } finally {
    suggestProgress.hidden = true;
    suggestButton.disabled = false;
  }
}

function show(job) {
  const topics = job.suggestions.filter((topic) => topic.terms.length > 0);
  replaceChildren(suggestions, ...topics.map((topic, index) => suggestion(topic, index)));
  setStatus(status, topics.length
    ? `从 ${formatNumber(job.paragraphs)} 个段落中归纳出 ${topics.length} 个主题。给合适的起个名字，加入主题分类。`
    : '语料还太少，归纳不出主题。');
}

/** One suggested topic: its words, and a form that adds it to the taxonomy under a name the editor gives. */
function suggestion(topic, index) {
  const labelId = `suggestion-label-${index}`;
  const idId = `suggestion-id-${index}`;
  const label = el('input', { id: labelId, type: 'text', required: true, maxlength: '50', placeholder: '如：边塞' });
  const id = el('input', { id: idId, type: 'text', required: true, maxlength: '50', value: freeId(index),
    autocapitalize: 'off', spellcheck: 'false', pattern: ID.source });
  const message = el('p', { class: 'msg', role: 'status' });
  const form = el('form', { class: 'theme-suggestion', novalidate: true },
    el('p', { class: 'theme-terms', text: topic.terms.join('、') }),
    el('p', { class: 'hint', text: `${formatNumber(topic.paragraphs)} 个段落以它为主` }),
    el('div', { class: 'field-inline' }, el('label', { for: labelId, text: '名称' }), label),
    el('div', { class: 'field-inline' }, el('label', { for: idId, text: '标识（小写字母、数字、连字符）' }), id),
    el('button', { type: 'submit', class: 'button button-secondary button-small', text: '加入主题分类' }),
    message);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    add(topic, label.value.trim(), id.value.trim(), form, message);
  });
  return form;
}

/** theme-1, theme-2, …: the first not taken (by the taxonomy or an earlier suggestion's form). */
function freeId(index) {
  const taken = new Set(taxonomy ? taxonomy.themes.map((theme) => theme.id) : []);
  let n = index + 1;
  while (taken.has(`theme-${n}`)) n += SUGGESTED_TOPICS;
  return `theme-${n}`;
}

async function add(topic, label, id, form, message) {
  if (!label) {
    setStatus(message, '请填写名称。', 'error');
    return;
  }
  if (!ID.test(id)) {
    setStatus(message, '标识只能由小写字母、数字和连字符组成，如 frontier 或 theme-1。', 'error');
    return;
  }
  const themes = taxonomy.themes.map(({ id: themeId, label: themeLabel, terms }) => ({ id: themeId, label: themeLabel, terms }));
  themes.push({ id, label, terms: topic.terms });
  try {
    taxonomy = await api('/api/themes', { method: 'PUT', json: { themes } });
    render();
    form.remove();
    setStatus(status, `已加入主题“${label}”。之后分析的文档会得到它；运维人员重新分析后，已有文档也会。`, 'ok');
  } catch (error) {
    setStatus(message, `加入失败：${describeError(error)}`, 'error');
  }
}

export function startThemes() {
  if (!started) {
    suggestButton.addEventListener('click', suggest);
    started = true;
  }
  load();
}
