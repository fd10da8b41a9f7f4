from django import template

register = template.Library()

STATUS_COLOURS = {
    "proposed": "#505a5f",
    "agreed": "#5694ca",
    "in_progress": "#1d70b8",
    "complete": "#00703c",
    "not_progressed": "#d4351c",
    "carried_forward": "#4c2c92",
    "dropped": "#b1b4b6",
}
BAR_HEIGHT, GAP, LABEL_WIDTH, CHART_WIDTH = 22, 14, 0, 560


@register.inclusion_tag("reports/_chart.html")
def status_chart(figures: dict) -> dict:
    """A horizontal stacked bar per theme. The data table beside it carries the same figures
    for screen readers and print; the chart is a picture of the table."""
    scale = CHART_WIDTH / figures["max"] if figures.get("max") else 0
    bars = []
    for index, row in enumerate(figures.get("rows", [])):
        y = index * (BAR_HEIGHT * 2 + GAP)
        x = LABEL_WIDTH
        segments = []
        for key, count in zip(figures["status_keys"], row["counts"], strict=True):
            if count:
                width = count * scale
                segments.append(
                    {"x": x, "width": width, "colour": STATUS_COLOURS.get(key, "#505a5f")}
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
    legend = [
        {"label": label, "colour": STATUS_COLOURS.get(key, "#505a5f")}
        for key, label in zip(
            figures.get("status_keys", []), figures.get("statuses", []), strict=True
        )
    ]
    height = max(len(bars) * (BAR_HEIGHT * 2 + GAP), 1)
    return {
        "bars": bars,
        "legend": legend,
        "height": height,
        "width": CHART_WIDTH + 40,
        "bar_height": BAR_HEIGHT,
    }
