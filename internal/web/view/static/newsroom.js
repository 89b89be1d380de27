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
  // Opening the editor of a saved article claims it, by POST (a GET never
  // does), so that others who open it are told; the answer names whoever
  // had it open first.
  var claimed = /^\/newsroom\/articles\/(\d+)$/.exec(form.getAttribute('action'));
  if (claimed && window.fetch) {
    fetch(form.getAttribute('action') + '/claim', {method: 'POST', credentials: 'same-origin'}).catch(function () {});
  }
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
