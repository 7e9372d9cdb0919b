// venvsim in the browser: Pyodide runs the venvsim engine, xterm.js is its terminal.
// Everything comes from this site's own folder: no CDN, no micropip.
import { loadPyodide } from "./pyodide/pyodide.mjs";
import { Terminal } from "./xterm/xterm.mjs";

const WORDS = {
  en: { lesson: "Lesson", sandbox: "Sandbox", machine: "Machine", language: "Language", view: "Picture",
        theme: "Theme", download: "Download SVG", share: "Copy link", paste: "Load a scenario (TOML)", load: "Load",
        ready: "Ready", loading: "Loading Python…", copied: "Link copied", steps: "The story",
        goals: "Exercises", run: "Run", next: "Next", back: "Back" },
  es: { lesson: "Lección", sandbox: "Máquina de pruebas", machine: "Máquina", language: "Idioma", view: "Dibujo",
        theme: "Tema", download: "Descargar SVG", share: "Copiar enlace", paste: "Cargar un escenario (TOML)",
        load: "Cargar", ready: "Listo", loading: "Cargando Python…", copied: "Enlace copiado",
        steps: "La historia", goals: "Ejercicios", run: "Ejecutar", next: "Siguiente", back: "Atrás" },
};
const $ = (id) => document.getElementById(id);
// step: the presenter's step (1..n; n + 1 is the end: outro and exercises; 0 off), ran: its command ran
// machine: the sandbox's machine (data/machines.toml; "" the default), when no lesson or scenario
const state = { lang: "en", lesson: "", toml: "", machine: "", view: "compare", theme: "light", lines: [], step: 0,
                ran: false };
let page = null, py = null, prompt = "$ ", buffer = "", typed = [], back = 0, svg = "";
let lesson = null, exit = "", done = 0, ranAt = "$ ";  // ranAt: the prompt the last command ran at

const term = new Terminal({ convertEol: true, screenReaderMode: true, cursorBlink: true,
  fontFamily: '"DejaVu Sans Mono", Menlo, Consolas, monospace', fontSize: 15, cols: 90, rows: 24,
  theme: { background: "#16191e" } });
term.open($("terminal"));
// xterm.js parses what is written in a later task and draws it in the next animation frame; this
// promise resolves once everything written so far is on screen (a page reading the terminal, or a test).
window.terminalDrawn = () => new Promise((done) => term.write("", () => requestAnimationFrame(() => setTimeout(done, 0))));

// As many columns as the terminal's box holds (xterm.js draws a fixed grid of cells).
function fit() {
  const box = $("terminal");
  const ctx = document.createElement("canvas").getContext("2d");
  ctx.font = `${term.options.fontSize}px ${term.options.fontFamily}`;
  const cell = ctx.measureText("W".repeat(50)).width / 50;
  const cols = Math.max(40, Math.floor((box.clientWidth - 8 - 14) / cell));
  if (cols !== term.cols) term.resize(cols, term.rows);
}
fit();
window.addEventListener("resize", fit);

function words() {
  document.documentElement.lang = state.lang;
  for (const el of document.querySelectorAll("[data-t]")) el.textContent = WORDS[state.lang][el.dataset.t];
}

function readHash() {
  const h = new URLSearchParams(location.hash.slice(1));
  state.lang = h.get("lang") === "es" ? "es" : "en";
  state.lesson = h.get("lesson") || "";
  state.toml = h.get("toml") || "";
  state.machine = h.get("machine") || "";
  state.view = h.get("view") || "compare";
  state.theme = h.get("theme") || "light";
  state.lines = h.getAll("l");
  state.step = Math.max(0, parseInt(h.get("step") || "0", 10) || 0);
  state.ran = h.get("ran") === "1";
}

function writeHash() {
  const h = new URLSearchParams();
  h.set("lang", state.lang);
  if (state.lesson) h.set("lesson", state.lesson);
  if (state.toml) h.set("toml", state.toml);
  if (state.machine && !state.lesson && !state.toml) h.set("machine", state.machine);
  if (state.view !== "compare") h.set("view", state.view);
  if (state.theme !== "light") h.set("theme", state.theme);
  if (state.lesson && state.step) h.set("step", String(state.step));
  if (state.lesson && state.step && state.ran) h.set("ran", "1");
  for (const l of state.lines) h.append("l", l);
  window.history.replaceState(null, "", "#" + h.toString());
}

function call(method, ...args) {
  const answer = JSON.parse(page[method](...args));
  if (answer.error) term.write(`\x1b[31m${answer.error}\x1b[0m\r\n`);
  return answer;
}

