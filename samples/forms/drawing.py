"""What every form shares: the document model, the page layouts, pagination and the renderers.

A form turns a source into a flow of paragraphs, tables and page breaks; the Paginator lays it
out on pages (merged cells, texts wrapping inside cells, rows and cells continuing on the next
page, header rows and table titles repeated on continuation pages) and a renderer draws the pages.

Two PDF producers and three page layouts, so that the extractor cannot key on one of them:

* ``a4_reportlab``  — A4 portrait, reportlab; closed cells drawn as rectangles and closed at
  page breaks (Word-like), indicator header repeated on continuation pages, each sheet on a new
  page, titles and headers in fake bold (every glyph drawn twice), letter-spaced titles.
* ``b5_reportlab``  — B5 portrait, larger type: many rows split by page breaks with every
  border closed at the break, so only the row contents tell that a row continues; sheets follow
  each other on the same page; page numbers printed as 第 N 页.
* ``letter_fpdf2`` — US Letter landscape, fpdf2; borders drawn as single line segments, merged
  cells and split rows left open at page breaks (WPS-like), no repeated header, sheets follow
  each other on the same page, Kangxi radical code points (⼀ U+2F00, ⻔ U+2ED4) in the text
  layer where the text means 一 and 门.

The other layouts print the seed's sheets in another province's form (``Layout.form``, each
form's module says what it prints) or a whole 决算 (``a5l_reportlab``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

FONT_PATH = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
MICROHEI = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
FONT_NAMES = {FONT_PATH: "WQYZenHei", MICROHEI: "WQYMicroHei"}
# More CJK fonts, with other glyph metrics, for the form explorer (samples/forms/explore.py): the
# name each is registered under and its face in the collection. The Noto faces have PostScript
# outlines, which reportlab cannot embed: only fpdf2 draws them.
UMING = "/usr/share/fonts/truetype/arphic/uming.ttc"
UKAI = "/usr/share/fonts/truetype/arphic/ukai.ttc"
NOTO_SANS = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
NOTO_SERIF = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
EXTRA_FONTS = {UMING: ("ARPLUMing", 0), UKAI: ("ARPLUKai", 0),
               NOTO_SANS: ("NotoSansCJKsc", 2), NOTO_SERIF: ("NotoSerifCJKsc", 2)}
POSTSCRIPT_OUTLINES = (NOTO_SANS, NOTO_SERIF)


def font_face(path: str) -> tuple[str, int]:
    """The name a font file is registered under and its face in the collection."""
    return (FONT_NAMES[path], 0) if path in FONT_NAMES else EXTRA_FONTS[path]

# --------------------------------------------------------------------------- document model


@dataclass
class Cell:
    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    align: str = "center"  # center / left
    bold: bool = False
    nowrap: bool = False  # a spreadsheet cell that does not wrap: one line, clipped at its edges
    fill_only: bool = False  # drawn as a white filled box with no border (a spreadsheet's title rows)


@dataclass
class Table:
    widths: list[float]  # fractions of the text width
    n_rows: int
    cells: list[Cell]
    repeat_row: int | None = None  # header row to repeat on continuation pages
    repeat_rows: int = 1  # how many header rows, from repeat_row, are repeated (a two-row header)
    # A cell merged from the header rows down (a side label) repeated with them on a page where
    # none of its other rows is (Word does so; the committed samples leave it out).
    repeat_merged: bool = False
    title_lines: tuple = ()  # Paras printed again on each continuation page (表 1 … on every page)


@dataclass
class Para:
    text: str
    size: float
    align: str = "left"
    bold: bool = False
    indent: bool = True
    space_before: float = 4.0


@dataclass
class PageBreak:
    pass


def heading(text: str, size: float, space_before: float = 10) -> Para:
    """A centred bold line: a cover line, a sheet's or a table's title."""
    return Para(text, size, "center", bold=True, indent=False, space_before=space_before)


# --------------------------------------------------------------------------- page layouts


@dataclass(frozen=True)
class Layout:
    name: str
    producer: str
    page_w: float
    page_h: float
    margin_x: float
    margin_top: float
    margin_bottom: float
    body_size: float
    cell_size: float
    title_size: float
    repeat_header: bool
    open_breaks: bool
    sheet_on_new_page: bool
    letter_spaced_title: bool
    fake_bold: bool
    kangxi: bool
    page_number_style: str  # "- {n} -", "{n}", "第 {n} 页 共 {total} 页"
    form: str = "seed"  # how the sheets are printed: seed / ningde / split / spreadsheet (forms.FORMS)
    font_path: str = FONT_PATH
    sources: tuple[str, ...] = ("seed_2023", "statements_2023")
    running: str | None = None  # a running header printed on every page, with the date
    # How closed cells are ruled: "" as the producer does (reportlab rectangles, fpdf2 segments),
    # "rects" or "lines" whatever the producer.
    ruling: str = ""
    rotate: int = 0  # /Rotate of every page (reportlab): the content drawn so the page shows upright


LAYOUTS = {
    "a4_reportlab": Layout("a4_reportlab", "reportlab", 595.28, 841.89, 56, 60, 56, 12, 9, 16,
                           repeat_header=True, open_breaks=False, sheet_on_new_page=True,
                           letter_spaced_title=True, fake_bold=True, kangxi=False,
                           page_number_style="- {n} -"),
    "b5_reportlab": Layout("b5_reportlab", "reportlab", 498.9, 708.66, 40, 48, 48, 11, 10, 15,
                           repeat_header=True, open_breaks=False, sheet_on_new_page=False,
                           letter_spaced_title=False, fake_bold=False, kangxi=False,
                           page_number_style="第 {n} 页"),
    "letter_fpdf2": Layout("letter_fpdf2", "fpdf2", 792, 612, 48, 40, 40, 11, 8, 14,
                           repeat_header=False, open_breaks=True, sheet_on_new_page=False,
                           letter_spaced_title=False, fake_bold=False, kangxi=True,
                           page_number_style="{n}"),
    # Other provinces' forms of the same sheets (only the seed source is printed in them).
    "form_a_ningde_a4l": Layout("form_a_ningde_a4l", "reportlab", 841.89, 595.28, 40, 40, 40, 11, 8, 15,
                                repeat_header=True, open_breaks=False, sheet_on_new_page=True,
                                letter_spaced_title=False, fake_bold=False, kangxi=False,
                                page_number_style="- {n} -", form="ningde",
                                font_path=MICROHEI, sources=("seed_2023",)),
    "form_b_split_16k": Layout("form_b_split_16k", "fpdf2", 521.57, 737.01, 32, 44, 44, 10, 7.5, 14,
                               repeat_header=True, open_breaks=False, sheet_on_new_page=False,
                               letter_spaced_title=False, fake_bold=False, kangxi=False,
                               page_number_style="第 {n} 页", form="split",
                               font_path=MICROHEI, sources=("seed_2023",)),
    "form_c_spreadsheet_b4": Layout("form_c_spreadsheet_b4", "reportlab", 708.66, 1000.63, 36, 44, 30, 11, 9, 15,
                                    repeat_header=False, open_breaks=True, sheet_on_new_page=False,
                                    letter_spaced_title=False, fake_bold=False, kangxi=False,
                                    page_number_style="第 {n} 页 共 {total} 页", form="spreadsheet",
                                    font_path=MICROHEI, sources=("seed_2023",),
                                    running="昌吉回族自治州人力资源和社会保障局 2023 年度部门决算"),
    # A whole 决算 on A5 landscape: the long tables continue over pages, each page repeating
    # the table's title; printed as published and as a careless publisher edits it.
    "a5l_reportlab": Layout("a5l_reportlab", "reportlab", 595.28, 419.53, 36, 36, 36, 9, 7.5, 12,
                            repeat_header=False, open_breaks=False, sheet_on_new_page=False,
                            letter_spaced_title=False, fake_bold=False, kangxi=False,
                            page_number_style="- {n} -", sources=("final_2024", "final_2024_careless")),
}

PAD = 2.5  # cell padding, points
LEADING = 1.3  # line height as a multiple of the font size


# --------------------------------------------------------------------------- layout engine


@dataclass
class Page:
    texts: list[tuple[float, float, float, str, bool]] = field(default_factory=list)  # x, baseline, size, s, bold
    lines: list[tuple[float, float, float, float]] = field(default_factory=list)
    rects: list[tuple[float, float, float, float]] = field(default_factory=list)  # x0, top, x1, bottom
    fills: list[tuple[float, float, float, float]] = field(default_factory=list)  # white, no border
    # Text clipped to a cell's box: (x, baseline, size, s, (x0, top, x1, bottom)).
    clipped: list[tuple[float, float, float, str, tuple[float, float, float, float]]] = field(
        default_factory=list)


class Measure:
    def __init__(self, font_path: str = FONT_PATH) -> None:
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont
        self.font, face = font_face(font_path)
        if self.font not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(self.font, font_path, subfontIndex=face))
        self._width = pdfmetrics.stringWidth

    def width(self, s: str, size: float) -> float:
        return self._width(s, self.font, size)

    def wrap(self, text: str, width: float, size: float) -> list[str]:
        """Break anywhere (Chinese), but never next to a space or inside a Latin word, so that
        joining the lines without a separator gives the text back."""
        lines: list[str] = []
        for para in text.split("\n"):
            rest = para
            while rest:
                k = len(rest)
                while k > 1 and self.width(rest[:k], size) > width:
                    k -= 1
                if k < len(rest):
                    j = k
                    while j > 1 and (rest[j - 1] == " " or rest[j] == " "
                                     or (rest[j - 1].isascii() and rest[j - 1].isalpha()
                                         and rest[j].isascii() and rest[j].isalpha())):
                        j -= 1
                    k = j if j > 1 else k
                lines.append(rest[:k])
                rest = rest[k:]
        return lines or [""]


class Paginator:
    def __init__(self, layout: Layout, measure: Measure) -> None:
        self.l = layout
        self.m = measure
        self.pages: list[Page] = [Page()]
        self.y = layout.margin_top
        self.text_w = layout.page_w - 2 * layout.margin_x

    @property
    def bottom(self) -> float:
        return self.l.page_h - self.l.margin_bottom

    def new_page(self) -> None:
        # A table's rows are placed before they are drawn: y, not the page's content, tells
        # whether anything stands on the page yet.
        if self.y > self.l.margin_top or self.pages[-1].texts or self.pages[-1].rects:
            self.pages.append(Page())
        self.y = self.l.margin_top

    def text(self, x: float, top: float, size: float, s: str, bold: bool = False) -> None:
        if s:
            self.pages[-1].texts.append((x, top + size * 0.88, size, s, bold))

    def para(self, p: Para) -> None:
        lead = p.size * 1.6
        indent = 2 * p.size if p.indent else 0
        lines = self.m.wrap(p.text, self.text_w - indent, p.size)
        self.y += p.space_before
        for i, line in enumerate(lines):
            if self.y + lead > self.bottom:
                self.new_page()
            if p.align == "center":
                x = self.l.margin_x + (self.text_w - self.m.width(line, p.size)) / 2
            else:
                x = self.l.margin_x + (indent if i == 0 else 0)
            self.text(x, self.y, p.size, line, p.bold)
            self.y += lead

    # -- tables

    def table(self, t: Table) -> None:
        size = self.l.cell_size
        lead = size * LEADING
        xs = [self.l.margin_x]
        for w in t.widths:
            xs.append(xs[-1] + w * self.text_w)
        wrapped = {id(c): ([c.text] if c.nowrap else
                           self.m.wrap(c.text, xs[c.col + c.colspan] - xs[c.col] - 2 * PAD, size))
                   if c.text else [] for c in t.cells}
        need = lambda c: max(len(wrapped[id(c)]), 1) * lead + 2 * PAD  # noqa: E731
        heights = [lead + 2 * PAD] * t.n_rows
        for c in t.cells:
            if c.rowspan == 1:
                heights[c.row] = max(heights[c.row], need(c))
        for c in t.cells:
            if c.rowspan > 1:
                have = sum(heights[c.row:c.row + c.rowspan])
                if have < need(c):
                    heights[c.row + c.rowspan - 1] += need(c) - have

        # placements: (page, row, top, bottom, first_line, last_line or None, repeated)
        placements: list[tuple[int, int, float, float, int, int | None, bool]] = []
        if self.y + heights[0] > self.bottom:
            self.new_page()
        for r in range(t.n_rows):
            h = heights[r]
            n_head = t.repeat_rows
            if r == t.repeat_row and r + n_head < t.n_rows:
                h_keep = h + sum(heights[r + 1:r + n_head + 1])  # keep the header with the first row under it
                if self.y + h_keep > self.bottom and self.y + h <= self.bottom:
                    self._continue_table(t, r, heights, placements)
            row_lines = max([len(wrapped[id(c)]) for c in t.cells if c.row == r and c.rowspan == 1] + [1])
            # header rows never split (as in Word)
            header = t.repeat_row is not None and t.repeat_row <= r < t.repeat_row + n_head
            first = 0
            while self.y + h > self.bottom:
                k = int((self.bottom - self.y - 2 * PAD) / lead + 1e-6)
                if header and self.y == self.l.margin_top:
                    break  # taller than a page and not splittable: let it overflow
                if k >= 2 and not header:  # split the row: k lines here, the rest further on
                    placements.append((len(self.pages) - 1, r, self.y, self.bottom, first, first + k, False))
                    first += k
                    h = max(row_lines - first, 1) * lead + 2 * PAD
                self._continue_table(t, r, heights, placements)
            placements.append((len(self.pages) - 1, r, self.y, self.y + h, first, None, False))
            self.y += h
        self._draw_table(t, xs, wrapped, lead, size, placements)
        self.y += 6

    def _continue_table(self, t: Table, r: int, heights: list[float], placements: list) -> None:
        self.new_page()
        for p in t.title_lines:
            self.para(p)
        if self.l.repeat_header and t.repeat_row is not None and r >= t.repeat_row + t.repeat_rows:
            for head in range(t.repeat_row, t.repeat_row + t.repeat_rows):
                h = heights[head]
                placements.append((len(self.pages) - 1, head, self.y, self.y + h, 0, None, True))
                self.y += h

    def _draw_table(self, t: Table, xs: list[float], wrapped: dict, lead: float, size: float,
                    placements: list) -> None:
        for c in t.cells:
            rows = range(c.row, c.row + c.rowspan)
            in_header = t.repeat_row is not None and t.repeat_row <= c.row and (
                c.row + c.rowspan <= t.repeat_row + t.repeat_rows)
            # a cell merged from the header down (a side label) is part of the repeated header too,
            # where the table says so
            from_header = t.repeat_merged and t.repeat_row is not None and (
                t.repeat_row <= c.row < t.repeat_row + t.repeat_rows)
            frags: dict[int, list] = {}
            for p in placements:
                page, r, top, bottom, first, last, repeated = p
                if r not in rows:
                    continue
                if repeated and not (in_header or from_header) and not any(
                        q[0] == page and q[1] in rows and not q[6] for q in placements):
                    continue
                frags.setdefault(page, []).append(p)
            pages = sorted(frags)
            real_pages = [pg for pg in pages if not all(p[6] for p in frags[pg])]
            lines = wrapped[id(c)]
            split_row = c.rowspan == 1 and any(p[5] is not None or p[4] > 0 for p in frags.get(pages[0], []) + frags.get(pages[-1], []))
            remaining = list(lines)
            for n, page in enumerate(pages):
                ps = frags[page]
                top, bottom = min(p[2] for p in ps), max(p[3] for p in ps)
                repeated_only = all(p[6] for p in ps)
                open_top = n > 0 and not repeated_only and self.l.open_breaks
                open_bottom = n < len(pages) - 1 and self.l.open_breaks and not all(
                    q[6] for q in frags[pages[n + 1]])
                if c.fill_only:
                    self.pages[page].fills.append((xs[c.col], top, xs[c.col + c.colspan], bottom))
                else:
                    self._draw_borders(page, xs[c.col], top, xs[c.col + c.colspan], bottom,
                                       open_top, open_bottom)
                if repeated_only:  # the header's part of a cell merged below it: the lines that fit
                    chunk = lines if in_header else lines[:max(int((bottom - top - 2 * PAD) / lead + 1e-6), 0)]
                elif split_row:
                    first, last = ps[0][4], ps[0][5]
                    chunk = lines[first:last]
                elif len(real_pages) > 1:
                    fit = max(int((bottom - top - 2 * PAD) / lead + 1e-6), 0)
                    last = page == real_pages[-1]
                    chunk, remaining = (remaining, []) if last else (remaining[:fit], remaining[fit:])
                else:
                    chunk = lines
                self._draw_lines(page, c, xs, top, bottom, chunk, lead, size,
                                 center=not split_row and len(real_pages) == 1 or repeated_only)

    def _draw_borders(self, page: int, x0: float, top: float, x1: float, bottom: float,
                      open_top: bool, open_bottom: bool) -> None:
        pg = self.pages[page]
        rects = self.l.ruling == "rects" or (not self.l.ruling and self.l.producer == "reportlab")
        if not open_top and not open_bottom and rects:
            pg.rects.append((x0, top, x1, bottom))
            return
        pg.lines += [(x0, top, x0, bottom), (x1, top, x1, bottom)]
        if not open_top:
            pg.lines.append((x0, top, x1, top))
        if not open_bottom:
            pg.lines.append((x0, bottom, x1, bottom))

    def _draw_lines(self, page: int, c: Cell, xs: list[float], top: float, bottom: float,
                    chunk: list[str], lead: float, size: float, center: bool) -> None:
        block = len(chunk) * lead
        y = top + (bottom - top - block) / 2 if center else top + PAD
        pg = self.pages[page]
        for line in chunk:
            if c.align == "left" or c.nowrap:
                x = xs[c.col] + PAD
            else:
                x = (xs[c.col] + xs[c.col + c.colspan] - self.m.width(line, size)) / 2
            base = y + (lead - size) / 2 + size * 0.88
            if c.nowrap:
                pg.clipped.append((x, base, size, line, (xs[c.col], top, xs[c.col + c.colspan], bottom)))
            else:
                pg.texts.append((x, base, size, line, c.bold))
            y += lead


def lay_out(pg: "Paginator", flow: list) -> None:
    """Put a document flow (paragraphs, tables, page breaks) onto the paginator's pages."""
    for item in flow:
        if isinstance(item, PageBreak):
            pg.new_page()
        elif isinstance(item, Para):
            pg.para(item)
        else:
            pg.table(item)


