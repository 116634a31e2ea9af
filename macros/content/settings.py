"""Where the hub's sources live and the bounds every source must keep: the content layer's settings, read without
MkDocs (the site's own settings are the plugin's, `site/config.py`)."""

from __future__ import annotations

import datetime as dt

# --- Where sources live -------------------------------------------------------------------------------------

CASE_STUDIES = "case_studies"                 # case_studies/<slug>.md
DATA = "data"                                 # the registers: data/<name>.yaml
DATASETS = "data/datasets"                    # data/datasets/<id>.yaml
REGISTERS = ("authorities", "partnerships", "themes", "programmes", "regions", "sub_regions")
PUBLISHED_SLUGS = "data/published-slugs.txt"  # every case-study address ever published
SYNONYMS = "data/synonyms.yaml"                # readers' shorthand and the words the pages use for it (search)
# A case study's slug is its permanent address on the site, /case-studies/<slug>/: site/urls.py builds every
# address of a case study from this folder, and editors' messages name it.
CASE_STUDY_SITE_FOLDER = "case-studies"
SOURCE_FOLDERS = (CASE_STUDIES, DATA, DATASETS)

# --- Bounds on files (SECURITY.md): reading stays linear and every file a size an editor could have meant -----

MAX_BYTES = {"case study": 200_000, "dataset": 2_000_000, "register": 2_000_000}
MAX_YAML_DEPTH = 10  # the content model nests three levels (savings -> entry -> field); ten leaves room
# The synonyms: a list editors read at a glance, in a file every search box that corrects a query may fetch.
MAX_SYNONYMS_BYTES = 20_000
MAX_SYNONYMS = 300

# --- Bounds on values: beyond them a figure is a typing slip, and would overflow the formatting --------------

SLUG_LENGTH = (3, 80)                    # a slug is part of an address readers may type
TITLE_LENGTH = (5, 120)
MONEY_CEILING = 100_000_000_000          # £100bn: the largest figure in the partnerships' reports is far below
DATASET_VALUE_CEILING = 10**12           # any dataset cell or stated total, in its column's unit
EARLIEST_PUBLISHED = dt.date(2000, 1, 1)  # the hub publishes nothing dated before its sources could exist
EARLIEST_YEAR = 1990                     # the first year a source document or a period may name
PERIOD_YEARS_AHEAD = 10                  # a period may be planned this many years past this year; a source, none
# Each folder the hub generates pages into has its own list page, `<folder>/index.md`: a slug or id `index`
# would replace it (case-studies/index.md, themes/index.md, …).
RESERVED_NAMES = frozenset({"index"})

# --- Bounds on Markdown bodies (content/shape.py) ------------------------------------------------------------
# Measured with bench/hostile.py: within these a 200 kB body renders in seconds, past them some shapes take
# minutes (2,000 unclosed '[' in one paragraph) or overflow the stack (deeply nested lists or emphasis).
# The largest paragraph in the hub's case studies is about 2,100 characters and 24 lines.

MAX_BLOCK_CHARACTERS = 5_000
MAX_BLOCK_LINES = 60
MAX_NESTING = 8            # quotes and lists inside each other, on one line
MAX_INDENT = 40            # columns of leading space (four a level of list)
MAX_EMPHASIS_RUN = 50      # '*' or '_' in a row
MAX_BRACKET_DEPTH = 8      # '[' inside '[' …
MAX_BRACKET_SCAN = 400_000  # characters Python-Markdown reads looking for the ']' or ')' of each '[' and '](', a body
MAX_ESCAPES = 5_000        # backslash escapes in a body: each costs the renderer a stored placeholder
