"""Small hubs that only build-level tests read, each built once per session and checked by several modules."""

from __future__ import annotations

import pytest

from macros.content.settings import SYNONYMS

from tests.conftest import VALID_FRONT_MATTER, Repo

# A guide page with links the link check must catch: a misspelt page and a missing anchor, beside good ones, in raw
# HTML (the hub's link check of the built page finds them) and in Markdown (MkDocs' link validation does).
BROKEN_PAGE = """\
# Guide

A [good link](case-studies/index.md), a [good anchor](#guide) and a raw HTML list:

<ul>
<li><a href="../case-studies/joint-software/#the-challenge">fine</a></li>
<li><a href="../themes/procurment/">misspelt theme</a></li>
<li><a href="../case-studies/joint-software/#no-such-heading">missing anchor</a></li>
</ul>

See [the source](case-studies/joint-software.md#sorce) and [a case study](case-studies/joint-sofware.md).
"""

# A case study's text with a broken anchor to a guide, a misspelt theme, a missing anchor on its own page and an
# address written as the built site has it.
BROKEN_BODY = """\
## The challenge

Licences cost too much.

## What was done

They bought together, as [the guide](../guide.md#nothing) says
and [the procurement theme](../themes/procurment.md) shows.
[Back to the challenge](#the-chalenge), or [the theme's page](../../themes/procurment/).
"""


@pytest.fixture(scope="session")
def pages_hub(tmp_path_factory) -> Repo:
    """A case study with every field of its page (and an old slug), one whose text holds template syntax, a draft,
    and a synonym the pages use: built once, strictly."""
    repo = Repo(tmp_path_factory.mktemp("pages") / "hub").with_site()
    repo.case_study("joint-software", VALID_FRONT_MATTER + "outcomes: [Licences renewed on time]\n"
                    "contact: {name: Ann Officer, organisation: Nottinghamshire County Council}\n"
                    "aliases: [software-together]\n")
    repo.case_study("template-syntax", VALID_FRONT_MATTER.replace("title: Joint procurement of software",
                                                                  "title: Template syntax study"),
                    body="Total: {{ 7 * 7 }} and {% if true %}yes{% endif %}\n")
    repo.case_study("draft-one", VALID_FRONT_MATTER.replace("title: Joint procurement of software",
                                                             "title: Secret draft study") + "draft: true\n")
    repo.write(SYNONYMS, "- term: JPS\n  means: joint procurement of software\n")
    return repo.built()


@pytest.fixture(scope="session")
def stopped_build(pages_hub, tmp_path_factory):
    """The pages hub copied with its built site, then broken only at the end of a build — broken links (in a guide and
    in a case study's text: BROKEN_PAGE, BROKEN_BODY) and a synonym whose meaning no page uses — and built again into
    the same site folder, with GitHub annotations: (the copy, its files before, the failed build's result)."""
    repo = Repo.copy(pages_hub, tmp_path_factory.mktemp("stopped"))
    before = sorted(path.relative_to(repo.site).as_posix() for path in repo.site.rglob("*"))
    repo.case_study("joint-software", body=BROKEN_BODY)
    repo.write("docs/guide.md", BROKEN_PAGE)
    repo.write(SYNONYMS, "- term: JPS\n  means: joint procurement of software\n"
                         "- term: SPD\n  means: single person discount\n")
    # As the pull-request workflow builds: each problem at a source line is a GitHub annotation too.
    return repo, before, repo.build(repo.site, env={"HUB_MESSAGES": "github"})
