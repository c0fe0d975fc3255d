"""`suunta kb build | seed-content | seed-esco | validate | search | crisis-vector`: the
knowledge base."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from suunta.cli.common import LANGUAGES, USAGE_ERROR, Group, fail, load_settings


@click.group(
    cls=Group,
    help="Work with the knowledge base.",
    short_help="the knowledge base: build, validate, search",
)
def kb() -> None:
    """The `kb` group."""


@kb.command(
    help="Embed the articles, answer cards, limits (and ESCO occupations) into the index in "
    "SUUNTA_INDEX_DIR. Incremental: only changed texts are embedded again. A first build takes "
    "the vectors shipped with the code (knowledge_base/data/content-vectors and esco-vectors) "
    "for every text they hold, when they were made by this model and runtime and this machine "
    "computes the same vectors (three texts are embedded to check), and embeds the rest.",
    short_help="build or update the search index",
)
@click.option(
    "--threads", type=click.IntRange(min=1), default=2, show_default=True, help="CPU threads"
)
@click.option(
    "--no-seed",
    is_flag=True,
    help="embed every text with the model, even when the shipped vectors were made by this "
    "model and runtime",
)
def build(threads: int, no_seed: bool) -> int:
    """Build or update the index."""
    from knowledge_base.articles import ArticleError
    from knowledge_base.progress import ProgressLine
    from suunta.index_setup import build, build_summary, corpus_problem, make_embedder

    settings = load_settings()
    problem = corpus_problem(settings)  # (before a first start prepares the model)
    if problem:
        fail(problem)
    embedder = make_embedder(settings, threads=threads)
    try:
        report = build(
            settings,
            embedder,
            progress=ProgressLine(sys.stderr),
            sentence_progress=ProgressLine(sys.stderr, unit="sentences"),
            seed=not no_seed,
        )
    except ArticleError as exc:
        fail(f"{exc} (run `suunta kb validate`)")
    print(f"index {settings.index_dir}: {build_summary(report)}, model {embedder.name}")
    return 0


_THREADS = click.option(
    "--threads", type=click.IntRange(min=1), default=2, show_default=True, help="CPU threads"
)
_OUT = click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="write here instead (default: the file the build reads for this model and runtime)",
)


@kb.command(
    "seed-content",
    help="Embed the bundled articles, answer cards, limits and the articles' sentences (those "
    "in the repository, whatever SUUNTA_CONTENT_DIR says) with the configured model and "
    "runtime, the way a build does, and write their vectors to "
    "knowledge_base/data/content-vectors/<model>-<runtime>.npz. A first build on a fresh machine "
    "then embeds only the texts changed since. Run it after changing the content and commit the "
    "file; if you do not, builds stay correct but embed the changed texts themselves.",
    short_help="write the shipped vectors of the bundled content",
)
@_THREADS
@_OUT
def seed_content(threads: int, out: Path | None) -> int:
    """Write the bundled content's vectors for the configured embedder."""
    from knowledge_base.articles import ArticleError
    from knowledge_base.content_seed import content_texts
    from knowledge_base.seed_vectors import CONTENT_SEED_DIR
    from suunta.settings import BUNDLED_CONTENT

    try:
        texts = content_texts(BUNDLED_CONTENT)
    except ArticleError as exc:
        fail(f"{exc} (run `suunta kb validate`)")
    return _write_seed(threads, out, CONTENT_SEED_DIR, texts, "text")


@kb.command(
    "seed-esco",
    help="Embed the ESCO occupations with the configured model and runtime, the way a build "
    "does, and write their vectors (float16, keyed by the SHA-256 of the text, with the "
    "embedder's fingerprint) to knowledge_base/data/esco-vectors/<model>-<runtime>.npz. A first "
    "build whose embedder has the same fingerprint takes them from there instead of embedding "
    "them. Run it again when the model, the runtime, its conversion or the ESCO data change.",
    short_help="write the shipped ESCO occupation vectors",
)
@_THREADS
@_OUT
def seed_esco(threads: int, out: Path | None) -> int:
    """Write the ESCO occupations' vectors for the configured embedder."""
    from knowledge_base.esco import load_occupations
    from knowledge_base.seed_vectors import ESCO_SEED_DIR

    texts = [chunk.embed_text for chunk in load_occupations()]
    return _write_seed(threads, out, ESCO_SEED_DIR, texts, "occupation")


def _write_seed(threads: int, out: Path | None, seed_dir: Path, texts: list[str], noun: str) -> int:
    """Embed `texts` with the configured embedder and write them as its seed in `seed_dir`."""
    from knowledge_base.seed_vectors import seed_file, write_seed
    from suunta.index_setup import make_embedder

    embedder = make_embedder(load_settings(), threads=threads)
    path = out or seed_file(embedder, seed_dir)
    try:
        written = write_seed(path, embedder, texts)
    except ValueError as exc:
        fail(str(exc))
    print(f"wrote {written} {noun} vectors to {path} ({getattr(embedder, 'fingerprint', '')})")
    return 0


