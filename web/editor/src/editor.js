/*! Midad newsroom editor. Bundles tiptap 3.35.0 (Copyright (c) 2025, Tiptap GmbH),
 * ProseMirror, orderedmap, rope-sequence and w3c-keyname (Copyright (C) 2015-2017
 * by Marijn Haverbeke and others) and linkifyjs (Copyright (c) 2024 Nick Frasser),
 * all under the MIT License:
 * Permission is hereby granted, free of charge, to any person obtaining a copy of
 * this software and associated documentation files (the "Software"), to deal in
 * the Software without restriction, including without limitation the rights to
 * use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of
 * the Software, and to permit persons to whom the Software is furnished to do so,
 * subject to the following conditions: The above copyright notice and this
 * permission notice shall be included in all copies or substantial portions of
 * the Software. THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND,
 * EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF
 * MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO
 * EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR
 * OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING
 * FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN
 * THE SOFTWARE. Source: web/editor in the Midad repository.
 */

// Midad's newsroom editor. It turns every <textarea data-editor> into a
// tiptap editor with an Arabic toolbar, and writes the article's HTML back
// into the textarea on every change, so the form, its autosave and the
// page without JavaScript all see the same field.
//
// The page's side: a <textarea data-editor> with a <label for>, holding the
// body's HTML, inside a form whose data-lang gives the default direction
// ("fr" → ltr; a dir attribute on the textarea wins; else rtl), plus
// editor.js (defer) and editor.css. The bundle's side: it hides the
// textarea (marking it data-editor-ready="1"), puts before it a div.editor
// holding [role=toolbar] (buttons with data-command="paragraph|h2|h3|bold|
// italic|link|quote|bullets|numbers|image|rtl|ltr|auto") and the
// contenteditable .editor-area, and on every change writes the HTML into the
// textarea ("" when empty) and fires a bubbling input event on it. Images
// are sent to POST /newsroom/media (file, alt, caption, credit) and answer
// 201 {src, srcset, width, height, alt, caption, credit} or 4xx {error}.
//
// It runs under the site's Content-Security-Policy (script-src 'self',
// style-src 'self'): no inline <style> (tiptap's injectCSS is off; its rules
// are in editor.css), no style attributes, no eval. The HTML it produces
// uses only what internal/richtext allows.

import { Editor, Extension, Node } from "@tiptap/core";
import { Document } from "@tiptap/extension-document";
import { Paragraph } from "@tiptap/extension-paragraph";
import { Text } from "@tiptap/extension-text";
import { Heading } from "@tiptap/extension-heading";
import { Bold } from "@tiptap/extension-bold";
import { Italic } from "@tiptap/extension-italic";
import { Link } from "@tiptap/extension-link";
import { Blockquote } from "@tiptap/extension-blockquote";
import { HardBreak } from "@tiptap/extension-hard-break";
import { BulletList, OrderedList, ListItem, ListKeymap } from "@tiptap/extension-list";
import { Selection } from "@tiptap/pm/state";
import { UndoRedo, Dropcursor, Gapcursor, TrailingNode, Placeholder } from "@tiptap/extensions";

const MEDIA_URL = "/newsroom/media";
const SIZES = "(max-width: 48rem) 100vw, 48rem";
const DIRS = ["rtl", "ltr", "auto"];

// The block nodes that carry their own direction.
const DIR_TYPES = ["paragraph", "heading", "blockquote", "bulletList", "orderedList", "listItem", "figure"];
// Containers that take a direction only when all their text is being set.
const DIR_CONTAINERS = ["blockquote", "bulletList", "orderedList", "listItem"];

function validDir(v) {
  v = (v || "").toLowerCase();
  return DIRS.indexOf(v) >= 0 ? v : null;
}

// allowedURL accepts http(s) and mailto links and links relative to the
// site; everything else (javascript:, data:, file:…) is refused, as the
// server's sanitizer would.
function allowedURL(url) {
  if (typeof url !== "string" || url.trim() === "") return false;
  try {
    const u = new URL(url.trim(), document.baseURI);
    return u.protocol === "http:" || u.protocol === "https:" || u.protocol === "mailto:";
  } catch (e) {
    return false;
  }
}

