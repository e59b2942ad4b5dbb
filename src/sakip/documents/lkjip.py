"""The LKjIP (Laporan Kinerja Instansi Pemerintah) of an agency-year — PermenPAN-RB 53/2014,
outline of DOCUMENTS.md §3.

Every figure comes from sakip.figures / sakip.rules through sakip.documents.cells; this module
only arranges them and drafts sentences from them (DOCUMENTS.md §4). Counts in the prose are
the lengths of the same lists the tables are made from, so prose and tables cannot disagree.

Stored prose (sakip.planning.models.Narrative, document "lkjip") is merged per section. The
section keys (`Narrative.section`) are:

    kata_pengantar                      Kata Pengantar (added after the drafted opening)
    ringkasan_eksekutif[.*]             Ringkasan Eksekutif (after the generated summary)
    latar_belakang                      BAB I 1.1
    tugas_dan_fungsi[.*]                BAB I 1.2 (e.g. .kedudukan, .tugas, .fungsi)
    struktur_organisasi[.*]             BAB I 1.2 (e.g. .dasar, .sekretariat, .bidang_…)
    sumber_daya[.*]                     BAB I 1.3
    isu_strategis[.*]                   BAB I 1.4
    renstra[.*]                         BAB II 2.1 (e.g. .strategi, .kebijakan)
    sasaran.N[.*]                       BAB III 3.1, analysis of the N-th tujuan of the Renstra
                                        (its goal and objectives, in Renstra order, N from 1;
                                        "sasaran.<nomor tujuan/sasaran>" as the web editor
                                        stores it, e.g. sasaran.1.1, is read as well):
                                        causes of success/failure, solutions (.analisis…,
                                        .faktor…, .penyebab…, .upaya, .solusi, .rencana_perbaikan)
    anggaran[.*]                        BAB III 3.2
    kinerja_lainnya[.*]                 BAB III 3.3
    kesimpulan[.*]                      BAB IV 4.1 (after the generated conclusion)
    langkah_perbaikan[.*]               BAB IV 4.2

`key[.*]` means the key itself and any sub-key below it ("renstra.strategi"), printed in
stored order. Where a required explanation is missing (the analysis of a sasaran, the reason
a sub kegiatan stayed under the absorption threshold, the improvement steps) the document
prints a visible placeholder and the build adds a warning; nothing is invented.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from sakip import figures as fig
from sakip.dataset import AgencyYear, IndicatorData, LineData, StaffRowData
from sakip.documents import cells, prose
from sakip.documents.agreement import BUDGET_VERSION_NAMES, add_agreement
from sakip.documents.model import (
    BulletList,
    Cell,
    Chart,
    Column,
    Cover,
    Document,
    HeaderCell,
    Heading,
    Kind,
    ListOfFigures,
    ListOfTables,
    PageBreak,
    Paragraph,
    Ref,
    Row,
    Run,
    Series,
    Signature,
    SignatureBlock,
    Table,
    TableOfContents,
)
from sakip.documents.registry import DocumentKind, Options, register
from sakip.rules import averages, budget, comparison, scales
from sakip.rules.achievement import Polarity, TargetKind
from sakip.rules.counts import total_count
from sakip.rules.method import method_text
from sakip.rules.numbers import Score, format_number, format_percent, format_value

DOC = "lkjip"
#: Sub kegiatan whose realisation is salaries (belanja tidak langsung, RULES.md §5).
SALARY_WORDS = ("gaji dan tunjangan",)
UNITLESS = {"indeks", "level", "predikat", "nilai", "skor", ""}
SUB_KEY_ORDER = ("judul", "analisis", "faktor", "penyebab", "upaya", "solusi", "rencana")


# --------------------------------------------------------------------------------------------
# Prose helpers


def _with_unit(text: str, unit: str) -> str:
    unit = unit.strip()
    if unit.lower() in UNITLESS:
        return text
    return f"{text} {unit}" if unit != "%" else f"{text} %"


def _measure(value: Decimal | str | Score | None) -> str:
    return fig.show(value)


def _title(name: str) -> str:
    """"PROGRAM PEMENUHAN HAK ANAK (PHA)" → "Program Pemenuhan Hak Anak (PHA)"; names already
    in mixed case are kept."""
    if not name.isupper():
        return name
    small = {"dan", "di", "ke", "dari", "yang", "untuk", "atau", "pada"}
    words = []
    for i, word in enumerate(name.split()):
        if word.startswith("(") or "/" in word:
            words.append(word if word.startswith("(") else word.title())
        elif i and word.lower() in small:
            words.append(word.lower())
        else:
            words.append(word.capitalize())
    return " ".join(words)


def stored(ay: AgencyYear, key: str, skip: Iterable[str] = ()) -> list[tuple[str, str]]:
    """(section, text) of the stored prose for `key` and its sub-keys, in a stable order."""
    skipped = tuple(skip)
    found = [
        (section, text)
        for (document, section), text in ay.narratives.items()
        if document == DOC and (section == key or section.startswith(key + "."))
        and text.strip() and not any(section.startswith(f"{key}.{s}") for s in skipped)
    ]

    def order(item: tuple[str, str]) -> tuple[int, int, str]:
        section = item[0]
        tail = section[len(key) + 1:] if section != key else ""
        rank = next((i for i, p in enumerate(SUB_KEY_ORDER) if tail.startswith(p)), len(SUB_KEY_ORDER))
        return (0 if section == key else 1, rank, section)

    return sorted(found, key=order)


def prose_blocks(text: str) -> list[Paragraph | BulletList]:
    """Stored text → paragraphs; consecutive lines starting with "1." / "1)" / "a." stay as
    separate paragraphs (their numbering is the writer's)."""
    return [Paragraph.text(p) for p in prose.paragraphs(text)]


@dataclass
class _Group:
    """One tujuan of the Renstra with its own and its sasaran's key indicators."""

    index: int
    number: str
    statement: str
    objectives: list[tuple[str, str]]
    rows: list[fig.IndicatorRow]


# --------------------------------------------------------------------------------------------


class LkjipBuilder:
    def __init__(self, ay: AgencyYear) -> None:
        self.ay = ay
        self.year = ay.year
        self.settings = ay.settings
        self.doc = Document(
            kind=DOC,
            title=f"Laporan Kinerja {ay.agency.name} Tahun {ay.year}",
            agency_code=ay.agency.code, year=ay.year, paper=(ay.settings.paper_size or "A4").upper(),
            subject=f"LKjIP Tahun {ay.year}", author=ay.agency.name,
        )
        self.rows = fig.key_indicator_rows(ay)
        self.summary = fig.indicator_summary(ay, self.rows)
        self.budget_rows = fig.budget_rows(ay, max_level=5)
        self.low = fig.low_absorption(ay)
        self.groups = self._groups()
        wp = ay.work_plan
        self.version = wp.budget_version if wp else None
        self.versions = list(reversed(wp.versions_present())) if wp else []
        self.total = next((r for r in self.budget_rows if r.level == 0), None)
        self.has_spending = bool(wp and any(leaf.spending for leaf in wp.sub_activities()))

    # -- data views --------------------------------------------------------------------------
    def _groups(self) -> list[_Group]:
        plan = self.ay.strategic_plan
        if plan is None:
            return []
        by_indicator = {r.indicator.id: r for r in self.rows}
        groups = []
        for i, goal in enumerate(plan.goals, start=1):
            rows = [by_indicator[ind.id] for ind in goal.indicators if ind.id in by_indicator]
            for obj in goal.objectives:
                rows += [by_indicator[ind.id] for ind in obj.indicators if ind.id in by_indicator]
            groups.append(_Group(i, goal.number, goal.statement,
                                 [(o.number, o.statement) for o in goal.objectives], rows))
        return groups

    def warn(self, message: str, where: str = "") -> None:
        self.doc.warn(message, where)

    def missing(self, text: str, warning: str, where: str = "") -> Paragraph:
        self.warn(warning, where)
        return Paragraph.text(text, style="missing")

    def add_stored(self, key: str, required: str = "", where: str = "",
                   skip: Iterable[str] = (), also: Iterable[str] = ()) -> bool:
        """Append the stored prose of `key` (and of the keys in `also`); when there is none
        and `required` is given, a visible placeholder and a warning."""
        skipped = tuple(skip)
        texts = stored(self.ay, key, skipped)
        seen = {section for section, _ in texts}
        for other in also:
            for section, text in stored(self.ay, other, skipped):
                if section not in seen:
                    seen.add(section)
                    texts.append((section, text))
        for _, text in texts:
            self.doc.add(*prose_blocks(text))
        if not texts and required:
            self.doc.add(self.missing(
                f"[{required} belum ditulis. Isi bagian narasi \u201c{key}\u201d untuk LKjIP "
                f"{self.year}.]", f"{required} belum ditulis (narasi '{key}')", where))
        return bool(texts)

    # -- the document ------------------------------------------------------------------------
    def build(self) -> Document:
        ay = self.ay
        self._check_basics()
        self.doc.add(Cover(
            ["LAPORAN KINERJA INSTANSI PEMERINTAH", "(LKjIP)"], agency=ay.agency.name,
            region=ay.region.name, year=self.year, address=ay.agency.address,
        ))
        self.foreword()
        self.executive_summary()
        self.doc.add(TableOfContents(), ListOfTables(), ListOfFigures())
        self.chapter_1()
        self.chapter_2()
        self.chapter_3()
        self.chapter_4()
        self.appendix()
        return self.doc

    def _check_basics(self) -> None:
        if self.ay.strategic_plan is None:
            self.warn(f"tidak ada Renstra yang mencakup tahun {self.year}", "BAB II")
        if not self.rows:
            self.warn("belum ada indikator kinerja utama (IKU)", "BAB III")
        for r in self.rows:
            where = f"IKU {r.level} {r.number} \u201c{r.indicator.name}\u201d"
            if r.target is None:
                self.warn(f"target tahun {self.year} belum ditetapkan", where)
            elif r.realisation is None:
                self.warn(f"realisasi tahun {self.year} belum diisi", where)
        if self.ay.work_plan is None:
            self.warn(f"rencana kerja dan anggaran tahun {self.year} belum dicatat", "BAB III 3.2")
        elif not self.has_spending:
            self.warn(f"realisasi anggaran tahun {self.year} belum diisi", "BAB III 3.2")

    def head_signature(self) -> SignatureBlock:
        """The head's signature, dated the day the LKjIP was approved (locked); undated, with a
        line to fill in, while it is not."""
        date = prose.date_id(self.ay.approved_on.get("lkjip"))
        head = self.ay.head
        if head is None:
            self.warn("kepala perangkat daerah belum dicatat pada data pejabat", "tanda tangan")
            return SignatureBlock([Signature(self.ay.region.capital, date,
                                             f"Kepala {self.ay.agency.name}",
                                             "(nama belum dicatat)", "", "")])
        return SignatureBlock([Signature(self.ay.region.capital, date, head.position, head.name,
                                         head.rank_and_grade, head.nip)])

    # -- front matter --------------------------------------------------------------------------
    def foreword(self) -> None:
        ay = self.ay
        self.doc.add(
            Heading("KATA PENGANTAR", 0, id="kata-pengantar"),
            Paragraph.text(
                f"Laporan Kinerja Instansi Pemerintah (LKjIP) {ay.agency.name} Tahun {self.year} "
                "disusun sebagai wujud pertanggungjawaban atas pelaksanaan tugas dan fungsi serta "
                "pencapaian sasaran strategis yang telah ditetapkan dalam Rencana Strategis dan "
                f"Perjanjian Kinerja Tahun {self.year}, sesuai Peraturan Presiden Nomor 29 Tahun "
                "2014 dan Peraturan Menteri PAN-RB Nomor 53 Tahun 2014."
            ),
        )
        self.add_stored("kata_pengantar")
        self.doc.add(Paragraph.text(
            "Semua angka dalam laporan ini dihitung dari data yang tercatat dengan metode yang "
            "diuraikan pada bagian Metode Pengukuran, sehingga setiap angka dapat dihitung ulang."
        ))
        self.doc.add(self.head_signature())

    def counts_sentence(self) -> list[Paragraph]:
        """"Terdapat n (…) indikator kinerja yang …, yaitu: …" per predikat (DOCUMENTS.md §4)."""
        out = []
        for band in scales.PREDIKAT.bands:
            rows = [r for r in self.rows if r.predikat == band.label]
            if not rows:
                continue
            names = prose.join([f"{r.indicator.name} ({r.achievement.display} %)" for r in rows])
            out.append(Paragraph.text(
                f"Terdapat {prose.count(len(rows))} indikator kinerja yang {band.label.lower()}, "
                f"yaitu: {names}."
            ))
        undefined = self.summary.undefined
        if undefined:
            names = prose.join([f"{r.indicator.name} ({r.achievement.reason})" for r in undefined])
            out.append(Paragraph.text(
                f"Terdapat {prose.count(len(undefined))} indikator kinerja yang capaiannya belum "
                f"dapat dihitung, yaitu: {names}."
            ))
        return out

    def mean_sentence(self) -> Paragraph:
        mean = self.summary.mean
        if mean.value is None:
            return Paragraph.text(f"Rata-rata capaian kinerja {mean.display}.")
        category = scales.category(fig.achievement_scale(self.ay), mean.rounded) if mean.rounded is not None else ""
        text = (f"Rata-rata capaian seluruh indikator kinerja utama sebesar {mean.display} % "
                f"({category}), dihitung dari {prose.count(len(mean.included))} indikator")
        if mean.excluded:
            text += "; " + prose.join([f"{name} tidak ikut dirata-ratakan ({why})"
                                       for name, why in mean.excluded])
        return Paragraph.text(text + ".")

    def budget_sentence(self) -> Paragraph:
        t = self.total
        if t is None or t.budget is None:
            return Paragraph.text(
                f"Data anggaran tahun {self.year} belum dicatat, sehingga realisasi anggaran "
                "belum dapat dilaporkan.", style="missing")
        if not self.has_spending:
            return Paragraph.text(
                f"Pagu anggaran tahun {self.year} sebesar {prose.rupiah(t.budget)}; realisasi "
                "anggaran belum diisi.", style="missing")
        return Paragraph.text(
            f"Dari sisi anggaran, pagu tahun {self.year} sebesar {prose.rupiah(t.budget)} "
            f"terealisasi {prose.rupiah(t.realised)} ({t.absorption.display} %), dengan sisa "
            f"{prose.rupiah(t.remaining)}."
        )

    def executive_summary(self) -> None:
        ay = self.ay
        self.doc.add(Heading("RINGKASAN EKSEKUTIF", 0, id="ringkasan-eksekutif"))
        n = len(self.rows)
        if n:
            self.doc.add(Paragraph.text(
                f"Pada tahun {self.year}, {ay.agency.name} mengukur {prose.count(n)} indikator "
                f"kinerja utama pada {prose.count(len(self.groups))} tujuan strategis Renstra."
            ))
            self.doc.add(*self.counts_sentence(), self.mean_sentence())
        else:
            self.doc.add(self.missing(
                "[Belum ada indikator kinerja utama yang tercatat, sehingga capaian kinerja belum "
                "dapat diringkas.]", "ringkasan eksekutif tanpa indikator kinerja utama"))
        self.doc.add(self.budget_sentence())
        self.add_stored("ringkasan_eksekutif")

    # -- BAB I -----------------------------------------------------------------------------------
    def chapter_1(self) -> None:
        ay = self.ay
        d = self.doc
        d.add(Heading("PENDAHULUAN", 0, number="BAB I", id="bab-1"))
        d.add(Heading("Latar Belakang", 1, number="1.1"))
        if not self.add_stored("latar_belakang"):
            d.add(Paragraph.text(
                "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja "
                "Instansi Pemerintah mewajibkan setiap instansi pemerintah menyusun laporan kinerja "
                f"tahunan. Laporan ini menyajikan capaian kinerja {ay.agency.name} tahun "
                f"{self.year} terhadap Perjanjian Kinerja dan Rencana Strategis."
            ))
        d.add(Heading("Tugas, Fungsi dan Struktur Organisasi", 1, number="1.2"))
        self.add_stored("tugas_dan_fungsi", required="Uraian tugas dan fungsi", where="BAB I 1.2")
        self.add_stored("struktur_organisasi")
        d.add(Heading("Sumber Daya", 1, number="1.3"))
        if ay.staff:
            self.staff_section()
            self.add_stored("sumber_daya")
        else:
            self.add_stored("sumber_daya", required="Uraian sumber daya (pegawai menurut status "
                            "dan pendidikan)", where="BAB I 1.3")
            self.warn("jumlah pegawai menurut pendidikan dan status belum dicatat (isi pada halaman "
                      "Ubah › Pegawai), tabel pegawai "
                      "tidak disajikan", "BAB I 1.3")
        d.add(Heading("Isu Strategis", 1, number="1.4"))
        self.add_stored("isu_strategis", required="Uraian isu strategis", where="BAB I 1.4")
        d.add(Heading("Sistematika Penulisan", 1, number="1.5"))
        d.add(Paragraph.text("Laporan ini disusun dengan sistematika sebagai berikut:"))
        d.add(BulletList([
            [Run("Ringkasan Eksekutif: ikhtisar capaian kinerja dan realisasi anggaran.")],
            [Run("BAB I Pendahuluan: latar belakang, tugas, fungsi, struktur organisasi, sumber "
                 "daya dan isu strategis.")],
            [Run("BAB II Perencanaan Kinerja: ringkasan Renstra, indikator kinerja utama, "
                 "Perjanjian Kinerja dan anggaran.")],
            [Run("BAB III Akuntabilitas Kinerja: capaian kinerja organisasi, realisasi anggaran "
                 "dan kinerja lainnya.")],
            [Run("BAB IV Penutup: kesimpulan dan langkah perbaikan.")],
            [Run("Lampiran: Perjanjian Kinerja, pengukuran kinerja, realisasi fisik dan keuangan.")],
        ], numbered=True))

    # -- BAB II ----------------------------------------------------------------------------------
    def chapter_2(self) -> None:
        ay = self.ay
        d = self.doc
        plan = ay.strategic_plan
        d.add(Heading("PERENCANAAN KINERJA", 0, number="BAB II", id="bab-2"))
        d.add(Heading("Rencana Strategis", 1, number="2.1"))
        if plan is None:
            d.add(self.missing(f"[Belum ada Renstra yang mencakup tahun {self.year}.]",
                               "Renstra belum dicatat", "BAB II 2.1"))
        else:
            d.add(Paragraph.text(
                f"{plan.name} menjadi acuan kinerja tahun {self.year} (periode "
                f"{plan.start_year}\u2013{plan.end_year}). Renstra memuat "
                f"{prose.count(len(plan.goals))} tujuan, "
                f"{prose.count(sum(len(g.objectives) for g in plan.goals))} sasaran dan "
                f"{prose.count(len(plan.key_indicators))} indikator kinerja utama."
            ))
            if plan.vision:
                d.add(Paragraph([Run("Visi: ", bold=True), Run(plan.vision)]))
            if plan.mission:
                d.add(Paragraph([Run("Misi: ", bold=True), Run(plan.mission)]))
            d.add(self.goals_table(plan))
            self.add_stored("renstra", required="Strategi dan arah kebijakan Renstra",
                            where="BAB II 2.1")
        d.add(Heading("Indikator Kinerja Utama", 1, number="2.2"))
        if plan is not None and self.rows:
            d.add(Paragraph([Run("Indikator kinerja utama, rumus dan target tiap tahun periode "
                                 "Renstra disajikan pada "), Ref("tabel-iku"), Run(".")]))
            d.add(self.iku_table(plan.start_year, plan.end_year))
        else:
            d.add(self.missing("[Belum ada indikator kinerja utama.]",
                               "indikator kinerja utama belum dicatat", "BAB II 2.2"))
        d.add(Heading(f"Perjanjian Kinerja Tahun {self.year}", 1, number="2.3"))
        agreement = ay.agreement()
        if agreement is None:
            d.add(self.missing(f"[Perjanjian Kinerja tahun {self.year} belum dicatat.]",
                               "Perjanjian Kinerja belum dicatat", "BAB II 2.3"))
        else:
            versions = prose.join([
                {"original": "Perjanjian Kinerja awal", "revised": "Perjanjian Kinerja Perubahan"}
                .get(a.version, a.version)
                + (f" ({prose.date_id(a.signed_on)})" if prose.date_id(a.signed_on) else "")
                for a in ay.agreements
            ])
            d.add(Paragraph([
                Run(f"Target kinerja tahun {self.year} ditetapkan dalam {versions}. Sasaran, "
                    "indikator dan target yang diperjanjikan disajikan pada "),
                Ref("tabel-pk"), Run("; naskah lengkapnya terdapat pada Lampiran."),
            ]))
            d.add(self.agreement_table(agreement))
        d.add(Heading(f"Anggaran Tahun {self.year}", 1, number="2.4"))
        if not self.budget_rows:
            d.add(self.missing(f"[Anggaran tahun {self.year} belum dicatat.]",
                               "anggaran belum dicatat", "BAB II 2.4"))
        else:
            programs = [r for r in self.budget_rows if r.level == 3]
            d.add(Paragraph([
                Run(f"Untuk mencapai sasaran tersebut, tahun {self.year} dilaksanakan "
                    f"{prose.count(len(programs))} program dengan pagu "
                    f"{prose.rupiah(self.total.budget if self.total else None)} "
                    f"({BUDGET_VERSION_NAMES.get(self.version or '', self.version or '-')}), "
                    "sebagaimana "), Ref("tabel-anggaran-program"), Run("."),
            ]))
            d.add(self.program_budget_table())

    def staff_section(self) -> None:
        """The staff sentence and table of BAB I, every total summed from the stored counts."""
        staff = self.ay.staff
        status_names = ("PNS", "PPPK", "tenaga honorer")
        by_status = [total_count(total_count(row.statuses[i]) for row in staff) for i in range(3)]
        total = total_count(by_status)
        parts = [f"{prose.count(n)} orang {name}" for n, name in zip(by_status, status_names, strict=True) if n]
        self.doc.add(Paragraph([
            Run(f"Jumlah pegawai {self.ay.agency.name} per 31 Desember {self.year} sebanyak "
                f"{prose.count(total or 0)} orang, terdiri atas {prose.join(parts) or 'nol orang'}, "
                "menurut jenis pendidikan sebagaimana "), Ref("tabel-pegawai"), Run("."),
        ]))
        self.doc.add(self.staff_table())

    def staff_table(self) -> Table:
        keys = ("pns_l", "pns_p", "pppk_l", "pppk_p", "honorer_l", "honorer_p")

        def counts(values: list[int | None], sums: list[str] | None = None) -> list[Cell]:
            male, female = total_count(values[0::2]), total_count(values[1::2])
            out = [cells.count(v, formula=f"=SUM({sums[i]})" if sums else None) for i, v in enumerate(values)]
            out.append(cells.count(male, formula="={pns_l}+{pppk_l}+{honorer_l}"))
            out.append(cells.count(female, formula="={pns_p}+{pppk_p}+{honorer_p}"))
            out.append(cells.count(total_count((male, female)), formula="={jumlah_l}+{jumlah_p}"))
            return out

        rows: list[Row] = []
        groups: dict[str, list[StaffRowData]] = {}
        for row in self.ay.staff:
            groups.setdefault(row.group, []).append(row)
        group_totals: list[tuple[str, list[int | None]]] = []
        for g_no, (group, members) in enumerate(groups.items(), start=1):
            rows.append(Row([cells.text(_roman(g_no)), cells.text(group, bold=True)]
                            + [cells.text("") for _ in range(9)], style="group"))
            first_id = f"pg{g_no}-1"
            member_values = [[v for pair in m.statuses for v in pair] for m in members]
            for i, (member, values) in enumerate(zip(members, member_values, strict=True), start=1):
                rows.append(Row([cells.count(i), cells.text(member.education), *counts(values)],
                                id=f"pg{g_no}-{i}"))
            last_id = f"pg{g_no}-{len(members)}"
            sums = [total_count(values[k] for values in member_values) for k in range(6)]
            total_id = f"pg{g_no}-jumlah"
            rows.append(Row([cells.text(""), cells.text(f"Jumlah {group}", bold=True),
                             *counts(sums, [f"{{{k}@{first_id}}}:{{{k}@{last_id}}}" for k in keys])],
                            style="subtotal", id=total_id))
            group_totals.append((total_id, sums))
        grand = [total_count(t[1][k] for t in group_totals) for k in range(6)]
        grand_formula = ["+".join(f"{{{k}@{t[0]}}}" for t in group_totals) for k in keys]
        total_cells = counts(grand)
        for i, f in enumerate(grand_formula):
            total_cells[i] = cells.count(grand[i], formula=f"={f}" if f else None)
        rows.append(Row([cells.text(""), cells.text("Jumlah Total", bold=True), *total_cells], style="total"))
        return Table(
            id="tabel-pegawai",
            caption=f"Jumlah Pegawai menurut Jenis Pendidikan dan Status per 31 Desember {self.year}",
            columns=[Column("no", "No", Kind.TEXT, 0.5), Column("pendidikan", "Jenis Pendidikan", Kind.TEXT, 3)]
            + [Column(k, k.replace("_", " ").upper(), Kind.COUNT, 0.55) for k in keys]
            + [Column("jumlah_l", "Jumlah L", Kind.COUNT, 0.6), Column("jumlah_p", "Jumlah P", Kind.COUNT, 0.6),
               Column("jumlah", "Jumlah", Kind.COUNT, 0.7)],
            header=[[HeaderCell("No", rowspan=2), HeaderCell("Jenis Pendidikan", rowspan=2),
                     HeaderCell("PNS", colspan=2), HeaderCell("PPPK", colspan=2),
                     HeaderCell("Honorer", colspan=2), HeaderCell("Jumlah", colspan=3)],
                    [HeaderCell(x) for x in ("L", "P", "L", "P", "L", "P", "L", "P", "L+P")]],
            rows=rows,
        )

    def goals_table(self, plan: object) -> Table:
        rows: list[Row] = []
        for goal in self.ay.strategic_plan.goals if self.ay.strategic_plan else []:
            inds = goal.indicators
            rows.append(Row([cells.text(goal.number), cells.text(f"Tujuan: {goal.statement}"),
                             cells.text("; ".join(i.name for i in inds) or "-")], style="group"))
            for obj in goal.objectives:
                rows.append(Row([cells.text(obj.number), cells.text(f"Sasaran: {obj.statement}"),
                                 cells.text("; ".join(i.name for i in obj.indicators) or "-")],
                                indent=1))
        return Table(
            id="tabel-tujuan-sasaran", caption="Tujuan, Sasaran dan Indikator Renstra",
            columns=[Column("no", "No", Kind.CODE, 0.5), Column("uraian", "Tujuan / Sasaran", Kind.TEXT, 3),
                     Column("indikator", "Indikator", Kind.TEXT, 3)],
            rows=rows,
        )

    def iku_table(self, start: int, end: int) -> Table:
        years = list(range(start, end + 1))
        rows = []
        for r in self.rows:
            ind = r.indicator
            targets = [cells.measure(ind.targets[y].as_rule_input if y in ind.targets else None,
                                     missing="belum ditetapkan") for y in years]
            rows.append(Row([
                cells.text(f"{r.level} {r.number}"), cells.text(ind.name),
                cells.text(ind.formula or "-"), cells.text(ind.unit),
                cells.text("Negatif" if ind.polarity is Polarity.LOWER_IS_BETTER else "Positif"),
                *targets,
            ]))
        return Table(
            id="tabel-iku", caption=f"Indikator Kinerja Utama dan Target Renstra {start}\u2013{end}",
            columns=[Column("no", "No", Kind.TEXT, 0.8), Column("indikator", "Indikator", Kind.TEXT, 2.4),
                     Column("formula", "Formula", Kind.TEXT, 3.2), Column("satuan", "Satuan", Kind.TEXT, 0.8),
                     Column("polaritas", "Polaritas", Kind.TEXT, 0.8)]
            + [Column(f"t{y}", str(y), Kind.DECIMAL, 0.8) for y in years],
            header=[[HeaderCell("No", rowspan=2), HeaderCell("Indikator", rowspan=2),
                     HeaderCell("Formula", rowspan=2), HeaderCell("Satuan", rowspan=2),
                     HeaderCell("Polaritas", rowspan=2), HeaderCell("Target", colspan=len(years))],
                    [HeaderCell(str(y)) for y in years]],
            rows=rows, landscape=True,
        )

    def agreement_table(self, agreement: object) -> Table:
        from sakip.dataset import AgreementData

        assert isinstance(agreement, AgreementData)
        statements = {}
        for goal in self.ay.strategic_plan.goals if self.ay.strategic_plan else []:
            for ind in goal.indicators:
                statements[ind.id] = goal.statement
            for obj in goal.objectives:
                for ind in obj.indicators:
                    statements[ind.id] = obj.statement
        rows = []
        for i, item in enumerate(agreement.items, start=1):
            target: Cell
            if item.target_level:
                target = cells.measure(item.target_level)
            elif item.target_value is not None:
                target = cells.measure(item.target_value)
            else:
                target = cells.text("belum ditetapkan")
            rows.append(Row([cells.count(i), cells.text(statements.get(item.indicator.id, "")),
                             cells.text(item.indicator.name), cells.text(item.indicator.unit), target]))
        label = {"revised": "Perubahan "}.get(agreement.version, "")
        return Table(
            id="tabel-pk", caption=f"Perjanjian Kinerja {label}Tahun {self.year}",
            columns=[Column("no", "No", Kind.COUNT, 0.4), Column("sasaran", "Sasaran Strategis", Kind.TEXT, 2.6),
                     Column("indikator", "Indikator Kinerja", Kind.TEXT, 3), Column("satuan", "Satuan", Kind.TEXT, 0.8),
                     Column("target", "Target", Kind.DECIMAL, 0.9)],
            rows=rows or [Row([cells.text(""), cells.text("(belum ada butir perjanjian)"),
                               cells.text(""), cells.text(""), cells.text("")])],
        )

    def program_budget_table(self) -> Table:
        versions = self.versions
        rows = []
        programs = [r for r in self.budget_rows if r.level == 3]
        for r in programs:
            assert r.line is not None
            rows.append(Row([cells.code(r.code), cells.text(r.name)]
                            + [cells.money(r.line.budget(v)) for v in versions], id=f"p{r.line.id}"))
        ids = [row.id for row in rows]
        total_cells = []
        for v in versions:
            amount = self.ay.work_plan.total_budget(v) if self.ay.work_plan else None
            formula = f"=SUM({{{v}@{ids[0]}}}:{{{v}@{ids[-1]}}})" if ids else None
            total_cells.append(cells.money(amount, formula=formula))
        rows.append(Row([cells.text(""), cells.text("Jumlah", bold=True), *total_cells], style="total"))
        return Table(
            id="tabel-anggaran-program", caption=f"Anggaran per Program Tahun {self.year}",
            columns=[Column("kode", "Kode", Kind.CODE, 0.9), Column("program", "Program", Kind.TEXT, 3.2)]
            + [Column(v, f"{BUDGET_VERSION_NAMES.get(v, v)} (Rp)", Kind.MONEY, 1.4) for v in versions],
            rows=rows,
        )

    # -- BAB III ---------------------------------------------------------------------------------
    def chapter_3(self) -> None:
        d = self.doc
        d.add(Heading("AKUNTABILITAS KINERJA", 0, number="BAB III", id="bab-3"))
        d.add(Heading("Capaian Kinerja Organisasi", 1, number="3.1", id="capaian"))
        d.add(Heading("Metode Pengukuran", 2, number="3.1.1", id="metode"))
        self.method_section()
        d.add(Heading(f"Capaian Indikator Kinerja Utama Tahun {self.year}", 2, number="3.1.2"))
        if self.rows:
            d.add(Paragraph([
                Run("Capaian setiap indikator kinerja utama dibandingkan dengan targetnya disajikan "
                    "pada "), Ref("tabel-capaian"), Run(", dihitung dengan metode pada bagian "),
                Ref("metode"), Run(" Metode Pengukuran."),
            ]))
            d.add(self.achievement_table())
            d.add(*self.counts_sentence(), self.mean_sentence())
            d.add(self.means_table())
        else:
            d.add(self.missing("[Belum ada indikator kinerja utama yang dapat diukur.]",
                               "tidak ada indikator kinerja utama untuk diukur", "BAB III 3.1"))
        for n, group in enumerate(self.groups, start=3):
            self.group_section(group, f"3.1.{n}")
        n_after = 3 + len(self.groups)
        d.add(Heading("Efisiensi Penggunaan Sumber Daya", 2, number=f"3.1.{n_after}"))
        self.resource_efficiency()
        d.add(Heading("Realisasi Anggaran", 1, number="3.2", id="anggaran"))
        self.budget_section()
        d.add(Heading("Kinerja Lainnya", 1, number="3.3"))
        self.other_performance()

    def method_section(self) -> None:
        text = method_text(
            lower_is_better_method=self.settings.lower_is_better_method,
            achievement_scale=fig.achievement_scale(self.ay), cap=self.settings.average_cap,
        )
        parts = text.split("\n\n")[1:]  # the first part is the title
        for part in parts:
            lines = part.splitlines()
            self.doc.add(Paragraph.text(lines[0].strip()))
            items: list[list[Run | Ref]] = [
                [Run(line.strip().lstrip("- ").strip())] for line in lines[1:] if line.strip()
            ]
            if items:
                self.doc.add(BulletList(items))
        self.doc.add(Paragraph.text(
            "Efisiensi penggunaan sumber daya disajikan dalam dua bentuk: bentuk rasio (capaian "
            "kinerja / serapan anggaran; lebih dari 1 berarti hasil lebih besar dari uang yang "
            "dipakai) dan bentuk Kemenkeu RO: E = \u03a3(AA\u1d62 \u00d7 C\u1d62 \u2212 RA\u1d62) / "
            "\u03a3 AA\u1d62 \u00d7 100 %, dengan C\u1d62 sebagai pecahan (98 % = 0,98), "
            "AA = alokasi dan RA = realisasi anggaran program. Ambang penjelasan serapan sub "
            f"kegiatan: {format_number(self.settings.absorption_threshold)} %."
        ))

    def achievement_table(self) -> Table:
        rows = []
        for r in self.rows:
            flags = "; ".join(r.achievement.flag_labels)
            category = r.category
            if r.achievement.pathological:
                category = f"{category} (tidak wajar: {flags})" if category else f"tidak wajar: {flags}"
            rows.append(Row([
                cells.text(f"{r.level} {r.number}"), cells.text(r.statement), cells.text(r.indicator.name),
                cells.text(r.indicator.unit),
                cells.measure(r.target, missing="belum ditetapkan"),
                cells.measure(r.realisation, missing="belum ada realisasi"),
                cells.percent(r.achievement), cells.text(r.predikat or "-"), cells.text(category or "-"),
            ]))
        return Table(
            id="tabel-capaian", caption=f"Capaian Indikator Kinerja Utama Tahun {self.year}",
            columns=[Column("no", "No", Kind.TEXT, 0.8), Column("sasaran", "Tujuan / Sasaran", Kind.TEXT, 2.2),
                     Column("indikator", "Indikator Kinerja", Kind.TEXT, 2.4),
                     Column("satuan", "Satuan", Kind.TEXT, 0.8), Column("target", "Target", Kind.DECIMAL, 0.9),
                     Column("realisasi", "Realisasi", Kind.DECIMAL, 0.9),
                     Column("capaian", "Capaian (%)", Kind.PERCENT, 0.9),
                     Column("predikat", "Predikat", Kind.TEXT, 1.0), Column("kategori", "Kategori", Kind.TEXT, 1.1)],
            number_row=["1", "2", "3", "4", "5", "6", "7", "8", "9"],
            rows=rows, landscape=False,
            notes=["Capaian (7) dihitung dari target (5) dan realisasi (6) menurut polaritas indikator "
                   "(lihat Metode Pengukuran); predikat dan kategori dari capaian yang dibulatkan."],
        )

    def means_table(self) -> Table:
        rows = []
        for g in self.groups:
            mean = averages.mean_achievement(
                ((f"{r.indicator.name} ({r.level} {r.number})", r.achievement) for r in g.rows),
                cap=self.settings.average_cap,
            )
            excluded = "; ".join(f"{name}: {why}" for name, why in mean.excluded) or "-"
            rows.append(Row([cells.text(g.number), cells.text(g.statement), cells.count(len(g.rows)),
                             cells.count(len(mean.included)), cells.percent(mean.value), cells.text(excluded)]))
        overall = self.summary.mean
        rows.append(Row([
            cells.text(""), cells.text("Seluruh indikator kinerja utama", bold=True), cells.count(len(self.rows)),
            cells.count(len(overall.included)), cells.percent(overall.value),
            cells.text("; ".join(f"{n}: {w}" for n, w in overall.excluded) or "-"),
        ], style="total"))
        return Table(
            id="tabel-rata-rata", caption=f"Rata-rata Capaian per Tujuan dan Sasaran Tahun {self.year}",
            columns=[Column("no", "No", Kind.TEXT, 0.5), Column("tujuan", "Tujuan / Sasaran", Kind.TEXT, 2.5),
                     Column("jumlah", "Jumlah Indikator", Kind.COUNT, 0.9),
                     Column("dihitung", "Ikut Dirata-ratakan", Kind.COUNT, 0.9),
                     Column("rata", "Rata-rata Capaian (%)", Kind.PERCENT, 1.0),
                     Column("kecuali", "Indikator yang Dikecualikan dan Alasannya", Kind.TEXT, 3.2)],
            rows=rows, landscape=False,
        )

    def indicator_sentence(self, r: fig.IndicatorRow) -> Paragraph:
        ind = r.indicator
        if r.target is None or r.realisation is None:
            return Paragraph.text(
                f"Capaian indikator {ind.name} tahun {self.year} {r.achievement.reason or r.achievement.display}: "
                + ("target belum ditetapkan." if r.target is None else "realisasi belum diisi."),
                style="missing")
        text = (f"Target {ind.name} tahun {self.year} adalah {_with_unit(_measure(r.target), ind.unit)} "
                f"dan terealisasi {_with_unit(_measure(r.realisation), ind.unit)}")
        if r.achievement.value is None:
            text += f"; capaian kinerja {r.achievement.display}."
        else:
            text += (f", sehingga capaian kinerja sebesar {r.achievement.display} % "
                     f"({r.category}; {r.predikat.lower()}).")
        if ind.polarity is Polarity.LOWER_IS_BETTER:
            text += (" Indikator ini adalah indikator negatif (makin kecil makin baik), sehingga "
                     "capaian dihitung dari target dibagi realisasi.")
        if r.achievement.pathological:
            text += (f" Capaian ini tidak wajar ({'; '.join(r.achievement.flag_labels)}) dan tidak "
                     "ikut dirata-ratakan.")
        previous = ind.realised(self.year - 1)
        if isinstance(previous, Decimal) and isinstance(r.realisation, Decimal):
            ch = comparison.change(previous, r.realisation, ind.polarity, ind.unit)
            if isinstance(ch, comparison.Change):
                text += (f" Dibandingkan tahun {self.year - 1} "
                         f"({_with_unit(format_value(previous), ind.unit)}), kinerja "
                         f"{ch.direction.lower()} ({ch.display}).")
        return Paragraph.text(text)

    def series_years(self, ind: IndicatorData) -> list[int]:
        years = {t for t in ind.targets if t <= self.year} | {r.year for r in ind.realisations if r.year <= self.year}
        if ind.baseline_year and ind.baseline_year < self.year:
            years.add(ind.baseline_year)
        return sorted(years)

    def series_table(self, r: fig.IndicatorRow, tid: str) -> Table:
        ind = r.indicator
        rows = []
        previous: Decimal | None = None
        for y in self.series_years(ind):
            target = ind.target(y)
            realised = ind.realised(y)
            if y == ind.baseline_year and target is None and not ind.realisations_of(y):
                realised = ind.baseline_level or ind.baseline_value
                rows.append(Row([cells.text(f"{y} (data awal)"), cells.text("-"),
                                 cells.measure(realised), cells.text("-"), cells.text("-")]))
                previous = realised if isinstance(realised, Decimal) else None
                continue
            ach = ind.achievement(y, self.settings)
            delta: Cell = cells.text("-")
            if isinstance(realised, Decimal) and previous is not None:
                ch = comparison.change(previous, realised, ind.polarity, ind.unit)
                if isinstance(ch, comparison.Change):
                    delta = Cell(ch.delta, f"{ch.display} ({ch.direction})", Kind.DECIMAL)
            rows.append(Row([
                cells.text(str(y)), cells.measure(target.as_rule_input if target else None),
                cells.measure(realised, missing="belum ada realisasi"), cells.percent(ach), delta,
            ]))
            previous = realised if isinstance(realised, Decimal) else None
        end = ind.end_target
        if end not in (None, ""):
            realised_now = r.realisation
            if isinstance(end, Decimal) and isinstance(realised_now, Decimal):
                vs_end = comparison.against_end_target(end, realised_now, ind.polarity,
                                                       self.settings.lower_is_better_method)
                rows.append(Row([cells.text("Target akhir Renstra"), cells.measure(end),
                                 cells.measure(realised_now), cells.percent(vs_end), cells.text("-")],
                                style="subtotal"))
            else:
                rows.append(Row([cells.text("Target akhir Renstra"), cells.measure(end),
                                 cells.measure(realised_now), cells.text("-"), cells.text("-")],
                                style="subtotal"))
        return Table(
            id=tid, caption=f"Perbandingan Capaian {ind.name} Tahun ke Tahun",
            columns=[Column("tahun", "Tahun", Kind.TEXT, 1.2), Column("target", "Target", Kind.DECIMAL, 1),
                     Column("realisasi", "Realisasi", Kind.DECIMAL, 1),
                     Column("capaian", "Capaian (%)", Kind.PERCENT, 1),
                     Column("delta", "Perubahan dari Tahun Sebelumnya (positif = membaik)", Kind.DECIMAL, 2)],
            rows=rows,
            notes=["Perubahan bertanda menurut polaritas: positif berarti kinerja membaik. Baris "
                   "terakhir membandingkan realisasi tahun ini dengan target akhir Renstra."]
            if end not in (None, "") else ["Perubahan bertanda menurut polaritas: positif berarti kinerja membaik."],
        )

    def series_chart(self, r: fig.IndicatorRow, cid: str) -> Chart | None:
        ind = r.indicator
        if ind.target_kind is TargetKind.ORDINAL:
            return None
        years = [y for y in self.series_years(ind) if ind.target(y) or ind.realised(y) is not None]
        targets = [ind.target(y).value if ind.target(y) else None for y in years]  # type: ignore[union-attr]
        realised = [v if isinstance(v := ind.realised(y), Decimal) else None for y in years]
        if sum(v is not None for v in realised) < 2:
            return None
        return Chart(
            id=cid, caption=f"Target dan Realisasi {ind.name}", kind="line",
            categories=[str(y) for y in years],
            series=[Series("Target", targets), Series("Realisasi", realised)],
            y_label=ind.unit,
        )

    def group_section(self, g: _Group, number: str) -> None:
        d = self.doc
        d.add(Heading(f"Tujuan {g.number}: {g.statement}", 2, number=number, id=f"tujuan-{g.index}"))
        if g.objectives:
            d.add(Paragraph.text(
                "Sasaran: " + prose.join([f"{no} {st}" for no, st in g.objectives]) + "."))
        if not g.rows:
            d.add(self.missing("[Tujuan ini belum memiliki indikator kinerja utama.]",
                               "tujuan tanpa indikator kinerja utama", f"Tujuan {g.number}"))
        seen: set[tuple[str, str]] = set()
        for i, r in enumerate(g.rows, start=1):
            d.add(self.indicator_sentence(r))
            key = (r.indicator.name, str(r.realisation))
            if key in seen:
                d.add(Paragraph.text(
                    f"Indikator {r.indicator.name} ({r.level} {r.number}) sama dengan indikator di atas; "
                    "perbandingannya tidak diulang.", style="note"))
                continue
            seen.add(key)
            tid = f"seri-{g.index}-{i}"
            d.add(Paragraph([Run("Perbandingan dengan tahun-tahun sebelumnya dan target akhir Renstra: "),
                             Ref(tid), Run(".")]))
            d.add(self.series_table(r, tid))
            chart = self.series_chart(r, f"grafik-{g.index}-{i}")
            if chart:
                d.add(chart)
        where = f"BAB III, Tujuan {g.number}"
        d.add(Paragraph.text("Analisis penyebab keberhasilan/kegagalan dan solusi:", style="body"))
        # "sasaran.N" (N = position of the tujuan) as in the demo data; the editor's
        # "sasaran.<nomor sasaran>" keys (e.g. sasaran.1.1) are read too.
        also = [f"sasaran.{g.number}"] + [f"sasaran.{no}" for no, _ in g.objectives]
        self.add_stored(f"sasaran.{g.index}", skip=("judul", "form3"), also=also,
                        required=f"Analisis penyebab keberhasilan/kegagalan dan solusi untuk Tujuan {g.number}",
                        where=where)

    def resource_efficiency(self) -> None:
        d = self.doc
        wp = self.ay.work_plan
        items: list[tuple[int, Decimal, int]] = []
        rows = []
        if wp is None or not self.has_spending:
            d.add(self.missing("[Efisiensi penggunaan sumber daya belum dapat dihitung: anggaran atau "
                               "realisasinya belum dicatat.]", "efisiensi sumber daya belum dapat dihitung",
                               "BAB III 3.1"))
            return
        version = self.version or ""
        for program in wp.programs:
            indicators = [i for i in program.indicators]
            achievements = [(i.name, i.achievement(self.year, self.settings)) for i in indicators]
            mean = averages.mean_achievement(achievements, cap=self.settings.average_cap)
            pagu = program.budget(version) or 0
            realised = program.realised()
            absorption = budget.absorption(realised, pagu)
            ratio: Cell = cells.text("-")
            if mean.value is not None and absorption.value is not None:
                rr = budget.resource_efficiency_ratio(mean.value, absorption.value)
                ratio = Cell(rr.value, f"{format_number(rr.value, 2)} ({rr.category})" if rr.value is not None else rr.display,
                             Kind.DECIMAL)
                if pagu:
                    items.append((pagu, mean.value, realised))
            rows.append(Row([cells.code(program.code), cells.text(program.name),
                             cells.count(len(indicators)), cells.percent(mean.value),
                             cells.money(pagu), cells.money(realised), cells.percent(absorption), ratio]))
        ro = budget.resource_efficiency_ro(items) if items else None
        d.add(Paragraph([
            Run("Efisiensi dihitung per program dari rata-rata capaian indikator program dan serapan "
                "anggarannya (bentuk rasio), serta untuk seluruh program dengan bentuk Kemenkeu RO; "
                "lihat "), Ref("tabel-efisiensi"), Run("."),
        ]))
        d.add(Table(
            id="tabel-efisiensi", caption=f"Efisiensi Penggunaan Sumber Daya per Program Tahun {self.year}",
            columns=[Column("kode", "Kode", Kind.CODE, 0.8), Column("program", "Program", Kind.TEXT, 2.8),
                     Column("n", "Jumlah Indikator", Kind.COUNT, 0.7),
                     Column("capaian", "Rata-rata Capaian (%)", Kind.PERCENT, 0.9),
                     Column("pagu", "Pagu (Rp)", Kind.MONEY, 1.3), Column("realisasi", "Realisasi (Rp)", Kind.MONEY, 1.3),
                     Column("serapan", "Serapan (%)", Kind.PERCENT, 0.8),
                     Column("rasio", "Efisiensi (Capaian / Serapan)", Kind.DECIMAL, 1.3)],
            rows=rows, landscape=True,
            notes=["Program tanpa indikator atau tanpa realisasi tidak dapat dihitung efisiensinya (tanda \u201c-\u201d)."],
        ))
        if ro is not None and ro.value is not None:
            d.add(Paragraph.text(
                f"Efisiensi bentuk Kemenkeu RO atas {prose.count(len(items))} program yang dapat dihitung: "
                f"E = {format_percent(ro.value)} % (nilai positif berarti capaian tertimbang melebihi "
                "realisasi anggaran)."))

    def budget_section(self) -> None:
        d = self.doc
        if not self.budget_rows or self.total is None:
            d.add(self.missing(f"[Anggaran tahun {self.year} belum dicatat.]", "anggaran belum dicatat",
                               "BAB III 3.2"))
            return
        d.add(Heading("Realisasi Anggaran per Program, Kegiatan dan Sub Kegiatan", 2, number="3.2.1"))
        d.add(self.budget_sentence())
        d.add(Paragraph([Run("Rincian pagu setiap versi anggaran, realisasi, persentase dan sisa disajikan "
                             "pada "), Ref("tabel-realisasi-anggaran"), Run("; serapan per program pada "),
                         Ref("grafik-serapan"), Run(".")]))
        d.add(self.budget_table())
        for r in self.budget_rows:
            if r.level == 3 and r.budget is not None:
                d.add(Paragraph.text(
                    f"Alokasi anggaran {_title(r.name)} sebesar "
                    f"{prose.rupiah(r.budget)} dengan realisasi {prose.rupiah(r.realised)} "
                    f"({r.absorption.display} %)."))
        d.add(self.absorption_chart())
        threshold = format_number(self.settings.absorption_threshold)
        d.add(Heading(f"Sub Kegiatan dengan Serapan di Bawah {threshold} %", 2, number="3.2.2"))
        self.low_absorption_section(threshold)
        d.add(Heading("Efektivitas dan Efisiensi Anggaran", 2, number="3.2.3"))
        self.effectiveness_section()
        self.add_stored("anggaran")

    def budget_table(self) -> Table:
        versions = self.versions
        last = self.version or ""
        rows: list[Row] = []
        wp = self.ay.work_plan
        assert wp is not None

        def row_id(line: LineData) -> str:
            return f"l{line.id}"

        def add(line: LineData) -> None:
            realised = line.realised()
            no_spending = line.is_leaf and not line.spending
            pagu_last = line.budget(last)
            money_cells = []
            for v in versions:
                amount = line.budget(v)
                formula = None
                if line.children:
                    refs = ",".join(f"{{{v}@{row_id(c)}}}" for c in line.children)
                    formula = f"=SUM({refs})"
                money_cells.append(cells.money(amount, formula=formula))
            if no_spending:
                real_cell = Cell(None, "belum ada realisasi", Kind.MONEY)
                pct_cell = cells.percent(None)
                rest_cell = cells.money(pagu_last)
            else:
                formula = f"=SUM({','.join(f'{{realisasi@{row_id(c)}}}' for c in line.children)})" if line.children else None
                real_cell = cells.money(realised, formula=formula)
                absorption = budget.absorption(realised, pagu_last or 0)
                pct_cell = cells.percent(absorption, formula=f"={{realisasi}}/{{{last}}}*100"
                                         if pagu_last else None)
                rest_cell = cells.money(None if pagu_last is None else pagu_last - realised,
                                        formula=f"={{{last}}}-{{realisasi}}" if pagu_last is not None else None)
            style = {3: "group", 4: "subtotal"}.get(line.level, "normal")
            rows.append(Row([cells.code(line.code), cells.text(line.name), *money_cells, real_cell,
                             pct_cell, rest_cell], style=style, indent=max(line.level - 3, 0), id=row_id(line)))
            for child in line.children:
                add(child)

        for program in wp.programs:
            add(program)
        program_ids = [row_id(p) for p in wp.programs]
        total_cells = []
        for v in versions:
            refs = ",".join(f"{{{v}@{i}}}" for i in program_ids)
            total_cells.append(cells.money(wp.total_budget(v), formula=f"=SUM({refs})" if refs else None))
        t = self.total
        assert t is not None
        refs = ",".join(f"{{realisasi@{i}}}" for i in program_ids)
        rows.append(Row([
            cells.text(""), cells.text("JUMLAH", bold=True), *total_cells,
            cells.money(t.realised, formula=f"=SUM({refs})" if refs else None),
            cells.percent(t.absorption, formula=f"={{realisasi}}/{{{last}}}*100" if t.budget else None),
            cells.money(t.remaining, formula=f"={{{last}}}-{{realisasi}}" if t.budget is not None else None),
        ], style="total"))
        n = len(versions)
        columns = ([Column("kode", "Kode", Kind.CODE, 1.3), Column("uraian", "Program / Kegiatan / Sub Kegiatan", Kind.TEXT, 3.2)]
                   + [Column(v, f"{BUDGET_VERSION_NAMES.get(v, v)} (Rp)", Kind.MONEY, 1.25) for v in versions]
                   + [Column("realisasi", "Realisasi (Rp)", Kind.MONEY, 1.25),
                      Column("persen", "%", Kind.PERCENT, 0.6), Column("sisa", "Sisa (Rp)", Kind.MONEY, 1.2)])
        header = [
            [HeaderCell("Kode", rowspan=2), HeaderCell("Program / Kegiatan / Sub Kegiatan", rowspan=2),
             HeaderCell("Pagu Anggaran", colspan=n), HeaderCell("Realisasi (Rp)", rowspan=2),
             HeaderCell("%", rowspan=2), HeaderCell("Sisa (Rp)", rowspan=2)],
            [HeaderCell(f"{BUDGET_VERSION_NAMES.get(v, v)} (Rp)") for v in versions],
        ]
        numbers = [str(i) for i in range(1, 3 + n)]
        real_col, pct_col, rest_col = 3 + n, 4 + n, 5 + n
        number_row = numbers + [str(real_col), f"{pct_col}=({real_col}/{2 + n})", f"{rest_col}=({2 + n}-{real_col})"]
        return Table(
            id="tabel-realisasi-anggaran",
            caption=f"Realisasi Anggaran per Program, Kegiatan dan Sub Kegiatan Tahun {self.year}",
            columns=columns, header=header, number_row=number_row, rows=rows, landscape=True,
            notes=["Pagu program dan kegiatan adalah jumlah pagu sub kegiatannya; persentase dan sisa "
                   f"terhadap pagu {BUDGET_VERSION_NAMES.get(last, last)}."],
            source="rencana kerja dan realisasi anggaran yang tercatat",
        )

    def absorption_chart(self) -> Chart:
        programs = [r for r in self.budget_rows if r.level == 3]
        return Chart(
            id="grafik-serapan", caption=f"Serapan Anggaran per Program Tahun {self.year} (%)", kind="barh",
            categories=[_title(r.name) for r in programs],
            series=[Series("Serapan", [r.absorption.value for r in programs])], y_label="%",
        )

    def low_absorption_section(self, threshold: str) -> None:
        d = self.doc
        low = self.low
        if not self.has_spending:
            d.add(Paragraph.text("Realisasi anggaran belum diisi, sehingga serapan sub kegiatan belum dapat "
                                 "dinilai.", style="missing"))
            return
        if not low:
            d.add(Paragraph.text(f"Tidak ada sub kegiatan dengan serapan di bawah {threshold} %."))
            return
        d.add(Paragraph([
            Run(f"Terdapat {prose.count(len(low))} sub kegiatan dengan serapan di bawah {threshold} %, "
                "sebagaimana "), Ref("tabel-serapan-rendah"), Run(":"),
        ]))
        rows = []
        for r in low:
            where = f"sub kegiatan {r.code} {r.name}"
            if r.explanation:
                explanation = cells.text(r.explanation)
                d.add(Paragraph.text(
                    f"Sub Kegiatan {r.name} terealisasi kurang dari {threshold} % ({r.absorption.display} %) "
                    f"disebabkan {r.explanation[0].lower() + r.explanation[1:]}"
                    + ("" if r.explanation.endswith(".") else ".")))
            else:
                explanation = cells.text("[penjelasan belum diisi]")
                d.add(self.missing(
                    f"Sub Kegiatan {r.name} terealisasi kurang dari {threshold} % ({r.absorption.display} %); "
                    "[penjelasan penyebabnya belum diisi].",
                    f"serapan {r.absorption.display} % di bawah {threshold} % tanpa penjelasan", where))
            rows.append(Row([cells.code(r.code), cells.text(r.name), cells.money(r.budget),
                             cells.money(r.realised), cells.percent(r.absorption), explanation]))
        d.add(Table(
            id="tabel-serapan-rendah", caption=f"Sub Kegiatan dengan Serapan di Bawah {threshold} % Tahun {self.year}",
            columns=[Column("kode", "Kode", Kind.CODE, 1.3), Column("sub", "Sub Kegiatan", Kind.TEXT, 2.6),
                     Column("pagu", "Pagu (Rp)", Kind.MONEY, 1.2), Column("realisasi", "Realisasi (Rp)", Kind.MONEY, 1.2),
                     Column("persen", "%", Kind.PERCENT, 0.6), Column("penjelasan", "Penjelasan", Kind.TEXT, 3.2)],
            rows=rows, landscape=False,
        ))

    def salary_line(self) -> LineData | None:
        wp = self.ay.work_plan
        if wp is None:
            return None
        return next((leaf for leaf in wp.sub_activities()
                     if any(w in leaf.name.lower() for w in SALARY_WORDS)), None)

    def effectiveness_section(self) -> None:
        d = self.doc
        t = self.total
        assert t is not None
        if t.budget is None or not self.has_spending:
            d.add(Paragraph.text("Efektivitas dan efisiensi anggaran belum dapat dihitung karena pagu atau "
                                 "realisasi belum dicatat.", style="missing"))
            return
        eff = budget.effectiveness(t.realised, t.budget)
        rows = [Row([cells.text("Efektivitas anggaran"), cells.text("Realisasi / Anggaran \u00d7 100"),
                     cells.money(t.realised), cells.money(t.budget), cells.percent(eff, formula="={a}/{b}*100"),
                     cells.text(eff.category or "-")])]
        salary = self.salary_line()
        if salary is None:
            d.add(self.missing(
                "[Efisiensi anggaran (varian Mahsun) belum dapat dihitung: sub kegiatan Penyediaan Gaji dan "
                "Tunjangan ASN tidak ditemukan pada rencana kerja.]",
                "sub kegiatan gaji dan tunjangan ASN tidak ditemukan; efisiensi anggaran tidak dihitung",
                "BAB III 3.2.3"))
        else:
            direct = budget.direct_spending(t.realised, salary.realised())
            effi = budget.efficiency_mahsun(direct, t.realised)
            rows.append(Row([cells.text("Efisiensi anggaran (Mahsun)"),
                             cells.text("Realisasi belanja langsung / Realisasi seluruh belanja \u00d7 100"),
                             cells.money(direct), cells.money(t.realised),
                             cells.percent(effi, formula="={a}/{b}*100"), cells.text(effi.category or "-")]))
        d.add(Paragraph([Run("Efektivitas dan efisiensi anggaran (lihat Metode Pengukuran) disajikan pada "),
                         Ref("tabel-efektivitas"), Run(".")]))
        d.add(Table(
            id="tabel-efektivitas", caption=f"Efektivitas dan Efisiensi Anggaran Tahun {self.year}",
            columns=[Column("ukuran", "Ukuran", Kind.TEXT, 1.6), Column("rumus", "Rumus", Kind.TEXT, 2.4),
                     Column("a", "Pembilang (Rp)", Kind.MONEY, 1.4), Column("b", "Penyebut (Rp)", Kind.MONEY, 1.4),
                     Column("nilai", "Nilai (%)", Kind.PERCENT, 0.8), Column("kategori", "Kategori", Kind.TEXT, 1.1)],
            rows=rows,
            notes=["Belanja langsung = realisasi seluruh belanja \u2212 realisasi gaji dan tunjangan ASN."],
        ))
        d.add(Paragraph.text(
            f"Efektivitas anggaran tahun {self.year} sebesar {eff.display} % ({eff.category})."
            + (f" Efisiensi anggaran {format_percent(effi.value)} % ({effi.category})." if salary is not None and effi.value is not None else "")
        ))

    def other_performance(self) -> None:
        d = self.doc
        evaluations = self.ay.evaluations
        if evaluations:
            from sakip.rules.scales import (
                SAKIP_2015,
                SAKIP_2021,
                SakipScoreError,
                sakip_grade,
                sakip_total,
            )

            frameworks = {"88_2021": SAKIP_2021, "12_2015": SAKIP_2015}
            aliases = {"evaluasi_internal": "evaluasi", "capaian_kinerja": "capaian"}
            components = [c for c in SAKIP_2021.components]
            rows = []
            for e in evaluations:
                framework = frameworks.get(e.framework, SAKIP_2021)
                scores = {aliases.get(k, k): v for k, v in e.components.items()}
                total: Decimal | None
                try:
                    total = sakip_total(scores, framework) if scores else None
                except SakipScoreError as exc:
                    total = None
                    self.warn(f"nilai komponen evaluasi SAKIP {e.year} tidak lengkap: {exc}", "BAB III 3.3")
                shown_total = total if total is not None else e.score
                grade = sakip_grade(shown_total) if shown_total is not None else "-"
                note = ""
                if e.printed_grade and e.printed_grade != grade:
                    note = f"tercatat {e.printed_grade}"
                if total is not None and e.score is not None and total != e.score:
                    note = (note + "; " if note else "") + f"nilai tercatat {format_number(e.score, 2)}"
                rows.append(Row([cells.text(str(e.year))]
                                + [cells.measure(scores.get(c.key)) for c in components]
                                + [cells.measure(shown_total), cells.text(grade), cells.text(note or "-")]))
            d.add(Paragraph([Run("Riwayat hasil evaluasi SAKIP disajikan pada "), Ref("tabel-sakip"), Run(".")]))
            d.add(Table(
                id="tabel-sakip", caption="Riwayat Nilai Evaluasi SAKIP",
                columns=[Column("tahun", "Tahun", Kind.TEXT, 0.7)]
                + [Column(c.key, f"{c.name} ({format_number(c.weight)})", Kind.DECIMAL, 1.1) for c in components]
                + [Column("total", "Nilai", Kind.DECIMAL, 0.8), Column("predikat", "Predikat", Kind.TEXT, 0.8),
                   Column("catatan", "Catatan", Kind.TEXT, 1.2)],
                rows=rows,
                notes=["Nilai = jumlah nilai komponen; predikat menurut PermenPAN-RB 88/2021 "
                       "(AA > 90, A > 80, BB > 70, B > 60, CC > 50, C > 30, D \u2264 30)."],
            ))
            recs = [(e.year, rec, follow) for e in evaluations for rec, follow in e.recommendations]
            if recs:
                rec_rows = []
                for i, (y, rec, follow) in enumerate(recs, start=1):
                    rec_rows.append(Row([cells.count(i), cells.text(str(y)), cells.text(rec),
                                         cells.text(follow or "[tindak lanjut belum diisi]")]))
                    if not follow:
                        self.warn("tindak lanjut rekomendasi belum diisi", f"rekomendasi SAKIP {y} nomor {i}")
                d.add(Table(
                    id="tabel-rekomendasi", caption="Rekomendasi Hasil Evaluasi SAKIP dan Tindak Lanjutnya",
                    columns=[Column("no", "No", Kind.COUNT, 0.4), Column("tahun", "Tahun", Kind.TEXT, 0.6),
                             Column("rekomendasi", "Rekomendasi", Kind.TEXT, 3.2),
                             Column("tindak", "Tindak Lanjut", Kind.TEXT, 3.2)],
                    rows=rec_rows,
                ))
        else:
            d.add(Paragraph.text("Belum ada hasil evaluasi SAKIP yang tercatat."))
        self.add_stored("kinerja_lainnya")

    # -- BAB IV ----------------------------------------------------------------------------------
    def chapter_4(self) -> None:
        d = self.doc
        d.add(Heading("PENUTUP", 0, number="BAB IV", id="bab-4"))
        d.add(Heading("Kesimpulan", 1, number="4.1"))
        n = len(self.rows)
        if n:
            counts = [f"{prose.count(c)} {label.lower()}" for label, c in self.summary.by_predikat.items()]
            undefined = len(self.summary.undefined)
            if undefined:
                counts.append(f"{prose.count(undefined)} belum dapat dihitung")
            d.add(Paragraph.text(
                f"Dari {prose.count(n)} indikator kinerja utama tahun {self.year}, " + prose.join(counts) + "."
            ))
            d.add(self.mean_sentence())
        d.add(self.budget_sentence())
        if self.low:
            d.add(Paragraph.text(
                f"Sebanyak {prose.count(len(self.low))} sub kegiatan terserap di bawah "
                f"{format_number(self.settings.absorption_threshold)} %."))
        self.add_stored("kesimpulan")
        d.add(Heading("Langkah Perbaikan", 1, number="4.2"))
        self.add_stored("langkah_perbaikan", required="Langkah perbaikan untuk tahun berikutnya", where="BAB IV 4.2")
        d.add(self.head_signature())

    # -- Lampiran --------------------------------------------------------------------------------
    def appendix(self) -> None:
        d = self.doc
        ay = self.ay
        d.add(Heading("", 0, number="LAMPIRAN", id="lampiran"))
        if not ay.agreements:
            d.add(self.missing(f"[Perjanjian Kinerja tahun {self.year} belum dicatat.]",
                               "Perjanjian Kinerja belum dicatat", "Lampiran"))
        order = {"original": 0, "revised": 1}
        for i, a in enumerate(sorted(ay.agreements, key=lambda a: order.get(a.version, 2))):
            title = "Perjanjian Kinerja Perubahan" if a.version == "revised" else "Perjanjian Kinerja"
            if i:
                d.add(PageBreak())
            d.add(Heading(f"{title} Tahun {self.year}", 1, id=f"lampiran-pk-{a.version}"))
            add_agreement(d, ay, a, prefix=f"lampiran-pk-{a.version}")
        d.add(PageBreak(), Heading("Pengukuran Kinerja", 1, id="lampiran-pengukuran"))
        d.add(self.measurement_form())
        if ay.work_plan is not None:
            d.add(Heading("Realisasi Fisik dan Keuangan", 1, id="lampiran-fisik"))
            d.add(self.physical_table())

    def measurement_form(self) -> Table:
        plan = self.ay.strategic_plan
        rows = []
        levels = {"goal": "Tujuan", "objective": "Sasaran", "program": "Program", "activity": "Kegiatan",
                  "sub_activity": "Sub Kegiatan"}
        for ind in plan.indicators if plan else []:
            target = ind.target(self.year)
            if target is None and not ind.realisations_of(self.year):
                continue
            ach = ind.achievement(self.year, self.settings)
            rows.append(Row([
                cells.text(levels.get(ind.subject, ind.subject)), cells.code(ind.code or ind.number),
                cells.text(ind.name), cells.text(ind.unit),
                cells.measure(target.as_rule_input if target else None, missing="belum ditetapkan"),
                cells.measure(ind.realised(self.year), missing="belum ada realisasi"), cells.percent(ach),
            ]))
        return Table(
            id="lampiran-pengukuran-kinerja", caption=f"Pengukuran Kinerja Tahun {self.year}",
            columns=[Column("tingkat", "Tingkat", Kind.TEXT, 0.9), Column("kode", "Kode / Nomor", Kind.CODE, 1.2),
                     Column("indikator", "Indikator", Kind.TEXT, 3.4), Column("satuan", "Satuan", Kind.TEXT, 0.8),
                     Column("target", "Target", Kind.DECIMAL, 0.9), Column("realisasi", "Realisasi", Kind.DECIMAL, 0.9),
                     Column("capaian", "Capaian (%)", Kind.PERCENT, 0.9)],
            number_row=["1", "2", "3", "4", "5", "6", "7"],
            rows=rows, landscape=False,
        )

    def physical_table(self) -> Table:
        wp = self.ay.work_plan
        assert wp is not None
        last = self.version or ""
        rows = []
        for line in wp.lines():
            pagu = line.budget(last)
            realised = line.realised()
            physical = line.physical_progress()
            rows.append(Row([
                cells.code(line.code), cells.text(line.name), cells.money(pagu),
                cells.money(realised) if (line.spending or not line.is_leaf) else Cell(None, "belum ada realisasi", Kind.MONEY),
                cells.percent(budget.absorption(realised, pagu or 0)),
                cells.percent(physical) if physical is not None else cells.text("-"),
            ], style={3: "group", 4: "subtotal"}.get(line.level, "normal"), indent=max(line.level - 3, 0)))
        return Table(
            id="lampiran-fisik-keuangan", caption=f"Realisasi Fisik dan Keuangan Tahun {self.year}",
            columns=[Column("kode", "Kode", Kind.CODE, 1.3), Column("uraian", "Program / Kegiatan / Sub Kegiatan", Kind.TEXT, 3.4),
                     Column("pagu", "Pagu (Rp)", Kind.MONEY, 1.3), Column("realisasi", "Realisasi (Rp)", Kind.MONEY, 1.3),
                     Column("keuangan", "Keuangan (%)", Kind.PERCENT, 0.8), Column("fisik", "Fisik (%)", Kind.PERCENT, 0.8)],
            rows=rows, landscape=False,
            notes=["Fisik program dan kegiatan = rata-rata sederhana fisik sub kegiatannya."],
        )


def build_lkjip(ay: AgencyYear, options: Options) -> Document:
    return LkjipBuilder(ay).build()


register(DocumentKind(key="lkjip", title="Laporan Kinerja (LKjIP)", build=build_lkjip))

__all__ = ["LkjipBuilder", "build_lkjip", "stored"]


def _roman(n: int) -> str:
    numerals = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for value, letters in numerals:
        while n >= value:
            out += letters
            n -= value
    return out
