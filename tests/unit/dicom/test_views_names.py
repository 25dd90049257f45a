"""View codes and labels; person name normalisation."""

from __future__ import annotations

import pytest

from mammolog.dicom import names, views


@pytest.mark.parametrize(
    ("code", "label"),
    [
        ("399162004", "CC"),
        ("R-10242", "CC"),
        ("399368009", "MLO"),
        ("R-10226", "MLO"),
        ("399099002", "LMO"),
        ("r-1024a", "XCCL"),
        ("127457009", "SPECIMEN"),
    ],
)
def test_view_codes_sct_and_legacy(code: str, label: str) -> None:
    assert views.view_from_code(code) == label


def test_unknown_code_falls_back_on_meaning() -> None:
    assert views.view_from_code("XYZ", "99LOCAL", "Medio-lateral oblique") == "MLO"
    assert views.view_from_code("XYZ", "99LOCAL", "nonsense") is None


def test_modifier_codes() -> None:
    assert views.modifier_from_code("399163009") == "magnification"
    assert views.modifier_from_code("R-102D7") == "spot compression"
    assert views.modifier_from_code("399209000") == "implant displaced"


@pytest.mark.parametrize(
    ("text", "view", "mods"),
    [
        ("CC", "CC", ()),
        ("MLO", "MLO", ()),
        ("RMLO", "MLO", ()),
        ("MCC", "CC", ("magnification",)),
        ("CC ID", "CC", ("implant displaced",)),
        ("XCCL", "XCCL", ()),
        ("FLATFIELD", None, ()),
        ("", None, ()),
    ],
)
def test_view_position_text(text: str, view: str | None, mods: tuple[str, ...]) -> None:
    assert views.view_from_position(text) == (view, mods)


def test_labels() -> None:
    assert views.view_label("R", "CC") == "R CC"
    assert (
        views.view_label("L", "MLO", ["magnification", "spot compression"])
        == "L MLO (magnification, spot compression)"
    )
    assert views.view_label(None, "CC") == "? CC"
    assert views.view_label("L", None) == "L"
    assert views.view_label(None, None) == ""


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("KOWALSKA^MARIA", "Kowalska^Maria^Anna", True),
        ("DOE^JOHN", "DOE^JOHN^^^", True),
        ("Müller^Jürgen", "MULLER^JURGEN", True),
        ("Łukasiewicz^Ewa", "LUKASIEWICZ^EWA", True),
        ("KOWALSKA^MARIA", "KOWALSKA^ANNA", False),
        ("Yamada^Tarou=山田^太郎=やまだ^たろう", "=山田^太郎", True),
        ("=山田^太郎", "=山田^花子", False),
        ("", "", False),
        ("O'BRIEN^MARY JANE", "obrien^mary", False),
        ("O BRIEN^MARY JANE", "o'brien^mary", True),
    ],
)
def test_same_name(a: str, b: str, same: bool) -> None:
    assert names.same_name(a, b) is same


def test_name_key_groups_and_match_keys() -> None:
    key = names.name_key("Hong^Gildong=洪^吉洞=홍^길동")
    assert (key.family, key.given) == ("hong", "gildong")
    assert (key.ideographic_family, key.ideographic_given) == ("洪", "吉洞")
    assert (key.phonetic_family, key.phonetic_given) == ("홍", "길동")
    assert names.match_keys("KOWALSKA^MARIA^ANNA") == ("kowalska^maria",)
    assert names.match_keys("Yamada^Tarou=山田^太郎") == ("yamada^tarou", "山田^太郎")
    assert names.match_keys("") == ()


def test_display_name() -> None:
    assert names.display_name("KOWALSKA^MARIA^ANNA") == "Maria Anna Kowalska"
    assert names.display_name("=山田^太郎") == "太郎 山田"
    assert names.display_name("") == ""
