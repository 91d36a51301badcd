// Behaviour without inline scripts (the Content-Security-Policy forbids them).
document.addEventListener("change", function (event) {
  var el = event.target;
  if (el.matches && el.matches("select[data-autosubmit]")) { el.form.submit(); }
});

// Inline validation: when the user leaves a field of an edit form, the server validates the whole
// form (nothing is saved) and only the error messages are replaced, so focus is not disturbed.
document.addEventListener("focusout", function (event) {
  var el = event.target;
  var form = el.form;
  if (!form || !form.hasAttribute("data-inline-validate") || !el.name || el.type === "hidden") { return; }
  var data = new FormData(form);
  data.append("_validate", "1");
  fetch(form.getAttribute("hx-post") || form.action || window.location.pathname, {
    method: "POST", body: data, headers: { "HX-Request": "true" }, credentials: "same-origin"
  }).then(function (r) { return r.text(); }).then(function (html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    doc.querySelectorAll(".field-errors").forEach(function (box) {
      var current = document.getElementById(box.id);
      if (!current) { return; }
      var name = box.id.replace(/^errors-/, "");
      if (!form.dataset.touched) { form.dataset.touched = ""; }
      var touched = form.dataset.touched.split(" ");
      if (name === el.name && touched.indexOf(name) < 0) { touched.push(name); form.dataset.touched = touched.join(" "); }
      if (touched.indexOf(name) < 0) { return; }  // do not shout about fields not visited yet
      current.innerHTML = box.innerHTML;
      var input = form.elements[name];
      if (input && input.setAttribute) {
        if (box.textContent.trim()) { input.setAttribute("aria-invalid", "true"); }
        else { input.removeAttribute("aria-invalid"); }
      }
    });
  });
});

// Every form that posts carries a one-time token, so that a double click or a resent request is
// processed once (tdc.core.middleware.SubmitOnceMiddleware). Server-rendered forms may carry their
// own ({% submission_token %}); forms marked data-submit-once="off" are left alone.
(function () {
  function token() {
    var bytes = new Uint8Array(32);
    window.crypto.getRandomValues(bytes);
    var text = "";
    bytes.forEach(function (b) { text += String.fromCharCode(b); });
    return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }
  function addTokens(root) {
    (root || document).querySelectorAll("form").forEach(function (form) {
      if ((form.getAttribute("method") || "").toLowerCase() !== "post") { return; }
      if (form.dataset.submitOnce === "off" || form.querySelector("input[name=_submission]")) { return; }
      var input = document.createElement("input");
      input.type = "hidden"; input.name = "_submission"; input.value = token();
      form.appendChild(input);
    });
  }
  document.addEventListener("DOMContentLoaded", function () { addTokens(document); });
  document.addEventListener("htmx:load", function (event) { addTokens(event.target.parentNode || document); });
})();
