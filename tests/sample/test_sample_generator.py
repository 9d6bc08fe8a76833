"""The seeded sample dataset: determinism, schema conformance, realism, the committed set and the CLI."""

from __future__ import annotations

import argparse
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linkstar_analytics.commands import sample_data as command
from linkstar_analytics.io.sample_data import (
    DEFAULT_END_DATE,
    GENERATED_TABLES,
    HISTORY_SPAN_DAYS,
    HISTORY_START,
    anchored_sample,
    ean13_check_digit,
    generate_sample,
    write_sample,
)
from linkstar_analytics.schemas import TABLES

REPO = Path(__file__).resolve().parents[2]
END = pd.Timestamp(DEFAULT_END_DATE)


@pytest.fixture(scope="module")
def sample() -> dict[str, pd.DataFrame]:
    return generate_sample()


@pytest.fixture(scope="module")
def daily(sample) -> pd.DataFrame:
    """Units per SKU x region x day, all channels summed."""
    return sample["sales"].groupby(["sku", "region", "date"], as_index=False)["units"].sum()


# ----------------------------------------------------------------------------------------------------------------
# Determinism and arguments
# ----------------------------------------------------------------------------------------------------------------


def test_same_seed_gives_identical_frames_and_files(tmp_path):
    a = generate_sample(30, seed=7)
    b = generate_sample(30, seed=7)
    assert list(a) == list(b) == list(GENERATED_TABLES)
    for name in a:
        pd.testing.assert_frame_equal(a[name], b[name])
    pa = write_sample(a, tmp_path / "a")
    pb = write_sample(b, tmp_path / "b")
    for name in pa:
        assert pa[name].read_bytes() == pb[name].read_bytes(), name


def test_other_seed_gives_other_data():
    a = generate_sample(30, seed=7)["sales"]
    b = generate_sample(30, seed=8)["sales"]
    assert not a.equals(b)


def test_n_skus_is_exact():
    for n in (5, 13, 57):
        assert len(generate_sample(n, seed=1)["skus"]) == n


def test_bad_arguments_name_the_field():
    with pytest.raises(ValueError, match="n_skus"):
        generate_sample(3)
    with pytest.raises(TypeError, match="n_skus"):
        generate_sample(12.5)
    with pytest.raises(ValueError, match="end_date"):
        generate_sample(20, end_date=HISTORY_START + timedelta(days=10))


def test_ean13_check_digit_worked_example():
    # GS1 example code 4006381333931: the check digit of 400638133393 is 1.
    digits = np.array([[int(c) for c in "400638133393"]])
    assert ean13_check_digit(digits).tolist() == [1]


# ----------------------------------------------------------------------------------------------------------------
# Schema conformance
# ----------------------------------------------------------------------------------------------------------------


