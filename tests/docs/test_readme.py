"""The README stays true: its data-model section is the one generated from schemas.py, and its commands exist."""

from __future__ import annotations

import re
from pathlib import Path

from linkstar_analytics.cli import COMMANDS
from linkstar_analytics.io.validation import schemas_markdown

REPO = Path(__file__).resolve().parents[2]
START, END = "<!-- data-model:start -->", "<!-- data-model:end -->"
REGENERATE = (
    "python -c \"import re,pathlib; from linkstar_analytics.io.validation import schemas_markdown as m; "
    "p=pathlib.Path('README.md'); s=p.read_text(); "
    "p.write_text(re.sub(r'(?s)<!-- data-model:start -->.*<!-- data-model:end -->', "
    "lambda _: '<!-- data-model:start -->\\n'+m().strip()+'\\n<!-- data-model:end -->', s))\""
)


def test_data_model_section_matches_the_schemas():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    body = text.split(START, 1)[1].split(END, 1)[0].strip()
    assert body == schemas_markdown().strip(), f"README data model is stale; regenerate with: {REGENERATE}"


def test_quick_start_commands_are_the_two_documented_ones():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    assert "pip install -r requirements.txt && streamlit run app.py" in text
    assert "pip install -r requirements-dev.txt && pytest" in text


def test_every_cli_command_in_the_readme_exists():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    used = set(re.findall(r"python -m linkstar_analytics ([a-z-]+)", text))
    assert used and used <= set(COMMANDS), used - set(COMMANDS)


def test_every_bench_script_in_the_readme_exists():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    for script in re.findall(r"python (bench/\S+\.py)", text):
        assert (REPO / script).exists(), script
