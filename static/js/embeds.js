// Click-to-load for embedded posts. Until the reader clicks, nothing is requested
// from another origin: the card is our own archive. With "remember", the choice is
// kept per platform in this browser (localStorage) and later cards load at once.
(function () {
  "use strict";
  var configElement = document.getElementById("embed-providers");
  if (!configElement) return;
  var providers = JSON.parse(configElement.textContent);
  var loadedScripts = {};
  var KEY = "redactie-embed-consent-";

  function remembered(provider) {
    try { return window.localStorage.getItem(KEY + provider) === "1"; } catch (e) { return false; }
  }
  function remember(provider, yes) {
    try {
      if (yes) window.localStorage.setItem(KEY + provider, "1");
      else window.localStorage.removeItem(KEY + provider);
    } catch (e) { /* private mode: the choice simply is not kept */ }
  }
  function addScript(src) {
    if (loadedScripts[src]) return;
    loadedScripts[src] = true;
    var script = document.createElement("script");
    script.src = src;
    script.async = true;
    document.body.appendChild(script);
  }
  function originalUrl(card) {
    var link = card.querySelector("a.embed-original");
    return link ? link.href : "";
  }
  function fill(template, card) {
    return template
      .replace("{url}", originalUrl(card))
      .replace("{post_id}", encodeURIComponent(card.dataset.embedId || ""));
  }
  function blockquoteFor(provider, card) {
    var quote = document.createElement("blockquote");
    var url = originalUrl(card);
    var link = document.createElement("a");
    link.href = url;
    link.textContent = url;
    if (provider === "x") quote.className = "twitter-tweet";
    if (provider === "bluesky") {
      quote.className = "bluesky-embed";
      quote.setAttribute("data-bluesky-uri", card.dataset.embedRef || "");
    }
    if (provider === "instagram") {
      quote.className = "instagram-media";
      quote.setAttribute("data-instgrm-permalink", url);
    }
    if (provider === "tiktok") {
      quote.className = "tiktok-embed";
      quote.setAttribute("cite", url);
      quote.setAttribute("data-video-id", card.dataset.embedId || "");
    }
    quote.appendChild(link);
    return quote;
  }
  function load(card) {
    var provider = card.dataset.embedProvider;
    var config = providers[provider];
    if (!config || card.classList.contains("embed-loaded")) return;
    var holder = document.createElement("div");
    holder.className = "embed-original-view";
    if (config.kind === "iframe") {
      var frame = document.createElement("iframe");
      frame.src = fill(config.src, card);
      frame.title = card.querySelector(".embed-load").textContent;
      frame.allow = "encrypted-media; picture-in-picture; fullscreen";
      frame.setAttribute("sandbox", "allow-scripts allow-same-origin allow-popups allow-presentation");
      holder.appendChild(frame);
    } else {
      holder.appendChild(blockquoteFor(provider, card));
    }
    card.classList.add("embed-loaded");
    card.querySelector(".embed-card").after(holder);
    var consentBox = card.querySelector(".embed-consent");
    if (consentBox) consentBox.hidden = true;
    if (config.kind !== "iframe") addScript(config.src);
  }
  function wire(card) {
    var consent = card.querySelector(".embed-consent");
    if (!consent || card.dataset.embedWired) return;
    card.dataset.embedWired = "1";
    var provider = card.dataset.embedProvider;
    var checkbox = consent.querySelector(".embed-remember");
    checkbox.checked = remembered(provider);
    consent.hidden = false;
    consent.querySelector(".embed-load").addEventListener("click", function () {
      remember(provider, checkbox.checked);
      load(card);
    });
    checkbox.addEventListener("change", function () {
      if (!checkbox.checked) remember(provider, false);
    });
    if (remembered(provider)) load(card);
  }
  function wireAll(root) {
    root.querySelectorAll("figure.embed[data-embed-provider]").forEach(wire);
  }
  wireAll(document);
  // Entries a live page inserts later (live.js) bring cards of their own.
  document.addEventListener("live:entries", function (event) { wireAll(event.target); });
})();
