"""The report as one self-contained HTML page: inline CSS and SVG, no script, nothing fetched.

Every text from the store (example questions) is escaped. A service owner can mail the file on.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from evaluation.reports.grouping import NOT_ANSWERED
from evaluation.reports.labels import dimension_label, group_label, metric_label, text
from evaluation.reports.render import svg_charts as charts
from evaluation.reports.schema import (
    EvalRunPublic,
    GroupCount,
    QualityBlock,
    QualityFigures,
    QualityGroup,
    Summary,
)

UNDER_SERVED = 0.8
"""Groups whose share of users is below this fraction of their share of the population."""

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:980px;
padding:1.5rem;color:#1f2933;line-height:1.45}
h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.3rem;border-bottom:2px solid #1d5b8f;
padding-bottom:.2rem;margin-top:2.2rem}h3{font-size:1.05rem;margin:1.4rem 0 .4rem}
.meta,.note{color:#52606d;font-size:.9rem}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:.6rem}
.card{border:1px solid #d9e2ec;border-radius:6px;padding:.6rem .8rem}
.card b{display:block;font-size:1.4rem}.card span{font-size:.85rem;color:#52606d}
table{border-collapse:collapse;margin:.4rem 0 1rem;font-size:.88rem;width:100%}
th,td{border-bottom:1px solid #e4e7eb;padding:.25rem .5rem;text-align:right;vertical-align:top}
th:first-child,td:first-child{text-align:left}th{background:#f0f4f8}
td.text{text-align:left}.flag{color:#b44d12;font-weight:600}
th[scope=row]{white-space:nowrap;background:none}.scroll{overflow-x:auto}
svg{max-width:100%;height:auto;display:block;margin:.3rem 0}
@media print{h2{break-before:auto}table,svg{break-inside:avoid}}
"""

_PERCENT = {
    "satisfaction",
    "helpful_rate",
    "no_answer_rate",
    "out_of_scope_rate",
    "handoff_rate",
    "user_share",
    "population_share",
    "pass_rate",
    "language_match",
}
_QUALITY = (
    "messages",
    "ratings",
    "satisfaction",
    "mean_rating",
    "helpful_rate",
    "no_answer_rate",
    "out_of_scope_rate",
    "handoff_rate",
    "crisis",
    "latency_p50_ms",
    "latency_p95_ms",
)
# Unanswered and off-topic questions carry no topic, so per topic only ratings tell anything.
_TOPIC = ("messages", "ratings", "satisfaction", "mean_rating", "helpful_rate")


def _value(metric: str, value: Any) -> str:
    if value is None:
        return "—"
    if metric in _PERCENT:
        return f"{value:.1%}"
    if isinstance(value, float):
        return f"{value:,.2f}" if abs(value) < 100 else f"{value:,.0f}"
    return f"{value:,}"


