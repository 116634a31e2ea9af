"""`make bench`: build synthetic hubs of each distribution (case studies spread over the registers, or skewed towards
a few councils and themes as region-wide programmes are) and print build time, peak memory, the largest page, cost
per case study and search-index size beside a plain mkdocs-material build of the same Markdown; `pkhub check` time
and rebuild time after one change; and each search engine's time to first result in a real browser. Prints figures;
asserts nothing."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.synthetic import DISTRIBUTIONS, prune_nav, write_hub  # noqa: E402
from macros.site.format import format_date  # noqa: E402

PYTHON = sys.executable
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
QUERY = "procurement"

# Runs one command in a fresh process, so RUSAGE_CHILDREN holds that command's peak memory alone.
MEASURE = textwrap.dedent("""
    import json, resource, subprocess, sys, time
    started = time.perf_counter()
    result = subprocess.run(sys.argv[2:], cwd=sys.argv[1], capture_output=True, text=True)
    seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({"seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024,
                      "code": result.returncode, "stderr": result.stderr[-3000:]}))
""")

# What `make serve` (`mkdocs serve --dirty --no-strict`) does when an editor saves a file: load the configuration
# again and rebuild, in a process where the plugin, its preview pages and the Hub of the last build are kept.
REBUILD = textwrap.dedent("""
    import json, resource, sys, time
    from pathlib import Path
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    root, site, case_study = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
    def serve_build():
        build(load_config(str(root / "mkdocs.yml"), site_dir=site, strict=False), serve_url="http://127.0.0.1:8000/",
              dirty=True)
    load_config(str(root / "mkdocs.yml"), site_dir=site).plugins.on_startup(command="serve", dirty=True)
    serve_build()
    text = case_study.read_text()
    case_study.write_text(text.replace("## Lessons", "## Lessons\\n\\nOne more lesson, added by an editor.", 1))
    def cpu():
        return sum(u.ru_utime + u.ru_stime for u in map(resource.getrusage, (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)))
    started, cpu_started = time.perf_counter(), cpu()
    serve_build()
    print(json.dumps({"seconds": time.perf_counter() - started, "cpu": cpu() - cpu_started}))
