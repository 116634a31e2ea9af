"""The page macros as the build registers them (site/macros.py: define_env): a bad argument stops the build naming the
page's file and line, the macro and the closest valid value. Each page is run through the hub plugin and
mkdocs-macros set up from the real mkdocs.yml, as the build runs it, without building the site."""

from __future__ import annotations

import re

import pytest

from tests.conftest import Repo
from tests.hubs import write_figures_hub


@pytest.fixture(scope="module")
def run_page(tmp_path_factory):
    """Run docs/figures.md, holding the given text, through the page macros of the figures hub (tests/hubs.py)."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import File
    from mkdocs.structure.pages import Page

    repo = write_figures_hub(Repo(tmp_path_factory.mktemp("macros") / "hub"))
    config = load_config(str(repo.root / "mkdocs.yml"), site_dir=str(repo.site))
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)  # the hub plugin loads the Hub; mkdocs-macros calls define_env

    def run(text: str) -> str:
        repo.write("docs/figures.md", text)
        page = Page(None, File("figures.md", config.docs_dir, config.site_dir, config.use_directory_urls), config)
        page.read_source(config)
        return config.plugins["macros"].on_page_markdown(page.markdown, page=page, config=config, files=None)

    yield run
    config.plugins.on_shutdown()


def build_stops(run_page, caplog, text: str) -> str:
    """What the build logs as it stops on the page (mkdocs-macros' on_error_fail exits)."""
    with pytest.raises(SystemExit):
        run_page(text)
    return caplog.text


def test_a_good_macro_call_is_run_with_the_builds_hub(run_page):
    assert "notts-software" in run_page('{{ case_study_list(authority="nottinghamshire-cc") }}\n')
@pytest.mark.parametrize("call, message", [
    ('{{ dataset_table("test-grant") }}', "docs/figures.md:1: dataset_table: dataset='test-grant' is not known — did you mean 'test-grants'?"),
    ('{{ league_table(by="theme", metric="savings") }}', "league_table: metric='savings' is not known — use one of the metric values: delivered, forecast, roi, cashable_share, case_studies"),
    ('{{ case_study_list(theme="procurment") }}', "case_study_list: theme='procurment' is not known — did you mean 'procurement'?"),
    ('{{ savings_summary(authority="notts-cc") }}', "savings_summary: authority='notts-cc' is not known"),
    ('{{ league_table(by="county") }}', "league_table: by='county' is not known"),
    ('{{ case_study_list(colour="red") }}', "case_study_list: unknown filter 'colour'"),
])
def test_bad_macro_arguments_stop_the_build_naming_page_macro_and_closest_value(run_page, caplog, call, message):
    logged = build_stops(run_page, caplog, call + "\n")
    assert message in logged, logged[-2000:]


@pytest.mark.parametrize("page, line", [
    ("# Figures\n\nText.\n\n{{ case_study_list(theme='procurment') }}\n", 5),
    ("---\ntitle: Figures\ndescription: Savings\n---\n\n# Figures\n\n{{ case_study_count() }}\n\n"
     "{{ league_table(by='theme',\n   metric='savings') }}\n", 10),
])
def test_a_bad_macro_call_is_reported_at_its_line_in_the_page_file(run_page, caplog, page, line):
    logged = build_stops(run_page, caplog, page)
    assert re.search(rf"docs/figures\.md:{line}: (case_study_list|league_table): ", logged), logged[-2000:]
