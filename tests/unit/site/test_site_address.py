"""Whether an address may be published (`macros/site/site_address.py`), and the message when it may not."""

from __future__ import annotations

from macros.site.site_address import PLACEHOLDER_SITE_URL, WHERE_TO_SET, describe_unpublishable_address

from tests.conftest import ROOT


def test_the_placeholder_and_a_missing_address_are_refused_with_the_line_and_where_to_set_the_real_one(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: Hub\n# the address\nsite_url: !ENV [HUB_SITE_URL, 'https://hub.example.org/']\n")
    for address in (PLACEHOLDER_SITE_URL, PLACEHOLDER_SITE_URL.rstrip("/"), None, ""):
        message = describe_unpublishable_address(address, config)
        assert message.startswith("mkdocs.yml:3: site_url: "), message
        assert message.endswith(f" — {WHERE_TO_SET}")
    assert "is the placeholder address" in describe_unpublishable_address(PLACEHOLDER_SITE_URL, config)
    assert "no address is set" in describe_unpublishable_address(None, config)
    assert "HUB_SITE_URL" in WHERE_TO_SET and "PUBLISH=false" in WHERE_TO_SET


def test_a_real_address_may_be_published():
    assert describe_unpublishable_address("https://improvement.example.gov.uk/hub/", ROOT / "mkdocs.yml") is None


def test_mkdocs_yml_reads_the_address_from_hub_site_url_with_the_placeholder_as_its_default():
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert f'site_url: !ENV [HUB_SITE_URL, "{PLACEHOLDER_SITE_URL}"]' in text
    assert "publishing: !ENV [HUB_PUBLISH, false]" in text