// allowedSrc accepts images from http(s) or relative addresses only.
function allowedSrc(src) {
  if (!src) return false;
  try {
    const u = new URL(src.trim(), document.baseURI);
    return u.protocol === "http:" || u.protocol === "https:";
  } catch (e) {
    return false;
  }
}

// normalizeURL completes "www.example.com/x" to https://, since a journalist
// typing a bare domain does not mean a page of our own site.
function normalizeURL(url) {
  url = url.trim();
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || /^[/?#.]/.test(url)) return url;
  if (/^[^\s/?#@]+\.[a-z]{2,}(?:[/?#:]|$)/i.test(url)) return "https://" + url;
  if (/^[^\s/@]+@[^\s/@]+\.[a-z]{2,}$/i.test(url)) return "mailto:" + url;
  return url;
}

const RTL_LETTER = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;
const LETTER = /\p{L}/u;

// firstStrong is the direction of the first letter of text, or "".
function firstStrong(text) {
  for (const ch of text) {
    if (LETTER.test(ch)) return RTL_LETTER.test(ch) ? "rtl" : "ltr";
  }
  return "";
}

// Direction adds a dir attribute (rtl, ltr, auto; none by default, so the
// paragraph follows the article) to the blocks that may carry one, and the
// command that sets it on the blocks under the selection.
const Direction = Extension.create({
  name: "direction",

  addGlobalAttributes() {
    return [{
      types: DIR_TYPES,
      attributes: {
        dir: {
          default: null,
          parseHTML: (el) => validDir(el.getAttribute("dir")),
          renderHTML: (attrs) => (attrs.dir ? { dir: attrs.dir } : {}),
        },
      },
    }];
  },

  addCommands() {
    return {
      setBlockDirection: (dir) => ({ state, tr, dispatch }) => {
        dir = validDir(dir);
        const { from, to } = state.selection;
        const blocks = new Map(); // pos → node
        const containers = new Map();
        state.doc.nodesBetween(from, to, (node, pos) => {
          if (node.isTextblock || node.type.name === "figure") {
            blocks.set(pos, node);
            const $pos = state.doc.resolve(pos);
            for (let d = $pos.depth; d > 0; d--) {
              const anc = $pos.node(d);
              if (DIR_CONTAINERS.indexOf(anc.type.name) >= 0) containers.set($pos.before(d), anc);
            }
            return false;
          }
          return true;
        });
        if (blocks.size === 0) return false;
        // A container follows only when every block inside it is set, so
        // that one paragraph of a quote does not turn its neighbours.
        containers.forEach((node, pos) => {
          let all = true;
          node.descendants((child, off) => {
            if (!all) return false;
            if (child.isTextblock || child.type.name === "figure") {
              if (!blocks.has(pos + 1 + off)) all = false;
              return false;
            }
            return true;
          });
          if (all) blocks.set(pos, node);
        });
        if (dispatch) {
          blocks.forEach((node, pos) => {
            if (DIR_TYPES.indexOf(node.type.name) >= 0 && node.attrs.dir !== dir) {
              tr.setNodeMarkup(pos, undefined, { ...node.attrs, dir });
            }
          });
        }
        return true;
      },
    };
  },
});

// Headings: h2 and h3 only (the page's title is the h1). Pasted h1 become
// h2 and h4–h6 become h3 instead of plain paragraphs.
const Headings = Heading.extend({
  parseHTML() {
    return [
      { tag: "h1", attrs: { level: 2 } },
      { tag: "h2", attrs: { level: 2 } },
      { tag: "h3", attrs: { level: 3 } },
      { tag: "h4", attrs: { level: 3 } },
      { tag: "h5", attrs: { level: 3 } },
      { tag: "h6", attrs: { level: 3 } },
    ];
  },
}).configure({ levels: [2, 3] });

// Links keep only href and title: no target, rel or class from a paste.
const Links = Link.extend({
  // Typing just after a link does not lengthen it.
  inclusive: () => false,
  addAttributes() {
    return {
      href: { default: null, parseHTML: (el) => el.getAttribute("href") },
      title: { default: null },
    };
  },
  renderHTML({ HTMLAttributes }) {
    const attrs = { href: allowedURL(HTMLAttributes.href) ? HTMLAttributes.href : null };
    if (HTMLAttributes.title) attrs.title = HTMLAttributes.title;
    return ["a", attrs, 0];
  },
  addKeyboardShortcuts() {
    return {
      "Mod-k": () => {
        const ui = this.editor.midadUI;
        if (ui) ui.openLink();
        return true;
      },
    };
  },
}).configure({
  openOnClick: false,
  autolink: true,
  linkOnPaste: true,
  defaultProtocol: "https",
  isAllowedUri: (url) => allowedURL(url),
});

// Ordered lists drop start and type, which the sanitizer removes anyway.
const OrderedLists = OrderedList.extend({
  addAttributes() {
    return {};
  },
});

// Figure is an image from the newsroom's media library with its caption and
// credit, as one block:
// <figure><img …><figcaption>caption<small>credit</small></figcaption></figure>.
const Figure = Node.create({
  name: "figure",
  group: "block",
  atom: true,
  draggable: true,
  selectable: true,

  addAttributes() {
    const plain = { default: null, rendered: false };
    return {
      src: plain,
      srcset: plain,
      width: plain,
      height: plain,
      alt: { default: "", rendered: false },
      caption: { default: "", rendered: false },
      credit: { default: "", rendered: false },
    };
  },

  parseHTML() {
    return [{
      tag: "figure",
      getAttrs: (el) => {
        const img = el.querySelector("img");
        if (!img || !allowedSrc(img.getAttribute("src"))) return false;
        let caption = "";
        let credit = "";
        const cap = el.querySelector("figcaption");
        if (cap) {
          const small = cap.querySelector("small");
          if (small) credit = small.textContent.trim();
          const rest = cap.cloneNode(true);
          rest.querySelectorAll("small").forEach((s) => s.remove());
          caption = rest.textContent.replace(/\s+/g, " ").trim();
        }
        return {
          src: img.getAttribute("src"),
          srcset: img.getAttribute("srcset"),
          width: img.getAttribute("width"),
          height: img.getAttribute("height"),
          alt: img.getAttribute("alt") || "",
          caption,
          credit,
        };
      },
    }];
  },

  renderHTML({ node, HTMLAttributes }) {
    const a = node.attrs;
    const img = { src: a.src };
    if (a.srcset) {
      img.srcset = a.srcset;
      img.sizes = SIZES;
    }
    img.alt = a.alt || "";
    if (a.width) img.width = String(a.width);
    if (a.height) img.height = String(a.height);
    img.loading = "lazy";
    const spec = ["figure", HTMLAttributes, ["img", img]];
    if (a.caption || a.credit) {
      const cap = ["figcaption"];
      if (a.caption) cap.push(a.caption);
      if (a.credit) cap.push(["small", a.credit]);
      spec.push(cap);
    }
    return spec;
  },
});

// Pasted HTML is parsed by the browser, and under the site's CSP every
// style attribute, <style> element and on… handler it meets is refused and
// reported. So cleanPaste first takes them out of the string: <style>,
// <script> and comments go, on… attributes go, and style attributes are
// renamed to data-paste-style, which the CSP does not look at. Then it turns
// the styles that mean something into elements (Google Docs writes bold as
// <span style="font-weight:700"> inside <b style="font-weight:normal">), and
// drops a block's direction when it contradicts its own text (Google Docs
// marks every paragraph dir="ltr", Arabic ones included).
const TAG = /<([a-zA-Z][^\s/>]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
const ATTR = /([^\s"'>/=]+)(\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?/g;
const STYLE_ATTR = "data-paste-style";

function defuse(html) {
  return html
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<!\[[^\]]*\]>/g, "")
    .replace(/<(style|script|template|noscript|iframe|object)\b[\s\S]*?<\/\1\s*>/gi, "")
    .replace(/<(link|meta|base)\b(?:[^>"']|"[^"]*"|'[^']*')*>/gi, "")
    .replace(TAG, (m, name, attrs) => "<" + name + attrs.replace(ATTR, (a, n, v) => {
      const l = n.toLowerCase();
      if (l === "style") return STYLE_ATTR + (v || "");
      if (l.startsWith("on")) return "";
      return a;
    }) + ">");
}

function styleOf(el) {
  const out = {};
  for (const decl of (el.getAttribute(STYLE_ATTR) || "").split(";")) {
    const i = decl.indexOf(":");
    if (i > 0) out[decl.slice(0, i).trim().toLowerCase()] = decl.slice(i + 1).trim().toLowerCase();
  }
  return out;
}

function wrapChildren(el, tag) {
  const w = el.ownerDocument.createElement(tag);
  while (el.firstChild) w.appendChild(el.firstChild);
  el.appendChild(w);
}

function cleanPaste(html) {
  const doc = new DOMParser().parseFromString(defuse(html), "text/html");
  doc.body.querySelectorAll("[" + STYLE_ATTR + "]").forEach((el) => {
    const st = styleOf(el);
    el.removeAttribute(STYLE_ATTR);
    const tag = el.tagName.toLowerCase();
    const weight = st["font-weight"] || "";
    const heavy = /^(bold|bolder|[6-9]\d\d)$/.test(weight);
    if ((tag === "b" || tag === "strong") && /^(normal|lighter|[1-4]\d\d)$/.test(weight)) {
      el.replaceWith(...el.childNodes); // Google Docs' wrapper, not bold
      return;
    }
    if (heavy && !/^(b|strong|h[1-6]|th)$/.test(tag)) wrapChildren(el, "strong");
    if (/^(italic|oblique)/.test(st["font-style"] || "") && tag !== "i" && tag !== "em") wrapChildren(el, "em");
  });
  doc.body.querySelectorAll("[dir]").forEach((el) => {
    const dir = validDir(el.getAttribute("dir"));
    const strong = firstStrong(el.textContent || "");
    if (!dir || (dir !== "auto" && strong && strong !== dir)) el.removeAttribute("dir");
    else el.setAttribute("dir", dir);
  });
  return doc.body.innerHTML;
}

// ---------------------------------------------------------------------------
// DOM helpers: everything is built with DOM APIs, nothing from strings.

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const k of Object.keys(attrs)) {
      const v = attrs[k];
      if (v === null || v === undefined || v === false) continue;
      if (k === "text") el.textContent = v;
      else if (k === "class") el.className = v;
      else el.setAttribute(k, v === true ? "" : String(v));
    }
  }
  for (const c of children) if (c) el.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
  return el;
}

let uid = 0;
function nextID(prefix) {
  uid++;
  return "editor-" + prefix + "-" + uid;
}

function labelText(ta) {
  if (ta.getAttribute("aria-label")) return ta.getAttribute("aria-label");
  if (ta.labels && ta.labels.length) return ta.labels[0].textContent.replace(/\s+/g, " ").trim();
  return "نص المقال";
}

function docDirection(ta) {
  const own = validDir(ta.getAttribute("dir"));
  if (own) return own;
  const form = ta.closest("form");
  const lang = form && form.getAttribute("data-lang");
  if (lang && /^fr\b/i.test(lang)) return "ltr";
  return "rtl";
}

// field builds a labelled input for the dialogs.
function field(label, input, hint) {
  const id = nextID("f");
  input.id = id;
  const wrap = h("p", { class: "editor-field" }, h("label", { for: id, text: label }), input);
  if (hint) {
    const hid = nextID("h");
    wrap.appendChild(h("small", { id: hid, class: "editor-hint", text: hint }));
    input.setAttribute("aria-describedby", hid);
  }
  return wrap;
}

function setError(box, msg) {
  box.textContent = msg || "";
  box.hidden = !msg;
}

// ---------------------------------------------------------------------------

const BUTTONS = [
  { group: "نوع الفقرة", items: [
    { id: "paragraph", text: "فقرة", label: "فقرة",
      run: (c) => c.setParagraph(), active: (e) => e.isActive("paragraph") },
    { id: "h2", text: "عنوان", label: "عنوان فرعي",
      run: (c) => c.toggleHeading({ level: 2 }), active: (e) => e.isActive("heading", { level: 2 }) },
    { id: "h3", text: "عنوان صغير", label: "عنوان صغير",
      run: (c) => c.toggleHeading({ level: 3 }), active: (e) => e.isActive("heading", { level: 3 }) },
  ] },
  { group: "تنسيق النص", items: [
    { id: "bold", text: "ع", label: "عريض", keys: "Ctrl+B",
      run: (c) => c.toggleBold(), active: (e) => e.isActive("bold") },
    { id: "italic", text: "م", label: "مائل", keys: "Ctrl+I",
      run: (c) => c.toggleItalic(), active: (e) => e.isActive("italic") },
    { id: "link", text: "رابط", label: "رابط", keys: "Ctrl+K",
      ui: "openLink", active: (e) => e.isActive("link") },
  ] },
  { group: "الكتل", items: [
    { id: "quote", text: "اقتباس", label: "اقتباس",
      run: (c) => c.toggleBlockquote(), active: (e) => e.isActive("blockquote") },
    { id: "bullets", text: "• قائمة", label: "قائمة نقطية",
      run: (c) => c.toggleBulletList(), active: (e) => e.isActive("bulletList") },
    { id: "numbers", text: "١. قائمة", label: "قائمة مرقمة",
      run: (c) => c.toggleOrderedList(), active: (e) => e.isActive("orderedList") },
    { id: "image", text: "صورة", label: "صورة", ui: "openImage" },
  ] },
  { group: "اتجاه الفقرة", items: [
    { id: "rtl", text: "يمين ←", label: "من اليمين إلى اليسار", dir: "rtl" },
    { id: "ltr", text: "→ يسار", label: "من اليسار إلى اليمين", dir: "ltr" },
    { id: "auto", text: "تلقائي", label: "تلقائي", dir: "auto" },
  ] },
];

// effectiveDir is the direction of the block holding the selection's start.
function effectiveDir(editor, fallback) {
  const $from = editor.state.selection.$from;
  for (let d = $from.depth; d > 0; d--) {
    const dir = $from.node(d).attrs.dir;
    if (dir) return dir;
  }
  const sel = editor.state.selection;
  if (sel.node && sel.node.attrs.dir) return sel.node.attrs.dir;
  return fallback;
}

class EditorUI {
  constructor(ta) {
    this.ta = ta;
    this.dir = docDirection(ta);
    const baseID = ta.id || nextID("body");
    this.areaID = baseID + "-editor";

    this.wrap = h("div", { class: "editor" });
    this.toolbar = this.buildToolbar();
    this.wrap.appendChild(this.toolbar);
    ta.parentNode.insertBefore(this.wrap, ta);

    const attrs = {
      id: this.areaID,
      class: "editor-area",
      role: "textbox",
      "aria-multiline": "true",
      "aria-label": labelText(ta),
      dir: this.dir,
      lang: ta.getAttribute("lang") || "",
      spellcheck: "true",
    };
    if (!attrs.lang) delete attrs.lang;
    if (ta.getAttribute("aria-describedby")) attrs["aria-describedby"] = ta.getAttribute("aria-describedby");
    if (ta.required) {
      attrs["aria-required"] = "true";
      this.required = true;
      ta.required = false;
    }

    const extensions = [
      Document, Paragraph, Text, HardBreak, Headings, Bold, Italic, Links, Blockquote,
      BulletList, OrderedLists, ListItem, ListKeymap, Figure, Direction,
      UndoRedo, Dropcursor, Gapcursor, TrailingNode,
    ];
    if (ta.placeholder) extensions.push(Placeholder.configure({ placeholder: ta.placeholder }));

    this.editor = new Editor({
      element: this.wrap,
      extensions,
      content: ta.value,
      injectCSS: false,
      editorProps: {
        attributes: attrs,
        transformPastedHTML: cleanPaste,
        handleDOMEvents: {
          // A click in the empty space below the last block puts the
          // cursor at the end; left to ProseMirror, the selection lands on
          // the document itself, where typing and pasting go astray.
          mousedown: (view, ev) => {
            if (ev.target !== view.dom || ev.button !== 0) return false;
            const last = view.dom.lastElementChild;
            if (!last || ev.clientY <= last.getBoundingClientRect().bottom) return false;
            ev.preventDefault();
            view.focus();
            view.dispatch(view.state.tr.setSelection(Selection.atEnd(view.state.doc)).scrollIntoView());
            return true;
          },
        },
      },
    });
    this.editor.midadUI = this;
    this.area = this.editor.view.dom;
    // aria-invalid is kept out of ProseMirror's attributes, which it would
    // put back on every update; save() takes it away at the first change.
    if (ta.getAttribute("aria-invalid") === "true") this.area.setAttribute("aria-invalid", "true");
    this.toolbar.setAttribute("aria-controls", this.areaID);

    this.editor.on("update", () => this.save());
    this.editor.on("transaction", () => this.refresh());
    this.refresh();

    ta.hidden = true;
    ta.setAttribute("aria-hidden", "true");
    ta.tabIndex = -1;
    // The label now names the editor: a click on it goes there.
    if (ta.labels) {
      for (const l of ta.labels) l.addEventListener("click", (ev) => { ev.preventDefault(); this.editor.commands.focus(); });
    }
    const form = ta.form;
    if (form && this.required) {
      form.addEventListener("submit", (ev) => {
        if (!this.editor.isEmpty) return;
        ev.preventDefault();
        this.area.setAttribute("aria-invalid", "true");
        this.editor.commands.focus();
      });
    }
    ta.setAttribute("data-editor-ready", "1");
  }

  // save writes the HTML into the textarea and tells the page. The empty
  // paragraph that follows a final figure or list, for the cursor, is left out.
  save() {
    const html = this.editor.isEmpty ? "" : this.editor.getHTML().replace(/(?:<p(?: dir="[a-z]+")?><\/p>)+$/, "");
    if (this.ta.value === html) return;
    this.ta.value = html;
    this.area.removeAttribute("aria-invalid");
    this.ta.dispatchEvent(new Event("input", { bubbles: true }));
  }

  buildToolbar() {
    const bar = h("div", { class: "editor-toolbar", role: "toolbar", "aria-label": "أدوات التحرير" });
    this.buttons = [];
    for (const g of BUTTONS) {
      const group = h("div", { class: "editor-group", role: "group", "aria-label": g.group });
      for (const b of g.items) {
        const title = b.keys ? b.label + " (" + b.keys + ")" : b.label;
        const btn = h("button", {
          type: "button",
          class: "editor-button editor-" + b.id,
          "data-command": b.id,
          "aria-label": b.label,
          title,
          tabindex: "-1",
          text: b.text,
        });
        if (b.active || b.dir) btn.setAttribute("aria-pressed", "false");
        if (b.keys) btn.setAttribute("aria-keyshortcuts", b.keys.replace("Ctrl", "Control"));
        // Keep the editor's selection while the mouse is down on a button.
        btn.addEventListener("mousedown", (ev) => ev.preventDefault());
        btn.addEventListener("click", () => this.press(b));
        group.appendChild(btn);
        this.buttons.push({ def: b, el: btn });
      }
      bar.appendChild(group);
    }
    this.buttons[0].el.tabIndex = 0;
    bar.addEventListener("keydown", (ev) => this.toolbarKey(ev));
    return bar;
  }

  // toolbarKey moves between buttons with the arrows (one tab stop for the
  // whole toolbar); in a right-to-left page the left arrow goes forward.
  toolbarKey(ev) {
    const els = this.buttons.map((b) => b.el);
    const i = els.indexOf(document.activeElement);
    if (i < 0) return;
    const rtl = getComputedStyle(this.toolbar).direction === "rtl";
    let j = -1;
    if (ev.key === "ArrowRight") j = rtl ? i - 1 : i + 1;
    else if (ev.key === "ArrowLeft") j = rtl ? i + 1 : i - 1;
    else if (ev.key === "Home") j = 0;
    else if (ev.key === "End") j = els.length - 1;
    else return;
    ev.preventDefault();
    j = (j + els.length) % els.length;
    els[i].tabIndex = -1;
    els[j].tabIndex = 0;
    els[j].focus();
  }

  press(b) {
    if (b.ui) {
      this[b.ui]();
      return;
    }
    if (b.dir) {
      this.editor.chain().focus().setBlockDirection(b.dir).run();
      return;
    }
    b.run(this.editor.chain().focus()).run();
  }

  refresh() {
    const e = this.editor;
    if (!e || !e.view) return;
    const dir = effectiveDir(e, this.dir);
    for (const { def, el } of this.buttons) {
      let on = null;
      if (def.dir) on = def.dir === dir;
      else if (def.active) on = !!def.active(e);
      if (on !== null) el.setAttribute("aria-pressed", on ? "true" : "false");
    }
  }

  // dialog builds a modal dialog at the end of the body (outside the page's
  // form, so its fields are never submitted with the article).
  dialog(title) {
    const titleID = nextID("t");
    const dlg = h("dialog", { class: "editor-dialog", "aria-labelledby": titleID });
    const form = h("form", { method: "dialog", novalidate: true });
    form.appendChild(h("h2", { id: titleID, class: "editor-dialog-title", text: title }));
    dlg.appendChild(form);
    const error = h("p", { class: "editor-error", role: "alert", hidden: true });
    dlg.addEventListener("close", () => {
      dlg.remove();
      this.editor.view.focus(); // at once, so keys typed next land in the text
    });
    document.body.appendChild(dlg);
    return { dlg, form, error };
  }

  openLink() {
    const e = this.editor;
    const current = e.getAttributes("link").href || "";
    const { dlg, form, error } = this.dialog("رابط");
    const input = h("input", {
      type: "text", name: "href", class: "editor-link-url", dir: "ltr", inputmode: "url",
      autocomplete: "off", spellcheck: "false", value: current, placeholder: "https://",
    });
    form.appendChild(field("عنوان الرابط", input, "http:// أو https:// أو mailto: أو رابط داخلي يبدأ بـ /. اتركه فارغاً لإزالة الرابط."));
    form.appendChild(error);
    const actions = h("p", { class: "editor-actions" },
      h("button", { type: "submit", class: "editor-primary editor-link-apply", text: "تطبيق" }),
      h("button", { type: "button", class: "editor-link-remove", text: "إزالة الرابط" }),
      h("button", { type: "button", class: "editor-cancel", text: "إلغاء" }),
    );
    form.appendChild(actions);
    actions.querySelector(".editor-cancel").addEventListener("click", () => dlg.close());
    actions.querySelector(".editor-link-remove").addEventListener("click", () => {
      e.chain().focus().extendMarkRange("link").unsetLink().run();
      dlg.close();
    });
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      const url = normalizeURL(input.value);
      if (url === "") {
        e.chain().focus().extendMarkRange("link").unsetLink().run();
        dlg.close();
        return;
      }
      // In the dialog a relative link must look like one (/ar/…, #…), so
      // that a word typed by mistake does not become a link to a page of ours.
      const hasScheme = /^[a-z][a-z0-9+.-]*:/i.test(url);
      if (!allowedURL(url) || (!hasScheme && !/^[/?#.]/.test(url))) {
        input.setAttribute("aria-invalid", "true");
        setError(error, "الرابط غير مقبول: استعمل رابطاً يبدأ بـ https:// أو http:// أو mailto: أو رابطاً داخلياً يبدأ بـ /.");
        input.focus();
        return;
      }
      const { empty } = e.state.selection;
      if (empty && !e.isActive("link")) {
        e.chain().focus().insertContent({ type: "text", text: url, marks: [{ type: "link", attrs: { href: url } }] }).run();
      } else {
        e.chain().focus().extendMarkRange("link").setLink({ href: url }).run();
      }
      dlg.close();
    });
    dlg.showModal();
    input.focus();
    input.select();
  }

  openImage() {
    const e = this.editor;
    const sel = e.state.selection;
    const editing = sel.node && sel.node.type.name === "figure" ? sel.node : null;
    const { dlg, form, error } = this.dialog(editing ? "تعديل الصورة" : "إدراج صورة");
    const file = h("input", { type: "file", name: "file", class: "editor-image-file", accept: "image/jpeg,image/png,image/webp,image/gif" });
    const alt = h("input", { type: "text", name: "alt", class: "editor-image-alt", "aria-required": "true", autocomplete: "off" });
    const caption = h("input", { type: "text", name: "caption", class: "editor-image-caption", autocomplete: "off" });
    const credit = h("input", { type: "text", name: "credit", class: "editor-image-credit", autocomplete: "off" });
    if (editing) {
      alt.value = editing.attrs.alt || "";
      caption.value = editing.attrs.caption || "";
      credit.value = editing.attrs.credit || "";
    } else {
      file.setAttribute("aria-required", "true");
    }
    form.appendChild(field(editing ? "ملف جديد (اختياري)" : "الملف", file));
    form.appendChild(field("نص بديل", alt, "وصف قصير للصورة لمن لا يراها. مطلوب."));
    form.appendChild(field("تعليق", caption));
    form.appendChild(field("المصدر/حقوق الصورة", credit));
    form.appendChild(error);
    const status = h("p", { class: "editor-status", role: "status" });
    form.appendChild(status);
    const submit = h("button", { type: "submit", class: "editor-primary editor-image-insert", text: editing ? "حفظ" : "إدراج" });
    const cancel = h("button", { type: "button", class: "editor-cancel", text: "إلغاء" });
    form.appendChild(h("p", { class: "editor-actions" }, submit, cancel));
    cancel.addEventListener("click", () => dlg.close());
    // The figure is put where the selection was when the dialog opened.
    const at = { from: sel.from, to: sel.to };

    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      setError(error, "");
      alt.removeAttribute("aria-invalid");
      file.removeAttribute("aria-invalid");
      const hasFile = file.files && file.files.length > 0;
      if (!editing && !hasFile) {
        file.setAttribute("aria-invalid", "true");
        setError(error, "اختر ملف الصورة.");
        file.focus();
        return;
      }
      if (alt.value.trim() === "") {
        alt.setAttribute("aria-invalid", "true");
        setError(error, "اكتب نصاً بديلاً يصف الصورة.");
        alt.focus();
        return;
      }
      const text = { alt: alt.value.trim(), caption: caption.value.trim(), credit: credit.value.trim() };
      if (editing && !hasFile) {
        e.chain().focus().updateAttributes("figure", text).run();
        dlg.close();
        return;
      }
      const body = new FormData();
      body.append("file", file.files[0]);
      body.append("alt", text.alt);
      body.append("caption", text.caption);
      body.append("credit", text.credit);
      submit.disabled = true;
      form.setAttribute("aria-busy", "true");
      status.textContent = "جارٍ رفع الصورة…";
      let res, data;
      try {
        res = await fetch(MEDIA_URL, {
          method: "POST",
          body,
          headers: { Accept: "application/json" },
          credentials: "same-origin",
        });
        data = await res.json().catch(() => null);
      } catch (err) {
        res = null;
      }
      submit.disabled = false;
      form.removeAttribute("aria-busy");
      status.textContent = "";
      if (!res || !res.ok || !data || !data.src) {
        const msg = data && typeof data.error === "string" && data.error
          ? data.error
          : (res ? "تعذّر رفع الصورة (" + res.status + "). حاول مرة أخرى." : "تعذّر الاتصال بالخادم. حاول مرة أخرى.");
        setError(error, msg);
        return;
      }
      if (!allowedSrc(data.src)) {
        setError(error, "عنوان الصورة المستلم غير صالح.");
        return;
      }
      const attrs = {
        src: data.src,
        srcset: data.srcset || null,
        width: data.width ? String(data.width) : null,
        height: data.height ? String(data.height) : null,
        alt: typeof data.alt === "string" && data.alt ? data.alt : text.alt,
        caption: typeof data.caption === "string" ? data.caption : text.caption,
        credit: typeof data.credit === "string" ? data.credit : text.credit,
      };
      if (editing) {
        e.chain().focus().updateAttributes("figure", attrs).run();
      } else {
        e.chain().focus().insertContentAt(at, { type: "figure", attrs }).run();
      }
      dlg.close();
    });

    dlg.showModal();
    (editing ? alt : file).focus();
  }
}

function start() {
  document.querySelectorAll("textarea[data-editor]").forEach((ta) => {
    if (ta.getAttribute("data-editor-ready")) return;
    try {
      new EditorUI(ta);
    } catch (err) {
      // The textarea stays: the journalist can still write.
      const prev = ta.previousElementSibling;
      if (prev && prev.classList.contains("editor")) prev.remove();
      ta.hidden = false;
      if (window.console) console.error("midad editor:", err);
    }
  });
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
