/* Field inspection page: every answer is saved as it is entered. Answers waiting to be sent are
   kept in localStorage and resent when the connection returns, so a dropped connection loses
   nothing. */
(function () {
  "use strict";
  var root = document.getElementById("field");
  if (!root) { return; }
  var url = root.dataset.answerUrl;
  var key = root.dataset.storageKey;
  var status = document.getElementById("sync-status");
  var csrf = (document.body.getAttribute("hx-headers") || "").match(/"X-CSRFToken": "([^"]+)"/);
  csrf = csrf ? csrf[1] : "";

  function queue() {
    try { return JSON.parse(localStorage.getItem(key) || "{}"); } catch (e) { return {}; }
  }
  function store(q) { localStorage.setItem(key, JSON.stringify(q)); }
  function show() {
    var pending = Object.keys(queue()).length;
    status.textContent = pending ? status.dataset.pending + " (" + pending + ")" : status.dataset.saved;
    status.classList.toggle("text-warning", pending > 0);
  }
  function fieldset(item) { return root.querySelector('fieldset[data-item="' + item + '"]'); }

  function send(item, entry) {
    var body = new URLSearchParams({ item: item, answer: entry.answer, note: entry.note || "" });
    return fetch(url, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "X-CSRFToken": csrf, "Accept": "application/json" }
    }).then(function (response) {
      return response.json().then(function (data) { return { ok: response.ok, data: data }; });
    }).then(function (result) {
      var box = fieldset(item);
      var error = box ? box.querySelector("[data-error]") : null;
      var q = queue();
      delete q[item];  // answered, or refused for a reason the user must see
      store(q);
      if (error) { error.textContent = result.ok ? "" : result.data.error.message; }
      show();
    }).catch(function () { show(); });  // offline: keep it queued
  }

  function flush() {
    var q = queue();
    Object.keys(q).forEach(function (item) { send(item, q[item]); });
    show();
  }

  function record(item) {
    var box = fieldset(item);
    var checked = box.querySelector("input[type=radio]:checked");
    if (!checked) { return; }
    var note = box.querySelector("textarea").value;
    var q = queue();
    q[item] = { answer: checked.value, note: note };
    store(q);
    show();
    send(item, q[item]);
  }

  root.addEventListener("change", function (event) {
    var box = event.target.closest("fieldset[data-item]");
    if (box) { record(box.dataset.item); }
  });
  window.addEventListener("online", flush);
  // Restore unsent answers into the form after a reload, then try to send them.
  var pending = queue();
  Object.keys(pending).forEach(function (item) {
    var box = fieldset(item);
    if (!box) { return; }
    var radio = box.querySelector('input[type=radio][value="' + pending[item].answer + '"]');
    if (radio) { radio.checked = true; }
    box.querySelector("textarea").value = pending[item].note || "";
  });
  flush();
  window.tdcCsrf = csrf;
})();
