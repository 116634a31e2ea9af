"""The real hub's hand-written good-practice pages, which tests check in docs/ (tests/unit/repository/test_content.py)
and in the built site (tests/site/test_good_practice_pages.py)."""

from __future__ import annotations

PARTNERSHIP_PAGES = ["partnerships/emce.md", "partnerships/em-iep.md", "partnerships/improvement-east.md",
                     "partnerships/lga.md"]
GUIDES = ["procurement", "shared-services", "adult-social-care", "childrens-services", "business-transformation",
          "assets-and-property", "climate-change", "revenues-and-benefits", "sector-led-improvement"]
METHOD_PAGES = ["methods/invest-to-save.md", "methods/peer-review.md", "methods/efficiency-products.md"]
GOOD_PRACTICE_PAGES = ["index.md", *PARTNERSHIP_PAGES, *(f"guides/{g}.md" for g in GUIDES), *METHOD_PAGES]
