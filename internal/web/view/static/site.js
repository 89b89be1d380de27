// Midad's only script on reader pages: the back-to-top button, comments
// posted in place and the ad-block notice. Pages work without it.
(function () {
  "use strict";

  // Back to top: shown once the reader has scrolled a screen down.
  var top = document.getElementById("to-top");
  if (top) {
    var shown = false;
    var update = function () {
      var want = window.scrollY > window.innerHeight * 0.5;
      if (want === shown) return;
      shown = want;
      top.classList.toggle("shown", want);
      top.inert = !want;
    };
    window.addEventListener("scroll", update, { passive: true });
    update();
    top.addEventListener("click", function () {
      window.scrollTo({ top: 0 });
      var main = document.getElementById("main");
      if (main) {
        main.setAttribute("tabindex", "-1");
        main.focus({ preventScroll: true });
      }
    });
  }

  // Comments are posted without leaving the page: the answer (held,
  // published, or what to correct) shows above the form, and what was typed
  // stays where it belongs. Without fetch, or if the request fails, the form
  // posts the ordinary way.
  var cform = document.querySelector("form.comment-form");
  if (cform && window.fetch && window.URLSearchParams && window.FormData) {
    // The page may come from the page cache: a fresh form token is asked
    // for, so the form's least time counts from now.
    var tokenInput = cform.querySelector("input[name=token]");
    if (tokenInput) {
      fetch(cform.getAttribute("action").replace(/\/comments$/, "/token"), { credentials: "same-origin", cache: "no-store" }).then(function (res) {
        return res.ok ? res.text() : "";
      }).then(function (t) {
        if (t) tokenInput.value = t;
      }).catch(function () {});
    }
    var fieldIDs = { name: "comment-name", email: "comment-email", url: "comment-url", comment: "comment-text" };
    var say = function (cls, role, text) {
      var old = document.querySelectorAll("#respond .form-notice, #respond .form-error");
      for (var i = 0; i < old.length; i++) old[i].remove();
      if (!text) return;
      var p = document.createElement("p");
      p.className = cls;
      p.setAttribute("role", role);
      p.textContent = text;
      cform.parentNode.insertBefore(p, cform);
    };
    var clearErrors = function () {
      var spans = cform.querySelectorAll(".field-error");
      for (var i = 0; i < spans.length; i++) spans[i].remove();
      var bad = cform.querySelectorAll("[aria-invalid]");
      for (var j = 0; j < bad.length; j++) {
        bad[j].removeAttribute("aria-invalid");
        bad[j].removeAttribute("aria-describedby");
        bad[j].parentNode.classList.remove("has-error");
      }
    };
    var markError = function (field, text) {
      var input = document.getElementById(fieldIDs[field]);
      if (!input) return;
      var span = document.createElement("span");
      span.className = "field-error";
      span.id = input.id + "-error";
      span.textContent = text;
      input.parentNode.appendChild(span);
      input.parentNode.classList.add("has-error");
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-describedby", span.id);
    };
    // A published comment joins the list: the page's comments are read
    // again, the form is left as it is.
    var refresh = function (id) {
      return fetch(window.location.pathname, { credentials: "same-origin", cache: "no-cache" }).then(function (res) {
        return res.text();
      }).then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var section = document.getElementById("comments");
        var fresh = doc.getElementById("comments");
        if (!section || !fresh) return;
        var respond = document.getElementById("respond");
        var nodes = [];
        for (var n = fresh.firstChild; n; n = n.nextSibling) if (n.id !== "respond") nodes.push(n);
        while (section.firstChild && section.firstChild !== respond) section.removeChild(section.firstChild);
        for (var k = 0; k < nodes.length; k++) section.insertBefore(document.importNode(nodes[k], true), respond);
        var posted = document.getElementById("comment-" + id);
        if (posted) posted.scrollIntoView();
      });
    };
    var sending = false;
    cform.addEventListener("submit", function (e) {
      e.preventDefault();
      if (sending) return;
      sending = true;
      var button = cform.querySelector("button[type=submit]");
      if (button) button.disabled = true;
      fetch(cform.action, {
        method: "POST", body: new URLSearchParams(new FormData(cform)), credentials: "same-origin",
        headers: { "Accept": "application/json" }
      }).then(function (res) {
        return res.json().then(function (body) { return { status: res.status, body: body }; });
      }).then(function (r) {
        clearErrors();
        if (r.status === 201) {
          say("form-notice", "status", r.body.message);
          cform.querySelector("[name=comment]").value = "";
          if (r.body.state === "published") return refresh(r.body.id);
          return;
        }
        say("form-error", "alert", r.body.error);
        var fields = r.body.fields || {};
        for (var f in fields) if (Object.prototype.hasOwnProperty.call(fields, f)) markError(f, fields[f]);
        var first = cform.querySelector("[aria-invalid]");
        if (first) first.focus();
      }, function () {
        cform.submit(); // the network failed: try the ordinary way
      }).then(function () {
        sending = false;
        if (button) button.disabled = false;
      });
    });
  }

  // Ad-block notice. A blocker shows itself in three ways, all checked:
  // /ads/ads.js never ran, the bait element was hidden by a cosmetic rule,
  // or an ad image failed to load.
  var notice = document.getElementById("adblock-notice");
  if (!notice || typeof notice.showModal !== "function") return;
  var key = "midad.adblock.dismissed";
  var dismissed = function () {
    try { return window.localStorage.getItem(key) === "1"; } catch (e) { return false; }
  };
  var hidden = function (el) {
    if (!el) return false;
    var style = window.getComputedStyle(el);
    return style.display === "none" || style.visibility === "hidden" || el.offsetParent === null;
  };
  var blocked = function () {
    if (window.midadAds !== true) return true;
    if (hidden(document.querySelector(".ad-bait"))) return true;
    var slots = document.querySelectorAll(".ad-slot");
    for (var i = 0; i < slots.length; i++) {
      if (hidden(slots[i])) return true;
      var img = slots[i].querySelector("img");
      if (img && img.complete && img.naturalWidth === 0) return true;
    }
    return false;
  };
  // The close button is the reader's answer and is remembered; Escape only
  // puts the notice away for this page.
  var close = notice.querySelector(".adblock-close");
  if (close) {
    close.addEventListener("click", function () {
      try { window.localStorage.setItem(key, "1"); } catch (e) { /* private mode: ask again next time */ }
    });
  }
  var check = function () {
    if (!dismissed() && blocked()) {
      notice.showModal();
      notice.setAttribute("data-shown", "1");
    }
    document.documentElement.setAttribute("data-adblock-checked", "1");
  };
  if (document.readyState === "complete") check();
  else window.addEventListener("load", check);
})();
