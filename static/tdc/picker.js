// Searchable pickers (tdc.core.pickers): a field that shows a record's name and finds records by
// typing part of their name, Vietnamese marks optional ("xang" finds "xăng"). Progressive
// enhancement of <input data-picker> (one value) and <select multiple data-picker> (several):
// the original element keeps its name and carries the value, so the form submits the same
// parameter with or without this script. ARIA 1.2 combobox: arrows move, Enter picks, Escape
// closes, Backspace in an empty box removes the last chosen value of a multiple picker.
(function () {
  "use strict";
  var counter = 0;

  function debounce(fn, ms) {
    var timer = null;
    return function () {
      var args = arguments;
      clearTimeout(timer);
      timer = setTimeout(function () { fn.apply(null, args); }, ms);
    };
  }

  function withParams(url, params) {
    var sep = url.indexOf("?") < 0 ? "?" : "&";
    return url + sep + params.toString();
  }

  function fetchOptions(url, params) {
    return fetch(withParams(url, params), {
      credentials: "same-origin", headers: { "Accept": "application/json" }
    }).then(function (r) { return r.ok ? r.json() : []; }).catch(function () { return []; });
  }

  function enhance(original) {
    if (original.dataset.pickerReady) { return; }
    original.dataset.pickerReady = "1";
    var multiple = original.tagName === "SELECT";
    var url = original.dataset.picker;
    var uid = "picker-" + (++counter);
    var box = document.createElement("div");
    box.className = "picker" + (multiple ? " picker-multiple" : "");
    var chips = null;
    if (multiple) {
      chips = document.createElement("div");
      chips.className = "picker-chips";
      box.appendChild(chips);
    }
    var input = document.createElement("input");
    input.type = "text";
    input.className = original.className.replace(/\bform-select\b/, "form-control") || "form-control";
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", uid + "-list");
    input.setAttribute("autocomplete", "off");
    input.setAttribute("spellcheck", "false");
    if (original.getAttribute("aria-describedby")) {
      input.setAttribute("aria-describedby", original.getAttribute("aria-describedby"));
    }
    if (original.getAttribute("aria-invalid")) { input.setAttribute("aria-invalid", "true"); }
    if (original.required) { input.setAttribute("aria-required", "true"); }
    input.placeholder = original.dataset.pickerPlaceholder || "";
    // The visible box takes the original's id, so that <label for> names it.
    if (original.id) { input.id = original.id; original.id = original.id + "-value"; }
    var list = document.createElement("ul");
    list.id = uid + "-list";
    list.className = "picker-list";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    var status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("aria-live", "polite");
    original.parentNode.insertBefore(box, original);
    box.appendChild(input);
    box.appendChild(list);
    box.appendChild(status);
    box.appendChild(original);
    if (multiple) {
      original.hidden = true;
      original.setAttribute("aria-hidden", "true");
      original.tabIndex = -1;
    } else {
      original.type = "hidden";
      input.value = original.dataset.pickerLabel || original.value;
      if (original.value && !original.dataset.pickerLabel) { nameValue(original.value); }
    }

    var options = [];
    var active = -1;

    function nameValue(value) {  // the chosen value's name, when the page did not carry it
      var params = new URLSearchParams();
      params.append("id", value);
      fetchOptions(url, params).then(function (rows) {
        if (rows.length && original.value === value && document.activeElement !== input) {
          original.dataset.pickerLabel = rows[0].label;
          input.value = rows[0].label;
        }
      });
    }

    function notify() {
      original.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function renderChips() {
      if (!multiple) { return; }
      chips.innerHTML = "";
      Array.prototype.forEach.call(original.options, function (opt) {
        if (!opt.selected) { return; }
        var chip = document.createElement("span");
        chip.className = "badge text-bg-light border picker-chip";
        chip.textContent = opt.textContent;
        var remove = document.createElement("button");
        remove.type = "button";
        remove.className = "btn-close btn-close-sm ms-1";
        remove.setAttribute("aria-label", (original.dataset.pickerRemove || "Remove") + " " + opt.textContent);
        remove.addEventListener("click", function () { opt.remove(); renderChips(); notify(); input.focus(); });
        chip.appendChild(remove);
        chips.appendChild(chip);
      });
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      var items = list.querySelectorAll("[role=option]");
      if (!items.length) { return; }
      active = (index + items.length) % items.length;
      items.forEach(function (item, i) { item.setAttribute("aria-selected", i === active ? "true" : "false"); });
      input.setAttribute("aria-activedescendant", items[active].id);
      items[active].scrollIntoView({ block: "nearest" });
    }

    function render(rows) {
      options = rows;
      list.innerHTML = "";
      active = -1;
      if (!rows.length) {
        var empty = document.createElement("li");
        empty.className = "picker-empty";
        empty.textContent = original.dataset.pickerEmpty || "—";
        list.appendChild(empty);
      }
      rows.forEach(function (row, i) {
        var li = document.createElement("li");
        li.id = uid + "-opt-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.dataset.value = row.id;
        var label = document.createElement("span");
        label.textContent = row.label;
        li.appendChild(label);
        if (row.hint) {
          var hint = document.createElement("small");
          hint.className = "picker-hint";
          hint.textContent = row.hint;
          li.appendChild(hint);
        }
        li.addEventListener("mousedown", function (event) { event.preventDefault(); choose(i); });
        list.appendChild(li);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      status.textContent = rows.length ? String(rows.length) : (original.dataset.pickerEmpty || "");
      if (rows.length) { highlight(0); }
    }

    var search = debounce(function () {
      var typed = multiple || input.value !== original.dataset.pickerLabel ? input.value : "";
      var params = new URLSearchParams();
      params.append("q", typed);
      fetchOptions(url, params).then(function (rows) {
        if (document.activeElement === input) { render(rows); }
      });
    }, 150);

    function choose(index) {
      var row = options[index];
      if (!row) { return; }
      if (multiple) {
        var exists = Array.prototype.some.call(original.options, function (o) { return o.value === row.id; });
        if (!exists) {
          var opt = new Option(row.label, row.id, true, true);
          original.appendChild(opt);
        }
        input.value = "";
        renderChips();
      } else {
        original.value = row.id;
        original.dataset.pickerLabel = row.label;
        input.value = row.label;
      }
      close();
      notify();
    }

    function clearIfEmptied() {
      if (multiple) { input.value = ""; return; }
      if (!input.value.trim()) {
        if (original.value) { original.value = ""; delete original.dataset.pickerLabel; notify(); }
      } else if (original.value) {
        input.value = original.dataset.pickerLabel || original.value;
      } else {
        input.value = "";
      }
    }

    input.addEventListener("input", search);
    input.addEventListener("focus", function () { if (!multiple) { input.select(); } });
    input.addEventListener("click", function () { if (list.hidden) { search(); } });
    input.addEventListener("change", function (event) { event.stopPropagation(); });
    input.addEventListener("blur", function () { close(); clearIfEmptied(); });
    input.addEventListener("keydown", function (event) {
      switch (event.key) {
        case "ArrowDown":
          event.preventDefault();
          if (list.hidden) { search(); } else { highlight(active + 1); }
          break;
        case "ArrowUp":
          event.preventDefault();
          if (!list.hidden) { highlight(active - 1); }
          break;
        case "Enter":
          if (!list.hidden && active >= 0) { event.preventDefault(); choose(active); }
          break;
        case "Escape":
          if (!list.hidden) { event.preventDefault(); close(); clearIfEmptied(); }
          break;
        case "Backspace":
          if (multiple && !input.value) {
            var chosen = Array.prototype.filter.call(original.options, function (o) { return o.selected; });
            if (chosen.length) { chosen[chosen.length - 1].remove(); renderChips(); notify(); }
          }
          break;
        default:
          break;
      }
    });
    renderChips();
  }

  function init(root) {
    (root || document).querySelectorAll("[data-picker]").forEach(enhance);
  }
  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:load", function (event) { init(event.target); });
})();
