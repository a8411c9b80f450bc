// SignalDesk live wire: new and updated items arrive over SSE and are drawn with DOM
// calls only (textContent, never innerHTML), so text from hostile pages cannot run.
"use strict";
(function () {
  const wire = document.getElementById("wire");
  const live = document.getElementById("live");
  if (!wire || !window.EventSource) return;
  const MAX_ROWS = 300;
  const params = new URLSearchParams(wire.dataset.stream || "");
  if (wire.dataset.seq) params.set("last_event_id", wire.dataset.seq);

  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function link(href, cls, text) {
    const a = el("a", cls, text);
    a.setAttribute("href", href);
    return a;
  }
  function hhmm(iso) {
    const d = iso ? new Date(iso) : null;
    return d && !isNaN(d) ? d.toISOString().slice(11, 16) : "";
  }
  function upper(desk) { return String(desk || "").toUpperCase().replace(/-/g, " "); }

  function render(item) {
    const row = el("article", "item fresh");
    if (item.access === "teaser") row.classList.add("locked");
    if (item.action === "removed") row.classList.add("removed");
    row.dataset.itemId = item.item_id;
    const meta = el("div", "meta");
    const time = el("time", null, hhmm(item.first_seen_at || item.recorded_at));
    time.setAttribute("datetime", item.recorded_at || "");
    meta.append(time);
    for (const d of item.desks || []) meta.append(link("/?desk=" + encodeURIComponent(d.desk), "desk", upper(d.desk)));
    const urgency = item.scores && item.scores.urgency;
    if (urgency === "flash" || urgency === "urgent") meta.append(el("span", "urg " + urgency, urgency.toUpperCase()));
    if (item.tier === "premium") meta.append(el("span", "tier", "PREMIUM"));
    if (item.revision > 1) meta.append(el("span", "rev", "rev " + item.revision));
    row.append(meta);
    const h2 = el("h2");
    h2.append(link("/items/" + encodeURIComponent(item.item_id), null, item.headline || "(no headline)"));
    row.append(h2);
    if (item.lead) row.append(el("p", "lead", item.lead));
    if (item.bullets && item.bullets.length) {
      const ul = el("ul", "bullets");
      for (const b of item.bullets) ul.append(el("li", null, b));
      row.append(ul);
    }
    if (item.access === "teaser" && item.cta) {
      const p = el("p", "paywall", item.cta.message + " ");
      // cta.url is ours (a local path); refuse anything else all the same.
      if (/^\/[^/\\]/.test(item.cta.url)) p.append(link(item.cta.url, "cta", item.cta.label));
      row.append(p);
    }
    const foot = el("div", "foot");
    const chips = el("div", "chips");
    for (const e of (item.entities || []).slice(0, 8)) {
      // Tone colours the chip; only the two known labels become a class name.
      const tone = e.tone && (e.tone.label === "positive" || e.tone.label === "negative") ? " t-" + e.tone.label : "";
      const chip = link("/?entity=" + encodeURIComponent(e.id), "chip ent" + tone, e.name);
      chip.title = e.id + " · relevance " + e.relevance + (e.tone ? " · tone " + e.tone.label + " " + Number(e.tone.score).toFixed(2) : "");
      chips.append(chip);
    }
    for (const i of (item.instruments || []).slice(0, 8)) {
      chips.append(link("/?instrument=" + encodeURIComponent(i.symbol), "chip ins", i.symbol));
    }
    foot.append(chips);
    if (item.story_id) {
      const n = (item.sources || []).length || 1;
      foot.append(link("/stories/" + encodeURIComponent(item.story_id), "srcs", n + (n === 1 ? " source" : " sources")));
    }
    if (item.word_count) foot.append(el("span", "wc", item.word_count + " words"));
    row.append(foot);
    return row;
  }

  function place(data) {
    if (!data || !data.item) return;
    const old = wire.querySelector('[data-item-id="' + CSS.escape(String(data.item_id)) + '"]');
    if (old) old.remove();
    const empty = wire.querySelector(".empty");
    if (empty) empty.remove();
    wire.prepend(render(data.item));
    while (wire.children.length > MAX_ROWS) wire.lastElementChild.remove();
  }

  const source = new EventSource("/api/v1/stream?" + params.toString());
  source.addEventListener("open", function () { live.classList.add("on"); });
  source.addEventListener("error", function () { live.classList.remove("on"); });
  // Too far behind for the server to replay: a fresh page is the whole catch-up.
  source.addEventListener("reload", function () { source.close(); window.location.reload(); });
  source.addEventListener("item", function (event) {
    try { place(JSON.parse(event.data)); } catch (err) { console.error("bad stream event", err); }
  });
})();
