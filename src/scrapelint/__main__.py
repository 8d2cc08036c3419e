from scrapelint.cli import main

raise SystemExit(main())
