import sys

from linkstar_analytics.cli import main

# Guarded: Dask's LocalCluster starts worker processes with "spawn", which re-imports this module.
if __name__ == "__main__":
    sys.exit(main())
