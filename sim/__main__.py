"""``python -m sim`` runs the laborsim command line."""

from sim.cli import main

raise SystemExit(main())
