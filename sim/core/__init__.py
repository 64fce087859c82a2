"""The engine: the Mesa model of Korea's AI talent market (people, firms, universities, the
government, the submodels run each quarter, the output contract, the parameters and the
policy registry). It imports nothing from `sim.study` or `sim.app`."""