@kb.command(
    help="Check front matter, ids, topics, sources, translations and review dates. "
    "Exit code 2 on errors.",
    short_help="check the articles",
)
def validate() -> int:
    """Check the corpus."""
    from knowledge_base.articles import load_topics
    from knowledge_base.validation import validate_corpus

    settings = load_settings()
    topics = set(load_topics(settings.content_dir.parent / "topics.yaml"))
    findings = validate_corpus(settings.content_dir, topics, dt.date.today())
    for finding in findings:
        print(finding)
    errors = sum(f.level == "error" for f in findings)
    print(f"{errors} errors, {len(findings) - errors} warnings")
    return USAGE_ERROR if errors else 0


@kb.command(
    help="Search the index and print hits with scores.", short_help="print ranked hits for a query"
)
@click.argument("query")
@click.option("--lang", type=LANGUAGES, help="the query's language")
@click.option("--only-lang", is_flag=True, help="return only --lang hits")
@click.option("-k", type=click.IntRange(min=1), default=5, show_default=True, help="hits")
@click.option(
    "--kind",
    type=click.Choice(["all", "article", "occupation"]),
    default="all",
    show_default=True,
    help="articles, ESCO occupations or both",
)
def search(query: str, lang: str | None, only_lang: bool, k: int, kind: str) -> int:
    """Print ranked hits for a query."""
    from knowledge_base.index import REBUILD
    from knowledge_base.retriever import Retriever
    from suunta.index_setup import SetupError, index_problem, make_embedder

    settings = load_settings()
    embedder = make_embedder(settings)
    problem = index_problem(settings, embedder.name)
    if problem:
        fail(f"{problem}; {REBUILD}")
    retriever = Retriever.from_index_dir(settings.index_dir, embedder)
    try:
        hits = retriever.search(
            query,
            language=lang,
            k=k,
            languages=(lang,) if only_lang and lang else None,
            kinds=None if kind == "all" else (kind,),
        )
    except SetupError as exc:
        fail(str(exc))
    for rank, hit in enumerate(hits, start=1):
        c = hit.chunk
        print(
            f"{rank:2}. {hit.score:.3f}  {c.id}  [{c.kind}, {c.language}]  {c.title} / {c.heading}"
        )
    print(
        f"({retriever.last.embed_ms:.0f} ms embedding, {retriever.last.search_ms:.1f} ms search)",
        file=sys.stderr,
    )
    return 0


_REPO = Path(__file__).resolve().parents[2]
_READABLE_FORMS = ("plain", "hidden", "slang", "indirect", "typo", "farewell_letter", "caps")


@kb.command(
    "crisis-vector",
    help="Fit the second crisis check (assistant/crisis_vector.py): a logistic regression over "
    "the e5 vectors of the crisis corpus against learner questions (answer cards, limits, the "
    "ordinary look-alikes and the dev set's other questions), written next to the code. "
    "The dev set's crisis messages are left out, so its crisis recall stays a test.",
    short_help="fit the crisis check over question vectors",
)
@click.option(
    "--crisis",
    "crisis_files",
    type=click.Path(dir_okay=False, path_type=Path),
    multiple=True,
    default=[
        _REPO / "tests" / "adversarial" / "data" / "crisis.jsonl",
        _REPO / "tests" / "adversarial" / "data" / "crisis_indirect.jsonl",
    ],
    show_default=True,
    help="crisis messages, JSON lines with `text` and `form` (repeatable)",
)
@click.option(
    "--ordinary",
    "ordinary_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=_REPO / "tests" / "adversarial" / "data" / "ordinary.txt",
    show_default=True,
    help="ordinary look-alikes, one a line",
)
@click.option(
    "--dev",
    "dev_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=_REPO / "evaluation" / "datasets" / "dev.jsonl",
    show_default=True,
    help="question set whose other questions are ordinary",
)
def crisis_vector(crisis_files: tuple[Path, ...], ordinary_file: Path, dev_file: Path) -> int:
    """Fit and write the crisis check's weights for the configured embedding model."""
    import json

    from assistant.crisis_vector import fit, path_for, save
    from knowledge_base.cards import cards_dir_for, load_cards
    from knowledge_base.limits import limits_dir_for, load_limits
    from suunta.index_setup import make_embedder

    settings = load_settings()
    try:
        crisis = [
            row["text"]
            for crisis_file in crisis_files
            for row in map(json.loads, crisis_file.read_text("utf-8").splitlines())
            if row.get("form") in _READABLE_FORMS
        ]
        ordinary = [
            line.strip()
            for line in ordinary_file.read_text("utf-8").splitlines()
            if line.strip() and not line.startswith("#")
        ]
        dev = [json.loads(line) for line in dev_file.read_text("utf-8").splitlines() if line]
    except (OSError, ValueError, KeyError) as exc:
        fail(f"cannot read the training messages: {exc}")
    ordinary += [d["question"] for d in dev if d.get("expected_kind") != "crisis"]
    ordinary += [q for c in load_cards(cards_dir_for(settings.content_dir)) for q in c.questions]
    ordinary += [
        q
        for limit in load_limits(limits_dir_for(settings.content_dir))
        for questions in limit.questions.values()
        for q in questions
    ]
    if not crisis:
        fail("no crisis messages in " + ", ".join(str(f) for f in crisis_files))
    embedder = make_embedder(settings)
    click.echo(f"embedding {len(crisis)} crisis and {len(ordinary)} ordinary messages ...")
    model = fit(embedder.embed_queries(crisis), embedder.embed_queries(ordinary))
    out = path_for(embedder.name)
    save(model, out)
    click.echo(f"wrote {out} (threshold {model.threshold})")
    return 0
