from django import template

from reports.charts import colour

register = template.Library()

BAR_HEIGHT, GAP, CHART_WIDTH, LEGEND_ROW = 22, 14, 560, 22


@register.inclusion_tag("reports/_chart.html")
def status_chart(figures: dict) -> dict:
    """A horizontal stacked bar per theme, each segment labelled with its count, and a legend
    drawn in the same picture, so print and PDF keep it. The data table after it carries the
    same figures for screen readers; the chart is a picture of the table."""
    scale = CHART_WIDTH / figures["max"] if figures.get("max") else 0
    bars = []
    for index, row in enumerate(figures.get("rows", [])):
        y = index * (BAR_HEIGHT * 2 + GAP)
        x = 0
        segments = []
        for key, count in zip(figures["status_keys"], row["counts"], strict=True):
            if count:
                width = count * scale
                segments.append(
                    {
                        "x": x,
                        "width": width,
                        "colour": colour(key),
                        "count": count,
                        "label_x": x + width / 2,
                        # A count is written inside its segment only where it fits.
                        "labelled": width >= 18,
                        "dark_text": key in ("dropped", "agreed"),
                    }
                )
                x += width
        bars.append(
            {
                "label": row["theme"],
                "total": row["total"],
                "label_y": y + 14,
                "bar_y": y + 18,
                "end_x": x + 6,
                "segments": segments,
            }
        )
    legend_top = max(len(bars) * (BAR_HEIGHT * 2 + GAP), 1) + 4
    legend = [
        {
            "label": label,
            "colour": colour(key),
            "x": (i % 3) * 200,
            "y": legend_top + (i // 3) * LEGEND_ROW,
        }
        for i, (key, label) in enumerate(
            zip(figures.get("status_keys", []), figures.get("statuses", []), strict=True)
        )
    ]
    height = legend_top + ((len(legend) + 2) // 3) * LEGEND_ROW + 4
    return {
        "bars": bars,
        "legend": legend,
        "height": height,
        "width": CHART_WIDTH + 40,
        "bar_height": BAR_HEIGHT,
    }
