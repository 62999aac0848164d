"""The version is written once per place that needs it, and the places agree."""

from __future__ import annotations

import re

import netgov_kg


def test_package_pyproject_and_changelog_agree(repo_root):
    pyproject = (repo_root / "pyproject.toml").read_text(encoding="utf-8")
    version = re.search(r'^version = "([^"]+)"', pyproject, re.MULTILINE)  # tomllib: 3.11+
    assert version is not None and version.group(1) == netgov_kg.__version__
    changelog = (repo_root / "CHANGELOG.md").read_text(encoding="utf-8")
    first = re.search(r"^## (\S+)", changelog, re.MULTILINE)
    assert first is not None and first.group(1) == netgov_kg.__version__
    assert "### Migration from 0.1" in changelog
