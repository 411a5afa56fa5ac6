"""Results as JSON or as a Markdown report a person can read."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from rich.table import Table

from summarizer.claims import DATE_FIELDS, PROSE_FIELDS
from summarizer.evaluate import CheckScore, CountScore, EvalReport
from summarizer.pipeline import SummaryResult
from summarizer.records import Event, Quantity, stated
from summarizer.report import FAILING, Finding, Status, VerificationReport


def results_json(results: Sequence[SummaryResult]) -> str:
    """One result as an object; several as an array."""
    if len(results) == 1:
        return results[0].model_dump_json(indent=2)
    return json.dumps([r.model_dump(mode="json") for r in results], indent=2)


def results_markdown(results: Sequence[SummaryResult], *, all_findings: bool = False) -> str:
    """A report per article. Supported numbers of headline, summary, descriptions and
    dates, and the evidence's offsets, are left out unless `all_findings`."""
    return "\n\n---\n\n".join(_result_markdown(r, all_findings) for r in results)


def report_json(report: VerificationReport) -> str:
    return report.model_dump_json(indent=2)


def report_markdown(
    report: VerificationReport, title: str = "Verification", *, all_findings: bool = False
) -> str:
    lines = [f"# {_text(title)}", "", _verdict_line(report), ""]
    lines += _findings_table(report.findings, all_findings)
    return "\n".join(lines)


