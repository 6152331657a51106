from explorer.cli.entry import main

raise SystemExit(main())
