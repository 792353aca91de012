"""Cells that a spreadsheet would run as formulas are written as text."""

from muflon.core.csv_export import safe_cell


def test_formula_starts_get_an_apostrophe_and_other_values_stay():
    assert [safe_cell(v) for v in ["=1+1", "+48 600", "-5", "@SUM(A1)", "Nowak", 45, ""]] == [
        "'=1+1",
        "'+48 600",
        "'-5",
        "'@SUM(A1)",
        "Nowak",
        45,
        "",
    ]