def _result_markdown(result: SummaryResult, all_findings: bool) -> str:
    s = result.summary
    made_by = result.engine + (f" ({result.model})" if result.model else "")
    lines = [
        f"# {_text(s.headline)}",
        "",
        _text(s.summary),
        "",
        f"*Source:* {_text(result.path or 'text')} · *engine:* {_text(made_by)} · "
        f"*schema:* v{result.schema_version}",
        "",
        "## Events",
        "",
    ]
    if s.events:
        lines += [
            "| # | type | where | when | status | killed | injured | other records | quotes |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        lines += [_event_row(i, e) for i, e in enumerate(s.events)]
    else:
        lines.append("No events with stated numbers.")
    lines += ["", "## Numbers", "", _verdict_line(result.verification), ""]
    lines += _findings_table(result.verification.findings, all_findings)
    return "\n".join(lines)


def _event_row(i: int, e: Event) -> str:
    where = ", ".join(p for p in (e.location.place, e.location.admin1, e.location.country) if p)
    kind = e.event_type.value + (f" / {e.sub_event_type}" if e.sub_event_type else "")
    killed = "; ".join(_qty(c.count) + _grp(c.group.value)
                       for c in e.casualties if c.outcome.value == "killed")  # fmt: skip
    injured = "; ".join(_qty(c.count) + _grp(c.group.value)
                        for c in e.casualties if c.outcome.value == "injured")  # fmt: skip
    other = [f"{c.outcome.value} {_qty(c.count)}" for c in e.casualties
             if c.outcome.value == "missing"]  # fmt: skip
    other += [f"{a.kind.value} {_qty(a.count)}" for a in e.affected]
    for m in e.munitions:
        for label, q in (("launched", m.launched), ("neutralized", m.neutralized),
                         ("hits", m.hits)):  # fmt: skip
            if q is not None:
                other.append(f"{m.weapon.value} {label} {_qty(q)}")
    other += [f"{d.object}{f' ({d.floors} floors)' if d.floors else ''}: "
              f"{d.status.value.replace('_', ' ')}"
              for d in e.damage]  # fmt: skip
    cells = [str(i), kind, where or "—", e.date or "—", e.temporal_status.value,
             killed or "—", injured or "—", "; ".join(other) or "—", _quotes(e)]  # fmt: skip
    return "| " + " | ".join(_text(c) for c in cells) + " |"


_QUOTE_CHARS = 60  # a quote longer than this is cut, with "…"


def _quotes(e: Event) -> str:
    """The verbatim quotes of the event's counts, each once, in the order of its records."""
    counts = [c.count for c in e.casualties] + [a.count for a in e.affected]
    counts += [q for m in e.munitions for q in (m.launched, m.neutralized, m.hits) if q]
    quotes = dict.fromkeys(" ".join(q.quote.split()) for q in counts if q.quote)
    return "; ".join(f"“{_cut(q)}”" for q in quotes) or "—"


def _cut(quote: str) -> str:
    return quote if len(quote) <= _QUOTE_CHARS else quote[: _QUOTE_CHARS - 1].rstrip() + "…"


_INDEX = re.compile(r"\[\d+\]$")


def _is_prose(f: Finding) -> bool:
    """A number or date of the headline, summary, a description or a date field, not of
    a record's count."""
    leaf = _INDEX.sub("", f.path).rpartition(".")[2]
    return leaf in PROSE_FIELDS or bool(DATE_FIELDS.search(leaf))


def _findings_table(findings: Sequence[Finding], all_findings: bool = False) -> list[str]:
    """The records' numbers first, then those of prose and dates; of these, the supported
    ones (repeats of the records, or dates) only with `all_findings`."""
    if not findings:
        return ["No numbers to check."]
    ordered = sorted(findings, key=_is_prose)  # stable: each group keeps its order
    shown = [f for f in ordered
             if all_findings or not (_is_prose(f) and f.status is Status.SUPPORTED)]  # fmt: skip
    lines = []
    if shown:
        lines = ["| path | claim | verdict | evidence | note |", "|---|---|---|---|---|"]
        lines += [_finding_row(f, all_findings) for f in shown]
        lines.append("")
    hidden = len(findings) - len(shown)
    if hidden:
        rows = "row" if hidden == 1 else "rows"
        lines.append(
            f"{hidden:,} supported {rows} of headline, summary, descriptions and dates "
            "hidden; --all-findings shows them, with the evidence's offsets."
        )
    return lines[:-1] if lines[-1] == "" else lines


def _finding_row(f: Finding, offsets: bool) -> str:
    verdict = f.status.value
    if f.status in FAILING:
        verdict = f"**{verdict}**"
    elif f.status is Status.UNCONFIRMED:  # a warning; a failure under --strict
        verdict = f"*{verdict}*"
    # Without their offsets, spans of the same words read as one.
    spans = dict.fromkeys(f"“{e.text}”" + (f" @{e.start}" if offsets else "") for e in f.evidence)
    evidence = "; ".join(spans) or "—"
    cells = [f"`{f.path}`", _text(_claim(f)), verdict, _text(evidence), _text(f.note or "")]
    return "| " + " | ".join(cells) + " |"


def _verdict_line(report: VerificationReport) -> str:
    counts = ", ".join(f"{n:,} {s.value}" for s, n in report.counts.items() if n)
    unconfirmed = report.counts.get(Status.UNCONFIRMED, 0)
    if not report.ok:
        head = "**Some numbers failed verification.**"
        if not any(f.status in FAILING for f in report.findings):
            head += " Under --strict an unconfirmed number fails."
    elif unconfirmed:
        head = (
            "No number failed, but some are unconfirmed: the source states them without "
            "words the verifier can read that say what they count."
        )
    else:
        head = "All numbers proven."
    return f"{head} ({counts or 'nothing to check'})"


def _claim(f: Finding) -> str:
    """The claim with thousands separators; a date as it is, and in prose a number of
    four digits too, which may be a year."""
    if f.value is None or isinstance(f.value, str):
        return f.claimed()
    return _grouped(f.claimed(), 5 if _is_prose(f) else 4)


def _qty(q: Quantity) -> str:
    return _grouped(stated(q.value, q.high, q.qualifier))


# A number's whole part: not the decimals after a point, nor an exponent after e+ or e-.
_WHOLE = re.compile(r"(?<![\w.+\-])\d+")


def _grouped(text: str, digits: int = 4) -> str:
    """Thousands separators in the whole part of each number of `digits` digits or more:
    9000000 as 9,000,000, 1234.5 as 1,234.5; decimals stay as they are."""
    return _WHOLE.sub(lambda m: f"{int(m[0]):,}" if len(m[0]) >= digits else m[0], text)


def _grp(group: str) -> str:
    return "" if group == "total" else f" {group.replace('_', ' ')}"


_MD_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\`*_[]<>#|~"})


def _text(s: str) -> str:
    """Article text printed as text: Markdown and HTML in it must not become markup."""
    return s.translate(_MD_SPECIAL).replace("\n", " ")


# --- evaluations -------------------------------------------------------------------


def eval_json(report: EvalReport) -> str:
    return report.model_dump_json(indent=2)


_NONE = "–"  # a rate with nothing to divide
_HEADER = ["article", "expected", "found", "matched", "precision", "recall", "F1", "dates",
           "failed numbers"]  # fmt: skip


def _pct(value: float | None) -> str:
    return _NONE if value is None else f"{value:.1%}"


def _cells(name: str, counts: CountScore, dates: CheckScore, failed: int) -> list[str]:
    c = counts
    checked = f"{dates.right}/{dates.checked}" if dates.checked else _NONE
    return [name, str(c.expected), str(c.found), str(c.matched), _pct(c.precision),
            _pct(c.recall), _pct(c.f1), checked, str(failed)]  # fmt: skip


def _title(report: EvalReport) -> str:
    made_by = report.engine + (f" ({report.model})" if report.model else "")
    prompt = f", prompts {report.prompt_version}" if report.prompt_version else ""
    return f"Evaluation of the {made_by} engine{prompt}"


def _key_line(report: EvalReport) -> str:
    key = "range top and qualifier"
    if report.with_status:
        key = "range top, qualifier and temporal status"
    return (
        f"A found count matches an expected one with the same subject, value, {key}."
        " dates: of matched counts whose expected event has a date."
    )


def eval_markdown(report: EvalReport) -> str:
    """A table, one row per article and a total, then each article's misses and extras."""
    t = report.totals
    lines = [f"# {_text(_title(report))}", "", _key_line(report), ""]
    lines += ["| " + " | ".join(_HEADER) + " |", "|---" + "|--:" * (len(_HEADER) - 1) + "|"]
    for a in report.articles:
        cells = _cells(_text(a.name), a.counts, a.dates, a.verification.get("failed", 0))
        lines.append("| " + " | ".join(cells) + " |")
    total = _cells("**total**", t.counts, t.dates, t.verification.get("failed", 0))
    lines += ["| " + " | ".join(total) + " |", "", "## Misses and extras", ""]
    listed = [a for a in report.articles if a.misses or a.extras]
    if not listed:
        lines.append("None: every expected count was found, and nothing else.")
    for a in listed:
        lines += [f"### {_text(a.name)}", ""]
        lines += [f"- miss: {_text(m)}" for m in a.misses]
        lines += [f"- extra: {_text(e)}" for e in a.extras]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def eval_table(report: EvalReport) -> Table:
    """The Markdown table's rows for a terminal, the total set apart."""
    table = Table(title=_title(report), caption=_key_line(report))
    for i, name in enumerate(_HEADER):
        table.add_column(name, justify="left" if i == 0 else "right")
    for n, a in enumerate(report.articles, 1):
        last = n == len(report.articles)
        failed = a.verification.get("failed", 0)
        table.add_row(*_cells(a.name, a.counts, a.dates, failed), end_section=last)
    t = report.totals
    table.add_row(*_cells("total", t.counts, t.dates, t.verification.get("failed", 0)),
                  style="bold")  # fmt: skip
    return table
