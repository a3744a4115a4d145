"""``python -m rasad.spark INPUT OUTPUT [--master URL]``: see :mod:`rasad.spark.job`."""

import sys

from rasad.spark.job import main

sys.exit(main())
