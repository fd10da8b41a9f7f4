"""The report's chart of activities by status for each theme, as a picture for Word (the web
page and PDF draw the same chart in SVG, web/templates/reports/_chart.html). Either way the data
table beside it carries the same figures."""

from io import BytesIO

from PIL import Image, ImageDraw, ImageFont

STATUS_COLOURS = {
    "proposed": "#505a5f",
    "agreed": "#5694ca",
    "in_progress": "#1d70b8",
    "complete": "#00703c",
    "not_progressed": "#d4351c",
    "carried_forward": "#4c2c92",
    "dropped": "#b1b4b6",
}
# The report's one font family; Pillow's own font if it is not installed.
FONT_FILES = ("LiberationSans-Regular.ttf", "Arial.ttf", "DejaVuSans.ttf")
WIDTH, BAR, GAP, MARGIN = 1600, 44, 40, 24


def colour(key: str) -> str:
    return STATUS_COLOURS.get(key, "#505a5f")


def _font(size: int):
    for name in FONT_FILES:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def chart_alt_text(figures: dict, year: str) -> str:
    parts = []
    for row in figures["rows"]:
        counts = ", ".join(
            f"{count} {status.lower()}"
            for status, count in zip(figures["statuses"], row["counts"], strict=True)
            if count
        )
        parts.append(f"{row['theme']}: {row['total']} ({counts or 'none'})")
    return (
        f"Bar chart of activities by status for each theme, {year}. "
        + "; ".join(parts)
        + ". The table after the chart gives the same figures."
    )


def chart_png(figures: dict) -> bytes:
    """Horizontal stacked bars, one per theme, with the theme above its bar, each segment's
    count inside it, the total at its end and a legend below."""
    font, small = _font(30), _font(26)
    rows = figures["rows"]
    plot = WIDTH - 2 * MARGIN - 90
    scale = plot / figures["max"] if figures.get("max") else 0
    row_height = 36 + BAR + GAP
    legend_y = MARGIN + len(rows) * row_height
    image = Image.new(
        "RGB", (WIDTH, legend_y + 60 * ((len(figures["statuses"]) + 2) // 3) + MARGIN), "white"
    )
    draw = ImageDraw.Draw(image)
    for index, row in enumerate(rows):
        top = MARGIN + index * row_height
        draw.text((MARGIN, top), row["theme"], font=font, fill="#0b0c0c")
        x, bar_top = MARGIN, top + 38
        for key, count in zip(figures["status_keys"], row["counts"], strict=True):
            if not count:
                continue
            width = count * scale
            draw.rectangle(
                [x, bar_top, x + width, bar_top + BAR], fill=colour(key), outline="white"
            )
            label = str(count)
            if draw.textlength(label, font=small) + 12 < width:
                fill = "#0b0c0c" if key in ("dropped", "agreed") else "white"
                draw.text(
                    (x + width / 2, bar_top + BAR / 2), label, font=small, fill=fill, anchor="mm"
                )
            x += width
        draw.text(
            (x + 12, bar_top + BAR / 2), str(row["total"]), font=font, fill="#0b0c0c", anchor="lm"
        )
    for i, (key, status) in enumerate(
        zip(figures["status_keys"], figures["statuses"], strict=True)
    ):
        x = MARGIN + (i % 3) * (WIDTH - 2 * MARGIN) / 3
        y = legend_y + (i // 3) * 60 + 10
        draw.rectangle([x, y, x + 32, y + 32], fill=colour(key))
        draw.text((x + 44, y + 16), status, font=small, fill="#0b0c0c", anchor="lm")
    buffer = BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()
