"""Make sure the Debian packages the tests drive are installed (run by `make test` before pytest): chromium for the
browser tests, a Java runtime for the Nu HTML Checker (tests/site/test_standards.py). Each is skipped when present:
CHROMIUM may name another Chromium, and any `java` on the PATH will do (README "Running the tests")."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

CHROMIUM = os.environ.get("CHROMIUM") or "/usr/bin/chromium"


def missing_packages() -> list[str]:
    """Debian packages to install: only those whose program is not already there."""
    missing = []
    if not os.path.exists(CHROMIUM):
        missing.append("chromium")
    if shutil.which("java") is None:
        missing.append("default-jre-headless")
    return missing


def main() -> int:
    missing = missing_packages()
    if not missing:
        return 0
    if shutil.which("apt-get") is None:
        print(f"the tests need {' and '.join(missing)}, and there is no apt-get here to install them: set CHROMIUM "
              "to a Chromium or Chrome program and put a Java runtime's `java` on the PATH, or run the tests in "
              "Debian's container (README, \"Running the tests\")", file=sys.stderr)
        return 1
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    print(f"installing Debian's {' and '.join(missing)} for the tests…", file=sys.stderr)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run([*sudo, "apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run([*sudo, "apt-get", "install", "-y", "-qq", *missing], check=True,
                   env=env, stdout=subprocess.DEVNULL)
    return 0


if __name__ == "__main__":
    sys.exit(main())
