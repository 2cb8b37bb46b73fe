"""`python -m generator.cli.reference`: write or check the reference pages (make docs).

python -m generator.cli.reference --write docs/reference   # regenerate
python -m generator.cli.reference --check docs/reference   # exit 1 if out of date
"""

from __future__ import annotations

from pathlib import Path

import click

from generator.report.reference import stale_pages, write_pages

FOLDER = click.Path(file_okay=False, path_type=Path)


# A maintainer's tool (make docs), not a huifang command, so it is run with python -m;
# click like the CLI.
@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--write", type=FOLDER, metavar="DIR", help="Write the pages into DIR.")
@click.option("--check", type=FOLDER, metavar="DIR", help="Exit 1 if a page in DIR is out of date.")
def main(write: Path | None, check: Path | None) -> None:
    """Write or check the reference pages made from the schemas and the problem codes.

    \b
    python -m generator.cli.reference --write docs/reference   # regenerate
    python -m generator.cli.reference --check docs/reference   # exit 1 if out of date
    """
    if write is not None and check is None:
        write_pages(write)
    elif check is not None and write is None:
        stale = stale_pages(check)
        if stale:
            click.echo("out of date (run: make docs): " + ", ".join(map(str, stale)), err=True)
            raise SystemExit(1)
    else:
        raise click.UsageError("give one of --write DIR and --check DIR")


if __name__ == "__main__":
    main()
