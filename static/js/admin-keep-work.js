// No click on the article form loses what was typed.
// - The preview-link buttons ("Nieuwe voorbeeldlink", "Intrekken") do their work with
//   fetch and update their own part of the page (articles/admin/previews.py answers
//   JSON): the form is not reloaded.
// - Any other way off the page (Versies, Geschiedenis, a restore, a link in the menu)
//   asks first while the form holds unsaved changes (the browser's own "leave this
//   page?" question). Leaving anyway hands the recovery copy to the server
//   (admin-article.js, on pagehide); the form offers it back on return.
// Saving the form itself never asks.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var form = document.getElementById("article_form");
  if (!form) return;
  var submitting = false;

  function state() {
    var data = new FormData(form);
    var parts = [];
    data.forEach(function (value, key) {
      if (key === "csrfmiddlewaretoken" || value instanceof File) return;
      parts.push(key + "=" + value);
    });
    return parts.join("&");
  }
  var initial = state();
  function dirty() { return state() !== initial; }

  form.addEventListener("submit", function () { submitting = true; });
  window.addEventListener("beforeunload", function (event) {
    if (submitting || !dirty()) return;
    event.preventDefault();
    event.returnValue = "";
  });
  // Back on the page through the browser's history: a new chance to ask.
  window.addEventListener("pageshow", function () { submitting = false; });

  function csrf() {
    var field = form.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function showMessage(html, level) {
    var list = document.querySelector("ul.messagelist");
    if (!list) {
      list = document.createElement("ul");
      list.className = "messagelist";
      var content = document.getElementById("content") || form;
      content.parentNode.insertBefore(list, content);
    }
    list.textContent = "";
    var item = document.createElement("li");
    item.className = level || "success";
    item.setAttribute("role", "status");
    if (level) item.textContent = html;
    else item.innerHTML = html;  // our server's message, built with format_html
    list.appendChild(item);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[formaction]");
    if (!button || !form.contains(button)) return;
    if (button.getAttribute("formaction").indexOf("/voorbeeldlink/") === -1) return;
    event.preventDefault();
    button.disabled = true;
    fetch(button.formAction, {
      method: "POST",
      headers: { "X-CSRFToken": csrf(), "Accept": "application/json" },
      credentials: "same-origin",
    })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(function (answer) {
        var field = button.closest(".readonly") || button.parentNode;
        field.innerHTML = answer.html;  // preview_links: our own format_html
        showMessage(answer.message);
      })
      .catch(function () {
        // Not done: say so in the page and keep everything as it is.
        button.disabled = false;
        showMessage(button.dataset.failed || "", "error");
      });
  }, true);
});
