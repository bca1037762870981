// ZhIE page: extract, read, correct, save. Plain JavaScript, no build step.
// Offsets in records are code points (SCHEMA §1); JavaScript strings are UTF-16, so the text is
// handled as an array of code points (Array.from) everywhere an offset is involved.
"use strict";

const TYPES = ["COMPANY", "ORG", "PERSON", "LOC", "INDUSTRY", "POLICY", "DATE", "FIGURE", "RANK"];
const $ = (id) => document.getElementById(id);
const state = { rec: null, chars: [], selected: null, selection: null, focus: [], records: [], reviewSkip: [] };

function setStatus(el, msg, kind) {
  el.textContent = msg;
  el.className = kind || "";
}

async function api(path, opts) {
  const r = await fetch(path, opts);
  let body = null;
  const ct = r.headers.get("content-type") || "";
  body = ct.includes("json") ? await r.json() : await r.text();
  if (!r.ok) {
    let detail = body && body.detail !== undefined ? body.detail : body;
    if (detail && detail.problems) detail = detail.message + ":\n" + detail.problems.join("\n");
    else if (Array.isArray(detail)) detail = detail.map((d) => (d.loc || []).join(".") + ": " + d.msg).join("\n");
    const err = new Error(`${r.status}: ${typeof detail === "string" ? detail : JSON.stringify(detail)}`);
    err.status = r.status;
    throw err;
  }
  return body;
}

// ------------------------------------------------------------------ loading records
function load(rec) {
  state.rec = JSON.parse(JSON.stringify(rec));
  state.chars = Array.from(rec.text);
  state.selected = null;
  state.selection = null;
  state.focus = [];
  $("result").hidden = false;
  $("doc-id").value = rec.id;
  setStatus($("save-status"), "");
  render();
}

function entById() {
  const m = {};
  for (const e of state.rec.entities) m[e.id] = e;
  return m;
}

function label(id) {
  if (id === null || id === undefined) return "—";
  const e = entById()[id];
  return e ? `${e.text} (${e.type})` : `${id}?`;
}

// ------------------------------------------------------------------ the document view
function render() {
  const rec = state.rec;
  const n = state.chars.length;
  const cuts = new Set([0, n]);
  for (const e of rec.entities) { cuts.add(e.start); cuts.add(e.end); }
  for (const f of state.focus) { cuts.add(f.start); cuts.add(f.end); }
  const points = [...cuts].filter((x) => x >= 0 && x <= n).sort((a, b) => a - b);
  const focusIds = new Set(state.focus.filter((f) => f.id).map((f) => f.id));
  const doc = $("doc");
  doc.textContent = "";
  const frag = document.createDocumentFragment();
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i], b = points[i + 1];
    const text = state.chars.slice(a, b).join("");
    // the shortest entity covering this piece wins (user-added overlaps are shown, not hidden)
    let ent = null;
    for (const e of rec.entities) {
      if (e.start <= a && b <= e.end && (!ent || e.end - e.start < ent.end - ent.start)) ent = e;
    }
    const inFocus = state.focus.some((f) => !f.id && f.start <= a && b <= f.end);
    let el;
    if (ent) {
      el = document.createElement("mark");
      el.className = `ent t-${ent.type}`;
      el.dataset.id = ent.id;
      el.dataset.type = ent.type;
      if (a === ent.start) el.classList.add("ent-start");
      if (state.selected === ent.id) el.classList.add("selected");
      if (focusIds.has(ent.id) || inFocus) el.classList.add("focus");
    } else {
      el = document.createElement("span");
      if (inFocus) el.className = "focus";
    }
    el.dataset.start = a;
    el.textContent = text;
    frag.appendChild(el);
  }
  doc.appendChild(frag);
  renderLegend();
  renderTables();
  renderEditor();
}

function renderLegend() {
  const counts = {};
  for (const e of state.rec.entities) counts[e.type] = (counts[e.type] || 0) + 1;
  const lg = $("legend");
  lg.textContent = "";
  for (const t of TYPES) {
    const c = document.createElement("span");
    c.className = `chip t-${t}`;
    c.dataset.type = t;
    c.textContent = `${t} ${counts[t] || 0}`;
    lg.appendChild(c);
  }
}

function attrsText(e) {
  const a = Object.assign({}, e.attrs || {});
  const lines = [`${e.type} ${e.id}  [${e.start}:${e.end}]  ${e.text}`];
  for (const k of ["value", "unit", "qualifier", "min", "max", "rank", "top", "scope", "norm"]) {
    if (k in a) { lines.push(`${k}: ${a[k]}`); delete a[k]; }
  }
  for (const k of Object.keys(a)) lines.push(`${k}: ${JSON.stringify(a[k])}`);
  return lines.join("\n");
}

