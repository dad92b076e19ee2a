// Reader page: search with suggestions, facets, paging, 简/繁 toggle and the reading view.
// The search state lives in location.hash (#q=…&theme=…&from=…&sort=…&mode=…&doc=…&at=…), so reload and back/forward
// keep it.
import {
  $, el, replaceChildren, api, withQuery, describeError, setStatus, debounce, initPage, ApiError,
  themeLabel, loadThemeLabels, entityTypeLabel, highlightNodes, formatNumber,
} from './common.js';

const PAGE_SIZE = 10;
const SUGGEST_DELAY_MS = 150;
const SUGGEST_MAX_LENGTH = 50;
const RELATED_SIZE = 5;
const SCRIPT_KEY = 'wenku.script';
const SCRIPTS = ['original', 'simplified', 'traditional'];
const SCRIPT_TEXT = { original: '原文', simplified: '简体', traditional: '繁体' };
const FACETS = [
  { param: 'theme', key: 'themes', label: '主题', list: '#facet-themes', display: themeLabel },
  { param: 'keyword', key: 'keywords', label: '关键词', list: '#facet-keywords', display: (v) => v },
  { param: 'entity', key: 'entities', label: '实体', list: '#facet-entities', display: (v) => v },
  { param: 'author', key: 'authors', label: '作者', list: '#facet-authors', display: (v) => v },
];
const EXAMPLES = ['新质生产力', '新質生產力', 'xinzhishengchanli', 'xzscl', '人才 OR 科技'];

initPage('reader');

const form = $('#search-form');
const input = $('#q');
const suggestionList = $('#suggestions');
const sortSelect = $('#sort');
const modeField = $('#mode-field');
const modeSelect = $('#mode');
const MODES = ['hybrid', 'lexical', 'semantic'];
const scriptButton = $('#script-toggle');
const filtersBox = $('#filters');
const searchStatus = $('#search-status');
const resultsView = $('#results-view');
const resultsBox = $('#results');
const summaryLine = $('#result-summary');
const totalNode = $('#total');
const pageInfo = $('#page-info');
const facetsBox = $('#facets');
const paging = $('#paging');
const prevButton = $('#prev-page');
const nextButton = $('#next-page');
const pageNumber = $('#page-number');
const reading = $('#reading');
const readingStatus = $('#reading-status');

/* ------------------------------------------------------------------ state in the URL */

let current = readState();
let script = loadScript();
let lastSearchKey = '';
let lastResult = null; // {data, state} of the results on screen, to re-render when theme labels arrive

