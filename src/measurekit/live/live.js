// The live page: takes each new view from /events (server-sent events), or by polling
// /state where the events do not get through, and patches only the blocks that
// changed, keeping what the room is looking at where it was on the screen.
(function () {
  "use strict";
  var token = new URLSearchParams(location.search).get("t");
  var query = token ? "t=" + encodeURIComponent(token) : "";
  var main = document.getElementById("blocks");
  var banner = document.getElementById("banner");
  var now = document.getElementById("now");
  var version = -1;
  var focusKey = null;
  var have = {};  // block id -> its HTML, as the page shows it

  function firstVisible() {
    var blocks = main.children;
    for (var i = 0; i < blocks.length; i++) {
      var box = blocks[i].getBoundingClientRect();
      if (box.bottom > 0) return { el: blocks[i], top: box.top };
    }
    return null;
  }

  function patch(blocks) {
    var anchor = firstVisible();
    var keep = {};
    var previous = null;
    blocks.forEach(function (block) {
      var id = "block-" + block[0];
      var html = block[1] === null ? have[id] : block[1];
      keep[id] = true;
      var el = document.getElementById(id);
      if (!el) {
        el = document.createElement("div");
        el.id = id;
        el.className = "block";
      }
      if (have[id] !== html) {
        el.innerHTML = html;
        have[id] = html;
      }
      var wanted = previous ? previous.nextSibling : main.firstChild;
      if (wanted !== el) main.insertBefore(el, wanted);
      previous = el;
    });
    Array.prototype.slice.call(main.children).forEach(function (el) {
      if (!keep[el.id]) {
        main.removeChild(el);
        delete have[el.id];
      }
    });
    if (anchor && anchor.el.parentNode === main) {  // the same content stays in view
      window.scrollBy(0, anchor.el.getBoundingClientRect().top - anchor.top);
    }
  }

  function mark(focus) {
    Array.prototype.slice.call(document.querySelectorAll(".asked, .block.current"))
      .forEach(function (el) { el.classList.remove("asked", "current"); });
    var block = focus.block ? document.getElementById("block-" + focus.block) : null;
    if (!block && focus.near) block = document.getElementById("block-" + focus.near);
    if (block) block.classList.add("current");
    // The item may stand in several places (the chart, the table): mark each, and show
    // the one in the part being asked about.
    var items = focus.select ? Array.prototype.slice.call(main.querySelectorAll(focus.select)) : [];
    var marked = items.map(function (item) { return item.closest("tr, li") || item; });
    marked.forEach(function (el) { el.classList.add("asked"); });
    var target = marked.filter(function (el) { return block && block.contains(el); })[0] ||
      marked[0] || null;
    var key = focus.key || "";
    if (key !== focusKey) {
      focusKey = key;
      var shown = target || block;
      if (shown) shown.scrollIntoView({ block: target ? "center" : "start", behavior: "smooth" });
    }
  }

  function apply(state) {
    if (state.version <= version) return;
    version = state.version;
    patch(state.blocks);
    banner.textContent = state.banner || "";
    banner.hidden = !state.banner;
    now.innerHTML = state.now || "";
    now.hidden = !state.now;
    mark(state.focus || {});
    document.body.setAttribute("data-version", String(version));
  }

  function poll() {
    var request = new XMLHttpRequest();
    request.open("GET", "/state?since=" + version + (query ? "&" + query : ""));
    request.onload = function () {
      if (request.status === 200) apply(JSON.parse(request.responseText));
      setTimeout(poll, 1000);
    };
    request.onerror = function () { setTimeout(poll, 2000); };
    request.send();
  }

  if (!window.EventSource) {
    poll();
    return;
  }
  var events = new EventSource("/events" + (query ? "?" + query : ""));
  var failures = 0;
  events.onmessage = function (message) {
    failures = 0;
    apply(JSON.parse(message.data));
  };
  events.onerror = function () {
    failures += 1;
    if (events.readyState === EventSource.CLOSED || failures > 3) {
      events.close();  // a proxy or a browser that will not keep the stream: poll instead
      poll();
    }
  };
})();
