from impact_warehouse.cli import main

raise SystemExit(main())
