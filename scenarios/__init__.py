"""Scenario TOML files. This file only lets the installer ship them inside ``sim.scenarios``."""
