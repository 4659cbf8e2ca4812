// Applies the reader's saved theme before the first paint (so a dark-mode reader never sees a
// white flash), then wires the header toggle. Plain JS on purpose: it must run before the
// WebAssembly app can, and it is the whole feature. The stored value is validated; anything
// else is ignored.
(function () {
  var KEY = 'mtw-theme';
  var root = document.documentElement;
  function saved() {
    try {
      var t = localStorage.getItem(KEY);
      return t === 'dark' || t === 'light' ? t : null;
    } catch (e) {
      return null;
    }
  }
  var initial = saved();
  if (initial) root.setAttribute('data-theme', initial);
  function current() {
    var t = root.getAttribute('data-theme');
    if (t === 'dark' || t === 'light') return t;
    return window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  }
  document.addEventListener('DOMContentLoaded', function () {
    var button = document.querySelector('.theme-toggle');
    if (!button) return;
    function sync() {
      var dark = current() === 'dark';
      button.setAttribute('aria-pressed', dark ? 'true' : 'false');
      button.textContent = 'Dark theme';
    }
    button.hidden = false;
    sync();
    button.addEventListener('click', function () {
      var next = current() === 'dark' ? 'light' : 'dark';
      root.setAttribute('data-theme', next);
      try {
        localStorage.setItem(KEY, next);
      } catch (e) {
        // Private browsing or storage disabled: the choice lasts for this page only.
      }
      sync();
    });
  });
})();