class _Page:
    def __init__(self, lang: str, topics: dict[str, dict[str, str]] | None) -> None:
        self.lang = lang
        self.topics = topics
        self.parts: list[str] = []

    def add(self, html: str) -> None:
        self.parts.append(html)

    def t(self, key: str, **values: object) -> str:
        return escape(text(key, self.lang, **values))

    def group(self, key: str) -> str:
        return escape(group_label(key, self.lang, self.topics))

    def table(self, head: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        """A table; cells are already-escaped HTML."""
        out = ['<div class="scroll"><table><thead><tr>']
        out += [f'<th scope="col">{h}</th>' for h in head]
        out.append("</tr></thead><tbody>")
        for row in rows:
            out.append("<tr>" + "".join(row) + "</tr>")
        out.append("</tbody></table></div>")
        self.add("".join(out))

    def metric_table(
        self, first: str, names: Sequence[str], rows: Sequence[tuple[str, Any]]
    ) -> None:
        head = [escape(first)] + [escape(metric_label(n, self.lang)) for n in names]
        body = [
            [f'<th scope="row">{label}</th>']
            + [f"<td>{_value(n, getattr(item, n))}</td>" for n in names]
            for label, item in rows
        ]
        self.table(head, body)


def render_html(
    summary: Summary, *, lang: str = "en", topics: dict[str, dict[str, str]] | None = None
) -> str:
    """The whole report as one HTML document in `lang` (fi, sv or en)."""
    page = _Page(lang, topics)
    _header(page, summary)
    _reach(page, summary)
    page.add(f"<h2>{page.t('quality')}</h2>")
    _quality(page, page.t("learners"), summary.quality.learner)
    _quality(page, page.t("counsellors"), summary.quality.counsellor)
    _effectiveness(page, summary)
    _gaps(page, summary)
    _eval_runs(page, summary.eval_runs)
    page.add(f'<p class="note">{page.t("footer")}</p>')
    return (
        f'<!doctype html><html lang="{escape(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{page.t('title')} {summary.period.start} – {summary.period.end}</title>"
        f"<style>{_CSS}</style></head><body>" + "\n".join(page.parts) + "</body></html>\n"
    )


def _header(page: _Page, s: Summary) -> None:
    learner = s.quality.learner.overall
    page.add(f"<h1>{page.t('title')}</h1>")
    page.add(
        f'<p class="meta">{page.t("period")}: {s.period.start} – {s.period.end} · '
        f"{page.t('generated')}: {s.generated_at:%Y-%m-%d %H:%M} UTC</p>"
    )
    page.add(f'<p class="note">{page.t("privacy_note", n=s.min_group_size)}</p>')
    cards = [
        ("sessions", s.reach.sessions),
        ("users", s.reach.users),
        ("returning_users", s.reach.returning_users),
        ("messages", learner.messages),
        ("satisfaction", learner.satisfaction),
        ("helpful_rate", learner.helpful_rate),
        ("no_answer_rate", learner.no_answer_rate),
        ("mean_change", s.effectiveness.mean_change),
    ]
    page.add(f'<h2>{page.t("key_figures")}</h2><div class="cards">')
    for name, value in cards:
        page.add(
            f'<div class="card"><b>{_value(name, value)}</b>'
            f"<span>{escape(metric_label(name, page.lang))}</span></div>"
        )
    page.add("</div>")


def _counts(page: _Page, name: str, rows: list[GroupCount]) -> None:
    label = dimension_label(name, page.lang)
    page.add(f"<h3>{escape(label)}</h3>")
    # "Not answered" is usually the largest group: it stays in the table, not in the chart.
    shown = [r for r in rows if r.group != NOT_ANSWERED]
    page.add(charts.bars(label, [(group_label(r.group, page.lang), r.sessions) for r in shown]))
    page.metric_table(label, ("sessions", "users"), [(page.group(r.group), r) for r in rows])


def _reach(page: _Page, s: Summary) -> None:
    r = s.reach
    page.add(f"<h2>{page.t('reach')}</h2><p>{page.t('reach_intro')}</p>")
    page.metric_table(
        page.t("all"),
        ("sessions", "users", "new_users", "returning_users"),
        [(page.t("all"), r)],
    )
    title = text("sessions_over_time", page.lang)
    page.add(f"<h3>{escape(title)}</h3>")
    series = r.by_day if len(r.by_day) <= 120 else r.by_week
    page.add(charts.columns(title, [(p.start.isoformat(), p.sessions) for p in series]))
    page.add(f"<h3>{escape(dimension_label('month', page.lang))}</h3>")
    page.metric_table(
        text("start", page.lang), ("sessions", "users"), [(str(p.start), p) for p in r.by_month]
    )
    for name in ("channel", "language", "region", "age_band", "life_situation"):
        _counts(page, name, getattr(r, f"by_{name}"))
    page.add(f"<h3>{page.t('baseline')}</h3>")
    if r.baseline is None:
        page.add(f'<p class="note">{page.t("baseline_none")}</p>')
        return
    page.add(f'<p class="note">{page.t("baseline_source")}: {escape(r.baseline.source)}</p>')
    names = ("users", "user_share", "population_share", "representation")
    for dimension, rows in (("region", r.baseline.region), ("age_band", r.baseline.age_band)):
        if not rows:
            continue
        head = [escape(dimension_label(dimension, page.lang))]
        head += [escape(metric_label(n, page.lang)) for n in names]
        body = []
        for row in rows:
            low = row.representation is not None and row.representation < UNDER_SERVED
            flag = f' <span class="flag">({page.t("under_served")})</span>' if low else ""
            body.append(
                [f'<th scope="row">{page.group(row.group)}{flag}</th>']
                + [f"<td>{_value(n, getattr(row, n))}</td>" for n in names]
            )
        page.table(head, body)


def _quality(page: _Page, who: str, block: QualityBlock) -> None:
    page.add(f"<h3>{who}</h3>")
    page.metric_table(page.t("all"), _QUALITY, [(page.t("all"), block.overall)])
    labels = [p.start.isoformat() for p in block.trend]
    title = f"{text('trend', page.lang)}: {dimension_label(block.trend_unit, page.lang)}"
    page.add(
        charts.lines(
            title,
            labels,
            [
                (metric_label(m, page.lang), [getattr(p, m) for p in block.trend])
                for m in ("satisfaction", "helpful_rate", "no_answer_rate")
            ],
        )
    )

    def rows(items: Sequence[QualityGroup]) -> list[tuple[str, QualityFigures]]:
        return [(page.group(g.group), g) for g in items]

    for name, items, names in (
        ("language", block.by_language, _QUALITY),
        ("channel", block.by_channel, _QUALITY),
        ("topic", block.by_topic, _TOPIC),
    ):
        if items:
            label = dimension_label(name, page.lang)
            page.add(f"<h4>{escape(label)}</h4>")
            page.metric_table(label, names, rows(items))
    page.add(f"<h4>{escape(title)}</h4>")
    page.metric_table(text("start", page.lang), _QUALITY, [(str(p.start), p) for p in block.trend])


def _effectiveness(page: _Page, s: Summary) -> None:
    e = s.effectiveness
    page.add(f"<h2>{page.t('effectiveness')}</h2><p>{page.t('effect_intro')}</p>")
    names = (
        "answered_start",
        "answered_end",
        "pairs",
        "mean_start",
        "mean_end",
        "mean_change",
        "improved",
        "unchanged",
        "worse",
    )
    page.metric_table(page.t("all"), names, [(page.t("all"), e)])
    page.add(
        charts.bars(
            text("effectiveness", page.lang),
            [
                (metric_label(n, page.lang), getattr(e, n))
                for n in ("improved", "unchanged", "worse")
            ],
        )
    )
    if e.by_language:
        label = dimension_label("language", page.lang)
        page.metric_table(
            label, ("pairs", "mean_change"), [(page.group(g.group), g) for g in e.by_language]
        )


def _gaps(page: _Page, s: Summary) -> None:
    page.add(f"<h2>{page.t('gaps')}</h2><p>{page.t('gaps_intro')}</p>")
    g = s.gaps
    if g is None:
        page.add(f'<p class="note">{page.t("gaps_off")}</p>')
        return
    total = _value("questions", g.questions)
    page.add(f'<p class="note">{page.t("analysed", n=f"{g.analysed:,}", total=total)}</p>')
    if not g.themes:
        page.add(f"<p>{page.t('gaps_none')}</p>")
    head = [page.t(k) for k in ("theme", "examples", "languages", "reasons")]
    head.insert(1, escape(metric_label("questions", page.lang)))
    body = []
    for theme in g.themes:
        examples = "".join(f"<li>{escape(e)}</li>" for e in theme.examples)
        languages = ", ".join(
            f"{page.group(k)} {_value('n', v)}" for k, v in theme.languages.items()
        )
        reasons = ", ".join(
            f"{page.group(k)} {_value('n', v)}" for k, v in theme.reasons.items() if v != 0
        )
        body.append(
            [
                f'<td class="text">{escape(theme.label)}</td>',
                f"<td>{theme.questions:,}</td>",
                f'<td class="text"><ul>{examples}</ul></td>',
                f'<td class="text">{languages}</td>',
                f'<td class="text">{reasons}</td>',
            ]
        )
    if body:
        page.table(head, body)
    if g.hidden_themes:
        page.add(f'<p class="note">{page.t("hidden_themes", n=g.hidden_themes)}</p>')


def _eval_runs(page: _Page, runs: list[EvalRunPublic]) -> None:
    page.add(f"<h2>{page.t('eval_runs')}</h2>")
    if not runs:
        page.add(f'<p class="note">{page.t("eval_none")}</p>')
        return
    names = (
        "version",
        "dataset",
        "embedding_model",
        "cases",
        "pass_rate",
        "language_match",
        "recall_at_5",
        "mrr_at_10",
        "ndcg_at_10",
        "latency_p95_ms",
    )
    head = [page.t("date")] + [escape(metric_label(n, page.lang)) for n in names]
    body = [
        [f'<th scope="row">{run.created_at:%Y-%m-%d %H:%M}</th>']
        + [
            f"<td>{escape(v) if isinstance(v := getattr(run, n), str) else _value(n, v)}</td>"
            for n in names
        ]
        for run in runs
    ]
    page.table(head, body)
