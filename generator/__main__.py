"""`python -m generator` is the same as the `huifang` command."""

from generator.cli import run

run()
