// venvsim in the browser: Pyodide runs the venvsim engine, xterm.js is its terminal.
// Everything comes from this site's own folder: no CDN, no micropip.
import { loadPyodide } from "./pyodide/pyodide.mjs";
import { Terminal } from "./xterm/xterm.mjs";

const WORDS = {
  en: { lesson: "Lesson", sandbox: "Sandbox", language: "Language", view: "Picture",
        theme: "Theme", download: "Download SVG", share: "Copy link", paste: "Load a scenario (TOML)", load: "Load",
        ready: "Ready", loading: "Loading Python…", copied: "Link copied", steps: "The story",
        goals: "Exercises" },
  es: { lesson: "Lección", sandbox: "Máquina de pruebas", language: "Idioma", view: "Dibujo",
        theme: "Tema", download: "Descargar SVG", share: "Copiar enlace", paste: "Cargar un escenario (TOML)",
        load: "Cargar", ready: "Listo", loading: "Cargando Python…", copied: "Enlace copiado",
        steps: "La historia", goals: "Ejercicios" },
};
const $ = (id) => document.getElementById(id);
const state = { lang: "en", lesson: "", toml: "", view: "compare", theme: "light", lines: [] };
let page = null, py = null, prompt = "$ ", buffer = "", typed = [], back = 0, svg = "";

const term = new Terminal({ convertEol: true, screenReaderMode: true, cursorBlink: true,
  fontFamily: '"DejaVu Sans Mono", Menlo, Consolas, monospace', fontSize: 15, cols: 90, rows: 24,
  theme: { background: "#16191e" } });
term.open($("terminal"));

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
  state.view = h.get("view") || "compare";
  state.theme = h.get("theme") || "light";
  state.lines = h.getAll("l");
}

function writeHash() {
  const h = new URLSearchParams();
  h.set("lang", state.lang);
  if (state.lesson) h.set("lesson", state.lesson);
  if (state.toml) h.set("toml", state.toml);
  if (state.view !== "compare") h.set("view", state.view);
  if (state.theme !== "light") h.set("theme", state.theme);
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
}

function story(lesson) {
  const box = $("story");
  if (!lesson) { box.hidden = true; box.replaceChildren(); return; }
  const w = WORDS[state.lang];
  const el = (tag, text) => { const e = document.createElement(tag); if (text) e.textContent = text; return e; };
  // A lesson's text is Markdown: **bold** and `code` shown as such (built as nodes, never as HTML).
  const md = (tag, text) => {
    const e = el(tag);
    for (const part of text.split(/(\*\*[^*]+\*\*|`[^`]+`)/)) {
      if (part.startsWith("**") && part.endsWith("**") && part.length > 4) e.append(el("strong", part.slice(2, -2)));
      else if (part.startsWith("`") && part.endsWith("`") && part.length > 2) e.append(el("code", part.slice(1, -1)));
      else if (part) e.append(part);
    }
    return e;
  };
  const steps = el("ol");
  for (const s of lesson.steps) {
    const li = el("li"); li.append(el("code", s.run), " ", md("span", s.say)); steps.append(li);
  }
  const goals = el("ol");
  for (const g of lesson.exercises) goals.append(md("li", g));
  box.replaceChildren(md("h2", lesson.title), md("p", lesson.intro), el("h3", w.steps), steps,
                      el("h3", w.goals), goals);
  box.hidden = false;
}

function start() {
  term.reset();
  const request = { lang: state.lang, width: term.cols };
  if (state.lesson) request.lesson = state.lesson;
  else if (state.toml) request.toml = state.toml;
  const answer = JSON.parse(page.start(JSON.stringify(request)));
  if (answer.error) {
    $("toml-error").textContent = answer.error;
    term.write(`\x1b[31m${answer.error}\x1b[0m\r\n`);
    return false;
  }
  $("toml-error").textContent = "";
  story(answer.lesson);
  show(answer);
  if (state.view !== "compare" || state.theme !== "light") redraw();
  const lines = state.lines;
  state.lines = [];
  for (const line of lines) run(line);
  term.write(prompt);
  writeHash();
  return true;
}

function run(line) {
  term.write(prompt + line + "\r\n");
  state.lines.push(line);
  show(call("line", line));
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
  else if (data === "\x1b") { $("download").focus(); }  // Escape leaves the terminal
  else if (!data.startsWith("\x1b")) {
    const text = data.replace(/[\x00-\x1f]/g, "");
    buffer += text; term.write(text);
  }
});

let lessons = () => [];

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
  fillLessons();
  mark("tLessons");
  start();
  mark("tReady");
  $("status").textContent = WORDS[state.lang].ready;
  document.body.dataset.ready = "1";
  term.focus();
}

$("lesson").addEventListener("change", () => {
  state.lesson = $("lesson").value; state.toml = ""; state.lines = []; start(); term.focus();
});
$("lang").addEventListener("change", () => {
  state.lang = $("lang").value; words(); fillLessons(); start();
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
  state.toml = $("toml").value; state.lesson = ""; state.lines = [];
  if (!start()) { Object.assign(state, saved); term.write(prompt); } else { $("lesson").value = ""; term.focus(); }
});
// A link typed or pasted into the address bar of an open page opens its machine.
window.addEventListener("hashchange", () => {
  if (!page) return;
  readHash(); words(); $("lang").value = state.lang; $("view").value = state.view;
  $("theme").value = state.theme;
  fillLessons(); start();
});
main().catch((e) => {
  $("status").textContent = "venvsim could not start: " + String(e).split("\n")[0];
  document.body.dataset.ready = "error";
});
