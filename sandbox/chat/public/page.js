// The sandbox chat page: the group and each person's private chat with the bot, as any member.
// Cards arrive as HTML rendered by the server; taps and form submits go back as the person chosen
// in 当前身份, and the server pushes them to the bot as Feishu's card.action.trigger.

/** The commands of the conversation contract, with an example to start from. */
const COMMANDS = [
  ['/帮助', '使用帮助：我能做什么'],
  ['/设置', '机器人设置（规则、书记、秘书、列席）'],
  ['/设置 规则 JY', '更换规则配置（JY、NT、MS、ZY、AJ、NATIONAL）'],
  ['/设置 副书记 ', '设置角色：书记、副书记、秘书、列席、成员（再 @ 人）'],
  ['/议题 关于……的议题 一般', '提交议题（一般、重大、人事、处分）'],
  ['/议题列表', '查看议题'],
  ['/会议 12月10日 9:00 第一会议室', '筹备会议'],
  ['/请假 ', '会议请假（写明原因）'],
  ['/请假 12月7日 至 12月9日 事假 ', '请假申请（事假、病假、公出）'],
  ['/销假', '销假'],
  ['/签到', '会议签到'],
  ['/表决 1 无记名', '开始表决（举手、记名、无记名）'],
  ['/测评 ', '民主测评（@ 测评对象，或“班子”）'],
  ['/纪要', '会议纪要'],
  ['/督办 事项 ', '督办事项（@ 负责人 日期）'],
  ['/职责', '工作职责'],
  ['/规则', '议事规则'],
];
const TIME = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const COLOURS = ['#3370ff', '#34c724', '#ff8800', '#f54a45', '#04b49c', '#7f3bf5', '#d136d1', '#4954e6'];

const $ = (id) => document.getElementById(id);
const state = { me: '', chat: 'group', profile: '', people: [], group: { key: 'group', name: '' }, messages: new Map(), unread: new Map(), mentions: [] };

const escapeText = (s) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const personOf = (openId) => state.people.find((p) => p.openId === openId);
const colourOf = (key) => COLOURS[[...key].reduce((n, c) => n + c.charCodeAt(0), 0) % COLOURS.length];
const avatar = (name, cls, key) => `<span class="avatar ${cls}" style="${cls === '' ? `background:${colourOf(key)}` : ''}">${escapeText(name.slice(-2))}</span>`;

let toastTimer;
function toast(content, type = 'info') {
  const el = $('toast');
  el.textContent = content;
  el.className = `toast ${type}`;
  el.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { el.hidden = true; }, 3000);
}

function confirmDialog(title, text) {
  const dialog = $('confirm');
  $('confirm-title').textContent = title;
  $('confirm-text').textContent = text;
  return new Promise((resolve) => {
    const done = (ok) => {
      $('confirm-ok').onclick = null;
      $('confirm-cancel').onclick = null;
      dialog.close();
      resolve(ok);
    };
    $('confirm-ok').onclick = () => done(true);
    $('confirm-cancel').onclick = () => done(false);
    dialog.oncancel = () => done(false);
    dialog.showModal();
  });
}

