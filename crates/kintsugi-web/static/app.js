// Kintsugi's enhancements. Every page works without this file.
(function () {
  "use strict";
  var body = document.body;
  var exitUrl = body.getAttribute("data-exit") || "https://www.bbc.com/weather";

  var live = null;
  var leaving = false;
  // Quick exit: blank the page, then replace this history entry; exit.js (run first on every
  // page) sends any page of this tab that Back or history shows again to the neutral page.
  function quickExit(event) {
    if (event) event.preventDefault();
    if (live) live.close();
    leaving = true;
    try { sessionStorage.setItem("qe", "1"); } catch (e) { /* private mode: still leaves */ }
    // Signed in: the server ends this session (unless turned off in Account) while we leave.
    if (body.hasAttribute("data-exit-session") && navigator.sendBeacon) {
      navigator.sendBeacon("/quick-exit");
    }
    document.title = "";
    body.innerHTML = "";
    window.location.replace(exitUrl);
  }
  var exit = document.getElementById("quick-exit");
  if (exit) exit.addEventListener("click", quickExit);
  var lastEsc = 0;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var now = Date.now();
    if (now - lastEsc < 1500) quickExit(event);
    lastEsc = now;
  });

  // The guide offline: kept on the device only when the app is installed, or when the person
  // asks on the guide page (the service worker keeps the guide alone, as a visitor sees it).
  function keepGuide() {
    return navigator.serviceWorker.register("/sw.js").then(function (reg) {
      var worker = reg.installing || reg.waiting || reg.active;
      if (!worker || worker.state === "activated") return;
      return new Promise(function (ok) {
        worker.addEventListener("statechange", function () { if (worker.state === "activated") ok(); });
      });
    });
  }
  if ("serviceWorker" in navigator) {
    if (window.matchMedia && window.matchMedia("(display-mode: standalone)").matches) keepGuide();
    var keep = document.getElementById("keep-guide");
    if (keep) {
      keep.hidden = false;
      keep.addEventListener("click", function () {
        var said = document.getElementById("keep-guide-status");
        keepGuide().then(function () {
          if (said) said.textContent = "The guide is kept on this device: you can read it without a connection.";
        }, function () {
          if (said) said.textContent = "This browser couldn't keep the guide. It stays readable online.";
        });
      });
    }
  }

  // Words half-written in a form (an apology, a reflection) aren't lost without a word: the
  // browser asks before leaving the page. Nothing is kept on the device, where someone else
  // might read it; sending the form, or a quick exit, leaves without asking.
  var sending = false;
  document.addEventListener("submit", function () { sending = true; });
  window.addEventListener("beforeunload", function (event) {
    if (leaving || sending) return;
    var unsaved = Array.prototype.some.call(document.querySelectorAll("form textarea"), function (t) {
      return t.value.trim() !== t.defaultValue.trim();
    });
    if (unsaved) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  // After a refused form, the first field with a problem takes focus, so its error is read
  // with it (without this file, the error is still beside the field, named by it).
  var invalid = document.querySelector('[aria-invalid="true"]');
  if (invalid && invalid.focus) invalid.focus();

  // Copy and save buttons, shown only where they work (they need this file).
  // The live inbox: while a page is open, what waits arrives without a reload (the server sends
  // it only when it changed). Without this file the next page load shows the same.
  if (document.body.hasAttribute("data-live") && window.EventSource) {
    var shown = -1;
    var source = new EventSource("/events");
    live = source;
    source.addEventListener("inbox", function (e) {
      var d;
      try { d = JSON.parse(e.data); } catch (err) { return; }
      var home = document.getElementById("home-link");
      var badge = home && home.querySelector(".count");
      if (home && d.count > 0 && !badge) {
        badge = el("span", "count", "");
        home.appendChild(document.createTextNode(" "));
        home.appendChild(badge);
      }
      if (badge) {
        badge.textContent = String(d.count);
        badge.setAttribute("aria-label", d.count + " waiting for you");
        badge.hidden = d.count === 0;
      }
      var list = document.getElementById("waiting");
      if (list) { showWaiting(list, d.items, d.count); }
      if (shown >= 0 && d.count > shown) {
        document.getElementById("live-status").textContent = "Something new is waiting for you on Home.";
      }
      shown = d.count;
    });
    // Leaving the page (or a quick exit) closes the stream.
    window.addEventListener("pagehide", function () { source.close(); });
  }
  function showWaiting(card, items, count) {
    // Notices have their own cards on Home.
    var rest = items.filter(function (i) { return i.waiting !== "couple_changed" && i.waiting !== "account_recovered"; });
    Array.prototype.forEach.call(card.querySelectorAll("ul.entries, p.empty, p.more"), function (n) { n.remove(); });
    if (!rest.length) {
      card.appendChild(el("p", "empty", "Nothing waits for you right now. Anything your partner sends you will show here."));
      return;
    }
    var ul = el("ul", "entries", "");
    rest.forEach(function (i) {
      var li = el("li", "entry", "");
      var p = el("p", "", "");
      var a = el("a", "", i.words);
      a.href = i.href;
      p.appendChild(a);
      li.appendChild(p);
      li.appendChild(el("p", "help", i.when));
      ul.appendChild(li);
    });
    card.appendChild(ul);
    var more = count - items.length;
    if (more > 0) {
      var p = el("p", "more", "");
      var a = el("a", "", (more === 1 ? "1 more waits" : more + " more wait") + ": show everything");
      a.href = "/?show=all#waiting";
      p.appendChild(a);
      card.appendChild(p);
    }
  }

  // Every limited text area says how much room is left, and grows with its text where the
  // browser can't do it with CSS. The limit is checked again by the server, which says it.
  var growByScript = !(window.CSS && CSS.supports && CSS.supports("field-sizing", "content"));
  Array.prototype.forEach.call(document.querySelectorAll("textarea[maxlength]"), function (ta) {
    var max = parseInt(ta.getAttribute("maxlength"), 10);
    var counter = document.querySelector('[data-counts="' + ta.id + '"]');
    if (!counter && ta.id) {
      counter = el("p", "help counter", "");
      counter.id = ta.id + "-count";
      ta.insertAdjacentElement("afterend", counter);
      var described = ta.getAttribute("aria-describedby");
      ta.setAttribute("aria-describedby", (described ? described + " " : "") + counter.id);
    }
    function update() {
      // Characters as the server counts them (code points), not UTF-16 units.
      var used = Array.from(ta.value).length;
      if (counter) {
        counter.textContent = used.toLocaleString() + " of " + max.toLocaleString() + " characters";
        counter.classList.toggle("near", used > max * 0.9);
      }
      if (growByScript) {
        ta.style.height = "auto";
        ta.style.height = ta.scrollHeight + 2 + "px";
      }
    }
    ta.addEventListener("input", update);
    update();
  });

  // The guided pause breathes with you where this file runs: in for four, hold for four, out
  // for six, ten times, with the words, a count and the ring in step (the steps are written out
  // on the page without it). Phase changes are announced to screen readers; counts are not.
  Array.prototype.forEach.call(document.querySelectorAll("[data-breath]"), function (b) {
    var PHASES = [["in", "Breathe in", 4], ["hold", "Hold", 4], ["out", "Breathe out", 6]];
    var ROUNDS = 10;
    var phase = b.querySelector(".breath-phase");
    var count = b.querySelector(".breath-count");
    var round = b.querySelector(".breath-round");
    var start = b.querySelector("[data-breath-start]");
    var stop = b.querySelector("[data-breath-stop]");
    var timer = null;
    function end(words) {
      clearTimeout(timer);
      b.removeAttribute("data-phase");
      phase.textContent = words;
      count.textContent = "";
      start.hidden = false;
      stop.hidden = true;
      start.textContent = "Breathe with me again";
    }
    function step(r, p, left) {
      if (left === 0) {
        p += 1;
        if (p === PHASES.length) { p = 0; r += 1; }
        if (r === ROUNDS) { end("Well done. Take a moment before you go on."); return; }
        left = PHASES[p][2];
      }
      if (left === PHASES[p][2]) {
        b.style.setProperty("--breath-seconds", PHASES[p][2] + "s");
        b.setAttribute("data-phase", PHASES[p][0]);
        phase.textContent = PHASES[p][1];
        round.textContent = "Breath " + (r + 1) + " of " + ROUNDS;
      }
      count.textContent = String(left);
      timer = setTimeout(function () { step(r, p, left - 1); }, 1000);
    }
    start.addEventListener("click", function () {
      start.hidden = true;
      stop.hidden = false;
      step(0, 0, PHASES[0][2]);
    });
    stop.addEventListener("click", function () { end("Stopped. Come back to it whenever you like."); });
  });

  // Sign-up suggests the browser's own time zone; the person can still choose another (without
  // this file, the list asks them to choose).
  Array.prototype.forEach.call(document.querySelectorAll("[data-detect-zone]"), function (select) {
    var zone = "";
    try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { zone = ""; }
    var known = Array.prototype.some.call(select.options, function (o) { return o.value === zone; });
    if (known && select.value === "") { select.value = zone; }
  });

  Array.prototype.forEach.call(document.querySelectorAll("[data-enhanced]"), function (el) {
    el.hidden = false;
  });
  function textOf(selector) {
    var el = document.querySelector(selector);
    return el ? el.textContent.trim() : "";
  }
  // Copy: the clipboard where the browser offers it (a secure page); elsewhere (a server on
  // plain http) the text is selected and copied the older way, or left selected to copy by hand.
  function copied(selector) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(textOf(selector)).then(function () { return true; });
    }
    var el = document.querySelector(selector);
    var range = document.createRange();
    range.selectNodeContents(el);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    var done = false;
    try { done = document.execCommand("copy"); } catch (e) { done = false; }
    return Promise.resolve(done);
  }
  Array.prototype.forEach.call(document.querySelectorAll("button[data-copy]"), function (b) {
    var label = b.textContent;
    b.addEventListener("click", function () {
      copied(b.getAttribute("data-copy")).then(function (done) {
        b.textContent = done ? "Copied" : "Selected: copy it now";
        setTimeout(function () { b.textContent = label; }, 2500);
      }, function () {
        b.textContent = "Couldn't copy: select it by hand";
      });
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll("button[data-download]"), function (b) {
    b.addEventListener("click", function () {
      var text = textOf(b.getAttribute("data-download")) + "\n";
      var url = URL.createObjectURL(new Blob([text], { type: "text/plain" }));
      var a = document.createElement("a");
      a.href = url;
      a.download = b.getAttribute("data-filename") || "kintsugi.txt";
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    });
  });

  // The coach: any field marked data-coach is checked whenever typing pauses. Its results go
  // to the element named by data-coach-results; the kind comes from data-coach, or from the
  // select named by data-coach-kind-from.
  var fields = document.querySelectorAll("textarea[data-coach]");
  var apologyForms = document.querySelectorAll("form[data-coach-apology]");
  if ((!fields.length && !apologyForms.length) || !window.fetch) return;

  function el(tag, cls, content) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (content !== undefined) node.textContent = content;
    return node;
  }
  function labelled(label, value) {
    var p = el("p");
    p.appendChild(el("strong", null, label + " "));
    p.appendChild(document.createTextNode(value));
    return p;
  }
  var LABELS = {
    criticism: "Criticism", contempt: "Contempt", defensiveness: "Defensiveness",
    stonewalling: "Shutting down", mind_reading: "Mind reading", ultimatum: "Ultimatum",
    minimizing: "Minimizing", conditional: "Conditional apology", blame_shift: "Shifting blame",
    excuse: "Excuse", control: "Control"
  };

  // The coach runs on this device when the browser can run WebAssembly: the draft never leaves
  // it. Otherwise (or while the module loads) the page asks the person's own Kintsugi server.
  var KINDS = { message: 0, apology: 1, request: 2 };
  var MAX_CHARS = 20000;
  var local = null;
  if (window.WebAssembly && WebAssembly.instantiate) {
    fetch("/static/coach.wasm", { credentials: "same-origin" })
      .then(function (r) { if (!r.ok) throw new Error("no module"); return r.arrayBuffer(); })
      .then(function (bytes) { return WebAssembly.instantiate(bytes, {}); })
      .then(function (m) { local = m.instance.exports; })
      .catch(function () { local = null; });
  }
  var encoder = window.TextEncoder ? new TextEncoder() : null;
  var decoder = window.TextDecoder ? new TextDecoder() : null;
  function analyzeHere(kind, text) {
    var bytes = encoder.encode(text);
    var at = local.input(bytes.length);
    new Uint8Array(local.memory.buffer, at, bytes.length).set(bytes);
    var len = local.analyze(KINDS[kind] || 0);
    return JSON.parse(decoder.decode(new Uint8Array(local.memory.buffer, local.output(), len)));
  }
  /** Resolves to [analysis, where] or null; `where` is "device" or "server". */
  function analyzeDraft(kind, text) {
    if (local && encoder && decoder && text.length <= MAX_CHARS) {
      try {
        return Promise.resolve([analyzeHere(kind, text), "device"]);
      } catch (e) {
        local = null;
      }
    }
    return fetch("/api/v1/coach", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ kind: kind, text: text })
    }).then(function (r) { return r.ok ? r.json() : null; })
      .then(function (a) { return a ? [a, "server"] : null; })
      .catch(function () { return null; /* the check button still works */ });
  }
  var NOTHING_YET = "Write something first, then the coach can read it.";
  var WHERE = {
    device: "Checked on this device. Your draft didn't leave it, and nothing was saved.",
    server: "Checked by your Kintsugi server. Nothing was saved."
  };

  function show(results, a, where) {
    results.textContent = "";
    if (a.safety && a.safety.length) {
      // The same card the server renders, with this server's helplines (from <template>s):
      // a part for each kind of danger, in the server's order, then the quick exit.
      var card = el("div", "safety");
      card.setAttribute("role", "alert");
      ["self_harm", "threat", "harm_report", "exit"].forEach(function (kind) {
        var part = document.getElementById("safety-" + kind);
        var wanted = kind === "exit" || a.safety.some(function (s) { return s.kind === kind; });
        if (part && wanted) card.appendChild(part.content.cloneNode(true));
      });
      results.appendChild(card);
      return;
    }
    if (a.not_read === "not_english") {
      results.appendChild(el("p", "calm", "The coach reads English only, so it could not check this text. Nothing was judged."));
      return;
    }
    if (!a.findings.length) {
      results.appendChild(el("p", "calm", "The coach found nothing to point out. Read it once more as your partner would, then it's yours to send."));
    }
    a.findings.forEach(function (f, i) {
      var art = el("article", "finding");
      var h = el("h2");
      h.appendChild(el("span", "tag", LABELS[f.category] || f.category));
      h.appendChild(document.createTextNode(" \u201c" + f.span.text + "\u201d"));
      art.appendChild(h);
      var before = a.findings.slice(0, i).some(function (g) { return g.why === f.why; });
      art.appendChild(labelled("Why it matters:", before ? "as above." : f.why));
      art.appendChild(labelled("Try:", f.suggestion));
      if (f.category === "control") {
        var more = el("p", "help", "The ");
        var link = el("a", null, "Control check");
        link.href = "/control";
        more.appendChild(link);
        more.appendChild(document.createTextNode(" looks at habits like this one, privately."));
        art.appendChild(more);
      }
      results.appendChild(art);
    });
    if (a.parts) {
      var parts = el("div", "parts");
      parts.appendChild(el("h2", null, "The parts of your apology"));
      var ul = el("ul");
      a.parts.present.forEach(function (e) {
        var li = el("li", "present", "\u2713 " + e.part + ": \u201c" + e.span.text + "\u201d");
        ul.appendChild(li);
      });
      a.parts.missing.forEach(function (m) {
        ul.appendChild(el("li", "missing", "\u25cb " + m + " is missing. " + (a.parts.hints[m] || "")));
      });
      parts.appendChild(ul);
      results.appendChild(parts);
    }
    if (a.rewrite) results.appendChild(labelled("One way to say it:", a.rewrite)).className = "rewrite";
    if (a.alternative) results.appendChild(labelled("Instead of asking for access:", a.alternative)).className = "rewrite";
    results.appendChild(el("p", "where", WHERE[where]));
  }

  function watch(text) {
    var results = document.getElementById(text.getAttribute("data-coach-results"));
    var kindFrom = document.getElementById(text.getAttribute("data-coach-kind-from") || "");
    if (!results) return;
    var timer = null;
    var seq = 0;
    function check(asked) {
      var draft = text.value;
      if (!draft.trim()) { results.textContent = asked ? NOTHING_YET : ""; return; }
      var mine = ++seq;
      var kind = kindFrom ? kindFrom.value : text.getAttribute("data-coach");
      analyzeDraft(kind, draft).then(function (r) { if (r && mine === seq) show(results, r[0], r[1]); });
    }
    function soon() {
      clearTimeout(timer);
      timer = setTimeout(check, 600);
    }
    text.addEventListener("input", soon);
    if (kindFrom) kindFrom.addEventListener("change", soon);
    text.coachNow = function () { clearTimeout(timer); check(true); };
  }
  Array.prototype.forEach.call(fields, watch);

  // A guided apology is read as one text: its parts in order.
  Array.prototype.forEach.call(apologyForms, function (form) {
    var results = document.getElementById(form.getAttribute("data-coach-apology"));
    var parts = ["what_i_did", "responsibility", "impact", "differently", "repair"].map(function (n) {
      return form.querySelector("[name=" + n + "]");
    }).filter(Boolean);
    var timer = null;
    var seq = 0;
    function check(asked) {
      var text = parts.map(function (p) { return p.value.trim(); }).filter(Boolean).map(function (t) {
        return /[.!?]$/.test(t) ? t : t + ".";
      }).join(" ");
      if (!text) { results.textContent = asked ? NOTHING_YET : ""; return; }
      var mine = ++seq;
      analyzeDraft("apology", text).then(function (r) { if (r && mine === seq) show(results, r[0], r[1]); });
    }
    parts.forEach(function (p) {
      p.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(check, 700);
      });
    });
    form.coachNow = function () { clearTimeout(timer); check(true); };
  });

  // "Check my words" reads the draft here when the coach runs on this device: the draft isn't
  // sent. Until the module has loaded (or where it can't run) the button asks the server, as
  // it does without this file; the reading says where it ran.
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest('button[name="action"][value="check"]') : null;
    if (!button || !button.form || !local || !encoder || !decoder) return;
    var form = button.form;
    var field = form.querySelector("textarea[data-coach]");
    var now = form.coachNow || (field && field.coachNow);
    if (!now) return;
    event.preventDefault();
    now();
  });

})();
