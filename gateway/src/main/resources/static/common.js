// Wenku 文库 — code shared by every page: DOM helpers, the API client (bearer token, JSON errors),
// the session kept in sessionStorage, the shared login form, the nav bar and footer, and formatting.
// Nothing from the server is ever inserted as HTML: every text goes into text nodes.

const SESSION_KEY = 'wenku.session';
export const SESSION_EXPIRED_EVENT = 'wenku:session-expired';

/* ------------------------------------------------------------------ DOM helpers */

/**
 * Creates an element. props: {class, text, dataset, hidden, ...attributes}; a function value is an event
 * listener when the name starts with "on" (onClick → click). children: nodes, strings or arrays of them.
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') node.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
    else if (name === 'text') node.textContent = String(value);
    else if (name === 'dataset') Object.assign(node.dataset, value);
    else if (name === 'hidden') node.hidden = Boolean(value);
    else if (name.startsWith('on') && typeof value === 'function') node.addEventListener(name.slice(2).toLowerCase(), value);
    else if (name === 'style') throw new Error('inline styles are not allowed (CSP)');
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces all children of node. */
export function replaceChildren(node, ...children) {
  node.replaceChildren();
  append(node, children);
}

export const $ = (selector, root = document) => root.querySelector(selector);

/** Shows a message in a status element (role=status/alert with aria-live); '' clears it. kind: info | ok | error. */
export function setStatus(node, message, kind = 'info') {
  if (!node) return;
  node.textContent = message || '';
  node.classList.remove('msg-info', 'msg-ok', 'msg-error');
  if (message) node.classList.add(`msg-${kind}`);
  node.hidden = false; // live regions stay in the page (empty ones take no space) so that changes are announced
}

