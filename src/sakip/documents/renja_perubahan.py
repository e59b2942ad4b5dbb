"""Renja Perubahan: the revised plan against the original, side by side (DOCUMENTS.md §1).

`build(ay, options)`; registered as "renja-perubahan". The original and the revised money are
two budget versions of the same work plan: RKPD → RKPD perubahan when the latter exists, else
APBD → APBD perubahan (the original falls back to the next earlier version present). Parents'
money is the sum of their sub kegiatan in each version. The difference column is
`setelah − sebelum` for every row, stated once under the table: positive = bertambah,
negative = berkurang. Targets: the original (murni) target of each indicator of the line and
its revised target (IndicatorTarget.revised_*, entered in the Renja editor while the perubahan
budget version is shown); an empty revised target means the target did not change. The target
difference follows the same sign convention.

Prose (Narrative, document "renja"): `perubahan` (introduction), `perubahan.<kode>` (the
agency's reason for the change of one line).
"""

from __future__ import annotations

from decimal import Decimal

from sakip.dataset import AgencyYear, IndicatorData, LineData
from sakip.documents import cells
from sakip.documents.model import (
    Cell,
    Column,
    Document,
    HeaderCell,
    Heading,
    Kind,
    Paragraph,
    Ref,
    Row,
    Run,
    Table,
)
from sakip.documents.registry import DocumentKind, Options, register
from sakip.documents.renja_base import (
    blank,
    group_rows,
    indent_of,
    load_facts,
    money_cell,
    narrative,
    paragraphs,
    rupiah,
    show_value,
    signature,
    sum_formula,
    target_value,
    unit_of,
    walk_lines,
)
from sakip.rules.comparison import revision_difference
from sakip.rules.numbers import Score, format_money, format_value

#: (revised version, the versions that can be its original, in order of preference)
PAIRS = (
    ("rkpd_p", ("rkpd", "apbd", "renja")),
    ("apbd_p", ("apbd", "rkpd", "renja")),
)
VERSION_LABELS = {
    "renja": "Renja", "rkpd": "RKPD", "apbd": "APBD", "rkpd_p": "RKPD Perubahan",
    "apbd_p": "APBD Perubahan", "ranwal_rkpd": "Rancangan Awal RKPD",
}
SIGN_STATEMENT = (
    "Kolom selisih (7 dan 10) = nilai setelah perubahan − nilai sebelum perubahan: nilai positif "
    "berarti target atau pagu bertambah, nilai negatif (bertanda −) berarti berkurang."
)
Target = Decimal | str | Score | None


def revised_targets(ay: AgencyYear) -> dict[int, Target]:
    """The revised (perubahan) target of the year per indicator id, where one is stored."""
    from sakip.planning.models import IndicatorTarget

    plan = ay.strategic_plan
    if plan is None:
        return {}
    rows = (IndicatorTarget.objects.filter(indicator__strategic_plan_id=plan.id, year=ay.year)
            .exclude(revised_value=None, revised_level="")
            .values_list("indicator_id", "revised_value", "revised_level"))
    return {ind_id: (level or value) for ind_id, value, level in rows}


def target_change(before: Target, after: Target) -> str:
    """after − before for numbers, signed as the money; "tetap" when unchanged."""
    if after == before or after is None:
        return "tetap"
    if isinstance(before, Decimal) and isinstance(after, Decimal):
        diff = revision_difference(before, after)
        assert diff is not None
        text = format_value(abs(diff))
        return f"+{text}" if diff > 0 else f"−{text}"
    return "berubah"


def _target_texts(ind: IndicatorData, n: int, revised: dict[int, Target]) -> tuple[str, str, str, bool]:
    before = target_value(ind, n)
    after = revised.get(ind.id, before)
    unit = unit_of(ind, n)
    change = target_change(before, after)
    return show_value(before, unit), show_value(after, unit), change, change != "tetap"


