// The article editor: keep a pasted post together. ProseMirror turns every line of
// pasted plain text into a paragraph; for text that holds a post (embed code, or a
// post copied as text ending in "— Name (@handle) Month D, YYYY") we ask the server
// to put each post on one line first, then paste that. On save, the server turns
// each such paragraph into one embedded post. Without this script the signature's
// own paragraph still becomes a post.
(function () {
  "use strict";
  var LOOKS_LIKE_POST = /<(blockquote|iframe)\b|\(@[^)\s]+\)\s+[A-Z][a-z]+ \d{1,2}, \d{4}/;

  function csrfToken() {
    var field = document.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  document.addEventListener("paste", function (event) {
    var editor = event.target.closest && event.target.closest(".ProseMirror");
    if (!editor || event.redactieHandled || !event.clipboardData) return;
    var text = event.clipboardData.getData("text/plain");
    if (!text || !LOOKS_LIKE_POST.test(text)) return;
    var types = Array.prototype.slice.call(event.clipboardData.types);
    if (types.indexOf("text/html") !== -1 && !/<(blockquote|iframe)\b/.test(text)) return;
    event.preventDefault();
    event.stopPropagation();
    var body = new URLSearchParams({ text: text });
    fetch(document.body.dataset.pasteUrl || "/admin/embeds/embed/plakken/", {
      method: "POST",
      headers: { "X-CSRFToken": csrfToken() },
      body: body,
      credentials: "same-origin",
    })
      .then(function (response) { return response.ok ? response.json() : { text: text }; })
      .catch(function () { return { text: text }; })
      .then(function (answer) {
        var transfer = new DataTransfer();
        transfer.setData("text/plain", answer.text);
        var again = new ClipboardEvent("paste", {
          clipboardData: transfer, bubbles: true, cancelable: true,
        });
        again.redactieHandled = true;
        editor.focus();
        editor.dispatchEvent(again);
      });
  }, true);
})();