def _check_table(name: str, frame: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> None:
    spec = TABLES[name]
    assert tuple(frame.columns) == spec.column_names, name
    assert len(frame) > 0, name
    for col in spec.columns:
        s = frame[col.name]
        values = s.dropna()
        if col.dtype in ("date", "datetime"):
            assert pd.api.types.is_datetime64_any_dtype(s), (name, col.name)
        elif col.dtype == "int":
            assert pd.api.types.is_integer_dtype(s), (name, col.name)
        elif col.dtype == "float":
            assert pd.api.types.is_float_dtype(s), (name, col.name)
        elif col.dtype == "bool":
            assert pd.api.types.is_bool_dtype(s), (name, col.name)
        else:
            assert s.dtype == object and all(isinstance(v, str) for v in values), (name, col.name)
        if not col.nullable:
            assert s.notna().all(), (name, col.name)
        if col.min_value is not None:
            assert (values >= col.min_value).all(), (name, col.name)
        if col.max_value is not None:
            assert (values <= col.max_value).all(), (name, col.name)
        if col.allowed is not None:
            items = values.str.split(";").explode() if col.is_list else values
            bad = set(items) - set(col.allowed)
            assert not bad, (name, col.name, bad)
    if spec.unique_key:
        assert not frame.duplicated(list(spec.unique_key)).any(), (name, spec.unique_key)
    for col, (table, ref) in spec.references.items():
        missing = set(frame[col]) - set(tables[table][ref])
        assert not missing, (name, col, sorted(missing)[:5])


@pytest.mark.parametrize("name", GENERATED_TABLES)
def test_every_table_follows_its_schema(sample, name):
    _check_table(name, sample[name], sample)


def test_small_catalogue_follows_the_schemas_too():
    tables = generate_sample(12, seed=3, end_date=date(2025, 6, 30))
    for name in GENERATED_TABLES:
        if name in ("presale", "creators") and tables[name].empty:
            continue
        _check_table(name, tables[name], tables)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    n_skus=st.integers(5, 40),
    seed=st.integers(0, 2**32 - 1),
    end_date=st.dates(HISTORY_START + timedelta(days=180), date(2027, 12, 31)),
)
def test_any_seed_size_and_end_date_follow_the_schemas(n_skus, seed, end_date):
    tables = generate_sample(n_skus, seed=seed, end_date=end_date)
    assert len(tables["skus"]) == n_skus
    assert tables["sales"]["date"].max() <= pd.Timestamp(end_date)
    for name in GENERATED_TABLES:
        if name in ("presale", "creators", "shipments") and tables[name].empty:
            continue  # optional tables may be empty for tiny catalogues
        _check_table(name, tables[name], tables)


# ----------------------------------------------------------------------------------------------------------------
# Realism: behaviour the forecasting and planning code must meet in real data
# ----------------------------------------------------------------------------------------------------------------


def test_history_spans_more_than_two_years(sample):
    s = sample["sales"]
    assert s["date"].min() == pd.Timestamp(HISTORY_START)
    assert s["date"].max() == END
    first = s.groupby("sku")["date"].min()
    established = first <= pd.Timestamp(HISTORY_START) + pd.Timedelta(days=30)
    assert established.mean() > 0.45  # about half the SKUs sell from the first month


@pytest.mark.parametrize("campaign_id", ["BFCM-2025", "1111-2025-TH", "1212-2025-TH", "DFYD-2025", "99-2025-TH"])
def test_campaign_days_in_2025_sell_more_than_surrounding_weeks(sample, daily, campaign_id):
    c = sample["campaigns"].set_index("campaign_id").loc[campaign_id]
    by_day = daily[daily["region"].isin(c["regions"].split(";"))].groupby("date")["units"].sum()
    start, end = c["start_date"], c["end_date"]
    on = by_day[(by_day.index >= start) & (by_day.index <= end)].mean()
    around = by_day[((by_day.index >= start - pd.Timedelta(days=35)) & (by_day.index < start - pd.Timedelta(days=15)))
                    | ((by_day.index > end + pd.Timedelta(days=15)) & (by_day.index <= end + pd.Timedelta(days=35)))].mean()
    assert on > 1.4 * around, (campaign_id, on, around)


def test_campaign_uplift_varies_by_sku_and_year(sample, daily):
    """Per-SKU BFCM uplift is not one number: it spreads across SKUs and differs between 2024 and 2025."""
    c = sample["campaigns"].set_index("campaign_id")
    ratios = {}
    for cid in ("BFCM-2024", "BFCM-2025"):
        start, end = c.loc[cid, "start_date"], c.loc[cid, "end_date"]
        d = daily[daily["region"] == "US"]
        on = d[(d["date"] >= start) & (d["date"] <= end)].groupby("sku")["units"].sum() / 4
        base = d[(d["date"] >= start - pd.Timedelta(days=42)) & (d["date"] < start - pd.Timedelta(days=21))]
        base = base.groupby("sku")["units"].sum() / 21
        base = base[base > 3]
        ratios[cid] = on.reindex(base.index).fillna(0) / base
    both = pd.concat(ratios, axis=1).dropna()
    assert len(both) >= 10
    assert both["BFCM-2025"].std() > 0.3 * both["BFCM-2025"].mean()  # SKUs differ
    assert not np.allclose(both["BFCM-2024"], both["BFCM-2025"], rtol=0.1)  # years differ