function readState() {
  const hash = location.hash.replace(/^#/, '');
  const params = new URLSearchParams(hash || location.search.replace(/^\?/, ''));
  const from = Math.max(0, Number.parseInt(params.get('from') || '0', 10) || 0);
  return {
    q: (params.get('q') || '').trim(),
    theme: params.get('theme') || '',
    keyword: params.get('keyword') || '',
    entity: params.get('entity') || '',
    author: params.get('author') || '',
    from,
    sort: params.get('sort') === 'date' ? 'date' : 'relevance',
    mode: MODES.includes(params.get('mode')) ? params.get('mode') : '',
    doc: params.get('doc') || '',
    at: /^\d+-\d+$/.test(params.get('at') || '') ? params.get('at') : '',
    p: /^[1-9]\d{0,5}$/.test(params.get('p') || '') ? params.get('p') : '',
  };
}

function stateHash(state) {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  for (const facet of FACETS) if (state[facet.param]) params.set(facet.param, state[facet.param]);
  if (state.from > 0) params.set('from', String(state.from));
  if (state.sort === 'date') params.set('sort', 'date');
  if (state.mode) params.set('mode', state.mode);
  if (state.doc) params.set('doc', state.doc);
  if (state.doc && state.at) params.set('at', state.at);
  if (state.doc && state.p) params.set('p', state.p);
  return params.toString();
}

/** Goes to a new state: through the hash (a history entry), or directly when the hash would not change. */
function navigate(changes) {
  const next = { ...current, ...changes };
  const hash = stateHash(next);
  if (hash === location.hash.replace(/^#/, '')) render(next, true);
  else location.hash = hash;
}

window.addEventListener('hashchange', () => render(readState(), false));

function searchKey(state) {
  return JSON.stringify([state.q, ...FACETS.map((facet) => state[facet.param]), state.from, state.sort, state.mode,
    script]);
}

function render(state, force) {
  current = state;
  if (document.activeElement !== input || !input.value.trim()) input.value = state.q;
  sortSelect.value = state.sort;
  if (state.mode) {
    modeSelect.value = state.mode;
    modeField.hidden = false;
  }
  renderFilters(state);
  const key = searchKey(state);
  if (!state.q) {
    lastSearchKey = '';
    lastResult = null;
    showWelcome();
  } else if (force || key !== lastSearchKey) {
    runSearch(state, key);
  }
  if (state.doc) openReading(state.doc, force);
  else closeReading();
}

/* ------------------------------------------------------------------ 简/繁 */

function loadScript() {
  try {
    const saved = localStorage.getItem(SCRIPT_KEY);
    return SCRIPTS.includes(saved) ? saved : 'original';
  } catch {
    return 'original';
  }
}

function scriptParam() {
  return script === 'original' ? undefined : script;
}

function updateScriptButton() {
  const next = SCRIPTS[(SCRIPTS.indexOf(script) + 1) % SCRIPTS.length];
  scriptButton.textContent = `字形：${SCRIPT_TEXT[script]}`;
  scriptButton.dataset.script = script;
  scriptButton.setAttribute('aria-label', `字形：${SCRIPT_TEXT[script]}（点击切换为${SCRIPT_TEXT[next]}）`);
  scriptButton.classList.toggle('is-active', script !== 'original');
}

scriptButton.addEventListener('click', () => {
  script = SCRIPTS[(SCRIPTS.indexOf(script) + 1) % SCRIPTS.length];
  try {
    if (script === 'original') localStorage.removeItem(SCRIPT_KEY);
    else localStorage.setItem(SCRIPT_KEY, script);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  updateScriptButton();
  render(current, true);
});

/* ------------------------------------------------------------------ searching */

let searchSeq = 0;
let searchAbort = null;

async function runSearch(state, key) {
  if (searchAbort) searchAbort.abort();
  searchAbort = new AbortController();
  const seq = ++searchSeq;
  lastSearchKey = key;
  resultsView.setAttribute('aria-busy', 'true');
  setStatus(searchStatus, '正在检索…', 'info');
  // Old hits go at once: nothing on the page may be taken for (or clicked as) a hit of the new search.
  replaceChildren(resultsBox);
  const url = withQuery('/api/search', {
    q: state.q, ...Object.fromEntries(FACETS.map((facet) => [facet.param, state[facet.param]])),
    from: state.from, size: PAGE_SIZE, sort: state.sort, mode: state.mode || undefined, script: scriptParam(),
  });
  try {
    const data = await api(url, { signal: searchAbort.signal });
    if (seq !== searchSeq) return;
    lastResult = { data: data || {}, state };
    renderResults(data || {}, state);
    setStatus(searchStatus, '');
  } catch (error) {
    if (seq !== searchSeq || (error && error.name === 'AbortError')) return;
    lastSearchKey = '';
    lastResult = null;
    clearResults();
    setStatus(searchStatus, describeError(error), 'error');
  } finally {
    if (seq === searchSeq) resultsView.removeAttribute('aria-busy');
  }
}

function clearResults() {
  replaceChildren(resultsBox);
  renderCorrection(null);
  summaryLine.hidden = true;
  paging.hidden = true;
  facetsBox.hidden = true;
}

function showWelcome() {
  if (searchAbort) searchAbort.abort();
  clearResults();
  setStatus(searchStatus, '');
  document.title = '检索 · Wenku 文库';
  replaceChildren(resultsBox, el('div', { class: 'welcome' },
    el('p', {}, '输入检索词开始检索。简体、繁体都能找到同样的文档，也可以用拼音或拼音首字母。'),
    el('p', { class: 'examples' }, '试试：', EXAMPLES.map((text) => el('button', {
      type: 'button', class: 'chip chip-example', onClick: () => {
        input.value = text;
        navigate({ q: text, from: 0, doc: '' });
      },
    }, text)))));
}

function renderResults(data, state) {
  const hits = Array.isArray(data.hits) ? data.hits : [];
  const total = typeof data.total === 'number' ? data.total : hits.length;
  document.title = `“${state.q}” 的检索结果 · Wenku 文库`;
  totalNode.textContent = String(total);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.floor(state.from / PAGE_SIZE) + 1;
  pageInfo.textContent = total > PAGE_SIZE ? `，第 ${page} / ${pages} 页` : '';
  summaryLine.hidden = false;
  renderCorrection(data.correctedQuery, state);
  // The choice of mode exists only where the platform searches by meaning: its answers say which mode ran.
  if (MODES.includes(data.mode) && (data.mode !== 'lexical' || state.mode)) {
    modeSelect.value = data.mode;
    modeField.hidden = false;
  }

  if (hits.length === 0) {
    replaceChildren(resultsBox, el('p', { class: 'empty' },
      state.from > 0 && total > 0 ? '这一页没有结果了。' : '没有找到相关文档。可以减少检索词、改用拼音，或去掉筛选条件再试。'));
  } else {
    replaceChildren(resultsBox, hits.map((hit) => renderHit(hit, state)));
  }

  paging.hidden = total === 0 && state.from === 0;
  prevButton.disabled = state.from === 0;
  nextButton.disabled = state.from + PAGE_SIZE >= total;
  pageNumber.textContent = `${page} / ${pages}`;

  renderFacets(data.facets || {}, state);
}

/** "Did you mean": the results are for the corrected query; one click searches it as the reader's own. */
function renderCorrection(corrected, state) {
  const line = $('#did-you-mean');
  if (typeof corrected !== 'string' || !corrected) {
    line.hidden = true;
    replaceChildren(line);
    return;
  }
  replaceChildren(line, `没有找到“${state.q}”的结果，以下是 `, el('button', {
    type: 'button', class: 'button-link corrected-query', 'aria-label': `改为检索“${corrected}”`,
    onClick: () => navigate({ q: corrected, from: 0, doc: '' }),
  }, corrected), ' 的结果。');
  line.hidden = false;
}

/** The passage a hit was found by (search by meaning), or null. */
function passageOf(hit) {
  return hit.passage && typeof hit.passage.text === 'string' ? hit.passage : null;
}

/** What a link to a passage's document keeps in the URL: its range to mark (`at`) and its number (`p`). */
function passageState(passage) {
  return {
    at: passage && Number.isInteger(passage.start) && Number.isInteger(passage.end)
      ? `${passage.start}-${passage.end}` : '',
    p: passage && Number.isInteger(passage.number) ? String(passage.number) : '',
  };
}

function renderHit(hit, state) {
  const passage = passageOf(hit);
  const href = `#${stateHash({ ...state, doc: hit.id, ...passageState(passage) })}`;
  const highlights = Array.isArray(hit.highlights) ? hit.highlights.filter(Boolean) : [];
  const keywords = Array.isArray(hit.keywords) ? hit.keywords.filter(Boolean) : [];
  const themes = Array.isArray(hit.themes) ? hit.themes.filter(Boolean) : [];
  return el('article', { class: 'result', dataset: { id: hit.id } },
    el('h3', { class: 'result-title' }, el('a', { href, class: 'result-link' }, hit.title || '（无标题）')),
    hit.author ? el('p', { class: 'result-author' }, el('button', {
      type: 'button', class: 'button-link author-filter', dataset: { facet: 'author', value: hit.author },
      'aria-label': `只看作者“${hit.author}”的文章`, onClick: () => navigate({ author: hit.author, from: 0, doc: '' }),
    }, hit.author)) : null,
    highlights.length
      ? el('div', { class: 'result-highlights' }, highlights.map((fragment) => el('p', { class: 'highlight' }, highlightNodes(fragment))))
      : passage ? null : hit.summary ? el('p', { class: 'result-snippet' }, hit.summary) : null,
    passage ? el('p', { class: 'result-passage' }, el('span', { class: 'tag-label' }, '语义相关段落'),
      el('span', { class: 'passage-text' }, passage.text)) : null,
    keywords.length || themes.length ? el('div', { class: 'result-tags' },
      themes.length ? el('div', { class: 'tag-row' },
        el('span', { class: 'tag-label' }, '主题'),
        el('ul', { class: 'chips', 'aria-label': '主题' }, themes.map((theme) => el('li', {},
          el('button', {
            type: 'button', class: 'chip chip-theme', dataset: { facet: 'theme', value: theme },
            'aria-label': `按主题“${themeLabel(theme)}”筛选`, onClick: () => navigate({ theme, from: 0, doc: '' }),
          }, themeLabel(theme)))))) : null,
      keywords.length ? el('div', { class: 'tag-row' },
        el('span', { class: 'tag-label' }, '关键词'),
        el('ul', { class: 'chips', 'aria-label': '关键词' }, keywords.map((keyword) => el('li', {},
          el('button', {
            type: 'button', class: 'chip chip-keyword', dataset: { facet: 'keyword', value: keyword },
            'aria-label': `按关键词“${keyword}”筛选`, onClick: () => navigate({ keyword, from: 0, doc: '' }),
          }, keyword))))) : null) : null);
}

function renderFacets(facets, state) {
  let any = false;
  for (const facet of FACETS) {
    const values = Array.isArray(facets[facet.key]) ? facets[facet.key] : [];
    const list = $(facet.list);
    replaceChildren(list, values.filter((v) => v && v.value).map((item) => {
      any = true;
      const active = state[facet.param] === item.value;
      const shown = facet.display(item.value);
      return el('li', {}, el('button', {
        type: 'button', class: ['facet-value', active && 'is-active'],
        dataset: { facet: facet.param, value: item.value }, 'aria-pressed': active ? 'true' : 'false',
        'aria-label': `${facet.label}：${shown}，${formatNumber(item.count)} 篇${active ? '（已选，点击取消）' : ''}`,
        onClick: () => navigate({ [facet.param]: active ? '' : item.value, from: 0, doc: '' }),
      }, el('span', { class: 'facet-name' }, shown), el('span', { class: 'facet-count' }, formatNumber(item.count))));
    }));
  }
  facetsBox.hidden = !any && !FACETS.some((f) => state[f.param]);
}

function renderFilters(state) {
  const active = FACETS.filter((facet) => state[facet.param]);
  replaceChildren(filtersBox, active.length ? el('span', { class: 'filters-label' }, '筛选：') : null,
    active.map((facet) => {
      const shown = facet.display(state[facet.param]);
      return el('span', { class: 'filter-chip', dataset: { facet: facet.param, value: state[facet.param] } },
        el('span', { class: 'filter-name' }, `${facet.label}：${shown}`),
        el('button', {
          type: 'button', class: 'filter-remove', 'aria-label': `移除筛选 ${facet.label}：${shown}`,
          onClick: () => navigate({ [facet.param]: '', from: 0 }),
        }, '×'));
    }),
    active.length > 1 ? el('button', {
      type: 'button', class: 'button-link filters-clear',
      onClick: () => navigate({ ...Object.fromEntries(FACETS.map((facet) => [facet.param, ''])), from: 0 }),
    }, '清除全部') : null);
  filtersBox.hidden = active.length === 0;
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  closeSuggestions();
  suggestLater.cancel();
  const q = input.value.trim();
  if (!q) {
    setStatus(searchStatus, '请输入检索词。', 'error');
    input.focus();
    return;
  }
  navigate({ q, from: 0, doc: '' });
});

sortSelect.addEventListener('change', () => navigate({ sort: sortSelect.value === 'date' ? 'date' : 'relevance', from: 0, doc: '' }));
modeSelect.addEventListener('change', () => navigate({ mode: MODES.includes(modeSelect.value) ? modeSelect.value : '', from: 0, doc: '' }));

function goToPage(from) {
  navigate({ from: Math.max(0, from), doc: '' });
  resultsView.scrollIntoView({ block: 'start' });
}

prevButton.addEventListener('click', () => goToPage(current.from - PAGE_SIZE));
nextButton.addEventListener('click', () => goToPage(current.from + PAGE_SIZE));

/* ------------------------------------------------------------------ suggestions (combobox) */

let suggestions = [];
let activeSuggestion = -1;
let suggestSeq = 0;
let suggestAbort = null;

const suggestLater = debounce(fetchSuggestions, SUGGEST_DELAY_MS);

input.addEventListener('input', () => {
  const text = input.value.trim();
  if (!text || text.length > SUGGEST_MAX_LENGTH) {
    suggestLater.cancel();
    closeSuggestions();
    return;
  }
  suggestLater(text);
});

async function fetchSuggestions(text) {
  if (suggestAbort) suggestAbort.abort();
  suggestAbort = new AbortController();
  const seq = ++suggestSeq;
  try {
    const data = await api(withQuery('/api/search/suggest', { q: text }), { signal: suggestAbort.signal });
    if (seq !== suggestSeq || input.value.trim() !== text) return;
    showSuggestions(data && Array.isArray(data.suggestions) ? data.suggestions : []);
  } catch {
    if (seq === suggestSeq) closeSuggestions();
  }
}

function showSuggestions(items) {
  const seen = new Set();
  suggestions = items.filter((item) => {
    if (!item || !(item.text || item.title)) return false;
    const key = `${item.id || ''}|${item.text || ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  activeSuggestion = -1;
  if (suggestions.length === 0 || document.activeElement !== input) {
    closeSuggestions();
    return;
  }
  replaceChildren(suggestionList, suggestions.map((item, index) => {
    const main = item.title || item.text;
    const secondary = item.text && item.text !== item.title ? item.text : '';
    return el('li', {
      id: `suggestion-${index}`, role: 'option', 'aria-selected': 'false', tabindex: '-1', class: 'suggestion',
      dataset: { index: String(index), id: item.id || '' },
    }, el('span', { class: 'suggestion-title' }, main),
    secondary ? el('span', { class: 'suggestion-text' }, secondary) : null);
  }));
  suggestionList.hidden = false;
  input.setAttribute('aria-expanded', 'true');
  input.removeAttribute('aria-activedescendant');
}

function closeSuggestions() {
  suggestSeq += 1;
  if (suggestAbort) suggestAbort.abort();
  suggestionList.hidden = true;
  replaceChildren(suggestionList);
  suggestions = [];
  activeSuggestion = -1;
  input.setAttribute('aria-expanded', 'false');
  input.removeAttribute('aria-activedescendant');
}

function setActiveSuggestion(index) {
  const items = suggestionList.children;
  if (items.length === 0) return;
  activeSuggestion = (index + items.length) % items.length;
  for (const [i, item] of Array.from(items).entries()) {
    const on = i === activeSuggestion;
    item.setAttribute('aria-selected', on ? 'true' : 'false');
    item.classList.toggle('is-active', on);
  }
  const item = items[activeSuggestion];
  input.setAttribute('aria-activedescendant', item.id);
  item.scrollIntoView({ block: 'nearest' });
}

function chooseSuggestion(index) {
  const item = suggestions[index];
  if (!item) return;
  closeSuggestions();
  suggestLater.cancel();
  const q = (item.text || item.title || '').trim();
  input.value = q;
  input.focus();
  // Open the document when the suggestion names one, with a search for its text behind it; otherwise search.
  navigate({ q: q || current.q, from: 0, doc: item.id || '' });
}

input.addEventListener('keydown', (event) => {
  const open = !suggestionList.hidden && suggestions.length > 0;
  switch (event.key) {
    case 'ArrowDown':
      if (open) {
        event.preventDefault();
        setActiveSuggestion(activeSuggestion + 1);
      } else if (input.value.trim() && input.value.trim().length <= SUGGEST_MAX_LENGTH) {
        event.preventDefault();
        suggestLater.cancel();
        fetchSuggestions(input.value.trim());
      }
      break;
    case 'ArrowUp':
      if (open) {
        event.preventDefault();
        setActiveSuggestion(activeSuggestion < 0 ? -1 : activeSuggestion - 1);
      }
      break;
    case 'Enter':
      if (open && activeSuggestion >= 0) {
        event.preventDefault();
        chooseSuggestion(activeSuggestion);
      }
      break;
    case 'Escape':
      if (open) {
        event.preventDefault();
        closeSuggestions();
      }
      break;
    case 'Tab':
      closeSuggestions();
      break;
    default:
  }
});

function closeSuggestionsUnlessFocused() {
  setTimeout(() => {
    if (document.activeElement !== input && !suggestionList.contains(document.activeElement)) closeSuggestions();
  }, 150);
}

input.addEventListener('blur', closeSuggestionsUnlessFocused);
suggestionList.addEventListener('focusout', closeSuggestionsUnlessFocused);

// Keep the input focused when an option is pressed with the mouse; choose it on click.
suggestionList.addEventListener('mousedown', (event) => event.preventDefault());
suggestionList.addEventListener('click', (event) => {
  const item = event.target.closest('li[data-index]');
  if (item) chooseSuggestion(Number(item.dataset.index));
});
// An option that has the focus itself (tabindex=-1) works with the keyboard too.
suggestionList.addEventListener('keydown', (event) => {
  const item = event.target.closest('li[data-index]');
  if (!item) return;
  const index = Number(item.dataset.index);
  if (event.key === 'Enter' || event.key === ' ') {
    event.preventDefault();
    chooseSuggestion(index);
  } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
    event.preventDefault();
    setActiveSuggestion(index + (event.key === 'ArrowDown' ? 1 : -1));
    suggestionList.children[activeSuggestion].focus();
  } else if (event.key === 'Escape') {
    event.preventDefault();
    closeSuggestions();
    input.focus();
  }
});

/* ------------------------------------------------------------------ reading view */

let readingKey = '';
let readingSeq = 0;
let resultsScroll = 0;
let openedFrom = '';

function openReading(id, force) {
  const wasHidden = reading.hidden;
  if (wasHidden) resultsScroll = window.scrollY;
  reading.hidden = false;
  resultsView.hidden = true;
  const key = `${id}|${script}|${current.at}|${current.p}`;
  if (!force && key === readingKey) return;
  readingKey = key;
  openedFrom = id;
  loadReading(id, wasHidden);
}

async function loadReading(id, focusTitle) {
  const seq = ++readingSeq;
  const fresh = $('#reading-title').dataset.id !== id;
  if (fresh) {
    clearReading();
    $('#reading-title').textContent = '正在加载…';
  }
  setStatus(readingStatus, fresh ? '' : '正在切换字形…', 'info');
  reading.setAttribute('aria-busy', 'true');
  if (focusTitle) {
    window.scrollTo(0, 0);
    $('#reading-title').focus({ preventScroll: true });
  }
  const path = `/api/documents/${encodeURIComponent(id)}`;
  const passage = current.p;
  const [doc, related, similar] = await Promise.allSettled([
    api(withQuery(`${path}/reading`, { script: scriptParam() })),
    api(withQuery(`${path}/related`, { size: RELATED_SIZE, script: scriptParam() })),
    passage ? api(withQuery(`${path}/passages/${passage}/similar`, { size: RELATED_SIZE, script: scriptParam() }))
      : Promise.resolve(null),
  ]);
  if (seq !== readingSeq) return;
  reading.removeAttribute('aria-busy');
  if (doc.status === 'fulfilled' && doc.value) {
    renderReading(doc.value, id);
    setStatus(readingStatus, '');
  } else {
    clearReading();
    $('#reading-title').textContent = '无法打开文档';
    const error = doc.reason;
    setStatus(readingStatus, error instanceof ApiError && error.status === 404
      ? '这篇文档目前无法阅读：可能尚未完成索引，或已被删除。'
      : describeError(error), 'error');
  }
  renderRelated(related.status === 'fulfilled' && related.value && Array.isArray(related.value.related)
    ? related.value.related : [], id);
  renderSimilarPassages(passage ? similar : null, id);
}

function clearReading() {
  $('#reading-title').dataset.id = '';
  for (const id of ['#reading-title', '#reading-meta', '#reading-summary', '#reading-body', '#reading-keywords',
    '#reading-themes', '#reading-entities', '#reading-phrases', '#related', '#similar-passages']) replaceChildren($(id));
  $('#similar-section').hidden = true;
}

function list(value) {
  return Array.isArray(value) ? value.filter((v) => v !== null && v !== undefined && v !== '') : [];
}

function renderReading(doc, id) {
  const analysis = doc.analysis || doc.details || {};
  const title = doc.title || '（无标题）';
  const titleNode = $('#reading-title');
  titleNode.textContent = title;
  titleNode.dataset.id = id;
  document.title = `${title} · Wenku 文库`;

  const meta = [];
  if (doc.author) meta.push(`作者：${doc.author}`);
  if (doc.source) meta.push(`来源：${doc.source}`);
  if (list(doc.tags).length) meta.push(`标签：${list(doc.tags).join('、')}`);
  if (doc.version) meta.push(`第 ${doc.version} 版`);
  $('#reading-meta').textContent = meta.join(' · ');

  $('#reading-summary').textContent = doc.summary || '暂无摘要。';

  const paragraphs = bodyParagraphs(String(doc.body || ''), markedRange(current.at));
  replaceChildren($('#reading-body'), paragraphs.length ? paragraphs : el('p', { class: 'muted' }, '（无正文）'));
  const marked = $('#reading-body mark');
  if (marked) marked.scrollIntoView({ block: 'center' });

  const keywords = list(analysis.keywords).length ? list(analysis.keywords) : list(doc.keywords);
  replaceChildren($('#reading-keywords'), keywords.map((keyword) => {
    const term = typeof keyword === 'string' ? keyword : keyword.term;
    const weight = typeof keyword === 'object' && typeof keyword.weight === 'number' ? keyword.weight : null;
    return el('li', { class: 'chip chip-keyword', title: keyword.pinyin || null },
      el('span', {}, term), weight !== null ? el('span', { class: 'chip-meta', 'aria-label': `权重 ${weight.toFixed(2)}` }, weight.toFixed(2)) : null);
  }));

  const themes = list(analysis.themes).length ? list(analysis.themes) : list(doc.themes);
  replaceChildren($('#reading-themes'), themes.map((theme) => {
    const idOf = typeof theme === 'string' ? theme : theme.id;
    const label = typeof theme === 'object' && theme.label ? theme.label : themeLabel(idOf);
    const score = typeof theme === 'object' && typeof theme.score === 'number' ? theme.score : null;
    return el('li', { class: 'chip chip-theme' },
      el('span', {}, label), score !== null ? el('span', { class: 'chip-meta', 'aria-label': `得分 ${score.toFixed(2)}` }, score.toFixed(2)) : null);
  }));

  const entities = list(analysis.entities).length ? list(analysis.entities) : list(doc.entities);
  replaceChildren($('#reading-entities'), entities.map((entity) => {
    const name = typeof entity === 'string' ? entity : entity.name;
    const type = typeof entity === 'object' ? entityTypeLabel(entity.type) : '';
    const count = typeof entity === 'object' && typeof entity.count === 'number' ? entity.count : null;
    return el('li', { class: 'chip chip-entity' },
      el('span', {}, name), type ? el('span', { class: 'chip-type' }, type) : null,
      count !== null ? el('span', { class: 'chip-meta', 'aria-label': `出现 ${count} 次` }, `×${count}`) : null);
  }));

  replaceChildren($('#reading-phrases'), list(doc.keyPhrases || analysis.keyPhrases).map((phrase) => el('li', {}, phrase)));
}

/** The passage a search by meaning matched ({@code at=start-end}, offsets in the body), or null. */
function markedRange(at) {
  const match = /^(\d+)-(\d+)$/.exec(at || '');
  if (!match) return null;
  const start = Number(match[1]);
  const end = Number(match[2]);
  return end > start ? { start, end } : null;
}

/** The body's non-blank lines as paragraphs, the stretch of {@code range} (if any) in a {@code <mark>}. */
function bodyParagraphs(body, range) {
  const paragraphs = [];
  let offset = 0;
  for (const line of body.split('\n')) {
    const lineStart = offset;
    offset += line.length + 1;
    const text = line.replace(/\r$/, '');
    const lead = text.length - text.trimStart().length;
    const trimmed = text.trim();
    if (!trimmed) continue;
    const start = lineStart + lead;
    const end = start + trimmed.length;
    if (!range || range.end <= start || range.start >= end) {
      paragraphs.push(el('p', {}, trimmed));
      continue;
    }
    const from = Math.max(range.start, start) - start;
    const to = Math.min(range.end, end) - start;
    paragraphs.push(el('p', {}, trimmed.slice(0, from),
      el('mark', { class: 'passage-mark', title: '与检索语义最相关的段落' }, trimmed.slice(from, to)), trimmed.slice(to)));
  }
  return paragraphs;
}

function renderRelated(items, id) {
  replaceChildren($('#related'), items.filter((item) => item && item.id && item.id !== id).map((item) => el('li', {},
    el('a', { href: `#${stateHash({ ...current, doc: item.id, at: '', p: '' })}`, dataset: { id: item.id } },
      item.title || item.id))));
}

/**
 * Passages of other documents like the one marked (opened from a result found by meaning): each links to its
 * document with that passage marked. {@code outcome} is the settled request, or null where no passage is marked.
 */
function renderSimilarPassages(outcome, id) {
  const section = $('#similar-section');
  section.hidden = !outcome;
  if (!outcome) return;
  const items = outcome.status === 'fulfilled' && outcome.value && Array.isArray(outcome.value.similar)
    ? outcome.value.similar : [];
  replaceChildren($('#similar-passages'), items.filter((item) => item && item.id && item.id !== id).map((item) => {
    const passage = passageOf(item);
    return el('li', {},
      el('a', { href: `#${stateHash({ ...current, doc: item.id, ...passageState(passage) })}`, dataset: { id: item.id } },
        item.title || item.id),
      passage ? el('p', { class: 'similar-passage' }, passage.text) : null);
  }));
}

function closeReading() {
  if (reading.hidden) {
    resultsView.hidden = false;
    return;
  }
  readingSeq += 1;
  readingKey = '';
  reading.hidden = true;
  resultsView.hidden = false;
  if (current.q) document.title = `“${current.q}” 的检索结果 · Wenku 文库`;
  window.scrollTo(0, resultsScroll);
  const link = openedFrom && resultsBox.querySelector(`.result[data-id="${CSS.escape(openedFrom)}"] a`);
  if (link) link.focus({ preventScroll: true });
  else input.focus({ preventScroll: true });
}

$('#reading-close').addEventListener('click', () => navigate({ doc: '' }));
document.addEventListener('keydown', (event) => {
  if (event.key !== 'Escape' || reading.hidden || event.defaultPrevented) return;
  if (event.target instanceof HTMLElement && event.target.closest('input, textarea, select')) return;
  navigate({ doc: '' });
});

/* ------------------------------------------------------------------ start */

updateScriptButton();
if (!location.hash && location.search) {
  // A search sent without JavaScript (?q=…): keep it, in the hash like every other state.
  history.replaceState(null, '', `${location.pathname}#${stateHash(current)}`);
}
render(current, true);
loadThemeLabels().then((loaded) => {
  if (!loaded) return;
  renderFilters(current);
  if (lastResult && lastSearchKey === searchKey(current)) renderResults(lastResult.data, lastResult.state);
});