export function debounce(fn, ms) {
  let timer = 0;
  const debounced = (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
  debounced.cancel = () => clearTimeout(timer);
  return debounced;
}

/* ------------------------------------------------------------------ session */

export function getSession() {
  try {
    const session = JSON.parse(sessionStorage.getItem(SESSION_KEY) || 'null');
    if (!session || typeof session.token !== 'string' || !session.token) return null;
    if (session.expiresAt && Date.parse(session.expiresAt) <= Date.now()) {
      sessionStorage.removeItem(SESSION_KEY);
      return null;
    }
    return session;
  } catch {
    return null;
  }
}

export function saveSession(session) {
  sessionStorage.setItem(SESSION_KEY, JSON.stringify({
    token: session.token,
    username: session.username || '',
    roles: Array.isArray(session.roles) ? session.roles : [],
    expiresAt: session.expiresAt || null,
  }));
}

export function clearSession() {
  sessionStorage.removeItem(SESSION_KEY);
}

function normalRole(role) {
  return String(role || '').toUpperCase().replace(/^ROLE_/, '');
}

/**
 * True when the session has the role, or one of the roles when given a list (a session without a roles list is
 * left to the server to judge).
 */
export function hasRole(session, role) {
  if (!session) return false;
  const wanted = (Array.isArray(role) ? role : [role]).filter(Boolean).map(normalRole);
  if (wanted.length === 0 || !Array.isArray(session.roles) || session.roles.length === 0) return true;
  const roles = session.roles.map(normalRole);
  return wanted.some((r) => roles.includes(r)) || roles.includes('ADMIN');
}

const ROLE_LABELS = { EDITOR: '编辑', OPERATOR: '运维', ADMIN: '管理员', READER: '读者' };

export function roleLabel(role) {
  const code = normalRole(role);
  return ROLE_LABELS[code] || code;
}

/* ------------------------------------------------------------------ API client */

export class ApiError extends Error {
  constructor(status, code, message, body) {
    super(message || code || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = code || '';
    this.serverMessage = message || '';
    this.body = body || null;
  }
}

/*
 * Errors are RFC 9457 problem documents from the server's one catalogue of codes: its title (in Chinese, as every
 * request sends Accept-Language: zh-CN) says what went wrong, its detail the specifics, limits included. Only answers
 * that are not problem documents (a proxy's, a lost connection) fall back on the status text below.
 */
const STATUS_TEXT = {
  400: '请求有误',
  401: '请先登录',
  403: '当前账号没有执行此操作的权限',
  404: '未找到',
  409: '操作冲突，请稍后再试',
  413: '内容太大',
  415: '不支持的类型',
  422: '无法处理该内容',
  429: '请求过于频繁，请稍后再试',
  500: '服务器内部错误',
  502: '服务暂不可用，请稍后重试',
  503: '服务暂不可用，请稍后重试',
  504: '服务响应超时，请稍后重试',
};

/** A Chinese sentence for an error: the server's title, then its detail. */
export function describeError(error) {
  if (!(error instanceof ApiError)) {
    if (error && error.name === 'AbortError') return '请求已取消';
    return '无法连接服务器，请检查网络后重试。';
  }
  if (error.status === 0) return '无法连接服务器，请检查网络后重试。';
  const title = error.body && typeof error.body.title === 'string' && error.body.title ? error.body.title : '';
  let text = title || STATUS_TEXT[error.status] || `请求失败（HTTP ${error.status}）`;
  if (error.code === 'undecodable_text' && error.body && error.body.byteOffset !== undefined) {
    text += `（第 ${error.body.byteOffset} 字节起）`;
  }
  const detail = error.serverMessage && error.serverMessage !== error.code ? error.serverMessage : '';
  return detail ? `${text}：${detail}` : `${text}。`;
}

function authHeaders(auth) {
  const session = auth ? getSession() : null;
  return session ? { Authorization: `Bearer ${session.token}` } : {};
}

function parseBody(text) {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function toError(status, text, sentToken) {
  const body = parseBody(text);
  if (status === 401 && sentToken) expireSession();
  const code = body && typeof body.error === 'string' ? body.error : '';
  const message = body && typeof body.detail === 'string' ? body.detail : '';
  return new ApiError(status, code, message, body);
}

function expireSession() {
  if (!getSession()) return;
  clearSession();
  window.dispatchEvent(new CustomEvent(SESSION_EXPIRED_EVENT));
}

/** Sends a request of api()/apiResponse()/apiDownload(); rejects with ApiError (or the AbortError) when it fails. */
async function send(path, options, accept) {
  const { method = 'GET', json, body, signal, auth = true } = options;
  const headers = { Accept: accept, 'Accept-Language': 'zh-CN', ...authHeaders(auth), ...(options.headers || {}) };
  let payload = body;
  if (json !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(json);
  }
  let response;
  try {
    response = await fetch(path, { method, headers, body: payload, signal, credentials: 'same-origin', cache: 'no-store' });
  } catch (error) {
    if (error && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network', '', null);
  }
  if (!response.ok) throw toError(response.status, await response.text(), Boolean(headers.Authorization));
  return response;
}

/**
 * fetch() for the JSON API. Options: method, json (a body sent as JSON), body, headers, signal, auth (default true:
 * sends the bearer token when logged in). Resolves with the parsed JSON (null when empty); rejects with ApiError.
 * A 401 on a request that carried a token forgets the session and fires SESSION_EXPIRED_EVENT.
 */
export async function api(path, options = {}) {
  return (await apiResponse(path, options)).body;
}

/** Like api(), for when the answer's headers matter: resolves with {status, body, etag (null when none)}. */
export async function apiResponse(path, options = {}) {
  const response = await send(path, options, 'application/json');
  return { status: response.status, body: parseBody(await response.text()), etag: response.headers.get('ETag') };
}

/**
 * Fetches a file with the session's token (a plain link cannot carry it) and hands it to the browser as a download,
 * named as the server's Content-Disposition says (or fallbackName). Rejects with ApiError like api().
 */
export async function apiDownload(path, fallbackName) {
  const response = await send(path, {}, '*/*');
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = el('a', { href: url, download: dispositionFileName(response.headers.get('Content-Disposition')) || fallbackName });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

/** The file name of a Content-Disposition header: filename* (RFC 5987, UTF-8) before filename; '' when none. */
export function dispositionFileName(header) {
  const text = String(header || '');
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(text);
  if (extended) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/.exec(text);
  return plain ? (plain[1] ?? plain[2]).trim() : '';
}

/** Builds "path?a=1&b=2" from an object, skipping empty values; arrays repeat the parameter. */
export function withQuery(path, params) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) if (v !== undefined && v !== null && v !== '') query.append(name, String(v));
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/**
 * Uploads a FormData (or, with contentType, a file as the whole body) with XMLHttpRequest, so that progress can be
 * shown. onProgress(loaded, total) is called while the body is sent. Resolves with {status, body}; rejects with
 * ApiError like api().
 */
export function upload(path, formData, { onProgress, method = 'POST', contentType } = {}) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, path);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', 'zh-CN');
    const headers = authHeaders(true);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    if (contentType) xhr.setRequestHeader('Content-Type', contentType);
    if (onProgress) {
      xhr.upload.addEventListener('progress', (event) => {
        if (event.lengthComputable) onProgress(event.loaded, event.total);
      });
    }
    xhr.addEventListener('load', () => {
      if (xhr.status >= 200 && xhr.status < 300) resolve({ status: xhr.status, body: parseBody(xhr.responseText) });
      else reject(toError(xhr.status, xhr.responseText, Boolean(headers.Authorization)));
    });
    xhr.addEventListener('error', () => reject(new ApiError(0, 'network', '', null)));
    xhr.addEventListener('abort', () => reject(new ApiError(0, 'aborted', '上传已取消', null)));
    xhr.send(formData);
  });
}

