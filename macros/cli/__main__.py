"""`python -m macros.cli`: the `pkhub` command."""

import sys

from .main import main

sys.exit(main())
