// The article form's writing aids (articles/admin/writing.py renders their places and
// words): the body's word count and reading time, the search-result and shared-link
// preview with character counters, the checks that block publishing, spellcheck in
// the article's language, and the body editor's menu in Dutch. All of it follows the
// typing; none of it writes anything. Plain script, no build step.
(function () {
  "use strict";
  var translate = function (text) { return window.gettext ? window.gettext(text) : text; };

  // The editor's menu titles stay English in django-prose-editor; the admin's
  // JavaScript catalogue (locale/nl/LC_MESSAGES/djangojs.po) has them in Dutch.
  function dutchMenu(root) {
    root.querySelectorAll(".prose-menubar__button, .prose-menubar__option").forEach(function (button) {
      if (button.dataset.dutch) return;
      button.dataset.dutch = "1";
      ["title", "aria-label"].forEach(function (name) {
        var value = button.getAttribute(name);
        if (value) button.setAttribute(name, translate(value));
      });
      // The heading menu's options show their name as text ("Heading 2").
      Array.from(button.children).forEach(function (child) {
        if (!child.children.length && child.textContent) {
          var dutch = translate(child.textContent);
          child.textContent = dutch;
          if (!button.getAttribute("title")) button.setAttribute("title", dutch);
        }
      });
    });
  }

  function words(text) {
    return (text.match(/[\p{L}\p{N}][\p{L}\p{N}'’.,-]*/gu) || []).length;
  }

  function cut(text, limit) {
    return text.length > limit ? text.slice(0, limit - 1).trimEnd() + "…" : text;
  }

  function setUp() {
    var form = document.getElementById("article_form");
    if (!form || form.dataset.writing) return;
    form.dataset.writing = "1";
    var field = function (name) { return form.querySelector("[name=" + name + "]"); };
    var value = function (name) { var f = field(name); return f ? f.value.trim() : ""; };
    var stats = document.getElementById("body-stats");
    var preview = document.getElementById("share-preview");
    var checks = document.getElementById("publish-checks");
    var prose = null;

    function language() { return value("language") || document.documentElement.lang || "nl"; }

    function spelling() {
      var lang = language();
      var fields = ["headline", "kicker", "lede", "seo_title", "seo_description"].map(field);
      if (prose) fields.push(prose);
      fields.forEach(function (element) {
        if (!element) return;
        element.setAttribute("spellcheck", "true");
        element.setAttribute("lang", lang);
      });
    }

    function count() {
      if (!stats) return;
      var text = prose ? prose.innerText : (field("body") ? field("body").value.replace(/<[^>]+>/g, " ") : "");
      var n = words(text);
      var perMinute = Number(stats.dataset.perMinute) || 200;
      var label = n + " " + (n === 1 ? stats.dataset.wordsOne : stats.dataset.wordsMany);
      if (n) label += " · " + Math.max(1, Math.ceil(n / perMinute)) + " " + stats.dataset.minutes;
      stats.textContent = label;
    }

    function counter(element, length, limit) {
      element.textContent = length + "/" + limit + " " + preview.dataset.chars +
        (length > limit ? " (" + preview.dataset.tooLong + ")" : "");
      element.classList.toggle("is-over", length > limit);
    }

    function showPreview() {
      if (!preview) return;
      var site = preview.dataset.site;
      var titleLimit = Number(preview.dataset.titleLimit);
      var descriptionLimit = Number(preview.dataset.descriptionLimit);
      var own = value("seo_title") || value("headline");
      var title = own ? own + " · " + site : site;
      var description = value("seo_description") || value("lede");
      var part = function (name) { return preview.querySelector("[data-preview=" + name + "]"); };
      part("title").textContent = cut(title, titleLimit);
      part("description").textContent = cut(description, descriptionLimit);
      part("slug").textContent = value("slug");
      part("share-title").textContent = value("headline");
      part("share-description").textContent = cut(description, 200);
      counter(preview.querySelector("[data-counter=title]"), title.length, titleLimit);
      counter(preview.querySelector("[data-counter=description]"), description.length, descriptionLimit);
    }

    function showChecks() {
      if (!checks) return;
      var present = {
        headline: !!value("headline"),
        lede: !!value("lede"),
        section: !!value("section"),
        authors: !!(field("authors") && field("authors").selectedOptions.length),
      };
      var missing = 0;
      checks.querySelectorAll("li[data-check]").forEach(function (item) {
        var key = item.dataset.check;
        if (key in present && field(key)) {
          item.classList.toggle("is-done", present[key]);
          item.classList.toggle("is-missing", !present[key]);
        }
        if (item.classList.contains("is-missing")) missing += 1;
      });
      checks.querySelector(".publish-checks-ready").hidden = missing > 0;
      checks.querySelector(".publish-checks-todo").hidden = missing === 0;
      checks.querySelector("ul").hidden = missing === 0;
    }

    function update() { count(); showPreview(); showChecks(); }

    function attach(editorElement) {
      if (!editorElement || prose === editorElement) return;
      prose = editorElement;
      var container = prose.closest(".prose-editor") || prose.parentNode;
      dutchMenu(container);
      new MutationObserver(function () { dutchMenu(container); count(); })
        .observe(container, { childList: true, subtree: true, characterData: true });
      spelling();
      count();
    }

    form.addEventListener("input", update);
    form.addEventListener("change", function (event) {
      if (event.target.name === "language") spelling();
      update();
    });
    // Select2 (section, authors) tells jQuery, not the DOM, that it changed.
    if (window.django && window.django.jQuery) window.django.jQuery(form).on("change", "select", update);
    document.addEventListener("prose-editor:ready", function (event) {
      attach(event.detail.editor.view.dom);
    });
    attach(form.querySelector(".field-body .prose-editor > .ProseMirror"));
    spelling();
    update();
  }

  // The editor may be ready before or after this script's form set-up: both ways.
  document.addEventListener("prose-editor:ready", setUp, true);
  document.addEventListener("DOMContentLoaded", setUp);
})();