// ------------------------------------------------------------------ tables
function cell(tr, content) {
  const td = document.createElement("td");
  if (content instanceof Node) td.appendChild(content); else td.textContent = content;
  tr.appendChild(td);
  return td;
}

function delButton(onclick) {
  const b = document.createElement("button");
  b.textContent = "✕";
  b.title = "delete";
  b.className = "danger del";
  b.addEventListener("click", (ev) => { ev.stopPropagation(); onclick(); render(); });
  return b;
}

function spansOf(kind, obj) {
  const out = [];
  const ref = (id) => { const e = entById()[id]; if (e) out.push({ id: e.id, start: e.start, end: e.end }); };
  if (kind === "event") {
    out.push({ start: obj.trigger.start, end: obj.trigger.end });
    for (const a of obj.arguments) { if (a.ref) ref(a.ref); else if (a.start !== undefined) out.push({ start: a.start, end: a.end }); }
  } else if (kind === "fact") {
    for (const k of ["subject", "value", "date"]) if (obj[k]) ref(obj[k]);
    if (obj.metric) out.push({ start: obj.metric.start, end: obj.metric.end });
  } else {
    ref(obj.head); ref(obj.tail);
  }
  return out;
}

function focusRow(tr, kind, obj) {
  const table = tr.closest("table").id, key = tr.dataset.key;  // render() rebuilds the rows
  state.focus = spansOf(kind, obj);
  render();
  const row = document.querySelector(`#${table} tbody tr[data-key="${key}"]`);
  if (row) row.classList.add("active");
  const first = document.querySelector("#doc .focus");
  if (first) first.scrollIntoView({ block: "center", behavior: "smooth" });
}

function entitySelect(current, onchange) {
  const s = document.createElement("select");
  for (const e of state.rec.entities) {
    const o = document.createElement("option");
    o.value = e.id;
    o.textContent = `${e.id} ${e.type} ${e.text}`;
    if (e.id === current) o.selected = true;
    s.appendChild(o);
  }
  s.addEventListener("click", (ev) => ev.stopPropagation());
  s.addEventListener("change", () => { onchange(s.value); render(); });
  return s;
}

function renderTables() {
  const rec = state.rec;
  const ev = $("events").tBodies[0];
  ev.textContent = "";
  rec.events.forEach((v, i) => {
    const tr = document.createElement("tr");
    tr.dataset.key = `V${i}`;
    cell(tr, v.id); cell(tr, v.type); cell(tr, v.trigger.text);
    const td = cell(tr, "");
    v.arguments.forEach((a, j) => {
      const box = document.createElement("span");
      box.className = "arg";
      box.append(`${a.role}: `);
      if (a.ref) box.appendChild(entitySelect(a.ref, (id) => { a.ref = id; }));
      else box.append(a.text || "");
      box.appendChild(delButton(() => { v.arguments.splice(j, 1); }));
      td.appendChild(box);
    });
    tr.addEventListener("click", () => focusRow(tr, "event", v));
    ev.appendChild(tr);
  });
  $("n-events").textContent = rec.events.length;
  const fb = $("facts").tBodies[0];
  fb.textContent = "";
  rec.facts.forEach((f, i) => {
    const tr = document.createElement("tr");
    tr.dataset.key = `F${i}`;
    cell(tr, f.id); cell(tr, f.type); cell(tr, label(f.subject)); cell(tr, label(f.value));
    cell(tr, f.metric ? f.metric.text : "—"); cell(tr, label(f.date));
    cell(tr, f.position === undefined || f.position === null ? "" : String(f.position));
    cell(tr, delButton(() => { rec.facts.splice(i, 1); }));
    tr.addEventListener("click", () => focusRow(tr, "fact", f));
    fb.appendChild(tr);
  });
  $("n-facts").textContent = rec.facts.length;
  const rb = $("relations").tBodies[0];
  rb.textContent = "";
  rec.relations.forEach((r, i) => {
    const tr = document.createElement("tr");
    tr.dataset.key = `R${i}`;
    cell(tr, r.type); cell(tr, label(r.head)); cell(tr, label(r.tail));
    cell(tr, delButton(() => { rec.relations.splice(i, 1); }));
    tr.addEventListener("click", () => focusRow(tr, "relation", r));
    rb.appendChild(tr);
  });
  $("n-relations").textContent = rec.relations.length;
}

// ------------------------------------------------------------------ correcting entities
function renderEditor() {
  const e = state.selected ? entById()[state.selected] : null;
  $("ent-box").hidden = !e;
  if (e) {
    $("ent-label").textContent = `${e.id} ${e.type} ${e.text}`;
    $("ent-attrs").textContent = attrsText(e);
    $("ent-type").value = e.type;
  }
  const s = state.selection;
  $("add-box").hidden = !s;
  if (s) {
    $("sel-text").textContent = state.chars.slice(s.start, s.end).join("");
    $("sel-range").textContent = `[${s.start}:${s.end}]`;
  }
}

