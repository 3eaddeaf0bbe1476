// Theme before first paint (no flash). An external file, not an inline script,
// so the demo runs under a strict Content-Security-Policy (script-src 'self').
(function () {
  var saved = null;
  try { saved = localStorage.getItem('glow-demo:theme'); } catch (e) {}
  var dark = saved === 'dark' || ((!saved || saved === 'system') && matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
})();
