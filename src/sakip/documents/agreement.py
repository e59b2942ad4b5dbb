"""The Perjanjian Kinerja (PK) of an agency-year — PermenPAN-RB 53/2014 (DOCUMENTS.md §2).

A statement page with both parties (pihak pertama: the head of the agency; pihak kedua: the
Bupati/Wali Kota), place, date and signatures; then the annex: sasaran strategis · indikator
kinerja · satuan · target, and program · anggaran · keterangan with the total. The money of a
program is the Σ of its sub kegiatan in the budget version the agreement was signed against
(RULES.md §4), never a typed figure. Both versions are kept: `--version original` (PK awal)
and `--version revised` (PK Perubahan); without a version the latest one is used.

Missing data never crashes and is never silent: no agreement, no parties, an indicator
without target or a program without money gives a visible placeholder and a warning.

`add_agreement` is also used by the LKjIP builder for its Lampiran.
"""

from __future__ import annotations

from sakip.dataset import AgencyYear, AgreementData, IndicatorData, PersonData
from sakip.documents import cells, prose
from sakip.documents.model import (
    Column,
    Cover,
    Document,
    Kind,
    PageBreak,
    Paragraph,
    Row,
    Run,
    Signature,
    SignatureBlock,
    Table,
)
from sakip.documents.registry import DocumentKind, Options, register
from sakip.rules import budget
from sakip.rules.numbers import money_in_words

VERSION_TITLES = {"original": "PERJANJIAN KINERJA", "revised": "PERJANJIAN KINERJA PERUBAHAN"}
BUDGET_VERSION_NAMES = {
    "rkpd": "RKPD", "apbd": "APBD (murni)", "rkpd_p": "RKPD Perubahan", "apbd_p": "APBD Perubahan",
}


def statement_of(ay: AgencyYear) -> dict[int, tuple[str, str]]:
    """Indicator id → (nomor, sasaran/tujuan statement) over every strategic plan."""
    out: dict[int, tuple[str, str]] = {}
    for plan in ay.strategic_plans:
        for goal in plan.goals:
            for ind in goal.indicators:
                out[ind.id] = (goal.number, goal.statement)
            for obj in goal.objectives:
                for ind in obj.indicators:
                    out[ind.id] = (obj.number, obj.statement)
    return out


def _party(person: PersonData | None, label: str, where: str, doc: Document,
           place: str = "", date: str = "") -> Signature:
    if person is None:
        doc.warn(f"{label.lower()} belum dicatat pada data pejabat", where=where)
        return Signature(place, date, "(jabatan belum dicatat)", "(nama belum dicatat)", label=label)
    return Signature(place, date, person.position, person.name, person.rank_and_grade, person.nip,
                     label=label)


def _party_lines(person: PersonData | None, label: str) -> list[Paragraph]:
    if person is None:
        return [Paragraph.text(
            f"Data {label.lower()} (nama dan jabatan) belum dicatat; lengkapi data pejabat "
            "sebelum perjanjian ini ditandatangani.", style="missing")]
    return [
        Paragraph([Run("Nama: "), Run(person.name, bold=True)]),
        Paragraph.text(f"Jabatan: {person.position}"),
        Paragraph.text(f"selanjutnya disebut {label.lower()}."),
    ]


def _standard_commitment(ay: AgencyYear, agreement: AgreementData) -> list[Paragraph]:
    """The commitment sentences of the PermenPAN-RB 53/2014 form, in our words."""
    second = agreement.second_party.position if agreement.second_party else "Bupati/Wali Kota"
    return [
        Paragraph.text(
            "Pihak pertama berjanji akan mewujudkan target kinerja tahun "
            f"{ay.year} sebagaimana tercantum dalam lampiran perjanjian ini, dalam rangka "
            "mencapai target kinerja jangka menengah yang telah ditetapkan dalam dokumen "
            "perencanaan. Keberhasilan dan kegagalan pencapaian target kinerja tersebut menjadi "
            "tanggung jawab pihak pertama."
        ),
        Paragraph.text(
            f"Pihak kedua ({second}) akan melakukan supervisi yang diperlukan serta mengevaluasi "
            "capaian kinerja dari perjanjian ini dan mengambil tindakan yang diperlukan dalam "
            "rangka pemberian penghargaan dan sanksi."
        ),
    ]


