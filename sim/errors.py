"""The errors a user can cause, each with a one-line message ready to show.

Every layer raises these for bad input (a scenario, a sweep file, an experiment folder, a
command-line choice); the command line prints the message and exits with code 2, without a
traceback. They subclass ``ValueError``, so code that catches ``ValueError`` keeps working.
"""

from __future__ import annotations


class LaborsimError(ValueError):
    """A mistake in something the user gave; the message is one line naming what and where."""


class ScenarioError(LaborsimError):
    """A scenario file or override is wrong; the message names the file, the key and the
    allowed values."""


class SweepError(LaborsimError):
    """A sweep file is wrong; the message names the file and the key."""


class ExperimentError(LaborsimError):
    """An experiment folder cannot be read, or two cannot be compared; the message names the
    file."""
