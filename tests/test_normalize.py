"""OpenCC runs only on text with a character some changing entry needs — and the output is the
same as running it on everything (measured on every text the project has, and on random text
built from OpenCC's own entries)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.core import normalize
from tests.conftest import ROOT, SHARED_CORPUS

DEVSET = ROOT.parent / "shared" / "devset" / "reports"


def _lines(folder: Path) -> list[str]:
    return [
        line
        for path in sorted(folder.rglob("*.txt"))
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines()
    ]


@pytest.mark.parametrize("folder", [ROOT / "seeds", DEVSET, SHARED_CORPUS], ids=lambda p: p.name)
def test_same_output_as_opencc_on_real_text(folder):
    if not folder.is_dir():
        pytest.skip(f"{folder} not present")
    lines = _lines(folder)
    opencc = normalize._t2s()
    assert [normalize.to_simplified(line) for line in lines] == [
        opencc.convert(line) for line in lines
    ]


def _entries() -> list[str]:
    """Keys of OpenCC's t2s tables, and simplified characters around them."""
    from importlib.util import find_spec

    folder = Path(find_spec("opencc").origin).parent / "dictionary"
    keys = [
        line.split("\t")[0]
        for name in ("TSCharacters.txt", "TSPhrases.txt")
        for line in (folder / name).read_text(encoding="utf-8").splitlines()
    ]
    return keys[::7] + list("法治政府建设依法行政，。覆瞭藉沈默反")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_entries()), max_size=12).map("".join))
def test_same_output_as_opencc_on_mixed_text(text):
    assert normalize.to_simplified(text) == normalize._t2s().convert(text)


def test_simplified_text_never_reaches_opencc(monkeypatch):
    def refuse():
        raise AssertionError("OpenCC was loaded for simplified text")

    monkeypatch.setattr(normalize, "_t2s", refuse)
    text = (ROOT / "seeds" / "000_f45f303019acc275.txt").read_text(encoding="utf-8")
    assert normalize.to_simplified(text) == text


def _every_step(text: str) -> str:
    """normalize with every step run on every line, as it was before the steps were skipped."""
    text = normalize.unicodedata.normalize("NFC", text).translate(normalize._FULLWIDTH)
    text = normalize.to_simplified(text).translate(normalize._PARENS)
    text = normalize._ASCII_PUNCT_BY_CJK.sub(lambda m: normalize._CN_PUNCT[m.group()], text)
    return normalize._CJK_GAP.sub("", normalize._SPACE.sub(" ", text).strip())


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="法治，。 （）():;?!,Ａ１．％\u3000\xa0\t\u2003a1發e\u0301", max_size=30))
def test_skipped_steps_are_those_that_change_nothing(text):
    assert normalize.normalize(text) == _every_step(text)