def add_agreement(doc: Document, ay: AgencyYear, agreement: AgreementData, prefix: str) -> None:
    """The statement page and the annex of one agreement, appended to `doc`."""
    version_title = VERSION_TITLES.get(agreement.version, "PERJANJIAN KINERJA")
    where = f"{version_title.title()} {ay.year}"
    place = agreement.place or ay.region.capital
    date = prose.date_id(agreement.signed_on)
    if not date:
        doc.warn("tanggal penandatanganan belum dicatat", where=where)
    doc.add(
        Paragraph.text(f"{version_title} TAHUN {ay.year}", style="title"),
        Paragraph.text(ay.agency.name.upper(), style="title"),
        Paragraph.text(
            "Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan dan akuntabel "
            "serta berorientasi pada hasil, kami yang bertanda tangan di bawah ini:"
        ),
        *_party_lines(agreement.first_party, "PIHAK PERTAMA"),
        *_party_lines(agreement.second_party, "PIHAK KEDUA"),
    )
    commitment = ay.narrative("pk", "pernyataan")
    if commitment.strip():
        # the region's own wording (Narrative document "pk", section "pernyataan")
        doc.add(*(Paragraph.text(p) for p in prose.paragraphs(commitment)))
    else:
        doc.add(*_standard_commitment(ay, agreement))
    if agreement.version == "revised":
        doc.add(Paragraph.text(
            "Perjanjian ini merupakan perubahan atas Perjanjian Kinerja tahun "
            f"{ay.year} yang ditetapkan sebelumnya, menyesuaikan perubahan anggaran "
            f"({BUDGET_VERSION_NAMES.get(agreement.budget_version, agreement.budget_version)})."
        ))
    parties = [
        _party(agreement.second_party, "PIHAK KEDUA", where, doc),
        _party(agreement.first_party, "PIHAK PERTAMA", where, doc, place=place, date=date),
    ]
    doc.add(SignatureBlock(list(parties)), PageBreak())

    # -- Annex ------------------------------------------------------------------------------
    doc.add(
        Paragraph.text(f"LAMPIRAN {version_title} TAHUN {ay.year}", style="title"),
        Paragraph.text(ay.agency.name.upper(), style="title"),
    )
    statements = statement_of(ay)
    rows: list[Row] = []
    last_statement = None
    n = 0
    if not agreement.items:
        doc.warn("perjanjian belum memuat sasaran dan indikator", where=where)
    for item in agreement.items:
        ind: IndicatorData = item.indicator
        number, statement = statements.get(ind.id, ("", ""))
        if statement != last_statement:
            n += 1
            last_statement = statement
            first = [cells.count(n), cells.text(statement)]
        else:
            first = [cells.text(""), cells.text("")]
        if item.target_level:
            target = cells.measure(item.target_level)
        elif item.target_value is not None:
            target = cells.measure(item.target_value)
        else:
            target = cells.text("target belum ditetapkan")
            doc.warn(f"indikator '{ind.name}' tanpa target", where=where)
        rows.append(Row([*first, cells.text(ind.name), cells.text(ind.unit), target]))
    doc.add(Table(
        id=f"{prefix}-sasaran",
        caption=f"Sasaran dan Indikator Kinerja {version_title.title()} Tahun {ay.year}",
        columns=[
            Column("no", "No", Kind.COUNT, 0.4),
            Column("sasaran", "Sasaran Strategis", Kind.TEXT, 2.6),
            Column("indikator", "Indikator Kinerja", Kind.TEXT, 3.0),
            Column("satuan", "Satuan", Kind.TEXT, 0.8),
            Column("target", "Target", Kind.DECIMAL, 0.9),
        ],
        number_row=["1", "2", "3", "4", "5"],
        rows=rows or [Row([cells.text(""), cells.text("(belum ada sasaran dan indikator)"),
                           cells.text(""), cells.text(""), cells.text("")])],
    ))
    if not rows:
        doc.add(Paragraph.text(
            "Sasaran, indikator dan target perjanjian ini belum dicatat.", style="missing"))

    wp = ay.work_plan
    program_rows: list[Row] = []
    amounts: list[int] = []
    version = agreement.budget_version or (wp.budget_version if wp else None) or ""
    for i, (code, note) in enumerate(agreement.program_codes, start=1):
        line = wp.by_code.get(code) if wp else None
        amount = line.budget(version) if line is not None else None
        if line is None:
            doc.warn(f"program {code} tidak ada pada rencana kerja {ay.year}", where=where)
        elif amount is None:
            doc.warn(f"program {code} belum memiliki pagu {BUDGET_VERSION_NAMES.get(version, version)}",
                     where=where)
        else:
            amounts.append(amount)
        program_rows.append(Row([
            cells.count(i), cells.text(line.name if line else f"{code} (tidak ada pada rencana kerja)"),
            cells.money(amount), cells.text(note),
        ], id=f"p{i}"))
    if not program_rows:
        doc.warn("perjanjian belum memuat program dan anggarannya", where=where)
        doc.add(Table(
            id=f"{prefix}-program",
            caption=f"Program dan Anggaran {version_title.title()} Tahun {ay.year}",
            columns=[Column("no", "No", Kind.COUNT, 0.4), Column("program", "Program", Kind.TEXT, 4.0),
                     Column("anggaran", "Anggaran (Rp)", Kind.MONEY, 1.6),
                     Column("keterangan", "Keterangan", Kind.TEXT, 1.4)],
            rows=[Row([cells.text(""), cells.text("(program dan anggaran belum dicatat)"),
                       cells.money(None), cells.text("")])],
        ), Paragraph.text("Program dan anggaran perjanjian ini belum dicatat.", style="missing"),
            SignatureBlock(list(parties)))
        return
    total = budget.total_amounts(amounts)
    ids = [r.id for r in program_rows]
    formula = f"=SUM({{anggaran@{ids[0]}}}:{{anggaran@{ids[-1]}}})" if ids else None
    program_rows.append(Row([cells.text(""), cells.text("Jumlah", bold=True),
                             cells.money(total, formula=formula), cells.text("")], style="total"))
    doc.add(
        Table(
            id=f"{prefix}-program",
            caption=f"Program dan Anggaran {version_title.title()} Tahun {ay.year}",
            columns=[
                Column("no", "No", Kind.COUNT, 0.4),
                Column("program", "Program", Kind.TEXT, 4.0),
                Column("anggaran", "Anggaran (Rp)", Kind.MONEY, 1.6),
                Column("keterangan", "Keterangan", Kind.TEXT, 1.4),
            ],
            rows=program_rows,
            source=f"Pagu {BUDGET_VERSION_NAMES.get(version, version or '-')}; jumlah sub kegiatan per program",
        ),
        Paragraph.text(
            f"Jumlah anggaran {prose.rupiah(total)} ({money_in_words(total)})."
        ),
        SignatureBlock(list(parties)),
    )