def paginate(flow: list, layout: Layout) -> list[Page]:
    pg = Paginator(layout, Measure(layout.font_path))
    lay_out(pg, flow)
    for n, page in enumerate(pg.pages, start=1):
        label = layout.page_number_style.format(n=n, total=len(pg.pages))
        w = pg.m.width(label, 9)
        page.texts.append(((layout.page_w - w) / 2, layout.page_h - layout.margin_bottom / 2, 9, label, False))
        if layout.running:  # a browser's or spreadsheet's running header: title left, date right
            page.texts.append((layout.margin_x, 18, 8, layout.running, False))
            page.texts.append((layout.page_w - layout.margin_x - pg.m.width("2024/7/25", 8), 18, 8,
                               "2024/7/25", False))
    return pg.pages


# --------------------------------------------------------------------------- renderers

KANGXI = str.maketrans({"一": "\u2f00", "门": "\u2ed4"})
# The matrix drawing an upright page of width w and height h on a media box that /Rotate turns.
ROTATED = {90: lambda w, h: (0, 1, -1, 0, h, 0), 180: lambda w, h: (-1, 0, 0, -1, w, h),
           270: lambda w, h: (0, -1, 1, 0, 0, w)}


def render_reportlab(pages: list[Page], layout: Layout, path: Path, title: str) -> None:
    from reportlab.pdfgen import canvas
    font = Measure(layout.font_path).font  # registers the font
    c = canvas.Canvas(str(path), pagesize=(layout.page_w, layout.page_h), invariant=1)
    c.setTitle(title)
    c.setCreator("extract sample generator (reportlab)")
    if layout.rotate:  # reportlab writes the media box turned (w × h shown, h × w stored at 90/270)
        c.setPageRotation(layout.rotate)
    H = layout.page_h
    kangxi = (lambda s: s.translate(KANGXI)) if layout.kangxi else (lambda s: s)
    for page in pages:
        if layout.rotate:  # draw in the upright page's coordinates
            c.transform(*ROTATED[layout.rotate](layout.page_w, layout.page_h))
        c.setLineWidth(0.6)
        for x0, top, x1, bottom in page.rects:
            c.rect(x0, H - bottom, x1 - x0, bottom - top, stroke=1, fill=0)
        for x0, top, x1, bottom in page.fills:
            c.setFillColorRGB(1, 1, 1)
            c.rect(x0, H - bottom, x1 - x0, bottom - top, stroke=0, fill=1)
            c.setFillColorRGB(0, 0, 0)
        for x0, y0, x1, y1 in page.lines:
            c.line(x0, H - y0, x1, H - y1)
        for x, base, size, s, (x0, top, x1, bottom) in page.clipped:
            c.saveState()
            clip = c.beginPath()
            clip.rect(x0, H - bottom, x1 - x0, bottom - top)
            c.clipPath(clip, stroke=0, fill=0)
            c.setFont(font, size)
            c.drawString(x, H - base, kangxi(s))
            c.restoreState()
        for x, base, size, s, bold in page.texts:
            c.setFont(font, size)
            c.drawString(x, H - base, kangxi(s))
            if bold and layout.fake_bold:  # the second copy makes the stroke look bold
                c.drawString(x + 0.35, H - base, kangxi(s))
        c.showPage()
    c.save()


