"""The model's mechanisms: pure functions over arrays, one mechanism a module, each citing its
source. They take arrays (and random numbers drawn by the caller) and return arrays; the
phases of :class:`sim.model.market.LaborMarket` call them, through the topic modules, in the
order a month runs:

0. start of month   :mod:`demography` (ages, exits by age, entrants)
1. technology       :mod:`capability` (the frontier), :mod:`adoption`, :mod:`proficiency`,
                    :mod:`augmentation` (the people channel), :mod:`productivity`
2. product demand   :mod:`demand` (cycle and firm shocks), :mod:`automation` (the technology
                    channel), :mod:`policies` (the firm regimes)
3. separations      :mod:`separations` (quits, who is laid off), :mod:`participation` (flows
                    in and out of the labor force), :mod:`match_quality` (poor matches end),
                    :mod:`attribution` (why), :mod:`screening` (how firms assess), :mod:`sorting`
4. vacancies        :mod:`careers` (promotion, entry-level work), :mod:`vacancies`
5. matching         :mod:`matching` (urn-ball search, hiring standard, offers, lost hires),
                    :mod:`duration` (callbacks fall with the spell)
6. freelancing      :mod:`freelance`
7. wages            :mod:`wages` (the wage rule, resets, reservation wages)
8. bookkeeping      :mod:`accounting` (clocks, stock-flow checks), :mod:`careers` (experience
                    and human capital)

:mod:`productivity` says what a worker produces and how many positions they fill; every rule
that needs output or expected output asks it; :mod:`careers` gives the experience, match and
human-capital factors it is built from.
"""
