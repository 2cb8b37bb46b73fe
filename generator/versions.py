"""The version of each JSON output, declared once: a program reading one checks it, and
it goes up only when a key changes meaning or goes away (docs/rules.md, docs/history.md)."""

PROBLEMS_JSON = 1  # check --format json
DUE_JSON = 1  # due --format json
COMPLAINTS_JSON = 1  # complaints --format json
HISTORY_JSON = 1  # history --format json
