"""What a generated document says in a prose section when the planner writes nothing there:
the sentences its builder drafts from the data (DOCUMENTS.md §4), or the visible placeholder
it prints, shown beside each empty section of the prose editor.

The drafts are not re-implemented here: the document is built by its own builder twice, once
with every section empty and once with every section holding a marker; the blocks the empty
build has where the marked build has a section's marker are what that section drafts. So the
preview is, by construction, what the builder would print.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from dataclasses import dataclass

from sakip.dataset import AgencyYear
from sakip.documents.model import BulletList, Document, Heading, Paragraph, Ref, Run, Table
from sakip.documents.registry import Options, kinds

MARK_OPEN, MARK_CLOSE = "\u27e6", "\u27e7"  # ⟦key⟧, never typed by a person


@dataclass(frozen=True)
class Block:
    text: str
    style: str  # "body", "note", "missing" (a placeholder), "item", "heading", "table", …


@dataclass
class Draft:
    """What the document prints for one empty section."""

    blocks: list[Block]
    shared_with: str = ""  # the first section of a group drafted together (renja "isu_penting")

    @property
    def text(self) -> str:
        """The drafted sentences as a person would type them (placeholders left out)."""
        return "\n\n".join(b.text for b in self.blocks if b.style not in ("missing", "heading", "table"))

    @property
    def placeholder_only(self) -> bool:
        return bool(self.blocks) and not self.text


def _inline(doc: Document, runs: list[Run | Ref]) -> str:
    out = []
    for r in runs:
        if isinstance(r, Run):
            out.append(r.text)
        else:
            try:
                out.append(doc.label(r.target))
            except (KeyError, ValueError):
                out.append(r.target)
    return "".join(out)


def flatten(doc: Document) -> list[Block]:
    found: list[Block] = []
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            found.append(Block(_inline(doc, block.runs), block.style))
        elif isinstance(block, BulletList):
            found += [Block(_inline(doc, item), "item") for item in block.items]
        elif isinstance(block, Heading):
            found.append(Block(block.text, "heading"))
        elif isinstance(block, Table):
            found.append(Block(block.caption, "table"))
        else:
            found.append(Block(type(block).__name__, "other"))
    return found


def _build(ay: AgencyYear, kind: str, narratives: dict[tuple[str, str], str]) -> list[Block]:
    changed = dataclasses.replace(ay, narratives=narratives)
    return flatten(kinds()[kind].build(changed, Options()))


def _keys_in(block: Block) -> list[str]:
    return re.findall(f"{MARK_OPEN}([^{MARK_CLOSE}]+){MARK_CLOSE}", block.text)


def drafts(ay: AgencyYear, document: str, keys: list[str]) -> dict[str, Draft]:
    """Section key → what the document prints there when that section is empty. Sections the
    document fills only with what is written (nothing drafted, no placeholder) are absent."""
    others = {k: v for k, v in ay.narratives.items() if k[0] != document}
    empty = _build(ay, document, others)
    marked = _build(ay, document, others | {(document, k): f"{MARK_OPEN}{k}{MARK_CLOSE}" for k in keys})
    wanted = set(keys)
    matcher = difflib.SequenceMatcher(None, marked, empty, autojunk=False)
    found: dict[str, Draft] = {}
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        section_keys = [k for b in marked[i1:i2] for k in _keys_in(b) if k in wanted]
        if not section_keys:
            continue
        blocks = empty[j1:j2]
        if not blocks:
            continue
        # Sections next to each other share one stretch; a placeholder naming its section
        # ("… narasi 'tugas_dan_fungsi' …") settles whose it is, else the first one's.
        named = [k for k in section_keys if any(f"'{k}'" in x.text or f"\u201c{k}\u201d" in x.text
                                                for x in blocks)]
        if named:
            found[named[0]] = Draft(blocks)
            continue
        first = section_keys[0]
        found[first] = Draft(blocks)
        for other in section_keys[1:]:
            found.setdefault(other, Draft([], shared_with=first))
    return found
