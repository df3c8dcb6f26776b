// The article edit form: autosave into a personal recovery copy (at most every 30 s,
// only after a change) and a light notice of who else has the article open.
// Neither ever touches the live article; saving stays the editor's own act.
// Admin media load in <head>: wait for the form.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var config = document.getElementById("article-editing");
  var form = document.getElementById("article_form");
  if (!config || !form) return;
  var INTERVAL = 30000;
  var changed = false;
  var notice = document.getElementById("presence-notice");

  function csrf() {
    var field = form.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }
  function post(url, body) {
    return fetch(url, {
      method: "POST",
      headers: { "X-CSRFToken": csrf() },
      body: body,
      credentials: "same-origin",
    }).then(function (response) { return response.ok ? response.json() : null; });
  }
  function show(text) {
    notice.textContent = text;
    notice.hidden = !text;
  }
  form.addEventListener("input", function () { changed = true; });
  form.addEventListener("change", function () { changed = true; });
  form.addEventListener("submit", function () { changed = false; });

  function autosave() {
    // ProseMirror writes into the textarea; a change there may not fire "input".
    var body = form.querySelector("textarea[name=body]");
    if (body && body.value !== body.dataset.lastSaved) changed = true;
    if (!changed) return;
    var data = new FormData(form);
    data.delete("csrfmiddlewaretoken");
    Array.from(data.keys()).forEach(function (key) {
      if (data.get(key) instanceof File) data.delete(key);
    });
    if (config.dataset.article) data.set("article", config.dataset.article);
    changed = false;
    post(config.dataset.autosaveUrl, data).then(function (answer) {
      if (!answer || !answer.ok) { changed = true; return; }
      if (body) body.dataset.lastSaved = body.value;
      var status = document.getElementById("autosave-status");
      if (status) {
        var time = new Date(answer.saved_at).toLocaleTimeString("nl-NL", { hour: "2-digit", minute: "2-digit" });
        status.textContent = config.dataset.savedText + " " + time;
        status.hidden = false;
      }
    }).catch(function () { changed = true; });
  }
  function presence() {
    if (!config.dataset.presenceUrl) return;
    post(config.dataset.presenceUrl, new FormData()).then(function (answer) {
      if (!answer) return;
      var parts = [];
      if (answer.others.length) parts.push(config.dataset.othersText + " " + answer.others.join(", "));
      if (String(answer.version) !== config.dataset.version) parts.push(config.dataset.newerText);
      show(parts.join(" "));
    }).catch(function () {});
  }
  var body = form.querySelector("textarea[name=body]");
  if (body) body.dataset.lastSaved = body.value;
  window.setInterval(autosave, INTERVAL);
  window.addEventListener("pagehide", function () {
    // A closing tab: hand the copy to the browser to send (the token travels along).
    if (!changed && !(body && body.value !== body.dataset.lastSaved)) return;
    var data = new FormData(form);
    if (config.dataset.article) data.set("article", config.dataset.article);
    navigator.sendBeacon(config.dataset.autosaveUrl, data);
  });
  presence();
  window.setInterval(presence, INTERVAL);
});
