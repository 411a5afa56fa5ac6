(function () {
  "use strict";

  function marksOf(section, key) {
    return section.querySelectorAll('.article-text mark[data-finding="' + key + '"]');
  }

  // The record a finding belongs to: its number beside the events, else its row.
  function recordOf(section, key) {
    return section.querySelector('.events [data-finding="' + key + '"]') ||
      section.querySelector('.prose [data-finding="' + key + '"]') ||
      section.querySelector('tr[data-finding="' + key + '"]');
  }

  // The other findings highlighted on the same words: marks around and inside this one.
  function alsoHere(mark) {
    var keys = [];
    for (var up = mark.parentElement.closest("mark[data-finding]"); up;
      up = up.parentElement.closest("mark[data-finding]")) {
      keys.push(up.dataset.finding);
    }
    mark.querySelectorAll("mark[data-finding]").forEach(function (m) { keys.push(m.dataset.finding); });
    return keys.filter(function (k, i) { return k !== mark.dataset.finding && keys.indexOf(k) === i; });
  }

  function showAlso(panel, section, keys) {
    if (!keys.length) { return; }
    var box = document.createElement("p");
    box.className = "also";
    box.appendChild(document.createTextNode("Also highlighted here: "));
    keys.forEach(function (k) {
      var row = section.querySelector('tr[data-finding="' + k + '"]');
      var b = document.createElement("button");
      b.type = "button";
      b.className = "chip";
      b.dataset.finding = k;
      b.dataset.status = row ? row.dataset.status : "";
      b.textContent = row ? row.querySelector("code").textContent : k;
      box.appendChild(b);
    });
    panel.appendChild(box);
  }

  // Scroll `el` to the middle of the column that scrolls it (below the detail panel,
  // which stays at the top of its column), or of the page where the columns are stacked.
  function bringIntoView(el) {
    var box = el.closest(".text-col, .side-col");
    if (!box || box.scrollHeight <= box.clientHeight || getComputedStyle(box).overflowY === "visible") {
      el.scrollIntoView({ block: "center" });
      return;
    }
    var panel = box.querySelector(".detail");
    var covered = panel && !panel.contains(el) ? panel.offsetHeight : 0;
    var room = box.clientHeight - covered;
    var top = el.getBoundingClientRect().top - box.getBoundingClientRect().top - covered;
    box.scrollTop += top - Math.max(0, (room - el.offsetHeight) / 2);
    var outer = box.getBoundingClientRect();
    if (outer.top < 0 || outer.bottom > window.innerHeight) { box.scrollIntoView({ block: "nearest" }); }
  }

  // Show finding `key` of `section`, mark it wherever it appears, and bring the other
  // side into view: the record after a click in the text, the text after a click on a record.
  function select(section, key, from) {
    var detail = section.querySelector('template[data-detail="' + key + '"]');
    if (!detail) { return; }
    section.querySelectorAll(".selected").forEach(function (e) { e.classList.remove("selected"); });
    section.querySelectorAll('[data-finding="' + key + '"]').forEach(function (e) {
      if (!e.closest(".detail")) { e.classList.add("selected"); }
    });
    var panel = section.querySelector(".detail");
    panel.replaceChildren(detail.content.cloneNode(true));
    var target;
    if (from && from.tagName === "MARK") {
      showAlso(panel, section, alsoHere(from));
      target = recordOf(section, key);
    } else {
      target = marksOf(section, key)[0] || section.querySelector('.unlocated [data-finding="' + key + '"]');
    }
    if (target) { bringIntoView(target); }
    if (history.replaceState) { history.replaceState(null, "", "#" + section.id + "-f" + key); }
  }

  function activate(event) {
    var el = event.target.closest("[data-finding]");
    var section = el && el.closest("section.article");
    if (!section) { return false; }
    select(section, el.dataset.finding, el);
    return true;
  }

  document.addEventListener("click", activate);
  document.addEventListener("keydown", function (event) {
    if ((event.key === "Enter" || event.key === " ") && event.target.matches("[data-finding][tabindex]")) {
      if (activate(event)) { event.preventDefault(); }
    }
  });

  var only = document.getElementById("only-failures");
  function filter() { document.body.classList.toggle("only-failures", only.checked); }
  only.addEventListener("change", filter);
  filter();

  // A link to a finding (#a1-f7, as the address bar shows after a click) opens it.
  var wanted = /^#(a\d+)-f(\d+)$/.exec(location.hash);
  var section = wanted && document.getElementById(wanted[1]);
  if (section) { select(section, wanted[2], null); }
}());
