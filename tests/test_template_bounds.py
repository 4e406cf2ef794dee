"""A story template cannot build gigabyte strings through filters, formats, lipsum or a namespace, nor
run without end: each is one line naming the template, exit 2."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from tests.test_sandbox import _story_folder
from toolkit.cli import cli
from toolkit.pdf import template_bounds


@pytest.mark.parametrize("body", [
    "{{ 'x'|center(2000000000) }}",
    "{{ ('x\\n' * 400000)|indent(1000) }}",
    "{{ '%2000000000s'|format('x') }}",
    "{{ '{:>1500000000}'.format('x') }}",
    "{{ '{:{w}}'.format('x', w=5) }}",
    "{{ lipsum(100000, max=100000) }}",
    "{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}",
])
def test_a_template_cannot_build_huge_strings(tmp_path, body):
    folder = _story_folder(tmp_path)
    (folder / "templates" / "cover.html").write_text(f"<p>\n{body}\n</p>", "utf-8")
    result = CliRunner().invoke(cli, ["render", str(folder)])
    assert result.exit_code == 2, result.output
    assert result.output.count("\n") == 1 and "Traceback" not in result.output
    assert f"{(folder / 'templates' / 'cover.html').resolve()}:2: template: " in result.output


def test_a_template_that_runs_too_long_is_stopped(tmp_path, monkeypatch):
    monkeypatch.setattr(template_bounds, "TEMPLATE_SECONDS", 0.5)
    folder = _story_folder(tmp_path)
    (folder / "templates" / "cover.html").write_text(
        "<p>\n{% for i in range(100000) %}{% for j in range(100000) %}{{ i.real }}{% endfor %}{% endfor %}\n</p>",
        "utf-8")
    result = CliRunner().invoke(cli, ["render", str(folder)])
    assert result.exit_code == 2, result.output
    assert "ran longer than 0 seconds" in result.output or "ran longer than 1 seconds" in result.output


def test_ordinary_uses_still_work():
    assert template_bounds.center("ab", 6) == "  ab  "
    assert template_bounds.printf("%5s|", "x") == "    x|"
    assert len(template_bounds.lipsum(1, html=False).split()) >= 20
