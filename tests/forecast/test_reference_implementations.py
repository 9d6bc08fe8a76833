"""The vectorised kernels agree with the reference implementations of statsforecast (Nixtla) on the same
parameters: TSB (Teunter, Syntetos & Babai 2011). Long series so the start-up values have decayed."""

from __future__ import annotations

import numpy as np
import pytest
from statsforecast.models import TSB

from linkstar_analytics.forecast.kernels import tsb_run


@pytest.mark.parametrize(("alpha", "beta", "seed", "p_sale"), [(0.3, 0.2, 3, 0.3), (0.1, 0.05, 7, 0.1),
                                                               (0.5, 0.5, 11, 0.6)])
def test_tsb_matches_statsforecast(alpha, beta, seed, p_sale):
    rng = np.random.default_rng(seed)
    n_days = 600
    y = (rng.random(n_days) < p_sale) * rng.poisson(5, n_days).astype(float)
    y[0] = 3.0  # both start from a sale
    z, p, *_ = tsb_run(y[None, :], np.zeros((1, n_days), bool), np.array([[alpha, beta]]))
    ours = float(p[0, 0] * z[0, 0])
    reference = float(TSB(alpha_d=alpha, alpha_p=beta).forecast(y=y, h=1)["mean"][0])
    # The two start from different initial values (ours average the first weeks); their weight in the
    # final estimate decays as (1 - alpha)^(number of sales) and (1 - beta)^(number of days).
    start_weight = (1 - alpha) ** int((y > 0).sum()) + (1 - beta) ** n_days
    assert ours == pytest.approx(reference, rel=max(1e-9, 5 * start_weight))
