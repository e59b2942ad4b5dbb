"""The prose editor shows, beside each empty section, what the document builder drafts there."""

from __future__ import annotations

import html as htmlmod
import re

from sakip import dataset
from sakip.documents.model import Heading, Paragraph, Run
from sakip.documents.registry import Options, kinds
from sakip.planning.models import Narrative

URL = "/pd/belitung/2024/ubah/narasi/renja/"


def _preview(page: str, key: str) -> list[str]:
    found = re.search(rf'<div class="draft-preview" data-draft="{re.escape(key)}">(.*?)</div>', page, re.S)
    assert found, key
    return [htmlmod.unescape(p) for p in re.findall(r"<p data-drafted>(.*?)</p>", found.group(1), re.S)]


def _built_after(heading: str, agency, year: int) -> list[str]:
    """The body paragraphs the Renja builder prints after a heading, before its reminder."""
    doc = kinds()["renja"].build(dataset.load_agency(agency, year), Options())
    out: list[str] = []
    inside = False
    for block in doc.blocks:
        if isinstance(block, Heading):
            if inside:
                break
            inside = block.text == heading
        elif inside and isinstance(block, Paragraph):
            if block.style == "missing":
                break
            out.append("".join(r.text for r in block.runs if isinstance(r, Run)))
    return out


def test_preview_of_an_empty_section_is_what_the_builder_drafts(client, operator, belitung):
    assert not Narrative.objects.filter(agency=belitung, year=2024, document="renja",
                                        section="latar_belakang").exists()
    client.force_login(operator)
    page = client.get(URL).content.decode()
    drafted = _built_after("Latar Belakang", belitung, 2024)
    assert drafted and drafted[0].startswith("Rencana Kerja")
    assert _preview(page, "latar_belakang") == drafted
    # One click copies it into the field: the button carries the same text.
    button = re.search(r'data-copy-to="teks-latar_belakang" data-text="([^"]*)"', page)
    assert button and htmlmod.unescape(button.group(1)) == "\n\n".join(drafted)


def test_a_written_section_has_no_preview_and_the_draft_follows_the_data(client, operator, belitung):
    client.force_login(operator)
    client.post(URL, {"section": "latar_belakang", "text": "Teks sendiri.", "orig_text": "∅"})
    page = client.get(URL).content.decode()
    assert 'data-draft="latar_belakang"' not in page
    assert 'data-draft="penutup"' in page  # still empty
    # A placeholder-only section shows the reminder the document prints, nothing to copy.
    assert re.search(r'data-draft="landasan_hukum.butir">.*?data-placeholder>\[Daftar landasan hukum',
                     page, re.S)


def test_a_reader_sees_the_preview_without_the_copy_button(client, bappeda, belitung):
    client.force_login(bappeda)
    page = client.get(URL).content.decode()
    assert 'data-draft="latar_belakang"' in page and "data-copy-to" not in page
