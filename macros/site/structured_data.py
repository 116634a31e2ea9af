"""schema.org JSON-LD built from the content (a case study as an Article, a dataset as a Dataset, the home page as
the WebSite), serialised so that no contributed text can end the <script type="application/ld+json"> data block."""

from __future__ import annotations

import json

from ..content import models
from . import urls

SCHEMA = "https://schema.org"

# Characters that could end the data block or open a comment in it (`</script>`, `<!--`), escaped the way JSON
# allows inside strings; U+2028 and U+2029 too, so the text stays valid JavaScript for any tool that reads it so.
SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def to_script_text(data: dict) -> str:
    """JSON for a <script type="application/ld+json"> element: none of < > & left, so nothing can break out."""
    text = json.dumps(data, ensure_ascii=False)
    for character, escape in SCRIPT_ESCAPES.items():
        text = text.replace(character, escape)
    return text


def describe_organisation(name: str, url: str, **extra) -> dict:
    return {"@type": "Organization", "name": name, "url": url, **{k: v for k, v in extra.items() if v}}


def describe_source(source: models.SourceRef) -> dict:
    """The source document as a CreativeWork: its title, date and (where known) address."""
    work = {"@type": "CreativeWork", "name": source.document, "datePublished": source.date}
    if source.url:
        work["url"] = source.url
    return work


def describe_place(hub, register: str, item_id: str, site_url: str) -> dict:
    """An authority, sub-region or region as an AdministrativeArea, linked to its page where it has one."""
    item = hub.registers[register][item_id]
    place = {"@type": "AdministrativeArea", "name": item.name}
    if register in ("authorities", "sub_regions"):
        place["url"] = urls.page_url(site_url, urls.register_page(register, item_id))
    return place


def area_register(hub, area_id: str) -> str:
    return "sub_regions" if area_id in hub.sub_regions else "regions"


def describe_case_study(cs: models.CaseStudy, hub, site_url: str, site_name: str) -> dict:
    base = urls.site_base(site_url)
    url = urls.case_study_url(site_url, cs.slug)
    hub_organisation = describe_organisation(site_name, base)
    places = [describe_place(hub, "authorities", a, site_url) for a in cs.authorities]
    if cs.area:
        places.append(describe_place(hub, area_register(hub, cs.area), cs.area, site_url))
    return {
        "@context": SCHEMA,
        "@type": "Article",
        "headline": cs.title,
        "description": cs.summary,
        "url": url,
        "mainEntityOfPage": url,
        "inLanguage": "en-GB",
        "datePublished": cs.published.isoformat(),
        "dateModified": (cs.updated or cs.published).isoformat(),
        "author": hub_organisation,
        "publisher": hub_organisation,
        "about": [{"@type": "DefinedTerm", "name": hub.themes[t].name,
                   "url": urls.page_url(site_url, urls.register_page("themes", t)),
                   "inDefinedTermSet": urls.page_url(site_url, urls.register_index("themes"))} for t in cs.themes],
        "spatialCoverage": places,
        "citation": describe_source(cs.source),
    }


def temporal_coverage(period: models.Period) -> str:
    """An ISO 8601 interval as schema.org writes one ("2008/2011"; ".." for an open end)."""
    return f"{period.start}/{period.end or '..'}"


def dataset_places(dataset: models.Dataset, hub, site_url: str) -> list[dict]:
    """The authorities, sub-regions and regions the rows name, in the order they appear; else the partnership's
    region, the area its figures are about."""
    named = []
    for column in dataset.columns:
        if column.ref in ("authorities", "sub_regions", "regions"):
            for row in dataset.rows:
                value = row.get(column.id)
                if value and (column.ref, value) not in named:
                    named.append((column.ref, value))
    if named:
        return [describe_place(hub, register, item_id, site_url) for register, item_id in named]
    return [{"@type": "AdministrativeArea", "name": hub.partnerships[dataset.partnership].region}]


def describe_dataset(dataset: models.Dataset, hub, site_url: str, site_name: str) -> dict:
    base = urls.site_base(site_url)
    partnership = hub.partnerships[dataset.partnership]
    csv_path, json_path = urls.dataset_downloads(dataset.id)
    description = dataset.description or (
        f"{dataset.title}: the figures printed in {dataset.source.document} ({dataset.source.date}), "
        f"from the {partnership.name}.")
    return {
        "@context": SCHEMA,
        "@type": "Dataset",
        "name": dataset.title,
        "description": description,
        "url": urls.page_url(site_url, urls.dataset_page(dataset.id)),
        "inLanguage": "en-GB",
        "creator": describe_organisation(partnership.name,
                                         urls.page_url(site_url, urls.register_page("partnerships", partnership.id)),
                                         alternateName=partnership.short_name, sameAs=partnership.url),
        "publisher": describe_organisation(site_name, base),
        "temporalCoverage": temporal_coverage(dataset.period),
        "spatialCoverage": dataset_places(dataset, hub, site_url),
        "isBasedOn": describe_source(dataset.source),
        "variableMeasured": [column.label for column in dataset.columns],
        "distribution": [
            {"@type": "DataDownload", "encodingFormat": "text/csv", "contentUrl": urls.absolute_url(site_url, csv_path)},
            {"@type": "DataDownload", "encodingFormat": "application/json", "contentUrl": urls.absolute_url(site_url, json_path)},
        ],
    }


def describe_website(site_url: str, site_name: str, description: str) -> dict:
    base = urls.site_base(site_url)
    return {
        "@context": SCHEMA,
        "@type": "WebSite",
        "name": site_name,
        "url": base,
        "description": description,
        "inLanguage": "en-GB",
        "publisher": describe_organisation(site_name, base),
        "potentialAction": {  # the search page reads its query from ?q= (docs/javascripts/hub-search.js)
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": urls.search_url_template(site_url)},
            "query-input": "required name=search_term_string",
        },
    }


def describe_page(hub, page, config) -> dict | None:
    """The JSON-LD of a built page, or None for a page of another kind."""
    meta, site_url, site_name = page.meta, config.get("site_url") or "", config.get("site_name") or ""
    kind = meta.get("hub_kind")
    if kind == "case-study" and meta.get("hub_slug") in hub.case_studies:
        return describe_case_study(hub.case_studies[meta["hub_slug"]], hub, site_url, site_name)
    if kind == "dataset":
        dataset_id = next((d for d in hub.datasets if urls.dataset_page(d) == page.file.src_uri), None)
        if dataset_id:
            return describe_dataset(hub.datasets[dataset_id], hub, site_url, site_name)
    if page.is_homepage:
        return describe_website(site_url, site_name, config.get("site_description") or "")
    return None


def add_structured_data(hub, page, config) -> None:
    """Put the page's JSON-LD, ready for its data block, in page.meta for overrides/partials/hub-structured-data.html."""
    data = describe_page(hub, page, config)
    if data is not None:
        page.meta["hub_json_ld"] = to_script_text(data)
