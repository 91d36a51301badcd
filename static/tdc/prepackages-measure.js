// Measurement entry on a phone. Each reading is POSTed by HTMX as soon as it is entered and the
// server saves it at once. In case the connection drops, every reading is first kept in
// localStorage as "unsent"; it is removed when the server has answered, and resent when the page
// loads again or the connection returns. Nothing typed is lost.
(function () {
  var page = document.querySelector(".measure-page");
  if (!page || !window.htmx) { return; }
  var key = "tdc-prepackage-unsent-" + page.dataset.inspection;
  var note = document.getElementById("offline-note");

  function load() {
    try { return JSON.parse(window.localStorage.getItem(key) || "{}"); } catch (e) { return {}; }
  }
  function store(unsent) {
    try {
      if (Object.keys(unsent).length) { window.localStorage.setItem(key, JSON.stringify(unsent)); }
      else { window.localStorage.removeItem(key); }
    } catch (e) { /* private mode: the server copy is all there is */ }
    if (note) { note.hidden = !Object.keys(unsent).length; }
  }
  function inputFor(position) { return document.getElementById("m-" + position); }

  // Before each request: remember the value as unsent.
  document.body.addEventListener("htmx:configRequest", function (event) {
    var el = event.detail.elt;
    if (!el.classList || !el.classList.contains("measure-input")) { return; }
    var unsent = load();
    unsent[el.dataset.position] = el.value;
    store(unsent);
  });
  // The server answered (saved, or refused with a message shown on the row): no longer unsent.
  document.body.addEventListener("htmx:afterRequest", function (event) {
    var el = event.detail.elt;
    if (!el.classList || !el.classList.contains("measure-input")) { return; }
    if (!event.detail.xhr || !event.detail.xhr.status) { return; }
    var unsent = load();
    if (unsent[el.dataset.position] === el.value) { delete unsent[el.dataset.position]; }
    store(unsent);
  });
  document.body.addEventListener("htmx:sendError", function (event) {
    var el = event.detail.elt;
    var status = el && el.dataset ? document.getElementById("status-" + el.dataset.position) : null;
    if (status) { status.textContent = status.dataset.unsentText || "…"; }
    if (note) { note.hidden = false; }
  });

  function resend() {
    var unsent = load();
    Object.keys(unsent).forEach(function (position) {
      var input = inputFor(position);
      if (!input) { return; }
      input.value = unsent[position];
      window.htmx.trigger(input, "change");
    });
  }
  // Enter moves to the next reading, as on a paper form.
  page.addEventListener("keydown", function (event) {
    var el = event.target;
    if (event.key !== "Enter" || !el.classList.contains("measure-input")) { return; }
    event.preventDefault();
    // Leaving the field fires its change event, which sends the reading.
    var next = inputFor(Number(el.dataset.position) + 1);
    if (next) { next.focus(); } else { el.blur(); }
  });
  window.addEventListener("online", resend);
  document.querySelectorAll(".row-status").forEach(function (box) {
    box.dataset.unsentText = note ? note.textContent.trim() : "";
  });
  resend();
})();
