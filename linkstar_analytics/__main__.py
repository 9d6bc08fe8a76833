import sys

from linkstar_analytics.cli import main

sys.exit(main())
