"""The command line: one module per command, each parsing its options, calling the
library, printing and setting the exit code; the options they share are declared once
in generator.cli.options.

Exit codes: 0 clean, 1 problems found, 2 usage or configuration error.
"""

from __future__ import annotations

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
    serve,
)
from generator.cli.options import CONTEXT
from generator.speed.memory import exit_now


def run() -> None:
    """The `huifang` command: `main`, then out of the process."""
    try:
        main()
    except SystemExit as done:
        code = done.code
        if isinstance(code, str):
            print(code, file=sys.stderr)
            code = 1
        # Everything is written by now: speed skips the interpreter's teardown, which would
        # free a big run's records object by object for nothing (unless switched off).
        exit_now(code or 0)


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="huifang")
def main() -> None:
    """回访台 Huifang：客户回访记录的检查与发布 / customer-visit records, checked and published.

    记录放在 records/ 目录中，每条记录一个文件。/ Records live in records/, one file each.
    """


for module in (build, check, codeowners, complaints, demo, due, fmt, history, new, serve):
    main.add_command(module.command)

if __name__ == "__main__":  # pragma: no cover
    main()