def test_a_share_of_skus_is_intermittent(sample, daily):
    first = daily.groupby("sku")["date"].min()
    days_sold = daily.groupby("sku")["date"].nunique()
    span = (END - first).dt.days + 1
    zero_share = 1 - days_sold / span
    old = span >= 180
    share = (zero_share[old] > 0.5).mean()
    assert 0.12 <= share <= 0.40, share


def test_new_skus_have_short_history(sample, daily):
    skus = sample["skus"]
    new = skus[skus["launch_date"] >= END - pd.Timedelta(days=120)]
    assert len(new) >= 0.03 * len(skus)
    assert (new["launch_date"] <= END - pd.Timedelta(days=30)).all()
    first = daily.groupby("sku")["date"].min()
    launched = skus.set_index("sku")["launch_date"]
    sold = first.index.intersection(new["sku"])
    assert len(sold) > 0
    assert (first[sold] >= launched[sold]).all()
    assert ((END - first[sold]).dt.days < 125).all()


def test_some_skus_stop_selling_and_some_stock_out(daily):
    last = daily.groupby("sku")["date"].max()
    assert (last < END - pd.Timedelta(days=60)).sum() >= 2  # discontinued
    # A stockout: a gap of >= 7 days in a series that sells on > 90% of its days.
    gaps = 0
    for _, g in daily.groupby(["sku", "region"]):
        d = g["date"].sort_values()
        span = (d.iloc[-1] - d.iloc[0]).days + 1
        if len(d) > 0.9 * span and span > 100 and (d.diff().dt.days >= 8).any():
            gaps += 1
    assert gaps >= 3


def test_live_stream_spikes_and_channels(sample):
    s = sample["sales"]
    assert set(s["channel"]) == {"shop", "live", "video", "affiliate"}
    assert (s["channel"] == "shop").mean() > 0.75
    wide = s.pivot_table(index=["sku", "region", "date"], columns="channel", values="units", aggfunc="sum").fillna(0)
    spikes = wide[(wide["live"] >= 2 * wide["shop"]) & (wide["shop"] >= 3)]
    assert len(spikes) >= 20


def test_weekly_shape_differs_by_region(daily):
    dow = daily.assign(dow=daily["date"].dt.dayofweek).groupby(["region", "dow"])["units"].sum()
    peak = {r: int(dow[r].idxmax()) for r in ("US", "UK", "TH")}
    assert len(set(peak.values())) >= 2, peak


def test_no_two_skus_have_identical_sales(sample):
    s = sample["sales"]
    sig = s.groupby("sku")["units"].apply(lambda u: tuple(u.to_numpy()))
    assert sig.nunique() == len(sig)


def test_sku_master_is_plausible(sample):
    skus = sample["skus"]
    assert set(skus["category"]) == {"home", "beauty", "apparel", "appliances", "phone_accessories"}
    for col in ("weight_kg", "length_cm", "width_cm", "height_cm", "unit_cost", "price"):
        assert (skus[col] > 0).all(), col
    assert skus["production_days"].between(7, 35).all()
    assert (skus["moq_units"] % skus["case_pack_units"] == 0).all()
    apparel = skus[skus["category"] == "apparel"]
    styles = apparel["sku"].str.split("-").str[0]
    assert (apparel.groupby(styles)["size"].apply(set) == {"S", "M", "L", "XL"}).all()
    assert skus["name"].str.contains(r"[\u4e00-\u9fff]").mean() > 0.2  # Chinese names beside English
    assert set(skus["price_currency"]) == {"USD", "GBP", "THB"}
    # Light-bulky (volumetric air kg > 3x actual) and heavy-small (actual > 2x volumetric) items both exist.
    vol_kg = skus["length_cm"] * skus["width_cm"] * skus["height_cm"] / 6000
    assert (vol_kg > 3 * skus["weight_kg"]).sum() >= 3
    assert (skus["weight_kg"] > 2 * vol_kg).sum() >= 3