function nextEntityId() {
  let k = 0;
  for (const e of state.rec.entities) { const m = /^E(\d+)$/.exec(e.id); if (m) k = Math.max(k, +m[1]); }
  return `E${k + 1}`;
}

// Remove an entity and whatever refers to it: relations, event arguments, facts whose value it is;
// a fact's date (and a METRIC's subject) becomes null, a RANKING without its subject goes.
function removeEntity(id) {
  const rec = state.rec;
  rec.entities = rec.entities.filter((e) => e.id !== id);
  rec.relations = rec.relations.filter((r) => r.head !== id && r.tail !== id);
  for (const v of rec.events) v.arguments = v.arguments.filter((a) => a.ref !== id);
  rec.facts = rec.facts.filter((f) => f.value !== id && !(f.type === "RANKING" && f.subject === id));
  for (const f of rec.facts) {
    if (f.subject === id) f.subject = null;
    if (f.date === id) f.date = null;
  }
  if (state.selected === id) state.selected = null;
}

function addEntity(start, end, type) {
  const rec = state.rec;
  const overlapping = rec.entities.filter((e) => e.start < end && start < e.end).map((e) => e.id);
  overlapping.forEach(removeEntity);  // SCHEMA: entities do not overlap; the new span replaces them
  const text = state.chars.slice(start, end).join("");
  const e = { id: nextEntityId(), type, start, end, text, attrs: {} };
  rec.entities.push(e);
  rec.entities.sort((a, b) => a.start - b.start || a.end - b.end);
  state.selected = e.id;
  state.selection = null;
  return overlapping;
}

function retype(id, type) {
  const e = entById()[id];
  if (!e || e.type === type) return;
  e.type = type;
  e.attrs = {};  // norm and the FIGURE/RANK attrs are filled again by the server on Save
}

// code-point offset of a DOM position inside #doc
function offsetOf(node, off) {
  let el = node.nodeType === Node.TEXT_NODE ? node.parentNode : node;
  if (node.nodeType !== Node.TEXT_NODE) {
    // a position between children: the start of the child at `off`, or the end of the document
    const child = node.childNodes[off];
    if (child && child.dataset) return +child.dataset.start;
    if (node.id === "doc") return state.chars.length;
    return +el.dataset.start + Array.from(el.textContent).length;
  }
  return +el.dataset.start + Array.from(node.textContent.slice(0, off)).length;
}

function onSelect() {
  const sel = window.getSelection();
  if (!sel || sel.isCollapsed || !sel.rangeCount) return;
  const r = sel.getRangeAt(0);
  const doc = $("doc");
  if (!doc.contains(r.startContainer) || !doc.contains(r.endContainer)) return;
  let start = offsetOf(r.startContainer, r.startOffset);
  let end = offsetOf(r.endContainer, r.endOffset);
  if (end < start) [start, end] = [end, start];
  while (start < end && /\s/.test(state.chars[start])) start++;
  while (end > start && /\s/.test(state.chars[end - 1])) end--;
  if (end <= start) return;
  state.selection = { start, end };
  state.selected = null;
  renderEditor();
}

// ------------------------------------------------------------------ actions
async function doExtract() {
  const text = $("input").value;
  if (!text.trim()) { setStatus($("status"), "paste a text first", "error"); return; }
  setStatus($("status"), "extracting …");
  $("review-info").textContent = "";
  try {
    const t0 = performance.now();
    const rec = await api("/v1/extract", { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ id: $("doc-id").value || "doc", text }) });
    load(rec);
    setStatus($("status"), `${rec.entities.length} entities, ${rec.events.length} events, ${rec.facts.length} facts, ` +
      `${rec.relations.length} relations in ${Math.round(performance.now() - t0)} ms`, rec.error ? "error" : "");
    if (rec.error) setStatus($("status"), rec.error, "error");
  } catch (e) { setStatus($("status"), e.message, "error"); }
}

async function doUpload() {
  const f = $("file").files[0];
  if (!f) return;
  const fd = new FormData();
  fd.append("file", f);
  setStatus($("status"), `extracting ${f.name} …`);
  try {
    const out = await api("/v1/extract/file", { method: "POST", body: fd });
    state.records = out.records;
    const sel = $("records");
    sel.textContent = "";
    out.records.forEach((r, i) => {
      const o = document.createElement("option");
      o.value = i; o.textContent = r.error ? `${r.id} (error)` : r.id;
      sel.appendChild(o);
    });
    sel.hidden = out.records.length < 2;
    showRecord(0);
    const bad = out.records.filter((r) => r.error).length;
    setStatus($("status"), `${f.name}: ${out.records.length} documents, ${bad} failed`, bad ? "error" : "");
  } catch (e) { setStatus($("status"), e.message, "error"); }
}

