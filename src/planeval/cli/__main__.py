"""``python -m planeval.cli``: the ``planeval`` command."""

from planeval.cli import main

main()