def test_certificates_and_barcodes_have_known_gaps(sample):
    skus = sample["skus"]
    sales_regions = sample["sales"].groupby("sku")["region"].agg(set)
    uk_appliances = skus[(skus["category"] == "appliances") & skus["sku"].map(lambda s: "UK" in sales_regions.get(s, set()))]
    certs = uk_appliances["certificates"].fillna("").str.split(";")
    assert (~certs.map(lambda c: "UKCA" in c or "CE" in c)).any()  # CE would be accepted in GB
    battery = skus[skus["has_battery"]]
    assert len(battery) > 0 and (battery["category"] == "appliances").any()
    codes = skus["barcode"].dropna()
    assert 0 < skus["barcode"].isna().sum() < 0.2 * len(skus)
    assert codes.str.fullmatch(r"\d{13}").all() and codes.is_unique
    digits = np.array([[int(ch) for ch in c] for c in codes])
    assert (ean13_check_digit(digits[:, :12]) == digits[:, 12]).all()
    assert skus["hs_code"].isna().any() and skus["hs_code"].dropna().str.fullmatch(r"\d{6}(\d{4})?").all()


def test_platform_ids_and_master_cartons(sample):
    skus = sample["skus"]
    listed = skus["platform_sku_id"].notna()
    assert 0.9 * len(skus) <= listed.sum() < len(skus)  # a few products are not listed yet
    assert (skus["platform_product_id"].notna() == listed).all()
    assert skus.loc[listed, "platform_sku_id"].str.fullmatch(r"\d{19}").all()
    assert skus.loc[listed, "platform_product_id"].str.fullmatch(r"\d{19}").all()
    assert skus["platform_sku_id"].dropna().is_unique
    # the sizes of an apparel style are variants of one listed product
    apparel = skus.loc[(skus["category"] == "apparel") & listed]
    per_style = apparel.groupby(apparel["sku"].str.split("-").str[0])["platform_product_id"].nunique()
    assert (per_style == 1).all()
    # the carton holds the case pack: volume and weight at least the units' (plus wall and tare)
    carton_cm3 = skus["carton_length_cm"] * skus["carton_width_cm"] * skus["carton_height_cm"]
    units_cm3 = skus["case_pack_units"] * skus["length_cm"] * skus["width_cm"] * skus["height_cm"]
    assert (carton_cm3 >= units_cm3).all()
    assert (skus["carton_gross_weight_kg"] > skus["case_pack_units"] * skus["weight_kg"]).all()
    assert (carton_cm3 / 1e6).between(0.001, 0.2).all() and skus["carton_gross_weight_kg"].between(0.1, 30).all()


@pytest.mark.parametrize("today", [date(2026, 12, 1), date(2027, 3, 5), date(2027, 8, 20)])
def test_anchored_sample_runs_up_to_yesterday_with_the_calendar_ahead(today):
    tables = anchored_sample(today)
    sales = tables["sales"]
    yesterday = pd.Timestamp(today - timedelta(days=1))
    assert sales["date"].max() == yesterday
    assert sales["date"].min() == yesterday - pd.Timedelta(days=HISTORY_SPAN_DAYS)
    c = tables["campaigns"]
    ahead = c.loc[c["start_date"] > yesterday]
    assert ahead["start_date"].max() > yesterday + pd.Timedelta(days=330)  # about a year of campaigns ahead
    assert {"BFCM", "YEAREND"} <= set(ahead["campaign_id"].str.split("-").str[0])
    assert (tables["shipments"]["eta_date"] > yesterday).all()
    assert (tables["creators"]["date"] > yesterday).all()
    assert set(tables["presale"]["campaign_id"]) <= set(c.loc[c["end_date"] >= yesterday, "campaign_id"])
    for name in GENERATED_TABLES:
        assert list(tables[name].columns) == [col.name for col in TABLES[name].columns], name


