// Zoom and pan for the lineage diagram (written for reskg; no library).
// The SVG is laid out by the server; this only moves its viewBox. Wheel and the + and -
// keys or buttons zoom, dragging and the arrow keys pan, 0 and "Fit" show everything.
// Nodes are links: Tab reaches them (the view follows focus), Enter opens one.
(function () {
  "use strict";
  var svg = document.getElementById("lineage-svg");
  var viewport = document.getElementById("viewport");
  if (!svg || !viewport) { return; }
  var base = svg.viewBox.baseVal;
  var home = { x: base.x, y: base.y, w: base.width, h: base.height };
  var box = { x: home.x, y: home.y, w: home.w, h: home.h };
  var MIN_W = 120, MAX_W = home.w * 3;

  function apply() {
    svg.setAttribute("viewBox", [box.x, box.y, box.w, box.h].map(function (v) {
      return v.toFixed(1);
    }).join(" "));
  }
  function scale() { // screen pixels per SVG unit (preserveAspectRatio "meet")
    return Math.min(viewport.clientWidth / box.w, viewport.clientHeight / box.h);
  }
  function zoom(factor, cx, cy) {
    var w = Math.max(MIN_W, Math.min(MAX_W, box.w / factor));
    var ratio = w / box.w;
    if (cx === undefined) { cx = box.x + box.w / 2; cy = box.y + box.h / 2; }
    box.x = cx - (cx - box.x) * ratio;
    box.y = cy - (cy - box.y) * ratio;
    box.w = w; box.h = box.h * ratio;
    apply();
  }
  function pan(dx, dy) { box.x += dx; box.y += dy; apply(); }
  function fit() { box = { x: home.x, y: home.y, w: home.w, h: home.h }; apply(); }
  function centreOn(el, readable) {
    var r = el.querySelector("rect");
    var cx = r.x.baseVal.value + r.width.baseVal.value / 2;
    var cy = r.y.baseVal.value + r.height.baseVal.value / 2;
    if (readable) { // about one SVG unit per pixel
      var w = Math.min(home.w, viewport.clientWidth / 0.9);
      box.h = box.h * (w / box.w); box.w = w;
    }
    box.x = cx - box.w / 2; box.y = cy - box.h / 2; apply();
  }
  function toSvg(evt) {
    var pt = svg.createSVGPoint();
    pt.x = evt.clientX; pt.y = evt.clientY;
    return pt.matrixTransform(svg.getScreenCTM().inverse());
  }

  // Start by showing everything, unless that would make the labels unreadable.
  box.h = home.h; box.w = home.w;
  if (scale() < 0.55) {
    var focus = svg.querySelector(".node.focus");
    if (focus) { centreOn(focus, true); }
  }

  viewport.addEventListener("wheel", function (evt) {
    evt.preventDefault();
    var p = toSvg(evt);
    zoom(evt.deltaY < 0 ? 1.2 : 1 / 1.2, p.x, p.y);
  }, { passive: false });

  var drag = null, moved = false;
  viewport.addEventListener("pointerdown", function (evt) {
    if (evt.button !== 0) { return; }
    drag = { x: evt.clientX, y: evt.clientY, bx: box.x, by: box.y, id: evt.pointerId };
    moved = false;
  });
  viewport.addEventListener("pointermove", function (evt) {
    if (!drag) { return; }
    var dx = evt.clientX - drag.x, dy = evt.clientY - drag.y;
    if (!moved && Math.abs(dx) + Math.abs(dy) > 4) {
      moved = true;
      viewport.setPointerCapture(drag.id);
      viewport.classList.add("dragging");
    }
    if (moved) {
      var s = scale();
      box.x = drag.bx - dx / s; box.y = drag.by - dy / s; apply();
    }
  });
  function end() { drag = null; viewport.classList.remove("dragging"); }
  viewport.addEventListener("pointerup", end);
  viewport.addEventListener("pointercancel", end);
  // A drag that ends on a node must not open it.
  svg.addEventListener("click", function (evt) {
    if (moved) { evt.preventDefault(); moved = false; }
  }, true);

  viewport.addEventListener("keydown", function (evt) {
    var step = 60 / scale();
    var keys = {
      ArrowLeft: function () { pan(-step, 0); }, ArrowRight: function () { pan(step, 0); },
      ArrowUp: function () { pan(0, -step); }, ArrowDown: function () { pan(0, step); },
      "+": function () { zoom(1.25); }, "=": function () { zoom(1.25); },
      "-": function () { zoom(0.8); }, "0": fit
    };
    if (keys[evt.key] && !evt.altKey && !evt.ctrlKey && !evt.metaKey) {
      evt.preventDefault();
      keys[evt.key]();
    }
  });
  // Keep a node that receives keyboard focus in view.
  svg.addEventListener("focusin", function (evt) {
    var node = evt.target.closest ? evt.target.closest(".node") : null;
    if (!node) { return; }
    var r = node.querySelector("rect");
    var x = r.x.baseVal.value, y = r.y.baseVal.value;
    if (x < box.x || y < box.y || x + 184 > box.x + box.w || y + 50 > box.y + box.h) {
      centreOn(node, false);
    }
  });

  document.querySelectorAll("[data-zoom]").forEach(function (button) {
    button.addEventListener("click", function () {
      var what = button.getAttribute("data-zoom");
      if (what === "in") { zoom(1.25); } else if (what === "out") { zoom(0.8); } else { fit(); }
    });
  });

  // Diagram or table: both are in the page; without this script both show.
  var views = { diagram: document.getElementById("diagram"), table: document.getElementById("table") };
  var switches = document.querySelectorAll("[data-view]");
  function show(which) {
    Object.keys(views).forEach(function (name) { views[name].hidden = name !== which; });
    switches.forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-view") === which));
    });
  }
  switches.forEach(function (b) {
    b.addEventListener("click", function () { show(b.getAttribute("data-view")); });
  });
  show("diagram");
})();
