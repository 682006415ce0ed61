"""``python -m extract``: the ``extract`` command."""

import sys

from .launch import main

sys.exit(main())
