"""``python -m reskg`` runs the command line."""

from reskg.cli import main

main()