def versions(ay: AgencyYear) -> tuple[str, str] | None:
    wp = ay.work_plan
    if wp is None:
        return None
    present = set(wp.versions_present())
    for revised, originals in PAIRS:
        if revised in present:
            original = next((v for v in originals if v in present), None)
            if original:
                return original, revised
    return None


def _signed(amount: int | None) -> str:
    if amount is None:
        return "-"
    text = format_money(abs(amount), cents=False).replace("Rp ", "")
    return f"+{text}" if amount > 0 else (f"−{text}" if amount < 0 else "0")


def _change_note(ay: AgencyYear, line: LineData, before: int | None, after: int | None) -> str:
    if before is None and after is not None:
        note = "Baru dalam perubahan."
    elif before is not None and after is None:
        note = "Tidak ada lagi dalam perubahan."
    else:
        note = ""
    reason = narrative(ay, f"perubahan.{line.code}")
    return " ".join(x for x in (note, reason) if x)


def revision_table(ay: AgencyYear, original: str, revised: str) -> Table:
    wp = ay.work_plan
    assert wp is not None
    facts = load_facts(ay)
    n = ay.year
    label_o, label_r = VERSION_LABELS.get(original, original), VERSION_LABELS.get(revised, revised)
    columns = [
        Column("code", "Kode", Kind.CODE, 1.55),
        Column("name", "Program/Kegiatan/Sub Kegiatan", Kind.TEXT, 3),
        Column("indicator", "Indikator Kinerja", Kind.TEXT, 2.3),
        Column("location", "Lokasi", Kind.TEXT, 1),
        Column("target", f"Target {n} Semula", Kind.TEXT, 1.1),
        Column("target_after", f"Target {n} Perubahan", Kind.TEXT, 1.1),
        Column("target_diff", "Selisih Target", Kind.TEXT, 0.9),
        Column("before", f"Pagu Sebelum Perubahan ({label_o}) (Rp)", Kind.MONEY, 1.5),
        Column("after", f"Pagu Setelah Perubahan ({label_r}) (Rp)", Kind.MONEY, 1.5),
        Column("diff", "Selisih (Rp)", Kind.MONEY, 1.5),
        Column("source", "Sumber Dana", Kind.TEXT, 0.8),
        Column("note", "Keterangan", Kind.TEXT, 2),
    ]
    header = [[HeaderCell(c.title) for c in columns]]
    rows: list[Row] = []
    seen: set[str] = set()
    new_targets = revised_targets(ay)
    for line in walk_lines(wp.programs):
        rows.extend(group_rows(line.code, seen, facts, len(columns)))
        before, after = line.budget(original), line.budget(revised)
        diff = revision_difference(before, after)
        indicator = "; ".join(i.name for i in line.indicators) or "-"
        texts = [_target_texts(i, n, new_targets) for i in line.indicators]
        target = "; ".join(t[0] for t in texts) or "-"
        target_after = "; ".join(t[1] for t in texts) or "-"
        target_diff = "; ".join(t[2] for t in texts) or "-"
        note = _change_note(ay, line, before, after)
        if any(t[3] for t in texts):
            note = " ".join(x for x in ("Target berubah.", note) if x)
        diff_cell = Cell(diff, _signed(diff), Kind.MONEY,
                         formula="={after}-{before}" if before is not None and after is not None else None)
        rows.append(Row(
            [cells.code(line.code), cells.text(line.name, bold=line.level == 3), cells.text(indicator),
             cells.text(line.location), cells.text(target), cells.text(target_after),
             cells.text(target_diff), money_cell(line, original, "before"),
             money_cell(line, revised, "after"),
             diff_cell, cells.text(line.funding_source), cells.text(note)],
            indent=indent_of(line.level), id=f"l{line.code}",
        ))
    total_before, total_after = wp.total_budget(original), wp.total_budget(revised)
    total_diff = revision_difference(total_before, total_after)
    rows.append(Row(
        [blank(), cells.text("JUMLAH", bold=True), blank(), blank(), blank(), blank(), blank(),
         cells.money(total_before, formula=sum_formula(wp.programs, original, "before")),
         cells.money(total_after, formula=sum_formula(wp.programs, revised, "after")), Cell(total_diff, _signed(total_diff), Kind.MONEY, formula="={after}-{before}"),
         blank(), blank()],
        style="total",
    ))
    return Table(
        id="tabel-renja-perubahan",
        caption=f"Rencana Program dan Kegiatan {ay.agency.name} Tahun {n}: Sebelum dan Setelah Perubahan",
        columns=columns, rows=rows, header=header, number_row=[str(i) for i in range(1, 7)] + ["7=6−5", "8", "9", "10=9−8", "11", "12"],
        landscape=True,
        notes=[SIGN_STATEMENT,
               "Pagu program dan kegiatan adalah jumlah pagu sub kegiatannya pada masing-masing versi.",
               "Target setelah perubahan sama dengan target sebelumnya bila tidak ada target "
               "perubahan yang dicatat (selisih 'tetap')."],
    )


