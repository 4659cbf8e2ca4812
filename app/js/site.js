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

// Offline support: register the service worker (it precaches the whole site after the first
// visit). When a new build is deployed, the new worker waits; the reader is offered a reload,
// which activates it, so one page never mixes files from two builds.
(function () {
  if (!('serviceWorker' in navigator)) return;
  var reloadRequested = false;
  function offerReload(worker) {
    var region = document.querySelector('[data-notices]');
    if (!region || region.querySelector('.notice-update')) return;
    var p = document.createElement('p');
    p.className = 'notice notice-update';
    p.textContent = 'A new version of this site is ready. ';
    var button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'Reload';
    button.addEventListener('click', function () {
      reloadRequested = true;
      worker.postMessage('skip-waiting');
    });
    p.appendChild(button);
    region.appendChild(p);
  }
  navigator.serviceWorker.addEventListener('controllerchange', function () {
    if (reloadRequested) window.location.reload();
  });
  window.addEventListener('load', function () {
    var meta = document.querySelector('meta[name="site-base"]');
    var base = (meta && meta.getAttribute('content')) || '/';
    navigator.serviceWorker
      .register(base + 'sw.js', { scope: base })
      .then(function (reg) {
        if (reg.waiting && navigator.serviceWorker.controller) offerReload(reg.waiting);
        reg.addEventListener('updatefound', function () {
          var worker = reg.installing;
          if (!worker) return;
          worker.addEventListener('statechange', function () {
            if (worker.state === 'installed' && navigator.serviceWorker.controller) offerReload(worker);
          });
        });
      })
      .catch(function () {
        // No service worker (private mode, file://, unsupported host): the site still works online.
      });
  });
})();

// Embeds: a widget page inside an <iframe> posts its height to the host page whenever it
// changes, so the host can size the frame (see the snippet the "Embed" button gives). Only the
// height is sent; nothing about the reader.
(function () {
  if (window.parent === window) return;
  document.addEventListener('DOMContentLoaded', function () {
    if (document.body.getAttribute('data-kind') !== 'embed' || !('ResizeObserver' in window)) return;
    var last = 0;
    new ResizeObserver(function () {
      var height = Math.ceil(document.documentElement.scrollHeight);
      if (height !== last) {
        last = height;
        window.parent.postMessage({ type: 'metal-to-wasm:height', height: height }, '*');
      }
    }).observe(document.body);
  });
})();