function showRecord(i) {
  const rec = state.records[i];
  if (!rec) return;
  $("input").value = rec.text;
  load(rec);
  if (rec.error) setStatus($("status"), rec.error, "error");
}

async function doSave() {
  setStatus($("save-status"), "saving …");
  try {
    const out = await api("/v1/store", { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify(state.rec) });
    setStatus($("save-status"), `saved ${out.id} (${out.replaced ? "replaced" : "new"}; ${out.documents} in the store)` +
      (out.warnings.length ? `; warnings: ${out.warnings.join("; ")}` : ""), "ok");
    $("store-count").textContent = out.documents;
  } catch (e) { setStatus($("save-status"), e.message, "error"); }
}

function download(name, blob) {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
}

async function doCsv() {
  try {
    const r = await fetch("/v1/export/csv", { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ records: [state.rec] }) });
    if (!r.ok) throw new Error(`${r.status}: ${await r.text()}`);
    download(`${state.rec.id}.csv`, await r.blob());
  } catch (e) { setStatus($("save-status"), e.message, "error"); }
}

async function doReviewNext() {
  setStatus($("status"), "finding the most uncertain document …");
  const q = state.reviewSkip.map((s) => "skip=" + encodeURIComponent(s)).join("&");
  try {
    const item = await api("/v1/review/next" + (q ? "?" + q : ""));
    $("input").value = item.record.text;
    load(item.record);
    state.reviewSkip.push(item.id);
    $("review-info").textContent = `review #${item.rank}: ${item.expected_errors.toFixed(1)} expected tag errors ` +
      `(${item.score.toFixed(1)} per 1000 chars); ${item.remaining} not yet saved`;
    setStatus($("status"), "");
  } catch (e) { setStatus($("status"), e.status === 404 ? "review queue: nothing left" : e.message, "error"); }
}

// ------------------------------------------------------------------ wiring
function init() {
  for (const id of ["new-type", "ent-type"]) {
    for (const t of TYPES) { const o = document.createElement("option"); o.value = o.textContent = t; $(id).appendChild(o); }
  }
  $("extract").addEventListener("click", doExtract);
  $("file").addEventListener("change", doUpload);
  $("records").addEventListener("change", (ev) => showRecord(+ev.target.value));
  $("save").addEventListener("click", doSave);
  $("dl-jsonl").addEventListener("click", () => download(`${state.rec.id}.jsonl`,
    new Blob([JSON.stringify(state.rec) + "\n"], { type: "application/jsonl" })));
  $("dl-csv").addEventListener("click", doCsv);
  $("review-next").addEventListener("click", doReviewNext);
  $("ent-add").addEventListener("click", () => {
    const s = state.selection;
    if (!s) return;
    const gone = addEntity(s.start, s.end, $("new-type").value);
    render();
    setStatus($("save-status"), gone.length ? `replaced overlapping ${gone.join(", ")}` : "added; not saved yet");
  });
  $("ent-retype").addEventListener("click", () => { retype(state.selected, $("ent-type").value); render(); });
  $("ent-delete").addEventListener("click", () => { removeEntity(state.selected); render(); });
  const doc = $("doc");
  doc.addEventListener("mouseup", onSelect);
  doc.addEventListener("click", (ev) => {
    const m = ev.target.closest("mark.ent");
    if (!m || !window.getSelection().isCollapsed) return;
    state.selected = m.dataset.id;
    state.selection = null;
    render();
  });
  const tip = $("tip");
  doc.addEventListener("mouseover", (ev) => {
    const m = ev.target.closest("mark.ent");
    if (!m) { tip.hidden = true; return; }
    const e = entById()[m.dataset.id];
    if (!e) return;
    tip.textContent = attrsText(e);
    tip.hidden = false;
  });
  doc.addEventListener("mousemove", (ev) => { tip.style.left = ev.clientX + 12 + "px"; tip.style.top = ev.clientY + 14 + "px"; });
  doc.addEventListener("mouseleave", () => { tip.hidden = true; });
  api("/v1/model").then((m) => { $("model-info").textContent = `model ${m.name} · zhie ${m.version}`; }).catch(() => {});
  api("/v1/health").then((h) => { $("health").textContent = `${h.status}, ${h.workers} worker(s)`; }).catch(() => {});
  api("/v1/store").then((s) => { $("store-links").hidden = false; $("store-count").textContent = s.documents; }).catch(() => {});
  fetch("/v1/review").then((r) => { if (r.status !== 404) $("review-next").hidden = false; }).catch(() => {});
}

init();