def render_fpdf2(pages: list[Page], layout: Layout, path: Path, title: str) -> None:
    from fpdf import FPDF
    pdf = FPDF(unit="pt", format=(layout.page_w, layout.page_h))
    pdf.set_auto_page_break(False)
    pdf.set_creation_date(__import__("datetime").datetime(2024, 7, 25))
    pdf.set_title(title)
    pdf.set_creator("extract sample generator (fpdf2)")
    font, face = font_face(layout.font_path)
    pdf.add_font(font, fname=layout.font_path, collection_font_number=face)
    for page in pages:
        pdf.add_page()
        pdf.set_line_width(0.5)
        for x0, top, x1, bottom in page.rects:
            pdf.rect(x0, top, x1 - x0, bottom - top)
        for x0, y0, x1, y1 in page.lines:
            pdf.line(x0, y0, x1, y1)
        for x0, top, x1, bottom in page.fills:
            pdf.set_fill_color(255, 255, 255)
            pdf.rect(x0, top, x1 - x0, bottom - top, style="F")
        for x, base, size, s, (x0, top, x1, bottom) in page.clipped:
            pdf.set_font(font, size=size)
            with pdf.rect_clip(x0, top, x1 - x0, bottom - top):
                pdf.text(x, base, s.translate(KANGXI) if layout.kangxi else s)
            # The font was selected inside the clip's saved graphics state, which Q discarded:
            # make fpdf2 select it again for the next text.
            pdf.current_font_is_set_on_page = False
        for x, base, size, s, bold in page.texts:
            pdf.set_font(font, size=size)
            pdf.text(x, base, s.translate(KANGXI) if layout.kangxi else s)
            if bold and layout.fake_bold:  # the second copy makes the stroke look bold
                pdf.text(x + 0.35, base, s.translate(KANGXI) if layout.kangxi else s)
    pdf.output(str(path))


RENDERERS = {"reportlab": render_reportlab, "fpdf2": render_fpdf2}