async function api(path, body) {
  const res = await fetch(path, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const answer = await res.json().catch(() => ({ error: '服务器没有正常回应。' }));
  if (!res.ok || answer.error !== undefined) throw new Error(answer.error ?? `请求失败（${res.status}）`);
  return answer;
}

function renderChats() {
  const chats = [{ key: 'group', name: state.group.name, sub: '群聊', icon: avatar('群', 'group', 'group') },
    ...state.people.map((p) => ({ key: p.openId, name: `${p.name} 与机器人的私聊`, sub: p.role, icon: avatar(p.name, '', p.openId) }))];
  $('chats').innerHTML = chats.map((c) => {
    const unread = state.unread.get(c.key) ?? 0;
    return `<li data-chat="${escapeText(c.key)}" class="${c.key === state.chat ? 'active' : ''}">${c.icon}<span class="chat-label">${escapeText(c.name)}<small>${escapeText(c.sub)}</small></span>${unread > 0 ? `<span class="badge">${unread}</span>` : ''}</li>`;
  }).join('');
}

function messageHtml(m) {
  const mine = m.from === state.me;
  const icon = m.from === 'bot' ? avatar('议事', 'bot', 'bot') : avatar(m.fromName, '', m.from);
  const urgent = m.urgentTo === undefined ? '' : `<span class="urgent" title="加急：${escapeText(m.urgentTo.join('、'))}">加急</span>`;
  const parent = m.replyTo === undefined ? undefined : state.messages.get(m.replyTo);
  const reply = parent === undefined ? '' : `<div class="reply-to">回复 ${escapeText(parent.fromName)}</div>`;
  const body = m.kind === 'card' ? m.html
    : m.kind === 'file' ? `<div class="file"><span class="icon">文件</span><span>${m.html}<br><a href="${escapeText(m.file.url)}" download>下载</a> · ${Math.max(1, Math.round(m.file.size / 1024))} KB</span></div>`
      : `<div class="text">${m.html}</div>`;
  return `<div class="message${mine ? ' mine' : ''}" data-message="${escapeText(m.id)}">${icon}<div class="bubble-wrap"><div class="meta">${escapeText(m.fromName)} · ${TIME.format(new Date(m.at))}${urgent}</div>${reply}${body}</div></div>`;
}

function renderMessages() {
  const shown = [...state.messages.values()].filter((m) => m.chat === state.chat);
  $('messages').innerHTML = shown.length === 0 ? '<div class="empty">暂无消息</div>' : shown.map(messageHtml).join('');
  $('messages').scrollTop = $('messages').scrollHeight;
}

function renderHead() {
  const own = state.chat === 'group' || state.chat === state.me;
  $('chat-name').textContent = state.chat === 'group' ? state.group.name : `${personOf(state.chat)?.name ?? ''} 与机器人的私聊`;
  $('chat-note').textContent = own ? `以 ${personOf(state.me)?.name ?? ''} 的身份发言` : '这是别人的私聊，只能查看';
  $('input').disabled = !own;
  $('send').disabled = !own;
}

function renderAll() {
  renderChats();
  renderHead();
  renderMessages();
}

/** A new or changed message: replaced in place, appended, or counted as unread elsewhere. */
function upsert(m) {
  const known = state.messages.has(m.id);
  state.messages.set(m.id, m);
  if (m.chat !== state.chat) {
    if (!known) state.unread.set(m.chat, (state.unread.get(m.chat) ?? 0) + 1);
    renderChats();
    return;
  }
  const el = document.querySelector(`[data-message="${CSS.escape(m.id)}"]`);
  if (el !== null) el.outerHTML = messageHtml(m);
  else {
    $('messages').querySelector('.empty')?.remove();
    $('messages').insertAdjacentHTML('beforeend', messageHtml(m));
    $('messages').scrollTop = $('messages').scrollHeight;
  }
}

/** Right after start the demo may still be seeding (the server answers 503): say so and try again. */
async function loadOrRetry() {
  try {
    await load();
  } catch (error) {
    toast(error.message, 'info');
    setTimeout(() => void loadOrRetry(), 1000);
  }
}

async function load() {
  const s = await api('/chat/api/state');
  state.people = s.people;
  state.group = s.group;
  state.profile = s.profile;
  state.messages = new Map(s.messages.map((m) => [m.id, m]));
  state.unread.clear();
  if (personOf(state.me) === undefined) state.me = s.people[0]?.openId ?? '';
  if (state.chat !== 'group' && personOf(state.chat) === undefined) state.chat = 'group';
  $('identity').innerHTML = s.people.map((p) => `<option value="${escapeText(p.openId)}">${escapeText(`${p.name}（${p.role}）`)}</option>`).join('');
  $('identity').value = state.me;
  $('profile').innerHTML = s.profiles.map((p) => `<option value="${escapeText(p.id)}">${escapeText(p.name)}</option>`).join('');
  $('profile').value = s.profile;
  renderAll();
}

function openChat(key) {
  state.chat = key;
  state.unread.delete(key);
  // A private chat is only ever seen by its owner: opening one is being that person.
  if (key !== 'group') {
    state.me = key;
    $('identity').value = key;
  }
  renderAll();
}

/** A form's values as Feishu sends them in `form_value`. */
function formValue(form) {
  const value = {};
  const missing = [];
  for (const el of form.querySelectorAll('[data-field]')) {
    el.classList.remove('invalid');
    const kind = el.dataset.field;
    const v = kind === 'persons' ? [...el.selectedOptions].map((o) => o.value) : el.value;
    const empty = kind === 'persons' ? v.length === 0 : v.trim() === '';
    if (empty && el.required) {
      missing.push(el.getAttribute('aria-label') ?? el.name);
      el.classList.add('invalid');
    }
    if (kind === 'input') value[el.name] = v;
    else if (!empty) value[el.name] = kind === 'date' ? `${v} +0800` : v;
  }
  return { value, missing };
}

async function tap(button) {
  const messageId = button.closest('[data-message]')?.dataset.message;
  const body = { as: state.me, messageId, value: JSON.parse(button.dataset.value) };
  if (button.dataset.submit !== undefined) {
    const form = button.closest('form');
    const { value, missing } = formValue(form);
    if (missing.length > 0) return toast(`请填写必填项：${missing.join('、')}`, 'error');
    body.formValue = value;
    body.name = button.dataset.submit;
  }
  if (button.dataset.confirmTitle !== undefined && !(await confirmDialog(button.dataset.confirmTitle, button.dataset.confirmText ?? ''))) return undefined;
  button.classList.add('busy');
  try {
    const answer = await api('/chat/api/tap', body);
    if (answer.toast !== undefined) toast(answer.toast.content, answer.toast.type);
  } catch (error) {
    toast(error.message, 'error');
  } finally {
    button.classList.remove('busy');
  }
  return undefined;
}

async function send() {
  const text = $('input').value.trim();
  if (text === '') return;
  const mentions = state.mentions.filter((m) => text.includes(`@${m.name}`)).map((m) => m.openId);
  try {
    await api('/chat/api/message', { as: state.me, chat: state.chat, text, mentions });
    $('input').value = '';
    state.mentions = [];
    $('mention-list').textContent = '';
  } catch (error) {
    toast(error.message, 'error');
  }
}

function insert(text) {
  const input = $('input');
  const at = input.selectionStart ?? input.value.length;
  input.value = `${input.value.slice(0, at)}${text}${input.value.slice(input.selectionEnd ?? at)}`;
  input.focus();
  input.selectionStart = input.selectionEnd = at + text.length;
}

function menu(id, items, pick) {
  const el = $(id);
  el.innerHTML = items.map(([label, note], i) => `<button type="button" data-i="${i}">${escapeText(label)}<small>${escapeText(note)}</small></button>`).join('');
  el.onclick = (e) => {
    const b = e.target.closest('button[data-i]');
    if (b === null) return;
    el.hidden = true;
    pick(Number(b.dataset.i));
  };
  el.hidden = !el.hidden;
}

function wire() {
  $('chats').onclick = (e) => { const li = e.target.closest('li[data-chat]'); if (li !== null) openChat(li.dataset.chat); };
  $('identity').onchange = () => {
    state.me = $('identity').value;
    if (state.chat !== 'group') state.chat = state.me;
    state.unread.delete(state.chat);
    renderAll();
  };
  const reset = async (title) => {
    const chosen = $('profile').selectedOptions[0]?.textContent ?? '';
    if (!(await confirmDialog(title, `演示的全部消息和数据将被清除，并按“${chosen}”重新准备。确定吗？`))) {
      $('profile').value = state.profile;
      return;
    }
    try {
      await api('/chat/api/reset', { profile: $('profile').value });
      toast('演示已重置', 'success');
    } catch (error) {
      toast(error.message, 'error');
    }
  };
  $('reset').onclick = () => void reset('重置演示');
  $('profile').onchange = () => void reset('切换演示配置');
  $('messages').onclick = (e) => {
    const button = e.target.closest('button[data-value]');
    if (button !== null) return void tap(button);
    const wrapped = e.target.closest('.btn-wrap');
    if (wrapped !== null && wrapped.dataset.tips !== '') toast(wrapped.dataset.tips, 'info');
    return undefined;
  };
  $('messages').onsubmit = (e) => e.preventDefault();
  $('send').onclick = () => void send();
  $('input').onkeydown = (e) => { if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); void send(); } };
  $('commands-button').onclick = () => menu('commands-menu', COMMANDS, (i) => { $('input').value = ''; insert(COMMANDS[i][0]); });
  $('mention-button').onclick = () => menu('mention-menu', state.people.map((p) => [p.name, p.role]), (i) => {
    const p = state.people[i];
    insert(`@${p.name} `);
    if (!state.mentions.some((m) => m.openId === p.openId)) state.mentions.push(p);
    $('mention-list').textContent = `将提及：${state.mentions.map((m) => m.name).join('、')}`;
  });
  document.addEventListener('click', (e) => {
    if (e.target.closest('.popup, .tool') !== null) return;
    $('commands-menu').hidden = true;
    $('mention-menu').hidden = true;
  });
  const events = new EventSource('/chat/api/events');
  for (const kind of ['message', 'update', 'urgent']) events.addEventListener(kind, (e) => upsert(JSON.parse(e.data)));
  events.addEventListener('reset', () => void loadOrRetry());
  events.onopen = () => void loadOrRetry();
}

wire();
