"""`signaldesk sources ...`, OPML and `signaldesk backfill` (WARC, JSONL, HTML folders)."""

from __future__ import annotations

import asyncio
import io
import json
from pathlib import Path

import httpx
import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from signaldesk.cli import main
from signaldesk.errors import InputError
from signaldesk.models import Doc
from signaldesk.settings import Settings
from signaldesk.sources.backfill import Backfill
from signaldesk.sources.cli import test_source as probe_source
from signaldesk.sources.opml import read_opml
from signaldesk.store.sqlite import SQLiteStore

OPML = b"""<?xml version="1.0"?><opml version="1.0"><head><title>mine</title></head><body>
<outline text="Markets"><outline text="Fictional FX" xmlUrl="https://fx.example/rss"/>
<outline text="Rates (fictional)" xmlUrl="https://rates.example/atom" signaldeskDesk="rates"
 signaldeskTier="premium" signaldeskInterval="300"/></outline>
<outline text="Broken" xmlUrl="ftp://nope.example/feed"/>
</body></opml>"""


def run_cli(capsys: pytest.CaptureFixture[str], db: Path, *argv: str) -> tuple[int, str]:
    code = main(["--set", f"db={db}", *argv])
    return code, capsys.readouterr().out


def test_sources_commands_roundtrip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "s.db"
    code, out = run_cli(capsys, db, "sources", "add", "https://a.example/rss", "--desk", "fx",
                        "--tier", "premium", "--interval", "120")
    assert code == 0 and json.loads(out)["tier"] == "premium"
    (tmp_path / "feeds.opml").write_bytes(OPML)
    code, out = run_cli(capsys, db, "sources", "import", str(tmp_path / "feeds.opml"))
    assert code == 1 and json.loads(out) == {"imported": 2, "refused": 1}
    code, out = run_cli(capsys, db, "sources", "list")
    rows = [json.loads(line) for line in out.splitlines()]
    assert sorted(r["url"] for r in rows) == ["https://a.example/rss", "https://fx.example/rss",
                                              "https://rates.example/atom"]
    rates = next(r for r in rows if r["url"] == "https://rates.example/atom")
    assert (rates["desk"], rates["tier"], rates["outlet"]) == ("rates", "premium",
                                                               "Rates (fictional)")
    code, out = run_cli(capsys, db, "sources", "export")
    again = read_opml(out.encode())
    assert {f.url: (f.desk, f.tier, f.interval_s) for f in again}[
        "https://rates.example/atom"] == ("rates", "premium", 300.0)
    assert run_cli(capsys, db, "sources", "remove", "https://fx.example/rss")[0] == 0
    assert main(["--set", f"db={db}", "sources", "remove", "https://fx.example/rss"]) == 2


def test_opml_refuses_non_opml() -> None:
    with pytest.raises(InputError, match="not OPML"):
        read_opml(b"<rss/>")
    with pytest.raises(InputError, match="not valid OPML"):
        read_opml(b"<opml><body>")


def test_sources_test_reports_feed_or_error() -> None:
    feed = (b'<feed xmlns="http://www.w3.org/2005/Atom"><title>Ridge Notes (fictional)</title>'
            b"<entry><id>urn:r1</id><title>Older</title><updated>2026-03-01T00:00:00Z</updated>"
            b"</entry><entry><id>urn:r2</id><title>Newer</title>"
            b"<updated>2026-03-02T00:00:00Z</updated></entry></feed>")

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/feed":
            return httpx.Response(200, content=feed)
        return httpx.Response(200, content=b"<html><body>home</body></html>")

    async def public(host: str, port: int) -> list[str]:
        return ["93.184.216.34"]

    kw = {"transport": httpx.MockTransport(handler), "resolver": public}
    good = asyncio.run(probe_source("https://ridge.example/feed", Settings(), **kw))
    assert (good["format"], good["title"], good["items"]) == ("atom", "Ridge Notes (fictional)",
                                                              2)
    assert good["newest"]["id"] == "urn:r2"
    bad = asyncio.run(probe_source("https://ridge.example/", Settings(), **kw))
    assert bad["error_type"] == "InputError" and "not a feed" in bad["error"]
    unsafe = asyncio.run(probe_source("http://127.0.0.1/feed", Settings()))
    assert unsafe["error_type"] == "UnsafeURLError"


def _warc(path: Path) -> None:
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        pages = [("https://w.example/1", "text/html", b"<html><body><p>One (fictional)</p>"),
                 ("https://w.example/2.png", "image/png", b"\x89PNG"),
                 ("https://w.example/3", "text/html; charset=utf-8",
                  "<html><body><p>Tr\u00e9s (fictional)</p>".encode())]
        for url, ctype, body in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))