def build_pk(ay: AgencyYear, options: Options) -> Document:
    agreement = ay.agreement(options.version)
    version = agreement.version if agreement else (options.version or "original")
    title = VERSION_TITLES.get(version, "PERJANJIAN KINERJA")
    doc = Document(
        kind="pk", title=f"{title.title()} {ay.agency.name} Tahun {ay.year}",
        agency_code=ay.agency.code, year=ay.year, paper=ay.settings.paper_size or "A4",
        subject=f"{title.title()} Tahun {ay.year}", author=ay.agency.name,
    )
    if agreement is None:
        which = {"original": "awal", "revised": "perubahan"}.get(options.version or "", "")
        doc.warn(f"perjanjian kinerja {which} tahun {ay.year} belum dicatat".replace("  ", " "))
        doc.add(
            Cover([title], agency=ay.agency.name, region=ay.region.name, year=ay.year,
                  address=ay.agency.address),
            Paragraph.text(
                f"Perjanjian Kinerja {which} tahun {ay.year} untuk {ay.agency.name} belum dicatat. "
                "Catat sasaran, indikator, target dan program perjanjian terlebih dahulu.".replace("  ", " "),
                style="missing",
            ),
        )
        return doc
    add_agreement(doc, ay, agreement, prefix="pk")
    return doc


register(DocumentKind(key="pk", title="Perjanjian Kinerja", build=build_pk))

__all__ = ["add_agreement", "build_pk", "statement_of"]
