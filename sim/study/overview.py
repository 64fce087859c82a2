"""The plain-language model overview (docs/overview.md, docs/overview.ko.md) and its worked
salary-matching example, computed by the model's own rule (`policy.full_subsidy`), never typed.

`python -m sim.study.overview` rewrites the example between `<!-- example -->` and
`<!-- /example -->` in both files; tests/test_docs.py checks the files are current.
"""

from __future__ import annotations

from pathlib import Path

from ..core.params import Params
from ..core.submodels import policy
from . import i18n

FILES = {"en": "overview.md", "ko": "overview.ko.md"}
BEGIN, END = "<!-- example -->", "<!-- /example -->"
PAY = 100.0  # the example's contract pay w, M KRW a year (1억원)
SHARE = 0.5  # the founder's proposal: the state pays half
PASSTHROUGHS = (0.2, 0.5, 1.0)  # the evidence's range of the worker's part, and the default (docs/model.md 7.8)

HEAD = {
    "en": "| worker's part π | state pays S | worker's gross w + πS | firm pays w − (1 − π)S "
    "| state's share S / gross |",
    "ko": "| 근로자 몫 π | 정부 지원 S | 근로자 총연봉 w + πS | 기업 부담 w − (1 − π)S | 총연봉 중 정부 몫 |",
}
NOTE = {
    "en": "Contract pay w = {w} a year, the state's share s = {s:.0%}; S = s·w / (1 − π·s). Computed by the "
    "model's rule (`sim/core/submodels/policy.py: full_subsidy`); π is uncertain, so the intervals draw it "
    "from 0.2–1 (its default is 0.5).",
    "ko": "계약 연봉 w = 연 {w}, 정부 부담 비율 s = {s:.0%}; S = s·w / (1 − π·s). 모형의 규칙(`sim/core/submodels/"
    "policy.py: full_subsidy`)으로 계산한 값입니다. π는 불확실하므로 구간을 낼 때 0.2–1에서 뽑습니다(기본값 0.5).",
}


def example(lang: str) -> str:
    """The worked example as a Markdown table and a note, in `lang`."""
    money = lambda m: i18n.money(m * 1e6, lang, usd=False)  # noqa: E731  (M KRW -> text, 3 digits)
    rows = [HEAD[lang], "|" + "---|" * 5]
    for pi in PASSTHROUGHS:
        p = Params.from_dict({"sm_share": SHARE, "sm_passthrough": pi})
        s = float(policy.full_subsidy(p, PAY))
        gross, firm = PAY + pi * s, PAY - (1 - pi) * s
        rows.append(f"| {pi:.1f} | {money(s)} | {money(gross)} | {money(firm)} | {s / gross:.0%} |")
    return "\n".join(rows) + "\n\n" + NOTE[lang].format(w=money(PAY), s=SHARE)


def render(text: str, lang: str) -> str:
    """`text` with its example block regenerated."""
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{BEGIN}\n{example(lang)}\n{END}{tail}"


def write(docs: Path) -> list[Path]:
    out = []
    for lang, name in FILES.items():
        path = docs / name
        path.write_text(render(path.read_text(encoding="utf-8"), lang), encoding="utf-8")
        out.append(path)
    return out


if __name__ == "__main__":
    for p in write(Path(__file__).resolve().parents[2] / "docs"):
        print(f"written {p}")
