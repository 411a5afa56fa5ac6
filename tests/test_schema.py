import json

from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.records import json_schema
from tests.conftest import ROOT

CHECKED_IN = ROOT / "schemas" / "article_summary.schema.json"


def test_checked_in_schema_matches_the_models() -> None:
    # On drift, regenerate: summarizer schema > schemas/article_summary.schema.json
    assert json.loads(CHECKED_IN.read_text()) == json_schema()


def test_schema_command_prints_the_models_schema() -> None:
    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json_schema()
