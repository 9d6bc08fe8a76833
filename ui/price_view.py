"""The campaign price rule on the Alerts page: planned campaign prices above the lowest price of the 30 days before
the campaign (``plan.price_rules``)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui.i18n import t


def campaign_price_section(tables: dict[str, pd.DataFrame], campaign_id: str, scenario) -> None:
    """Subheader, the rule, the count of breaking prices and their table (or why there is nothing to check)."""
    from linkstar_analytics.plan.price_rules import LOOKBACK_DAYS, campaign_price_check
    from ui.i18n import fmt_date, fmt_int

    st.subheader(t("price.section"))
    st.caption(t("price.rule", days=LOOKBACK_DAYS))
    planned = tables.get("campaign_prices")
    if planned is None or planned.empty:
        st.info(t("price.none_imported"), icon=":material/info:")
        return
    check = campaign_price_check(planned, tables.get("sales"), tables["campaigns"],
                                 fx_cny_per_unit=scenario.fx_table(), campaign_id=campaign_id)
    if check.empty:
        st.info(t("price.none_for_campaign"), icon=":material/info:")
        return
    bad = check[check["breaks_rule"]]
    c1, c2, c3 = st.columns(3)
    c1.metric(t("price.checked"), fmt_int(len(check)))
    c2.metric(t("price.breaking"), fmt_int(len(bad)))
    c3.metric(t("price.no_history"), fmt_int(int(check["no_history"].sum())), help=t("price.no_history_help"))
    if bad.empty:
        st.success(t("price.all_ok"), icon=":material/check_circle:")
        return
    shown = pd.DataFrame({
        t("col.sku"): bad["sku"], t("col.region"): bad["region"],
        t("price.col.planned"): [f"{p:,.2f} {c}" for p, c in zip(bad["campaign_price"], bad["currency"])],
        t("price.col.low"): [f"{p:,.2f} {c}" for p, c in zip(bad["low_30d_price"], bad["currency"])],
        t("price.col.low_date"): [fmt_date(d) for d in bad["low_30d_date"]],
        t("price.col.above"): [f"{p:,.2f} {c}" for p, c in zip(bad["above_low_by"], bad["currency"])],
    })
    st.dataframe(shown, hide_index=True, width="stretch")
