"""`python -m assistant` is the `marginal` CLI."""

from assistant.cli import main

raise SystemExit(main())
