"""Entry point of the frozen bundle: the same `kg-explorer` command as the installed package."""

from explorer.cli import main

raise SystemExit(main())
