"""Data files shipped with laborsim (read by :mod:`sim.model.occupations`)."""