def test_anchored_sample_is_deterministic_per_day_and_keeps_the_catalogue():
    a, b = anchored_sample(date(2027, 1, 10)), anchored_sample(date(2027, 1, 10))
    for name in a:
        pd.testing.assert_frame_equal(a[name], b[name])
    other = anchored_sample(date(2027, 1, 11))
    same = ["sku", "name", "category", "unit_cost", "price", "case_pack_units", "platform_sku_id", "barcode"]
    pd.testing.assert_frame_equal(a["skus"][same], other["skus"][same])


def test_anchored_sample_validates_on_import(tmp_path):
    from linkstar_analytics.io.validation import load_folder

    tables = anchored_sample(date(2027, 4, 2), n_skus=30)  # small: the same code paths, a tenth of the rows
    write_sample(tables, tmp_path)
    result = load_folder(tmp_path)
    assert result.ok, [str(i) for i in result.issues if i.severity == "error"][:5]
    for name in GENERATED_TABLES:
        pd.testing.assert_frame_equal(result.tables[name], tables[name], check_dtype=False, obj=name)


def test_warehouses_and_lanes(sample):
    wh, lanes, lm = sample["warehouses"], sample["freight_lanes"], sample["last_mile"]
    assert 6 <= len(wh) <= 8
    assert set(wh["fulfilment_mode"]) == {"FBT", "3PL", "SELF"}
    modes = lanes.groupby("warehouse_id")["freight_mode"].agg(set)
    assert (~modes.map(lambda m: "express" in m)).sum() >= 1  # a warehouse without an express lane
    sea = lanes[lanes["freight_mode"] == "sea"]
    assert sea["rate_per_cbm"].notna().all() and sea["rate_per_kg"].isna().all()
    assert lanes.loc[lanes["freight_mode"] != "sea", "rate_per_kg"].notna().all()
    assert (lanes["transit_days_min"] <= lanes["transit_days_typ"]).all()
    assert (lanes["transit_days_typ"] <= lanes["transit_days_max"]).all()
    for part in ("consolidation", "customs", "receiving"):
        assert (wh[f"{part}_days_min"] <= wh[f"{part}_days_typ"]).all()
        assert (wh[f"{part}_days_typ"] <= wh[f"{part}_days_max"]).all()
    assert lm.groupby("warehouse_id").size().between(4, 6).all()
    assert set(lm["warehouse_id"]) == set(wh["warehouse_id"])


def test_campaign_calendar_has_past_and_upcoming(sample):
    c = sample["campaigns"].set_index("campaign_id")
    for cid in ("BFCM-2024", "BFCM-2025", "1111-2025-TH", "1212-2024-TH", "BFCM-2026", "1212-2026-TH",
                "YEAREND-2026", "DFYD-2027", "BTS-2027", "99-2027-TH", "1010-2027-TH", "1111-2027-TH",
                "BFCM-2027", "1212-2027-TH"):
        assert cid in c.index, cid
    assert c.loc["BFCM-2026", "start_date"] == pd.Timestamp("2026-11-27")
    assert c.loc["BFCM-2026", "end_date"] == pd.Timestamp("2026-11-30")
    lead_declare = (c["start_date"] - c["declaration_deadline"]).dt.days
    lead_cutoff = (c["start_date"] - c["inbound_cutoff"]).dt.days
    assert lead_declare.between(14, 28).all() and lead_cutoff.between(14, 21).all()


