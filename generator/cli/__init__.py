"""The command line: one module per command, each parsing its options, calling the
library, printing and setting the exit code; the options they share are declared once
in generator.cli.options.

Exit codes: 0 clean, 1 problems found, 2 usage or configuration error.
"""

from __future__ import annotations

import contextlib
import os
import sys

import click

from generator import __version__
from generator.cli import (
    build,
    check,
    codeowners,
    complaints,
    demo,
    due,
    fmt,
    history,
    new,
)
from generator.cli.options import CONTEXT


def run() -> None:
    """The `huifang` command: `main`, then straight out of the process. Everything is
    written, flushed and closed by then; the interpreter's teardown would free a big run's
    records object by object (about a second at 100,000 files) for nothing."""
    try:
        main()
    except SystemExit as done:
        code = done.code
        if isinstance(code, str):
            print(code, file=sys.stderr)
            code = 1
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError):  # a closed pipe (`huifang check | head`)
                stream.flush()
        os._exit(code or 0)


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="huifang")
def main() -> None:
    """回访台 Huifang：客户回访记录的检查与发布 / customer-visit records, checked and published.

    记录放在 records/ 目录中，每条记录一个文件。/ Records live in records/, one file each.
    """


for module in (build, check, codeowners, complaints, demo, due, fmt, history, new):
    main.add_command(module.command)

if __name__ == "__main__":  # pragma: no cover
    main()
