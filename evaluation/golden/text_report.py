"""A golden-set run's figures as plain-text tables, as `suunta eval` and the slow tests
print them."""

from __future__ import annotations

from evaluation.golden.figures import FIGURE_NAMES, Rate, Summary
from evaluation.golden.run import RunResult

FIGURE_LABELS = {
    "pass_rate": "pass rate",
    "answer_precision": "answer precision",
    "not_covered_answered": "not covered, answered",
    "covered_refused": "covered, refused",
}


def format_headline(summary: Summary) -> list[str]:
    """The headline figures as a table: one row a figure, one column a language and `all`."""
    groups = list(summary.headline)
    rows = [f"{'':24}" + "".join(f"{g:>16}" for g in groups)]
    for name in FIGURE_NAMES:
        cells = []
        for group in groups:
            r = getattr(summary.headline[group], name)
            cells.append(f"{r.passed:>5}/{r.n:<4} {100 * r.value:5.1f}%" if r.n else f"{'-':>16}")
        rows.append(f"{FIGURE_LABELS[name]:24}" + "".join(f"{c:>16}" for c in cells))
    return rows


def _pass_rates(summary: Summary, *, width: int, kind: str) -> list[str]:
    """Pass rate overall, then per language, expected kind (labelled `kind`) and slice, then
    the language match, each row's label `width` characters wide."""

    def line(name: str, r: Rate) -> str:
        return f"{name:{width}} {r.passed:>4}/{r.n:<4} {100 * r.value:6.1f}%"

    rows = [line("pass rate", summary.overall)]
    rows += [line(f"  language {k}", v) for k, v in summary.by_language.items()]
    rows += [line(f"  {kind} {k}", v) for k, v in summary.by_kind.items()]
    rows += [line(f"  slice {k}", v) for k, v in summary.by_slice.items()]
    rows.append(line("language match", summary.language_match))
    return rows


def format_summary(summary: Summary, *, show_failures: bool = True) -> str:
    """A plain-text table of the figures (and the failing cases)."""

    def line(name: str, r: Rate) -> str:
        return f"{name:22} {r.passed:>4}/{r.n:<4} {100 * r.value:6.1f}%"

    rows = _pass_rates(summary, width=22, kind="kind")
    rows += [
        line("crisis recall", summary.crisis_recall),
        line("false alarms", summary.false_alarms),
        line("answer precision", summary.answer_precision),
        *format_headline(summary),
    ]
    if show_failures and summary.failures:
        rows.append("failures:")
        for r in summary.failures:
            why = []
            if not r.kind_ok:
                why.append(f"kind {r.kind} != {r.case.expected_kind}")
            why += [f"missing {list(g)}" for g in r.missing]
            why += [f"forbidden '{s}'" for s in r.forbidden]
            rows.append(f"  {r.case.id} [{r.case.language}] {'; '.join(why)}: {r.case.question}")
    return "\n".join(rows)


def format_run(run: RunResult) -> str:
    """The run as a plain-text table, as `suunta eval` prints it."""
    rows = _pass_rates(run.summary, width=24, kind="expected kind")
    rows += format_headline(run.summary)
    rows.append(f"{'latency p50 / p95':24} {run.latency(50):.0f} / {run.latency(95):.0f} ms")
    if run.retrieval:
        rows.append(f"{'retrieval':10} {'n':>4} {'Recall@5':>9} {'MRR@10':>7} {'nDCG@10':>8}")
        for language, m in run.retrieval.items():
            rows.append(
                f"  {language:8} {m['n']:>4.0f} {m['recall@5']:>9.3f} {m['mrr@10']:>7.3f} "
                f"{m['ndcg@10']:>8.3f}"
            )
    return "\n".join(rows)
