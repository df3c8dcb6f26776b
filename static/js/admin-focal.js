// The image form: click the preview to set the focal point (the fields stay editable
// by hand, as a fallback). Crops are remade when the image is saved.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var picker = document.querySelector(".focal-picker");
  var fieldX = document.getElementById("id_focal_x");
  var fieldY = document.getElementById("id_focal_y");
  if (!picker || !fieldX || !fieldY) return;
  var marker = picker.querySelector(".focal-marker");
  picker.addEventListener("click", function (event) {
    var box = picker.getBoundingClientRect();
    var x = Math.min(1, Math.max(0, (event.clientX - box.left) / box.width));
    var y = Math.min(1, Math.max(0, (event.clientY - box.top) / box.height));
    fieldX.value = x.toFixed(3);
    fieldY.value = y.toFixed(3);
    marker.style.left = (x * 100) + "%";
    marker.style.top = (y * 100) + "%";
  });
});
