// The hero field (articles/admin/hero.py): choose an image, or upload one without
// leaving the article form. The crops are drawn here from the photo itself (the
// file as chosen, through an object URL, or the stored preview), the way the
// server cuts them (articles/images/renditions.py, crop_box): the focal point as
// near the middle as the edges allow. No renditions are waited for.
// Admin media load in <head>: wait for the form.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  document.querySelectorAll(".hero-widget").forEach(setUp);

  function clamp(value, low, high) { return Math.min(high, Math.max(low, value)); }

  // CSS object-position for a ``ratio`` ("16:9") crop of a w × h photo.
  function position(ratio, w, h, fx, fy) {
    var parts = ratio.split(":"), r = parts[0] / parts[1], x = 50, y = 50, over;
    if (!w || !h) return "50% 50%";
    if (w / h >= r) {
      var cropW = h * r;
      over = w - cropW;
      if (over > 0) x = clamp(fx * w - cropW / 2, 0, over) / over * 100;
    } else {
      var cropH = w / r;
      over = h - cropH;
      if (over > 0) y = clamp(fy * h - cropH / 2, 0, over) / over * 100;
    }
    return x.toFixed(2) + "% " + y.toFixed(2) + "%";
  }

  function setUp(root) {
    var select = root.querySelector("select");
    var form = select.form;
    var text = root.dataset;
    var chosen = root.querySelector(".hero-chosen");
    var picture = chosen.querySelector(".hero-picture");
    var photo = picture.querySelector("img");
    var marker = picture.querySelector(".hero-marker");
    var crops = Array.from(chosen.querySelectorAll(".hero-crop"));
    var status = root.querySelector(".hero-status");
    var upload = root.querySelector(".hero-upload");
    var file = upload.querySelector("input[type=file]");
    var fields = upload.querySelector(".hero-upload-fields");
    var message = upload.querySelector(".hero-message");
    var button = upload.querySelector(".hero-upload-button");
    var state = {
      id: select.value,
      focal: [parseFloat(picture.dataset.focalX) || 0.5, parseFloat(picture.dataset.focalY) || 0.5],
      pending: null,  // a File chosen and not yet uploaded
      objectUrl: null,
      busy: null,  // the upload under way (a promise)
    };
    upload.hidden = false;

    function say(words) {
      status.textContent = words || "";
      status.hidden = !words;
    }
    function draw() {
      var fx = state.focal[0], fy = state.focal[1];
      marker.style.left = (fx * 100) + "%";
      marker.style.top = (fy * 100) + "%";
      crops.forEach(function (crop) {
        crop.querySelector("img").style.objectPosition =
          position(crop.dataset.ratio, photo.naturalWidth, photo.naturalHeight, fx, fy);
      });
    }
    function show(source, focal) {
      state.focal = focal;
      chosen.hidden = !source;
      if (!source) return;
      if (photo.getAttribute("src") !== source) {
        photo.src = source;
        crops.forEach(function (crop) { crop.querySelector("img").src = source; });
      }
      draw();
    }
    photo.addEventListener("load", draw);
    if (photo.complete) draw();

    function csrf() {
      var field = form.querySelector("input[name=csrfmiddlewaretoken]");
      return field ? field.value : "";
    }
    function send(url, data) {
      return fetch(url, {
        method: data ? "POST" : "GET",
        headers: { "X-CSRFToken": csrf(), "Accept": "application/json" },
        body: data || undefined,
        credentials: "same-origin",
      }).then(function (response) {
        return response.json().catch(function () {
          return { ok: false, message: text.textOffline, errors: {} };
        });
      }, function () {
        return { ok: false, message: text.textOffline, errors: {} };
      });
    }
    function imageUrl(id) { return text.imageUrl.replace(/\/0\/$/, "/" + id + "/"); }

    function showErrors(answer) {
      var errors = (answer && answer.errors) || {};
      upload.querySelectorAll(".hero-error").forEach(function (slot) {
        var list = errors[slot.dataset.for] || [];
        slot.textContent = list.join(" ");
        slot.hidden = !list.length;
      });
      var general = (errors.__all__ || []).join(" ");
      var words = answer && !answer.ok ? [answer.message, general].filter(Boolean).join(" ") : "";
      message.textContent = words;
      message.hidden = !words;
    }

    // Make ``image`` (as the views describe it) the field's value.
    function choose(image) {
      var value = String(image.id);
      var option = Array.from(select.options).find(function (o) { return o.value === value; });
      if (!option) {
        option = new Option(image.label, value, true, true);
        select.add(option);
      }
      state.id = value;
      select.value = value;
      if (window.django && window.django.jQuery) window.django.jQuery(select).trigger("change");
      else select.dispatchEvent(new Event("change", { bubbles: true }));
    }

    // Upload the chosen file with what was typed; resolves true when it is the hero.
    function uploadNow() {
      if (state.busy) return state.busy;
      var data = new FormData();
      if (state.pending) data.append("file", state.pending, state.pending.name);
      upload.querySelectorAll("[data-name]").forEach(function (input) {
        data.append(input.dataset.name, input.value);
      });
      data.append("focal_x", state.focal[0].toFixed(4));
      data.append("focal_y", state.focal[1].toFixed(4));
      button.disabled = true;
      say(text.textUploading);
      state.busy = send(text.uploadUrl, data).then(function (answer) {
        state.busy = null;
        button.disabled = false;
        showErrors(answer);
        if (!answer.ok) { say(""); return false; }
        state.pending = null;
        file.value = "";
        fields.hidden = true;
        upload.querySelectorAll("[data-name]").forEach(function (input) { input.value = ""; });
        choose(answer.image);  // the photo shown stays the local one: no waiting
        say(text.textUploaded);
        return true;
      });
      return state.busy;
    }

    file.addEventListener("change", function () {
      var picked = file.files && file.files[0];
      if (!picked) return;
      if (state.objectUrl) URL.revokeObjectURL(state.objectUrl);
      state.pending = picked;
      state.objectUrl = URL.createObjectURL(picked);
      fields.hidden = false;
      showErrors(null);
      show(state.objectUrl, [0.5, 0.5]);
      say(text.textPending);
    });
    button.addEventListener("click", uploadNow);

    picture.addEventListener("click", function (event) {
      var box = photo.getBoundingClientRect();
      var x = clamp((event.clientX - box.left) / box.width, 0, 1);
      var y = clamp((event.clientY - box.top) / box.height, 0, 1);
      state.focal = [x, y];
      draw();
      if (state.pending || !state.id) return;  // sent with the upload
      var data = new FormData();
      data.append("focal_x", x.toFixed(4));
      data.append("focal_y", y.toFixed(4));
      send(imageUrl(state.id), data).then(function (answer) {
        say(answer.ok ? text.textFocalSaved : answer.message);
      });
    });

    function picked() {
      var value = select.value;
      if (value === state.id) return;
      state.id = value;
      state.pending = null;
      fields.hidden = true;
      if (!value) { show("", [0.5, 0.5]); say(""); return; }
      send(imageUrl(value)).then(function (answer) {
        if (answer.ok && String(answer.image.id) === state.id) {
          show(answer.image.preview, [answer.image.focal_x, answer.image.focal_y]);
          say("");
        } else if (!answer.ok) say(answer.message);
      });
    }
    if (window.django && window.django.jQuery) window.django.jQuery(select).on("change", picked);
    else select.addEventListener("change", picked);

    // Saving the article with a photo still to upload: upload it first, then save
    // as asked (the same button); a refusal stops the save and says why.
    form.addEventListener("submit", function (event) {
      if (!state.pending) return;
      event.preventDefault();
      var submitter = event.submitter;
      uploadNow().then(function (ok) {
        if (ok) form.requestSubmit(submitter);
        else upload.scrollIntoView({ block: "center" });
      });
    });
  }
});
