"""The model's mechanisms, one module each, in the order a month runs them.

1. :mod:`sim.model.rules.demand`       product demand: business cycle and firm-level shocks
2. :mod:`sim.model.rules.separations`  quits into unemployment and layoffs (who goes first)
3. :mod:`sim.model.rules.vacancies`    vacancy posting and withdrawal
4. :mod:`sim.model.rules.matching`     job search, applications, screening, offers, acceptance
5. :mod:`sim.model.rules.wages`        the wage rule, pay resets and reservation wages
6. :mod:`sim.model.rules.accounting`   month-end bookkeeping and the collected metrics

:mod:`sim.model.rules.productivity` says what a worker produces; every rule that needs output or
expected output asks it. All functions are pure: they take arrays (and random numbers drawn by
the caller) and return arrays. :class:`sim.model.LaborMarket` calls them in order.
"""