def build(ay: AgencyYear, options: Options) -> Document:
    n = ay.year
    doc = Document(
        kind="renja-perubahan", title=f"Renja Perubahan {ay.agency.name} Tahun {n}",
        agency_code=ay.agency.code, year=n, paper=ay.settings.paper_size or "A4",
        subject=f"Renja Perubahan {n}", author=ay.agency.name,
    )
    doc.add(Heading(f"RENCANA KERJA PERUBAHAN (RENJA PERUBAHAN) TAHUN {n}", 0, id="perubahan", number=""))
    doc.add(Paragraph.text(f"{ay.agency.name} — {ay.region.name}", "center"))
    pair = versions(ay)
    wp = ay.work_plan
    if wp is None or pair is None:
        doc.add(Paragraph.text(
            f"[Belum ada pagu perubahan (RKPD Perubahan atau APBD Perubahan) tahun {n}; Renja "
            "Perubahan belum dapat disusun.]", "missing"))
        doc.warn("pagu versi perubahan belum tersimpan", "Renja Perubahan")
        return doc.finalize()
    original, revised = pair
    stored = narrative(ay, "perubahan")
    if stored:
        doc.add(*paragraphs(stored))
    table = revision_table(ay, original, revised)
    subs = wp.sub_activities()
    up = sum(1 for s in subs if (s.budget(revised) or 0) > (s.budget(original) or 0))
    down = sum(1 for s in subs if (s.budget(revised) or 0) < (s.budget(original) or 0))
    new = sum(1 for s in subs if s.budget(original) is None and s.budget(revised) is not None)
    before, after = wp.total_budget(original), wp.total_budget(revised)
    new_targets = revised_targets(ay)
    changed_targets = sum(
        1 for line in wp.lines() for ind in line.indicators
        if target_change(target_value(ind, n), new_targets.get(ind.id)) != "tetap")
    doc.add(Paragraph([
        Run(f"Pagu {ay.agency.name} tahun {n} berubah dari {rupiah(before)} "
            f"({VERSION_LABELS.get(original, original)}) menjadi {rupiah(after)} "
            f"({VERSION_LABELS.get(revised, revised)}), selisih {_signed(revision_difference(before, after))} rupiah. "
            f"Pagu {up} sub kegiatan bertambah (termasuk {new} sub kegiatan baru) dan {down} sub kegiatan "
            f"berkurang; target {changed_targets} indikator berubah. Rinciannya pada "),
        Ref(table.id), Run("."),
    ]))
    doc.add(table)
    for line in wp.lines():
        if line.is_leaf and line.budget(original) != line.budget(revised) and not narrative(ay, f"perubahan.{line.code}"):
            doc.warn(f"pagu berubah tanpa alasan tercatat (kunci narasi 'perubahan.{line.code}')",
                     f"Renja Perubahan, {line.code}")
    doc.add(signature(ay, doc, "Renja Perubahan"))
    return doc.finalize()


register(DocumentKind("renja-perubahan", "Renja Perubahan", build))