/* ------------------------------------------------------------------ shared login form */

/**
 * Wires the login form shared by the editor and operator pages:
 * #login-section (#login-form, #login-username, #login-password, #login-button, #login-error),
 * #session-bar (#session-user, #logout-button) and the page's protected panel.
 * role: the role the page needs (or a list: any of them); onLogin(session) / onLogout() start and stop the page's work.
 * Returns {refresh(), denied(message)}.
 */
export function setupLogin({ role, panel, onLogin, onLogout, deniedMessage }) {
  const section = $('#login-section');
  const form = $('#login-form');
  const username = $('#login-username');
  const password = $('#login-password');
  const button = $('#login-button');
  const error = $('#login-error');
  const bar = $('#session-bar');
  const user = $('#session-user');
  const logout = $('#logout-button');
  let active = false;

  function render(message) {
    const session = getSession();
    const allowed = hasRole(session, role);
    section.hidden = allowed;
    panel.hidden = !allowed;
    bar.hidden = !session;
    logout.hidden = !session;
    if (session) {
      const roles = Array.isArray(session.roles) && session.roles.length ? session.roles.map(roleLabel).join('、') : '';
      user.textContent = roles ? `${session.username}（${roles}）` : session.username;
    }
    if (session && !allowed) setStatus(error, message || deniedMessage(session), 'error');
    else setStatus(error, message || '', 'error');
    if (allowed && !active) {
      active = true;
      onLogin(session);
    } else if (!allowed && active) {
      active = false;
      onLogout();
    }
    updateNavUser();
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const name = username.value.trim();
    if (!name || !password.value) {
      setStatus(error, '请输入用户名和密码。', 'error');
      (name ? password : username).focus();
      return;
    }
    button.disabled = true;
    setStatus(error, '正在登录…', 'info');
    try {
      const session = await api('/api/session', { method: 'POST', json: { username: name, password: password.value }, auth: false });
      if (!session || !session.token) throw new ApiError(500, 'no_token', '登录响应中没有令牌', session);
      saveSession({ ...session, username: session.username || name });
      password.value = '';
      render();
      if (!section.hidden) password.focus();
    } catch (err) {
      const message = err instanceof ApiError && err.status === 401
        ? `用户名或密码不正确。${err.serverMessage ? `（${err.serverMessage}）` : ''}`
        : describeError(err);
      setStatus(error, message, 'error');
      password.select();
      password.focus();
    } finally {
      button.disabled = false;
    }
  });

  logout.addEventListener('click', async () => {
    const session = getSession();
    logout.disabled = true;
    if (session) {
      try {
        await api('/api/session', { method: 'DELETE' });
      } catch {
        // The token is forgotten either way; an expired token cannot be revoked and does not matter.
      }
    }
    clearSession();
    logout.disabled = false;
    render();
    setStatus(error, '已退出登录。', 'info');
    username.focus();
  });

  window.addEventListener(SESSION_EXPIRED_EVENT, () => render('登录已过期或已失效，请重新登录。'));

  render();
  return {
    refresh: render,
    /** The server refused the page's data (403): show why, keep the login form open for another account. */
    denied(message) {
      section.hidden = false;
      panel.hidden = true;
      if (active) {
        active = false;
        onLogout();
      }
      setStatus(error, message, 'error');
    },
  };
}

/* ------------------------------------------------------------------ nav bar and footer */

const PAGES = [
  { id: 'reader', href: 'index.html', label: '读者 检索' },
  { id: 'editor', href: 'editor.html', label: '编辑' },
  { id: 'operator', href: 'operator.html', label: '运维' },
  { id: 'api', href: 'swagger-ui.html', label: 'API 文档' },
];

/** Fills header#site-header with the nav bar and footer#site-footer with the footer. */
export function initPage(active) {
  const header = $('#site-header');
  if (header) {
    replaceChildren(header,
      el('a', { class: 'skip-link', href: '#main' }, '跳到正文'),
      el('div', { class: 'site-header-inner' },
        el('a', { class: 'brand', href: 'index.html' },
          el('span', { class: 'brand-mark', 'aria-hidden': 'true' }, '文'),
          el('span', { class: 'brand-name' }, 'Wenku 文库')),
        el('nav', { class: 'site-nav', 'aria-label': '主导航' },
          el('ul', {}, PAGES.map((page) => el('li', {},
            el('a', { href: page.href, 'aria-current': page.id === active ? 'page' : null, dataset: { page: page.id } }, page.label))))),
        el('span', { class: 'nav-user', id: 'nav-user', hidden: true })));
  }
  const footer = $('#site-footer');
  if (footer) {
    replaceChildren(footer, el('div', { class: 'site-footer-inner' },
      el('p', {}, 'Wenku 文库 · 中文学习资料的上传、分析与检索'),
      el('p', { class: 'muted' }, '检索支持简体、繁体、拼音与拼音首字母。')));
  }
  updateNavUser();
}