function show(answer) {
  if (answer.output) term.write(answer.output);
  if (answer.prompt !== undefined) prompt = answer.prompt;
  if (answer.svg) { svg = answer.svg; $("picture").innerHTML = svg; }
  if (answer.exercise !== undefined && answer.exercise !== done) { done = answer.exercise; panel(); }
}

const el = (tag, text) => { const e = document.createElement(tag); if (text) e.textContent = text; return e; };
// Lesson Markdown comes as HTML from the page's Python (markdown-it, raw HTML escaped).
const md = (tag, html) => { const e = el(tag); e.innerHTML = html; return e; };
const button = (id, word, action) => {
  const b = el("button", WORDS[state.lang][word]); b.type = "button"; b.id = id;
  b.addEventListener("click", action); return b;
};

// The presenter, as `venvsim lesson run`: a step's narration and command, the class predicts,
// Run types it into the terminal; its exit code here, outside the terminal's own text; Next.
function panel() {
  const box = $("story");
  if (!lesson) { box.hidden = true; box.replaceChildren(); return; }
  const w = WORDS[state.lang], total = lesson.steps.length, parts = [md("h2", lesson.title)];
  if (state.step >= 1 && state.step <= total) {
    const s = lesson.steps[state.step - 1];
    if (state.step === 1) parts.push(md("div", lesson.intro));
    const say = md("div", s.say); say.id = "say";
    parts.push(el("h3", s.label), say);
    const cmd = el("pre"); cmd.id = "command"; cmd.append(el("span", state.ran ? ranAt : prompt), el("strong", s.run));
    parts.push(cmd);
    const row = el("p"); row.className = "buttons";
    row.append(button("back", "back", stepBack));
    if (state.step === 1 && !state.ran) row.lastChild.disabled = true;
    if (!state.ran) {
      const q = el("p", lesson.words.predict); q.id = "predict"; parts.push(q);
      row.append(button("run", "run", runStep));
    } else {
      const x = el("p", exit); x.id = "exit"; x.className = /\b0$/.test(exit) ? "ok" : "failed";
      parts.push(x);
      row.append(button("next", "next", stepNext));
    }
    parts.push(row);
  } else if (state.step > total) {
    if (lesson.outro) parts.push(md("div", lesson.outro));
    parts.push(el("p", lesson.words.done));
    const goals = el("ol"); goals.id = "goals";
    lesson.exercises.forEach((g, i) => { const li = md("li", g); if (i < done) li.className = "met"; goals.append(li); });
    parts.push(el("h3", w.goals), goals);
    const row = el("p"); row.className = "buttons"; row.append(button("back", "back", stepBack)); parts.push(row);
  } else {  // a lesson's practice without the presenter: the whole story at once
    const steps = el("ol");
    for (const s of lesson.steps) { const li = el("li"); li.append(el("code", s.run), " ", md("span", s.say)); steps.append(li); }
    const goals = el("ol");
    for (const g of lesson.exercises) goals.append(md("li", g));
    parts.push(md("div", lesson.intro), el("h3", w.steps), steps, el("h3", w.goals), goals);
  }
  box.replaceChildren(...parts);
  box.hidden = false;
}

// Where each step's command is in the lines typed (-1: not run): Back cuts the lines there.
function stepLines() {
  const at = [];
  let from = 0;
  for (const s of lesson.steps) {
    const i = state.lines.findIndex((l, j) => j >= from && l.trim() === s.run.trim());
    at.push(i);
    if (i >= 0) from = i + 1;
  }
  return at;
}

function focusPanel() { const b = $("run") || $("next") || $("back"); (b && !b.disabled ? b : $("story")).focus(); }

function runStep() {
  if (!lesson || state.ran || state.step < 1 || state.step > lesson.steps.length) return;
  buffer = "";
  term.write("\r\x1b[2K");  // the prompt shown is written again, with the command typed after it
  run(lesson.steps[state.step - 1].run);
  term.write(prompt);
  state.ran = true;
  writeHash(); panel(); focusPanel();
}

function stepNext() {
  if (!lesson || !state.ran) return;
  state.step += 1; state.ran = false;
  if (state.step > lesson.steps.length) { state.lines = []; start(); }  // the practice: the exercises
  else { writeHash(); panel(); }
  focusPanel();
}

function stepBack() {
  if (!lesson || state.step < 1) return;
  const total = lesson.steps.length;
  if (state.step > total) { state.step = total; state.ran = true; state.lines = lesson.steps.map((s) => s.run); }
  else if (state.ran) {  // the machine as it was before this step's command
    const i = stepLines()[state.step - 1];
    if (i >= 0) state.lines = state.lines.slice(0, i);
    state.ran = false;
  } else if (state.step > 1) { state.step -= 1; state.ran = true; }
  else return;
  start(); focusPanel();
}