def make_archives(root: Path) -> list[str]:
    _warc(root / "crawl.warc.gz")
    lines = [json.dumps({"id": "j1", "text": "Fictional text one."}), "{broken",
             json.dumps({"id": "j2", "html": "<p>Fictional two</p>"})]
    (root / "docs.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    site = root / "site" / "sub"
    site.mkdir(parents=True)
    (site / "a.html").write_text("<html><body>A (fictional)</body></html>", encoding="utf-8")
    (site / "b.htm").write_text("<html><body>B (fictional)</body></html>", encoding="utf-8")
    (root / "site" / "notes.txt").write_text("ignored", encoding="utf-8")
    return [str(root / "crawl.warc.gz"), str(root / "docs.jsonl"), str(root / "site")]


def test_backfill_reads_all_kinds_and_resumes(tmp_path: Path) -> None:
    paths = make_archives(tmp_path)
    store = SQLiteStore(tmp_path / "b.db")
    seen: list[Doc] = []
    report = Backfill(store, batch_size=2, progress=False).run(paths, seen.extend)
    assert report.docs == 6 and report.bad == 1 and "line 2" in report.errors[0]
    warc = [d for d in seen if d.id.startswith("warc-")]
    assert [d.url for d in warc] == ["https://w.example/1", "https://w.example/3"]
    assert warc[1].html is not None and "Trés" in warc[1].html
    assert {d.id for d in seen} >= {"j1", "j2"}
    # re-running skips everything already done: nothing is processed twice
    again: list[Doc] = []
    report2 = Backfill(store, progress=False).run(paths, again.extend)
    assert again == [] and report2.skipped > 0
    # a changed file starts over, with the same ids for the same records (idempotent)
    (tmp_path / "docs.jsonl").write_text(json.dumps({"id": "j1", "text": "Same id."}) + "\n",
                                         encoding="utf-8")
    third: list[Doc] = []
    Backfill(store, progress=False).run(paths, third.extend)
    assert [d.id for d in third] == ["j1"]
    store.close()


def test_backfill_refuses_unknown_files(tmp_path: Path) -> None:
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    with pytest.raises(InputError, match="not a WARC"):
        Backfill(None, progress=False).run([tmp_path / "x.pdf"], lambda docs: None)


def test_backfill_command_runs_the_pipeline(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    paths = make_archives(tmp_path)
    db = tmp_path / "p.db"
    code, out = run_cli(capsys, db, "backfill", "--no-progress", *paths)
    summary = json.loads(out.strip().splitlines()[-1])
    assert code == 0 and summary["docs"] == 6 and summary["bad"] == 1
    code, out = run_cli(capsys, db, "backfill", "--no-progress", *paths)
    assert json.loads(out.strip().splitlines()[-1])["docs"] == 0



POLL_FEED = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Brookside Bulletin
(fictional)</title><item><title>Fictional mill output rises in a made-up town</title>
<link>http://127.0.0.1/story-1</link><guid isPermaLink="false">bb-1</guid>
<pubDate>Tue, 03 Mar 2026 08:00:00 GMT</pubDate><description><![CDATA[<p>The fictional
Brookside mill said output rose four percent in February, according to its own made-up
monthly report published on Tuesday.</p><p>Managers at the invented company expect demand
to stay firm through the spring, the report said.</p>]]></description></item>
</channel></rss>"""


def test_sources_poll_once_runs_the_pipeline(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    (tmp_path / "feed.xml").write_bytes(POLL_FEED)

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 functools.partial(Quiet, directory=str(tmp_path)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}/feed.xml"
    db = tmp_path / "poll.db"
    try:
        assert run_cli(capsys, db, "sources", "add", url)[0] == 0
        code, out = run_cli(capsys, db, "--set", "fetch_allow_private=1", "sources", "poll",
                            "--once")
        assert code == 0 and json.loads(out)["docs"] == 1
        code, out = run_cli(capsys, db, "sources", "list")
        health = json.loads(out)
        assert health["healthy"] and health["last_success_at"] and health["format"] == "rss"
        # nothing is due again right away, so a second round fetches nothing
        code, out = run_cli(capsys, db, "--set", "fetch_allow_private=1", "sources", "poll",
                            "--once")
        assert json.loads(out)["docs"] == 0
    finally:
        server.shutdown()
        server.server_close()
