"""The golden corpus: commands whose JSON output must stay byte-for-byte the same (issue 17).

Each case is (name, arguments); `tests/golden/<name>.json` holds the JSON the command printed on
the main branch before the restructuring (made by `python tests/golden/make_corpus.py`, run from
the repository root). Paths are relative to the repository root, where the test runs them.
"""

from __future__ import annotations

G = "tests/golden/inputs"
EX = "examples/answers.yaml"
# a group file since issue 19 (members' own weights and range modes are refused in a group)
GROUP = ["--group", f"{G}/committee.yaml"]
PAIR = ["-a", f"{G}/provost.yaml", "-a", f"{G}/finance-member.yaml"]
IMP = ["--roi", "critical", "--risk", "high", "--autonomy", "4", "--target-horizon", "H1"]
SWING = ["--swing", "risk=100", "--swing", "roi=60", "--swing", "speed=100/3", "--target-horizon", "H2"]
RANKING = ["--ranking", "risk > roi = impact > speed", "--target-horizon", "H3"]

CASES: list[tuple[str, list[str]]] = [
    ("models", ["models"]),
    ("show-mooc", ["show", "mooc"]),
    ("show-sole", ["show", "sole"]),
    ("models-tiny", ["--models", f"{G}/tiny.yaml", "models"]),
    ("schema-answers", ["schema", "answers"]),
    ("schema-models", ["schema", "models"]),
    ("recommend-example", ["recommend", "-a", EX]),
    ("recommend-example-top3", ["recommend", "-a", EX, "--top", "3"]),
    ("recommend-provost", ["recommend", "-a", f"{G}/provost.yaml"]),
    ("recommend-finance", ["recommend", "-a", f"{G}/finance.yaml"]),
    ("recommend-faculty", ["recommend", "-a", f"{G}/faculty.yaml"]),
    ("recommend-dean", ["recommend", "-a", f"{G}/dean.yaml"]),
    ("recommend-flags", ["recommend", *IMP]),
    ("recommend-flags-optimistic", ["recommend", *IMP, "--ranges", "optimistic"]),
    ("recommend-flags-pessimistic", ["recommend", *IMP, "--ranges", "pessimistic", "--exclude", "sole"]),
    ("recommend-require", ["recommend", *IMP, "--require", "risk<=MED", "--require", "autonomy>=MED"]),
    ("recommend-swing", ["recommend", *SWING]),
    ("recommend-ranking", ["recommend", *RANKING]),
    ("recommend-weight", ["recommend", "--weight", "cost=5/2", "--weight", "impact=0.5", "--target-horizon", "H2"]),
    ("recommend-group", ["recommend", *GROUP]),
    ("recommend-pair", ["recommend", *PAIR, "--exclude", "opx", "--require", "cost<=MED"]),
    ("recommend-tiny", ["--models", f"{G}/tiny.yaml", "recommend", "--weight", "gain=3", "--weight", "pain=2"]),
    ("robust-example", ["recommend", "-a", EX, "--robustness", "--samples", "4000"]),
    ("robust-free", ["recommend", *IMP, "--robustness", "--weight-space", "free", "--samples", "3000", "--seed", "7"]),
    (
        "robust-local",
        ["recommend", *IMP, "--robustness", "--weight-space", "local", "--spread", "2", "--samples", "3000"],
    ),
    ("robust-ordinal", ["recommend", *SWING, "--robustness", "--ordinal", "--samples", "3000"]),
    ("robust-ranking", ["recommend", *RANKING, "--robustness", "--samples", "3000"]),
    ("robust-group", ["recommend", *GROUP, "--robustness", "--samples", "3000"]),
    ("stability-example", ["recommend", "-a", EX, "--stability"]),
    ("stability-swing", ["recommend", *SWING, "--stability"]),
    ("stability-group", ["recommend", *GROUP, "--stability"]),
    ("whynot-mooc", ["why-not", "mooc", "-a", EX]),
    ("whynot-peer", ["why-not", "peer", *IMP]),
    ("whynot-ngo", ["why-not", "ngo", *IMP]),
    ("whynot-sole-swing", ["why-not", "sole", *SWING]),
    ("whynot-first", ["why-not", "institutional", "-a", EX]),
    ("whynot-group", ["why-not", "industry", *GROUP]),
    ("compare-plain", ["compare", "sole", "mooc"]),
    ("compare-answers", ["compare", "sole", "mooc", "opx", "-a", EX]),
    ("compare-swing", ["compare", "industry", "ngo", *SWING]),
]
