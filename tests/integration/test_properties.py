"""Property tests: no input text or bytes makes the parser raise."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.problems import Source
from generator.read.document import parse_text, read_document

SRC = Source("records/customers/C0001.md")
yamlish = st.text(
    alphabet=st.sampled_from(list("-:[]{}&*!|>'\"#%@`?, \n\t\u200babc123张三\x00\ufeff")),
    max_size=200,
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=300), yamlish))
def test_parser_never_raises_on_any_text(text):
    for markdown in (True, False):
        doc = parse_text(text, SRC, markdown=markdown)
        assert doc.data is None or isinstance(doc.data, dict)
        for problem in doc.problems:
            assert problem.source.line >= 1 and problem.message_zh and problem.message_en


@settings(max_examples=300, deadline=None)
@given(yamlish)
def test_front_matter_wrapping_never_raises(text):
    doc = parse_text(f"---\n{text}\n---\nbody\n", SRC, markdown=True)
    assert doc.data is None or isinstance(doc.data, dict)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=300))
def test_reader_never_raises_on_any_bytes(raw):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "C0001.md"
        path.write_bytes(raw)
        doc = read_document(path, SRC)
        assert doc.data is None or isinstance(doc.data, dict)
