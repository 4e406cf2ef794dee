"""A story's labels.yaml is data: its format strings name values and nothing inside them, pad within
bounds, and the file has the built-in labels' shape; anything else is one line naming file and line."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from tests.test_sandbox import _story_folder
from toolkit.cli import cli
from toolkit.pdf.label_files import LabelError, format_label
from toolkit.pdf.render import load_labels


@pytest.mark.parametrize("template", ["{day.__class__.__mro__}", "{day[0]}", "{0}", "{}", "{day:>1500000000}",
                                      "{day:.999999f}", "{day:{day}}", "{nothing}"])
def test_the_label_formatter_reads_named_values_only(template):
    with pytest.raises(LabelError):
        format_label(template, day=7)


def test_the_label_formatter_formats_what_a_label_may_ask():
    assert format_label("{day:>3}. {month} {count:,}", day=7, month="Mai", count=12000) == "  7. Mai 12,000"


def _labels(tmp_path, text: str):
    folder = _story_folder(tmp_path)
    path = folder / "templates" / "labels.yaml"
    path.write_text(text, "utf-8")
    return folder, path


@pytest.mark.parametrize("text, line, message", [
    ("en:\n  date_format: '{day.__class__.__mro__}'\n", 2,
     "date_format '{day.__class__.__mro__}': a label may name values, not their parts or positions"),
    ("en:\n  date_format: '{day:>1500000000}'\n", 2, "date_format '>1500000000' is wider than 100 characters"),
    ("en:\n  date_format: '{secret}'\n", 2, "date_format '{secret}' is no value of this label"),
    ("en:\n  chart_marks: 5\n", 2, "chart_marks must be a mapping of labels, as in the built-in labels.yaml"),
    ("en:\n  outline: [a, b]\n", 2, "outline must be text"),
    ("en:\n  months: [a, b]\n", 2, "months must be a list of 12 labels, as in the built-in labels.yaml"),
    ("en:\n  outline: " + "[" * 200 + "]" * 200 + "\n", 2, "YAML is nested too deeply (more than 50 levels)"),
    ("en:\n  outline: " + "[" * 5000 + "]" * 5000 + "\n", 2, "do not parse: exceeded maximum nesting depth"),
    ("en:\n  outline: 1" + "0" * 5000 + "\n", 2, "a number of 5,001 digits; quote it if it is text"),
])
def test_a_story_labels_file_is_checked(tmp_path, text, line, message):
    folder, path = _labels(tmp_path, text)
    with pytest.raises(LabelError.__mro__[1]) as caught:
        load_labels("en", [folder / "templates"])
    assert caught.value.line == line
    assert message in caught.value.message
    result = CliRunner().invoke(cli, ["render", str(folder)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.output.startswith(f"storybible: {path}:{line}: labels") and result.output.count("\n") == 1


def test_a_good_story_label_overrides_and_numbers_become_text(tmp_path):
    folder, _ = _labels(tmp_path, "en:\n  outline: Steps\n  none: 0\n  date_format: '{year}-{day:02}'\n")
    labels = load_labels("en", [folder / "templates"])
    assert (labels["outline"], labels["none"], labels["date_format"]) == ("Steps", "0", "{year}-{day:02}")
    assert labels["characters"] == "Characters"
