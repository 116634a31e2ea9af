"""What a build prints: warnings and errors, and none of other plugins' start-up chatter."""

from __future__ import annotations

import re


def test_a_build_prints_no_start_up_notes_but_still_shows_and_counts_every_warning(tmp_path, repo):
    repo.with_site().case_study("joint-software")
    quiet = repo.build(tmp_path / "quiet")
    assert quiet.returncode == 0, quiet.stderr
    assert "[macros]" not in quiet.stderr
    assert "not included in the \"nav\"" not in quiet.stderr and "accessibility.md" not in quiet.stderr
    assert not re.search(r"^(WARNING|ERROR)", quiet.stderr, re.M), quiet.stderr

    repo.write("docs/index.md", "# Test hub\n\nSee [the missing page](missing.md).\n\n{{ case_study_list() }}\n")
    warned = repo.build(tmp_path / "warned")
    assert warned.returncode != 0
    assert re.search(r"^WARNING .*missing\.md", warned.stderr, re.M), warned.stderr
    assert re.search(r"Aborted with [1-9]\d* warnings in strict mode", warned.stdout + warned.stderr)
    assert "[macros]" not in warned.stderr
