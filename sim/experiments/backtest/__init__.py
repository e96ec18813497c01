"""The backtest (issue 16, in progress): the model's first AI years, November 2022 to mid 2025,
against published facts it was not calibrated to. ``statistics`` computes each fact's figure
the way its source does, from panels of the model's outputs; nothing here reads or writes
files."""