def test_stock_shipments_presale_creators(sample):
    stock, ships = sample["stock"], sample["shipments"]
    assert (stock["on_hand_units"] == 0).mean() > 0.2 and (stock["on_hand_units"] > 100).any()
    assert (ships["eta_date"] > END).all() and (ships["departure_date"] <= END).all()
    # Some shipments land after the inbound cutoff of the next campaign in their market.
    c = sample["campaigns"]
    region = ships["warehouse_id"].map(sample["warehouses"].set_index("warehouse_id")["region"])
    late = 0
    for r, eta in zip(region, ships["eta_date"]):
        upcoming = c[(c["regions"].str.contains(r)) & (c["inbound_cutoff"] > END)]
        late += int(eta > upcoming["inbound_cutoff"].min())
    assert late >= 3
    upcoming_ids = set(c.loc[c["start_date"] > END, "campaign_id"])
    assert set(sample["presale"]["campaign_id"]) <= upcoming_ids
    assert sample["presale"]["deposit_paid"].any() and not sample["presale"]["deposit_paid"].all()
    assert (sample["creators"]["date"] > END).all()


# ----------------------------------------------------------------------------------------------------------------
# The committed set and the command line
# ----------------------------------------------------------------------------------------------------------------


def test_committed_sample_is_the_default_generator_output(sample, tmp_path):
    paths = write_sample(sample, tmp_path)
    for name, path in paths.items():
        committed = REPO / "sample_data" / f"{name}.csv"
        assert committed.read_bytes() == path.read_bytes(), f"sample_data/{name}.csv is stale: rerun the README command"


def test_committed_sample_size_is_sane():
    sales = REPO / "sample_data" / "sales.csv"
    assert sales.stat().st_size < 12e6
    with sales.open(encoding="utf-8") as fh:
        assert sum(1 for _ in fh) - 1 < 400_000


def test_committed_sample_validates_and_round_trips(sample):
    """The importer reads the committed files with zero errors and gets back exactly the generated frames."""
    from linkstar_analytics.io.validation import load_folder

    result = load_folder(REPO / "sample_data")
    assert result.ok
    issues = [str(i) for i in result.issues if not (i.file == "README.md" and i.code == "unsupported_file")]
    assert not issues, issues[:10]  # no errors and no warnings
    assert set(result.tables) == set(GENERATED_TABLES)
    for name in GENERATED_TABLES:
        pd.testing.assert_frame_equal(result.tables[name].reset_index(drop=True), sample[name], check_dtype=False,
                                      obj=name)


def test_cli_writes_every_table(tmp_path, capsys):
    from linkstar_analytics.cli import main

    out = tmp_path / "sample"
    assert main(["sample-data", "--skus", "20", "--out", str(out), "--seed", "5", "--end-date", "2026-11-22"]) == 0
    for name in GENERATED_TABLES:
        path = out / f"{name}.csv"
        assert path.exists(), name
        header = path.open(encoding="utf-8").readline().strip().split(",")
        assert tuple(header) == TABLES[name].column_names
    assert len(pd.read_csv(out / "skus.csv")) == 20
    assert "sales.csv" in capsys.readouterr().out


def test_cli_writes_the_anchored_sample(tmp_path):
    from linkstar_analytics.cli import main

    out = tmp_path / "anchored"
    assert main(["sample-data", "--skus", "20", "--out", str(out), "--anchor", "2027-05-10"]) == 0
    sales = pd.read_csv(out / "sales.csv", usecols=["date"])
    assert sales["date"].max() == "2027-05-09"


def test_cli_reports_bad_arguments(tmp_path, capsys):
    parser = argparse.ArgumentParser()
    command.add_arguments(parser)
    assert command.run(parser.parse_args(["--skus", "2", "--out", str(tmp_path)])) == 2
    assert "--skus" in capsys.readouterr().err
    assert not any(tmp_path.iterdir())  # nothing written
    with pytest.raises(SystemExit):
        parser.parse_args(["--out", str(tmp_path), "--end-date", "22/11/2026"])
    assert "--end-date" in capsys.readouterr().err
    assert command.run(parser.parse_args(["--out", str(tmp_path), "--end-date", "2024-08-01"])) == 2
    assert "end_date" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        parser.parse_args(["--out", str(tmp_path), "--anchor", "tomorrow"])
    assert "--anchor" in capsys.readouterr().err
