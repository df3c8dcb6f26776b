// A live page's new entries, without reloading and without moving what the reader
// is reading. Every data-interval seconds (doubling, up to ten minutes, while the
// tab is hidden) it asks the poll endpoint what is newer than the newest entry on
// the page; when there is something, a button in the page says "N nieuwe berichten"
// (its container is aria-live="polite") and the entries are inserted only when the
// reader clicks it. The browser's own cache revalidates each answer (ETag, 304).
(function () {
  "use strict";
  var live = document.querySelector(".live[data-poll-url]");
  if (!live || !window.fetch) return;
  var stream = live.querySelector(".live-stream");
  var button = live.querySelector(".live-news-button");
  var base = Number(live.dataset.interval) || 20;
  var MAX_HIDDEN = 600;
  var delay = base;
  var cursor = live.dataset.cursor;
  var waiting = null; // the newest answer with entries, until the reader clicks
  var timer = null;

  function schedule() {
    window.clearTimeout(timer);
    timer = window.setTimeout(poll, delay * 1000);
  }

  function poll() {
    var url = live.dataset.pollUrl + "?na=" + encodeURIComponent(cursor);
    window.fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (answer) {
        if (answer && answer.count > 0) offer(answer);
        if (answer && answer.closed) return; // the coverage ended: no more polls
        next();
      })
      .catch(next);
  }

  function next() {
    delay = document.hidden ? Math.min(delay * 2, MAX_HIDDEN) : base;
    schedule();
  }

  function offer(answer) {
    waiting = answer;
    button.textContent = answer.label;
    button.hidden = false;
  }

  function show() {
    if (!waiting) return;
    var holder = document.createElement("div");
    holder.innerHTML = waiting.html; // rendered by our own server, our template
    var entries = Array.prototype.slice.call(holder.children);
    var firstNew = entries[0];
    entries.reverse().forEach(function (entry) {
      var old = document.getElementById(entry.id);
      if (old) old.remove(); // an entry edited since: the new copy replaces it
      stream.insertBefore(entry, stream.firstChild);
    });
    var empty = stream.querySelector(".live-empty");
    if (empty) empty.remove();
    cursor = waiting.cursor;
    waiting = null;
    button.hidden = true;
    button.textContent = "";
    stream.dispatchEvent(new CustomEvent("live:entries", { bubbles: true }));
    if (firstNew) firstNew.focus();
  }

  button.addEventListener("click", show);
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden && delay > base) {
      delay = base;
      poll(); // back on the tab: ask at once
    }
  });
  schedule();
})();