function start() {
  term.reset();
  const request = { lang: state.lang, width: term.cols };
  if (state.lesson) { request.lesson = state.lesson; request.step = state.step; }
  else if (state.toml) request.toml = state.toml;
  else if (state.machine) request.machine = state.machine;
  $("machine-choice").hidden = Boolean(state.lesson || state.toml);  // a lesson or scenario has its own
  const answer = JSON.parse(page.start(JSON.stringify(request)));
  if (answer.error) {
    $("toml-error").textContent = answer.error;
    term.write(`\x1b[31m${answer.error}\x1b[0m\r\n`);
    return false;
  }
  $("toml-error").textContent = "";
  lesson = answer.lesson; exit = ""; done = answer.exercise || 0;
  show(answer);
  if (state.view !== "compare" || state.theme !== "light") redraw();
  const lines = state.lines;
  state.lines = [];
  for (const line of lines) run(line);
  term.write(prompt);
  writeHash();
  panel();
  return true;
}

function run(line) {
  term.write(prompt + line + "\r\n");
  ranAt = prompt;
  state.lines.push(line);
  const answer = call("line", line);
  if (answer.exit) exit = answer.exit;
  show(answer);
}

function enter() {
  const line = buffer;
  buffer = "";
  term.write("\r\n");
  if (line.trim()) { typed.push(line); }
  back = 0;
  state.lines.push(line);
  const t0 = performance.now();
  const answer = call("line", line);
  if (answer.exit) exit = answer.exit;
  show(answer);
  document.body.dataset.latency = String(performance.now() - t0);
  if (answer.ended) { state.lines = []; start(); return; }  // exit: a new session, as a new tab
  term.write(prompt);
  writeHash();
}

function replaceLine(text) {
  term.write("\b \b".repeat([...buffer].length));
  buffer = text;
  term.write(buffer);
}

function complete() {
  const { candidates = [] } = call("complete", buffer);
  if (candidates.length === 0) return;
  const head = buffer.slice(0, buffer.lastIndexOf(" ") + 1);
  let common = candidates[0];
  for (const c of candidates) while (!c.startsWith(common)) common = common.slice(0, -1);
  const word = buffer.slice(head.length);
  if (candidates.length === 1) replaceLine(head + common + (common.endsWith("/") ? "" : " "));
  else if (common.length > word.length) replaceLine(head + common);
  else { term.write("\r\n" + candidates.join("  ") + "\r\n" + prompt + buffer); }
}

term.onData((data) => {
  if (!page) return;
  if (data.length > 1 && /[\r\n]/.test(data) && !data.startsWith("\x1b")) {  // pasted lines
    const parts = data.replace(/\r\n?/g, "\n").split("\n");
    parts.forEach((part, i) => {
      const text = part.replace(/[\x00-\x1f]/g, "");
      buffer += text; term.write(text);
      if (i < parts.length - 1) enter();
    });
  } else if (data === "\r") enter();
  else if (data === "\x7f" || data === "\b") {
    if (buffer) { buffer = [...buffer].slice(0, -1).join(""); term.write("\b \b"); }
  } else if (data === "\x1b[A") {
    if (back < typed.length) { back += 1; replaceLine(typed[typed.length - back]); }
  } else if (data === "\x1b[B") {
    if (back > 0) { back -= 1; replaceLine(back ? typed[typed.length - back] : ""); }
  } else if (data === "\t") complete();
  else if (data === "\x03") { buffer = ""; term.write("^C\r\n" + prompt); }
  else if (data === "\x0c") { term.clear(); }
  else if (data === "\x1b") {  // Escape leaves the terminal: for the presenter's panel, else the buttons
    if (lesson && state.step >= 1) focusPanel(); else $("download").focus();
  }
  else if (!data.startsWith("\x1b")) {
    const text = data.replace(/[\x00-\x1f]/g, "");
    buffer += text; term.write(text);
  }
});

let lessons = () => [];
let machines = () => [];

function fillMachines() {
  const select = $("machine");
  select.replaceChildren();
  for (const m of machines(state.lang)) {
    const o = document.createElement("option");
    o.value = m.name; o.textContent = m.label;
    select.append(o);
  }
  select.value = state.machine || select.options[0].value;
}

function fillLessons() {
  const select = $("lesson");
  select.replaceChildren(select.options[0]);
  for (const l of lessons(state.lang)) {
    const o = document.createElement("option");
    o.value = l.id; o.textContent = `${l.id.split("-")[0]} · ${l.title}`;
    select.append(o);
  }
  select.value = state.lesson;
}

