import json

from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.records import ArticleSummary, json_schema
from summarizer.report import Status, report_json_schema
from summarizer.verify import verify
from tests.conftest import FIXTURES, ROOT

CHECKED_IN = ROOT / "schemas" / "article_summary.schema.json"


def test_checked_in_schema_matches_the_models() -> None:
    # On drift, regenerate: summarizer schema > schemas/article_summary.schema.json
    assert json.loads(CHECKED_IN.read_text()) == json_schema()


def test_schema_command_prints_the_models_schema() -> None:
    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json_schema()


REPORT = ROOT / "schemas" / "verification_report.schema.json"


def test_checked_in_report_schema_matches_the_model() -> None:
    # On drift, regenerate: summarizer schema --report > schemas/verification_report.schema.json
    assert json.loads(REPORT.read_text()) == report_json_schema()


def test_schema_command_prints_the_report_schema() -> None:
    result = CliRunner().invoke(app, ["schema", "--report"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == report_json_schema()


def test_report_schema_names_every_verdict() -> None:
    verdicts = report_json_schema()["$defs"]["Status"]["enum"]  # type: ignore[index]
    assert verdicts == [s.value for s in Status]
    assert "unconfirmed" in verdicts


_JSON_TYPES = {"integer": int, "number": float, "string": str, "null": type(None)}


def _types(prop: dict[str, object]) -> set[type]:
    options = prop.get("anyOf", [prop])
    return {_JSON_TYPES[o["type"]] for o in options if "type" in o}  # type: ignore[index,union-attr]


def test_a_written_report_fits_its_schema(sample_text: str) -> None:
    schema = report_json_schema()
    finding = schema["$defs"]["Finding"]  # type: ignore[index]
    records = ArticleSummary.model_validate_json((FIXTURES / "odesa_records.json").read_text())
    plain = verify("About 1.5 million people fled; 3 were killed.", "Shelling killed 3 people.")
    for report in (verify(records, sample_text), plain):
        data = json.loads(report.model_dump_json())
        assert set(data) == set(schema["properties"])  # type: ignore[arg-type]
        assert set(data["counts"]) == set(schema["$defs"]["Status"]["enum"])  # type: ignore[index]
        for f in data["findings"]:
            assert set(f) == set(finding["properties"])
            for name in ("value", "high"):
                assert type(f[name]) in _types(finding["properties"][name]), (name, f[name])
