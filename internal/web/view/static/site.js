// Midad's only script on reader pages: the back-to-top button and the
// ad-block notice. Pages work without it.
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