function download() {
  const blob = new Blob([svg], { type: "image/svg+xml" });
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = `venvsim-${state.view}.svg`;
  a.click();
  URL.revokeObjectURL(a.href);
}

async function main() {
  readHash();
  words();
  $("lang").value = state.lang;
  $("view").value = state.view;
  $("theme").value = state.theme;
  const mark = (name) => { document.body.dataset[name] = String(Math.round(performance.now())); };
  mark("tStart");
  // The wheels download while Pyodide starts; then they are unpacked into its site-packages.
  const get = async (path) => {
    const r = await fetch(path);
    if (!r.ok) throw new Error(`${path}: ${r.status} ${r.statusText}`);
    return r;
  };
  const wheels = get("wheels/index.json").then((r) => r.json()).then((names) =>
    Promise.all(names.map((n) => get("wheels/" + n).then((r) => r.arrayBuffer()))));
  py = await loadPyodide({ indexURL: new URL("pyodide/", location.href).href, packages: [] });
  mark("tPyodide");
  for (const data of await wheels) py.unpackArchive(data, "wheel");
  mark("tWheels");
  const mod = py.pyimport("simulator.web.page");
  mark("tImport");
  page = mod.Page();
  lessons = (lang) => JSON.parse(mod.lessons(lang)).lessons || [];
  machines = (lang) => JSON.parse(mod.machines(lang)).machines || [];
  fillLessons(); fillMachines();
  mark("tLessons");
  start();
  mark("tReady");
  $("status").textContent = WORDS[state.lang].ready;
  document.body.dataset.ready = "1";
  term.focus();
}

$("lesson").addEventListener("change", () => {
  state.lesson = $("lesson").value; state.toml = ""; state.lines = [];
  state.step = state.lesson ? 1 : 0; state.ran = false;
  start(); if (state.lesson) focusPanel(); else term.focus();
});
$("machine").addEventListener("change", () => {
  state.machine = $("machine").selectedIndex > 0 ? $("machine").value : "";
  state.lesson = ""; state.toml = ""; state.lines = []; state.step = 0; state.ran = false;
  $("lesson").value = ""; start(); term.focus();
});
// Keys on the panel: Enter or → runs the command, then goes on; ← goes back (clickers: PageDown/Up);
// Escape: on to the buttons above.
$("story").addEventListener("keydown", (e) => {
  if (e.key === "Escape") { e.preventDefault(); $("download").focus(); return; }  // on to the buttons
  if (!lesson || state.step < 1 || e.altKey || e.ctrlKey || e.metaKey) return;
  if (e.key === "Enter" && e.target.tagName === "BUTTON") return;  // the button itself answers
  if (["Enter", "ArrowRight", "PageDown"].includes(e.key)) { e.preventDefault(); state.ran ? stepNext() : runStep(); }
  else if (["ArrowLeft", "PageUp"].includes(e.key)) { e.preventDefault(); stepBack(); }
});
$("lang").addEventListener("change", () => {
  state.lang = $("lang").value; words(); fillLessons(); fillMachines(); start();
  $("status").textContent = WORDS[state.lang].ready;
});
function redraw() {
  document.body.classList.toggle("dark", state.theme === "dark");
  show(call("draw", state.view, state.theme));
}
$("view").addEventListener("change", () => { state.view = $("view").value; redraw(); writeHash(); });
$("theme").addEventListener("change", () => { state.theme = $("theme").value; redraw(); writeHash(); });
$("download").addEventListener("click", download);
$("share").addEventListener("click", async () => {
  writeHash();
  try { await navigator.clipboard.writeText(location.href); $("status").textContent = WORDS[state.lang].copied; }
  catch { $("status").textContent = location.href; }
});
$("load").addEventListener("click", () => {
  const saved = { ...state };
  state.toml = $("toml").value; state.lesson = ""; state.lines = []; state.step = 0; state.ran = false;
  if (!start()) { Object.assign(state, saved); term.write(prompt); } else { $("lesson").value = ""; term.focus(); }
});
// A link typed or pasted into the address bar of an open page opens its machine.
window.addEventListener("hashchange", () => {
  if (!page) return;
  readHash(); words(); $("lang").value = state.lang; $("view").value = state.view;
  $("theme").value = state.theme;
  fillLessons(); fillMachines(); start();
});
main().catch((e) => {
  $("status").textContent = "venvsim could not start: " + String(e).split("\n")[0];
  document.body.dataset.ready = "error";
});