function updateNavUser() {
  const node = $('#nav-user');
  if (!node) return;
  const session = getSession();
  node.hidden = !session;
  node.textContent = session ? `已登录：${session.username}` : '';
}

/* ------------------------------------------------------------------ labels and formatting */

export const STATUS_LABELS = {
  RECEIVED: '已接收',
  ANALYZED: '已分析',
  INDEXED: '已索引',
  FAILED: '失败',
  DELETED: '已删除',
  UNCHANGED: '未变化',
};

export function statusLabel(code) {
  return STATUS_LABELS[code] || code || '—';
}

const THEME_LABELS = {
  'technological-innovation': '科技创新',
  'industrial-upgrading': '产业升级',
  talent: '人才',
  'green-development': '绿色发展',
  'institutional-reform': '体制改革',
  'regional-development': '区域发展',
  'business-environment': '营商环境',
  theory: '理论',
};

/** The Chinese label of a theme id (the taxonomy can be changed by operators; loadThemeLabels() refreshes). */
export function themeLabel(id) {
  return THEME_LABELS[id] || id;
}

/** Best effort: reads the current taxonomy's labels; failures are silent (the built-in labels stay). */
export async function loadThemeLabels() {
  try {
    const taxonomy = await api('/api/themes');
    for (const theme of (taxonomy && taxonomy.themes) || []) {
      if (theme && theme.id && theme.label) THEME_LABELS[theme.id] = theme.label;
    }
    return true;
  } catch {
    return false;
  }
}

const ENTITY_TYPES = { PERSON: '人物', PLACE: '地点', ORGANIZATION: '机构' };

export function entityTypeLabel(type) {
  return ENTITY_TYPES[type] || type || '';
}

/** Seconds as people read them: 45 秒, 3 分 20 秒, 2 小时 5 分. */
export function formatDuration(seconds) {
  const s = Math.round(seconds);
  if (s < 60) return `${s} 秒`;
  if (s < 3600) return `${Math.floor(s / 60)} 分 ${s % 60} 秒`;
  return `${Math.floor(s / 3600)} 小时 ${Math.floor((s % 3600) / 60)} 分`;
}

/** A number for display, plain digits (no grouping, so it reads back as a number); "—" when missing. */
export function formatNumber(value, digits) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '—';
  return digits !== undefined ? value.toFixed(digits) : String(value);
}

const dateTimeFormat = new Intl.DateTimeFormat('zh-CN', {
  year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
});
const timeFormat = new Intl.DateTimeFormat('zh-CN', { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

/** "2026/11/27 19:00:00" for an ISO-8601 instant; "—" when missing or invalid. */
export function formatDateTime(iso) {
  const time = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(time) ? '—' : dateTimeFormat.format(time);
}

export function formatTime(iso) {
  const time = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(time) ? '—' : timeFormat.format(time);
}

/** A <time> element for an ISO instant (text "—" when missing). */
export function timeElement(iso, format = formatDateTime) {
  const text = format(iso);
  return el('time', { datetime: text === '—' ? null : iso }, text);
}

/* ------------------------------------------------------------------ search highlights */

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#x27': "'", '#39': "'", '#x2F': '/', '#x2f': '/', '#47': '/' };

/** Decodes the entities of Elasticsearch's html encoder (&amp; &lt; &gt; &quot; &#x27; &#x2F; and numeric ones). */
export function decodeEntities(text) {
  return String(text).replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (match, name) => {
    if (Object.prototype.hasOwnProperty.call(ENTITIES, name)) return ENTITIES[name];
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      if (Number.isFinite(code) && code > 0 && code <= 0x10ffff) {
        try {
          return String.fromCodePoint(code);
        } catch {
          return match;
        }
      }
    }
    return match;
  });
}

/**
 * Turns an escaped highlight fragment ("…形成<em>新質生產力</em>…") into nodes: text nodes and <em> elements.
 * Only the literal <em> and </em> tags are markup; everything else is text.
 */
export function highlightNodes(fragment) {
  const nodes = [];
  let inside = false;
  for (const part of String(fragment || '').split(/(<em>|<\/em>)/)) {
    if (part === '<em>') inside = true;
    else if (part === '</em>') inside = false;
    else if (part) {
      const text = decodeEntities(part);
      nodes.push(inside ? el('em', {}, text) : document.createTextNode(text));
    }
  }
  return nodes;
}
