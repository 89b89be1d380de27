// Served at /ads/ads.js: a path that ad blockers refuse. If it runs, ads can
// load; site.js reads the flag.
window.midadAds = true;
