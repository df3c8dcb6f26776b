// The article edit form: autosave into a personal recovery copy (at most every 30 s,
// only after a change) and a light notice of who else has the article open.
// Neither ever touches the live article; saving stays the editor's own act.
// A save the database could not take (newsroom/errors.py, the "niet opgeslagen"
// page) leaves the text in this tab's sessionStorage; this form puts it back into
// the visible editor, on load and when the browser brings the page back from its
// cache (going back).
// The rich-text editors, by field name, as they become ready.
var proseEditors = {};
document.addEventListener("prose-editor:ready", function (event) {
  "use strict";
  proseEditors[event.detail.textarea.name] = event.detail.editor;
});
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
  // A save sends the whole form: no copy goes out beside it as the page is left
  // (one sent then would arrive after the save and be offered back as unsaved work).
  var submitting = false;
  form.addEventListener("submit", function () { changed = false; submitting = true; });
  window.addEventListener("pageshow", function () { submitting = false; });

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
    if (submitting) return;
    if (!changed && !(body && body.value !== body.dataset.lastSaved)) return;
    var data = new FormData(form);
    if (config.dataset.article) data.set("article", config.dataset.article);
    navigator.sendBeacon(config.dataset.autosaveUrl, data);
  });
  presence();
  window.setInterval(presence, INTERVAL);

  var UNSAVED = "redactie-niet-opgeslagen:" + window.location.pathname;
  function restoreUnsaved() {
    var copy = null;
    try { copy = JSON.parse(window.sessionStorage.getItem(UNSAVED)); } catch (error) { return; }
    if (!copy || !copy.fields) return;
    Object.keys(copy.fields).forEach(function (name) {
      var field = form.elements[name];
      var value = copy.fields[name];
      if (!field || field.length !== undefined && field.tagName !== "SELECT") return;
      if (field.tagName === "TEXTAREA" || (field.tagName === "INPUT" && /^(text|url|email|number|datetime-local|date|time)$/.test(field.type))) {
        field.value = value;
        if (proseEditors[name]) proseEditors[name].commands.setContent(value, true);
      } else if (field.tagName === "SELECT" && !field.multiple) {
        field.value = value;
      }
    });
    changed = true;
    window.sessionStorage.removeItem(UNSAVED);
    var restored = document.getElementById("unsaved-restored");
    if (restored) restored.hidden = false;
  }
  restoreUnsaved();
  window.addEventListener("pageshow", function (event) { if (event.persisted) restoreUnsaved(); });
});
