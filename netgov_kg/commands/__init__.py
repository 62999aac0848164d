"""Subcommands of the ``netgov-kg`` command line (see :mod:`netgov_kg.cli`)."""
