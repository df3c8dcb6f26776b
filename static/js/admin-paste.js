// The body editor's paste. Plain text goes to the server (articles/admin/pasting.py),
// which reads it with the importer's own rules (articles/text_import.py: subheadings,
// quotes with their source, posts kept together, post URLs on their own line) and
// answers the HTML to insert, each post as the paragraph the save turns into an
// embedded post, and the posts' cards as readers will see them. Nothing is fetched
// or stored while the editor waits: the save archives the posts.
// Rich HTML (copied from a web page) and a single line without a post paste as the
// browser does. When the server cannot answer, the plain text is pasted as it is.
// In a block quote, "- " at the start of a line becomes "— ", the attribution's dash,
// instead of a bullet list.
(function () {
  "use strict";
  var LOOKS_LIKE_POST = /<(blockquote|iframe)\b|\(@[^)\s]+\)\s+[A-Z][a-z]+ \d{1,2}, \d{4}|^\s*https?:\/\/\S+\s*$/;

  function csrfToken() {
    var field = document.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function pasteUrl() {
    if (document.body.dataset.pasteUrl) return document.body.dataset.pasteUrl;
    var match = window.location.pathname.match(/^(.*\/articles\/article\/)/);
    return match ? match[1] + "plakken/" : null;
  }

  function repaste(editor, data) {
    var transfer = new DataTransfer();
    Object.keys(data).forEach(function (type) { transfer.setData(type, data[type]); });
    var again = new ClipboardEvent("paste", {
      clipboardData: transfer, bubbles: true, cancelable: true,
    });
    again.redactieHandled = true;
    editor.focus();
    editor.dispatchEvent(again);
  }

  function status(editor) {
    var row = editor.closest(".form-row, .field-body") || editor.parentNode;
    var box = document.getElementById("paste-preview");
    if (!box) {
      box = document.createElement("div");
      box.id = "paste-preview";
      box.className = "paste-preview";
      box.setAttribute("role", "status");
      row.parentNode.insertBefore(box, row.nextSibling);
    }
    return box;
  }

  function show(editor, answer) {
    var box = status(editor);
    box.textContent = "";
    if (answer.error) {
      var error = document.createElement("p");
      error.className = "errornote paste-error";
      error.textContent = answer.error;
      box.appendChild(error);
    }
    if (answer.cards && answer.cards.length) {
      var heading = document.createElement("p");
      heading.className = "paste-preview-heading";
      heading.textContent = answer.heading || "";
      box.appendChild(heading);
      answer.cards.forEach(function (card) {
        // Our own card, rendered by the server from sanitized text.
        box.insertAdjacentHTML("beforeend", card);
      });
    }
    (answer.notices || []).forEach(function (text) {
      var notice = document.createElement("p");
      notice.className = "help paste-notice";
      notice.textContent = text;
      box.appendChild(notice);
    });
    box.hidden = !box.childNodes.length;
  }

  document.addEventListener("paste", function (event) {
    var editor = event.target.closest && event.target.closest(".ProseMirror");
    if (!editor || event.redactieHandled || !event.clipboardData) return;
    var text = event.clipboardData.getData("text/plain");
    if (!text) return;
    var types = Array.prototype.slice.call(event.clipboardData.types);
    var code = /<(blockquote|iframe)\b/.test(text);
    if (types.indexOf("text/html") !== -1 && !code) return;
    if (text.trim().indexOf("\n") === -1 && !LOOKS_LIKE_POST.test(text)) return;
    var url = pasteUrl();
    if (!url) return;
    event.preventDefault();
    event.stopPropagation();
    editor.setAttribute("aria-busy", "true");
    fetch(url, {
      method: "POST",
      headers: { "X-CSRFToken": csrfToken() },
      body: new URLSearchParams({ text: text }),
      credentials: "same-origin",
    })
      .then(function (response) {
        return response.json().catch(function () { return {}; });
      })
      .catch(function () { return {}; })
      .then(function (answer) {
        editor.removeAttribute("aria-busy");
        show(editor, answer);
        if (!answer.html) {
          repaste(editor, { "text/plain": text });
          return;
        }
        // A closed slice: each block lands as a block, a subheading stays one.
        var html = answer.html.replace(/^<([a-z0-9]+)/, '<$1 data-pm-slice="0 0 []"');
        repaste(editor, { "text/html": html, "text/plain": text });
      });
  }, true);

  // "- " typed at the start of a paragraph in a block quote: the attribution's dash.
  document.addEventListener("keydown", function (event) {
    if (event.key !== " " || event.ctrlKey || event.metaKey || event.altKey) return;
    var selection = window.getSelection();
    if (!selection.rangeCount || !selection.isCollapsed) return;
    var node = selection.anchorNode;
    var element = node && (node.nodeType === 1 ? node : node.parentElement);
    var paragraph = element && element.closest("p");
    if (!paragraph || !paragraph.closest(".ProseMirror blockquote")) return;
    if (paragraph.textContent !== "-" || !paragraph.previousElementSibling) return;
    event.preventDefault();
    event.stopPropagation();
    selection.selectAllChildren(paragraph);
    document.execCommand("insertText", false, "— ");
  }, true);
})();