""")


def measure(command: list[str], cwd: Path) -> dict:
    out = subprocess.run([PYTHON, "-c", MEASURE, str(cwd), *command], capture_output=True, text=True, env=ENV)
    result = json.loads(out.stdout)
    if result["code"] != 0:
        raise SystemExit(f"{' '.join(command)} failed in {cwd}:\n{result['stderr']}")
    return result


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.exists() else 0


def count_pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("*.html"))


def largest_page(site: Path) -> tuple[int, str]:
    """The size in bytes and the address of the largest HTML page of a built site."""
    return max(((p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*.html")), default=(0, ""))


# --- The plain mkdocs-material build of the same Markdown ------------------------------------------------

def write_plain(hub_root: Path, target: Path) -> None:
    """The hub's pages as plain Markdown files (generated ones written out, macros left unrendered), built by
    mkdocs-material with its own search and no hub plugin or macros."""
    from macros.figures.hub import build_hub
    from macros.site.pages import generate_pages

    if target.exists():
        shutil.rmtree(target)
    docs = target / "docs"
    shutil.copytree(hub_root / "docs", docs)
    existing = {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")}
    for page in generate_pages(build_hub(hub_root), existing):
        (docs / page.uri).parent.mkdir(parents=True, exist_ok=True)
        (docs / page.uri).write_text(page.markdown, encoding="utf-8")
    pages = {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")}
    hub_config = (hub_root / "mkdocs.yml").read_text(encoding="utf-8")
    nav = prune_nav(yaml.safe_load(hub_config.partition("\nnav:\n")[2].split("\n\n")[0]) or [], pages.__contains__)
    config = {
        "site_name": "Plain build", "site_url": "https://hub.example.org/", "docs_dir": "docs",
        "theme": {"name": "material", "language": "en", "font": False,
                  "features": ["navigation.tabs", "navigation.top", "navigation.indexes"]},
        "extra_css": ["stylesheets/hub.css"],
        "markdown_extensions": ["attr_list", "def_list", "md_in_html", "tables", {"toc": {"permalink": True}}, "admonition"],
        "plugins": ["search"],
        "nav": nav,
    }
    (target / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")


# --- Time to first result in a real browser ---------------------------------------------------------------

def serve_quietly(folder: Path):
    """Serve a folder on a free loopback port in a background thread; returns (base_url, server)."""
    import functools
    import http.server
    import threading

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


def time_to_first_result(site: Path, engine: str, runs: int = 3) -> dict | None:
    """Median milliseconds from opening the search to the first result drawn, cold cache, and bytes fetched."""
    try:
        from playwright.sync_api import sync_playwright
        from tests.conftest import CHROMIUM, CHROMIUM_ARGS
    except ImportError:
        return None
    if not Path(CHROMIUM).exists():
        return None
    url, server = serve_quietly(site)
    if engine == "pagefind":
        address, selector = f"{url}search/?q={QUERY}", "#hub-results li"
    else:  # Material's lunr search opens with the query from ?q=
        address, selector = f"{url}?q={QUERY}", ".md-search-result__item"
    times, downloads = [], []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for _ in range(runs):
                context = browser.new_context()
                page = context.new_page()
                fetched = []
                page.on("requestfinished", lambda r: fetched.append(r.sizes()["responseBodySize"]))
                page.goto(address)
                times.append(page.wait_for_function(
                    f"() => document.querySelector({json.dumps(selector)}) && performance.now()",
                    polling="raf", timeout=120_000).json_value())
                page.wait_for_timeout(200)
                downloads.append(sum(fetched))
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return {"ms": statistics.median(times), "bytes": statistics.median(downloads)}


# --- One size ---------------------------------------------------------------------------------------------

def best_of(runs: int, command: list[str], cwd: Path) -> dict:
    """The fastest of several runs: other work on the machine only ever adds time."""
    return min((measure(command, cwd) for _ in range(runs)), key=lambda result: result["seconds"])


def bench_size(count: int, distribution: str, work: Path, browser: bool, runs: int) -> dict:
    name = f"{distribution}-{count}"
    hub_root = work / f"hub-{name}"
    write_hub(hub_root, count, distribution=distribution)
    hub_site, plain_root = work / f"hub-{name}-site", work / f"plain-{name}"
    plain_site = work / f"plain-{name}-site"
    write_plain(hub_root, plain_root)
    hub = best_of(runs, [PYTHON, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(hub_site)], hub_root)
    plain = best_of(runs, [PYTHON, "-m", "mkdocs", "build", "-q", "-d", str(plain_site)], plain_root)
    hub_largest, plain_largest = largest_page(hub_site), largest_page(plain_site)
    row = {
        "distribution": distribution, "case_studies": count,
        "hub_s": hub["seconds"], "hub_cpu": hub["cpu"], "hub_mb": hub["peak_mb"], "hub_pages": count_pages(hub_site),
        "plain_s": plain["seconds"], "plain_cpu": plain["cpu"], "plain_mb": plain["peak_mb"],
        "plain_pages": count_pages(plain_site),
        "hub_largest": hub_largest[0], "hub_largest_page": hub_largest[1],
        "plain_largest": plain_largest[0], "plain_largest_page": plain_largest[1],
        "pagefind_bytes": folder_size(hub_site / "pagefind"),
        "lunr_bytes": folder_size(plain_site / "search"),
    }
    row["ratio"] = row["hub_s"] / row["plain_s"]
    row["cpu_ratio"] = row["hub_cpu"] / row["plain_cpu"]
    if browser:
        row["pagefind_first"] = time_to_first_result(hub_site, "pagefind")
        row["lunr_first"] = time_to_first_result(plain_site, "lunr")
    return row


def bench_editing(work: Path, count: int, distribution: str) -> dict:
    hub_root = work / f"hub-{distribution}-{count}"
    if not hub_root.exists():
        write_hub(hub_root, count, distribution=distribution)
    check = measure([PYTHON, "-m", "macros.cli", "--root", str(hub_root), "check"], hub_root)
    case_study = sorted((hub_root / "case_studies").glob("*.md"))[0]
    out = subprocess.run([PYTHON, "-c", REBUILD, str(hub_root), str(work / f"serve-{distribution}-{count}"),
                          str(case_study)], capture_output=True, text=True, env=ENV, cwd=hub_root)
    if out.returncode != 0:
        raise SystemExit(f"rebuild failed:\n{out.stderr[-3000:]}")
    rebuild = json.loads(out.stdout.splitlines()[-1])
    return {"distribution": distribution, "case_studies": count, "check_s": check["seconds"],
            "check_cpu": check["cpu"], "rebuild_s": rebuild["seconds"], "rebuild_cpu": rebuild["cpu"]}


# --- Report -----------------------------------------------------------------------------------------------

def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "unknown CPU") if Path("/proc/cpuinfo").exists() else platform.processor()
    return f"{os.cpu_count()} cores (nproc {len(os.sched_getaffinity(0))}), {cpu}, Python {platform.python_version()}"


def kb(n: float) -> str:
    return f"{n / 1024:,.0f} KB" if n < 10 * 1024 * 1024 else f"{n / 1024 / 1024:,.1f} MB"


def format_report(rows: list[dict], editing: list[dict]) -> str:
    lines = [f"Measured {format_date(dt.date.today())} on {machine()}.", "",
             "Build times are wall clock (the fastest of the runs), with the CPU time of the build's processes "
             "in brackets; the ratio is the hub's build time over plain mkdocs-material's on the same Markdown.", "",
             "| distribution | case studies | hub build | plain mkdocs-material | ratio (wall / CPU) "
             "| peak memory (hub / plain) | per case study (hub / plain) | largest page (hub / plain) "
             "| search index (Pagefind / lunr) |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        lines.append(
            f"| {r['distribution']} | {r['case_studies']:,} | {r['hub_s']:.1f} s ({r['hub_cpu']:.1f} s), "
            f"{r['hub_pages']:,} pages | {r['plain_s']:.1f} s ({r['plain_cpu']:.1f} s), {r['plain_pages']:,} pages "
            f"| {r['ratio']:.2f}× / {r['cpu_ratio']:.2f}× | {r['hub_mb']:,.0f} MB / {r['plain_mb']:,.0f} MB "
            f"| {r['hub_s'] / r['case_studies'] * 1000:.1f} ms / {r['plain_s'] / r['case_studies'] * 1000:.1f} ms "
            f"| {kb(r['hub_largest'])} ({r['hub_largest_page']}) / {kb(r['plain_largest'])} ({r['plain_largest_page']}) "
            f"| {kb(r['pagefind_bytes'])} / {kb(r['lunr_bytes'])} |")
    growth = []
    for distribution in dict.fromkeys(r["distribution"] for r in rows):
        by_size = {r["case_studies"]: r for r in rows if r["distribution"] == distribution}
        if 1000 in by_size and 5000 in by_size:
            small, large = (by_size[n]["hub_s"] / n * 1000 for n in (1000, 5000))
            growth.append(f"{distribution}: {small:.1f} ms → {large:.1f} ms ({large / small - 1:+.0%})")
    if growth:
        lines += ["", "Hub build time per case study, 1,000 → 5,000 case studies: " + "; ".join(growth) + "."]
    if any(r.get("pagefind_first") for r in rows):
        lines += ["", f"Time to first result for \"{QUERY}\" in Debian's chromium (cold cache, median of 3), and what "
                  "the browser downloaded for it:", "",
                  "| distribution | case studies | Pagefind | Material (lunr) |", "|---|---:|---:|---:|"]
        for r in rows:
            p, m = r.get("pagefind_first"), r.get("lunr_first")
            lines.append(f"| {r['distribution']} | {r['case_studies']:,} | {p['ms']:,.0f} ms, {kb(p['bytes'])} "
                         f"| {m['ms']:,.0f} ms, {kb(m['bytes'])} |" if p and m
                         else f"| {r['distribution']} | {r['case_studies']:,} | — | — |")
    for e in editing:
        lines += ["", f"{e['distribution'].capitalize()}, {e['case_studies']:,} case studies: `pkhub check` "
                  f"{e['check_s']:.2f} s ({e['check_cpu']:.2f} s CPU); rebuild after one case study changes (as "
                  f"under `make serve`) {e['rebuild_s']:.1f} s ({e['rebuild_cpu']:.1f} s CPU)."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,5000", help="comma-separated numbers of case studies")
    parser.add_argument("--distributions", default=",".join(DISTRIBUTIONS),
                        help=f"comma-separated: {', '.join(DISTRIBUTIONS)}")
    parser.add_argument("--no-browser", action="store_true", help="skip the time-to-first-result measurement")
    parser.add_argument("--work", type=Path, help="folder for the synthetic hubs (default: a temporary one)")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    parser.add_argument("--runs", type=int, default=3, help="builds of each kind per size; the fastest is reported")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="hub-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",")]
    distributions = [d for d in args.distributions.split(",") if d]
    unknown = set(distributions) - set(DISTRIBUTIONS)
    if unknown:
        parser.error(f"unknown distribution {sorted(unknown)[0]!r}: {', '.join(DISTRIBUTIONS)}")
    rows, editing = [], []
    for distribution in distributions:
        for count in sizes:
            print(f"building {count:,} case studies ({distribution})…", file=sys.stderr, flush=True)
            # The search engines are compared on the spread hubs only: the skewed ones index the same pages.
            browser = not args.no_browser and distribution == "spread"
            rows.append(bench_size(count, distribution, work, browser, args.runs))
        editing_size = 1000 if 1000 in sizes else sizes[0]
        print(f"timing pkhub check and a rebuild at {editing_size:,} ({distribution})…", file=sys.stderr, flush=True)
        editing.append(bench_editing(work, editing_size, distribution))
    print(format_report(rows, editing))
    if args.json:
        args.json.write_text(json.dumps({"rows": rows, "editing": editing, "machine": machine()}, indent=2))
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
