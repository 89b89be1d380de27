// Midad's newsroom: the article editor's autosave and the warning before
// leaving with unsaved changes. Drafts are saved a few seconds after the
// last change; the server answers with the new version, which the form
// keeps so that its next save is not taken for someone else's.
(function () {
  'use strict';
  var form = document.querySelector('form.article-form');
  if (!form) return;
  var dirty = false, busy = false, timer = 0, submitting = false, pendingSubmit = false;
  var status = form.querySelector('[data-autosave-status]');
  var version = form.querySelector('input[name=version]');

  function say(text) { if (status) status.textContent = text; }

  function save() {
    timer = 0;
    if (!dirty || submitting) return;
    if (busy) { schedule(); return; }
    var headline = form.querySelector('[name=headline]');
    if (headline && !headline.value.trim()) return; // nothing worth keeping yet
    busy = true;
    dirty = false;
    var data = new URLSearchParams(new FormData(form));
    data.set('action', 'save');
    data.set('autosave', '1');
    fetch(form.getAttribute('action'), {
      method: 'POST', body: data, credentials: 'same-origin',
      headers: { 'Accept': 'application/json' }
    }).then(function (res) {
      return res.json().then(function (body) { return { ok: res.ok, body: body }; });
    }).then(function (r) {
      if (!r.ok) {
        dirty = true; // not saved: leaving still warns
        say(status.dataset.failed + ' ' + (r.body.error || ''));
        if (r.body.field !== undefined && r.body.field === '') form.removeAttribute('data-autosave');
        return;
      }
      version.value = r.body.version;
      if (form.getAttribute('action') === '/newsroom/articles') {
        // A new article now exists: later saves update it.
        form.setAttribute('action', r.body.url);
        history.replaceState(null, '', r.body.url);
      }
      say(status.dataset.saved + ' ' + r.body.saved);
    }).catch(function () {
      dirty = true;
      say(status.dataset.failed);
    }).then(function () {
      busy = false;
      if (pending !== null || pendingSubmit) {
        var b = pending; pending = null; pendingSubmit = false;
        form.requestSubmit(b || undefined);
      }
    });
  }

  function schedule() {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, 3000);
  }

  form.addEventListener('input', function () {
    dirty = true;
    if (form.hasAttribute('data-autosave')) schedule();
  });
  form.addEventListener('change', function () {
    dirty = true;
    if (form.hasAttribute('data-autosave')) schedule();
  });
  // A submit while an autosave is on its way waits for its answer, so that
  // it carries the version that autosave made and is not refused as a
  // conflict with itself.
  var pending = null;
  form.addEventListener('submit', function (e) {
    if (timer) { clearTimeout(timer); timer = 0; }
    if (busy) {
      e.preventDefault();
      pending = e.submitter || null;
      pendingSubmit = true;
      return;
    }
    submitting = true;
  });
  // Leaving the editor of a saved article gives up the claim on it, so that
  // others are not told someone has it open.
  window.addEventListener('pagehide', function () {
    if (submitting) return; // the page that comes back claims it again
    var m = /^\/newsroom\/articles\/(\d+)$/.exec(form.getAttribute('action'));
    if (m && navigator.sendBeacon) navigator.sendBeacon(form.getAttribute('action') + '/release');
  });
  window.addEventListener('beforeunload', function (e) {
    if (dirty && !submitting) { e.preventDefault(); e.returnValue = ''; }
  });
})();

// The search and share fields: their counters, and the previews of the
// link as a share card and as a search result, follow the form as the
// journalist types, with the fallbacks readers' pages use (headline,
// summary or the body's first words, featured image).
(function () {
  'use strict';
  var box = document.querySelector('[data-share]');
  if (!box) return;
  var form = box.closest('form');
  if (!form) return;

  function field(name) { return form.querySelector('[name="' + name + '"]'); }
  function value(name) { var el = field(name); return el ? el.value.replace(/\s+/g, ' ').trim() : ''; }
  function length(s) { return Array.from(s).length; } // characters, as the server counts
  function cut(s, n) { var c = Array.from(s); return c.length > n ? c.slice(0, n).join('').trim() + '…' : s; }
  function bodyText(max) {
    var html = value('body');
    if (!html) return '';
    var doc = new DOMParser().parseFromString(html, 'text/html');
    var words = (doc.body.textContent || '').split(/\s+/).filter(Boolean);
    return words.slice(0, max).join(' ') + (words.length > max ? '…' : '');
  }
  function chosenImage(name) {
    var radio = form.querySelector('input[name="' + name + '"]:checked');
    if (!radio || !radio.value) return null;
    return radio.closest('label').querySelector('img');
  }

  var counters = box.querySelectorAll('[data-count-for]');
  var previewImage = box.querySelector('[data-preview-image]');
  var previewURL = box.querySelector('[data-preview-url]');
  var previewDescription = box.querySelector('[data-preview-description]');
  var titleAdvice = +field('seo_title').dataset.advice;
  var descriptionAdvice = +field('seo_description').dataset.advice;

  function update() {
    counters.forEach(function (c) {
      var input = field(c.dataset.countFor);
      var n = length(input.value.replace(/\s+/g, ' ').trim());
      c.querySelector('[data-count-n]').textContent = n;
      c.classList.toggle('over-advice', n > +input.dataset.advice);
      c.classList.toggle('over-max', n > +input.dataset.max);
    });
    field('seo_title').placeholder = value('headline');
    field('seo_description').placeholder = value('summary');

    var title = value('seo_title') || value('headline');
    var description = value('seo_description') || value('summary') || bodyText(30);
    box.querySelectorAll('[data-preview-title]').forEach(function (el) {
      el.textContent = el.closest('[data-preview=search]') ? cut(title, titleAdvice) : title;
    });
    previewDescription.textContent = cut(description, descriptionAdvice);
    var slug = value('slug');
    if (slug) previewURL.textContent = previewURL.dataset.host + '/article/' + slug;

    var img = chosenImage('social_image') || chosenImage('image');
    if (img) {
      previewImage.src = img.currentSrc || img.src;
      previewImage.alt = img.alt;
      previewImage.hidden = false;
    } else {
      previewImage.hidden = true;
      previewImage.removeAttribute('src');
    }
  }
  form.addEventListener('input', update);
  form.addEventListener('change', update);
  update();
})();
