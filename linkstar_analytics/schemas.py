"""Every table of a dataset: its columns, types, units and whether they are required.

A dataset is a folder (or a set of uploads) of these tables, one file each, named ``<table>.csv``
(or ``.xlsx``). The specs below are the single source of truth: the importer validates against
them, the README's data-model section documents them, the sample-data generator writes them.

Conventions
-----------
* Column names carry their unit: ``_days``, ``_kg``, ``_cm``, ``_units``, ``_pct`` (0-100),
  ``_cbm``. Money columns come with a currency column beside them (ISO 4217 code).
* Dates are ISO ``YYYY-MM-DD`` in stored data; the importer also accepts ``YYYY/MM/DD``,
  ``DD/MM/YYYY`` and ``MM/DD/YYYY`` (when unambiguous) and Excel dates.
* Regions are TikTok Shop markets: ``US``, ``UK``, ``TH`` (other SEA codes are accepted).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

DType = Literal["str", "int", "float", "date", "datetime", "bool"]

REGIONS: tuple[str, ...] = ("US", "UK", "TH", "VN", "MY", "PH", "SG", "ID")
FULFILMENT_MODES: tuple[str, ...] = ("FBT", "3PL", "SELF")
FREIGHT_MODES: tuple[str, ...] = ("sea", "air", "express")
CHANNELS: tuple[str, ...] = ("shop", "live", "video", "affiliate")
CATEGORIES: tuple[str, ...] = ("home", "beauty", "apparel", "appliances", "phone_accessories")
CURRENCIES: tuple[str, ...] = ("CNY", "USD", "GBP", "THB", "EUR", "VND", "MYR", "PHP", "SGD", "IDR")
CERTIFICATES: tuple[str, ...] = ("CE", "UKCA", "FCC", "PSE", "TISI", "UN38.3", "MSDS", "CPSIA", "FDA")


@dataclass(frozen=True)
class ColumnSpec:
    """One column: name, type, unit (``""`` when unitless), required, and its allowed values."""

    name: str
    dtype: DType
    required: bool = True
    unit: str = ""
    description: str = ""
    min_value: float | None = None
    max_value: float | None = None
    allowed: tuple[str, ...] | None = None
    # A list column holds several allowed values separated by ';' (e.g. certificates "CE;UKCA").
    is_list: bool = False
    nullable: bool = False


@dataclass(frozen=True)
class TableSpec:
    """One table: its file stem, columns, the key that must be unique, and a description."""

    name: str
    description: str
    columns: tuple[ColumnSpec, ...]
    unique_key: tuple[str, ...] = ()
    required_table: bool = True
    # Columns that must name a row in another table: {column: (table, column)}.
    references: dict[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def required_columns(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> ColumnSpec:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(f"table {self.name!r} has no column {name!r}; columns are {', '.join(self.column_names)}")


C = ColumnSpec

SALES = TableSpec(
    name="sales",
    description="Daily units sold per SKU (one row per sku x date [x region x channel]).",
    columns=(
        C("date", "date", unit="day", description="Calendar day of the sales (local market time)."),
        C("sku", "str", description="SKU id, as in the SKU master."),
        C("units", "float", unit="units", min_value=0, description="Units sold that day (net of cancellations)."),
        C("region", "str", required=False, allowed=REGIONS, description="Market the units sold in; default US."),
        C("channel", "str", required=False, allowed=CHANNELS, description="Sales channel: shop, live, video or affiliate."),
        C("revenue", "float", required=False, min_value=0, nullable=True, description="Revenue of those units, in `currency`."),
        C("currency", "str", required=False, allowed=CURRENCIES, nullable=True, description="ISO code of `revenue`."),
    ),
    unique_key=("sku", "date", "region", "channel"),
    references={"sku": ("skus", "sku")},
)

ORDER_LINES = TableSpec(
    name="order_lines",
    description="Order-line export (one row per order line with a timestamp); aggregated to daily `sales` on import.",
    columns=(
        C("order_id", "str", description="Order id from the shop export."),
        C("ordered_at", "datetime", unit="timestamp", description="When the order was placed (local market time)."),
        C("sku", "str", description="SKU id, as in the SKU master."),
        C("quantity", "float", unit="units", min_value=0, description="Units on the order line."),
        C("region", "str", required=False, allowed=REGIONS, description="Market; default US."),
        C("channel", "str", required=False, allowed=CHANNELS, description="Sales channel."),
        C("revenue", "float", required=False, min_value=0, nullable=True, description="Line revenue in `currency`."),
        C("currency", "str", required=False, allowed=CURRENCIES, nullable=True, description="ISO code of `revenue`."),
    ),
    required_table=False,
    references={"sku": ("skus", "sku")},
)

SKUS = TableSpec(
    name="skus",
    description="SKU master: one row per SKU.",
    columns=(
        C("sku", "str", description="SKU id (unique)."),
        C("name", "str", description="Product name (any language)."),
        C("category", "str", allowed=CATEGORIES, description="Product category; drives return rates and readiness rules."),
        C("size", "str", required=False, nullable=True, description="Size variant (apparel), e.g. S, M, L."),
        C("unit_cost", "float", unit="per unit", min_value=0, description="Purchase cost per unit, in `cost_currency`."),
        C("cost_currency", "str", allowed=CURRENCIES, description="ISO code of `unit_cost` (usually CNY)."),
        C("price", "float", unit="per unit", min_value=0, description="Selling price per unit, in `price_currency`."),
        C("price_currency", "str", allowed=CURRENCIES, description="ISO code of `price`."),
        C("weight_kg", "float", unit="kg", min_value=0, description="Gross weight of one packed unit."),
        C("length_cm", "float", unit="cm", min_value=0, description="Packed length of one unit."),
        C("width_cm", "float", unit="cm", min_value=0, description="Packed width of one unit."),
        C("height_cm", "float", unit="cm", min_value=0, description="Packed height of one unit."),
        C("moq_units", "int", unit="units", min_value=0, description="Supplier minimum order quantity."),
        C("case_pack_units", "int", unit="units", min_value=1, description="Units per carton; orders round up to it."),
        C("production_days", "int", unit="days", min_value=0, description="Supplier production lead time."),
        C("hs_code", "str", required=False, nullable=True, description="Harmonized System code (6-10 digits)."),
        C("has_battery", "bool", required=False, description="Contains or ships with a battery (needs UN38.3/MSDS)."),
        C("is_electronic", "bool", required=False, nullable=True,
          description="Electrical product (needs FCC/CE/UKCA/TISI); blank = by category (appliances, phone accessories)."),
        C("certificates", "str", required=False, nullable=True, allowed=CERTIFICATES, is_list=True,
          description="Certificates held, separated by ';' (CE;UKCA;FCC;PSE...)."),
        C("barcode", "str", required=False, nullable=True, description="GS1 barcode (EAN-13/UPC-A) on the unit label."),
        C("launch_date", "date", required=False, nullable=True, unit="day", description="First day on sale (new SKUs)."),
        C("platform_product_id", "str", required=False, nullable=True,
          description="TikTok Shop product id of the listing (shared by its variants); empty = not listed yet."),
        C("platform_sku_id", "str", required=False, nullable=True,
          description="TikTok Shop SKU id of this variant, as the stock-up declaration asks for it."),
        C("carton_length_cm", "float", required=False, nullable=True, unit="cm", min_value=0,
          description="Outer length of the master carton (one case pack)."),
        C("carton_width_cm", "float", required=False, nullable=True, unit="cm", min_value=0,
          description="Outer width of the master carton."),
        C("carton_height_cm", "float", required=False, nullable=True, unit="cm", min_value=0,
          description="Outer height of the master carton."),
        C("carton_gross_weight_kg", "float", required=False, nullable=True, unit="kg", min_value=0,
          description="Gross weight of one full master carton."),
        C("deposit_pct", "float", required=False, nullable=True, unit="%", min_value=0, max_value=100,
          description="Supplier deposit paid at the PO, % of the purchase (the balance at shipment); "
                      "empty = the scenario's deposit share."),
    ),
    unique_key=("sku",),
)

WAREHOUSES = TableSpec(
    name="warehouses",
    description="Destination warehouses with their lead-time components and cost rates (first-leg rates in `freight_lanes`).",
    columns=(
        C("warehouse_id", "str", description="Warehouse id (unique)."),
        C("name", "str", description="Display name."),
        C("region", "str", allowed=REGIONS, description="Market the warehouse serves."),
        C("country", "str", description="Country code (ISO 3166 alpha-2) of the warehouse."),
        C("fulfilment_mode", "str", allowed=FULFILMENT_MODES, description="FBT (Fulfilled by TikTok), 3PL or SELF (self-ship)."),
        C("currency", "str", allowed=CURRENCIES, description="Currency of the rates in this row and its lanes."),
        C("consolidation_days_min", "int", unit="days", min_value=0, description="Domestic consolidation, best case."),
        C("consolidation_days_typ", "int", unit="days", min_value=0, description="Domestic consolidation, typical."),
        C("consolidation_days_max", "int", unit="days", min_value=0, description="Domestic consolidation, worst case."),
        C("customs_days_min", "int", unit="days", min_value=0, description="Import customs clearance, best case."),
        C("customs_days_typ", "int", unit="days", min_value=0, description="Import customs clearance, typical."),
        C("customs_days_max", "int", unit="days", min_value=0, description="Import customs clearance, worst case."),
        C("receiving_days_min", "int", unit="days", min_value=0, description="Warehouse receiving to sellable, best case."),
        C("receiving_days_typ", "int", unit="days", min_value=0, description="Warehouse receiving, typical (peak season)."),
        C("receiving_days_max", "int", unit="days", min_value=0, description="Warehouse receiving, worst case (peak season)."),
        C("storage_per_cbm_month", "float", unit="per CBM per month", min_value=0, description="Storage rate off-peak."),
        C("storage_peak_surcharge_pct", "float", unit="%", min_value=0, description="Extra storage in Oct-Dec, % of the off-peak rate."),
        C("inbound_per_unit", "float", unit="per unit", min_value=0, description="Inbound handling / placement per unit."),
        C("fulfilment_per_unit", "float", unit="per unit", min_value=0, required=False, description="Pick-pack fee per unit shipped."),
        C("duty_rate_pct", "float", unit="%", min_value=0, max_value=200, description="Import duty on customs value."),
        C("vat_rate_pct", "float", unit="%", min_value=0, max_value=100, description="Import VAT on value + duty + freight."),
        C("commission_rate_pct", "float", unit="%", min_value=0, max_value=100, description="Platform commission on the selling price."),
    ),
    unique_key=("warehouse_id",),
)

FREIGHT_LANES = TableSpec(
    name="freight_lanes",
    description="First-leg freight per warehouse and mode (sea, air, express line): transit days and rates.",
    columns=(
        C("warehouse_id", "str", description="Destination warehouse."),
        C("freight_mode", "str", allowed=FREIGHT_MODES, description="sea, air or express (dedicated line / courier)."),
        C("transit_days_min", "int", unit="days", min_value=0, description="Door-to-port-of-entry transit, best case."),
        C("transit_days_typ", "int", unit="days", min_value=0, description="Transit, typical."),
        C("transit_days_max", "int", unit="days", min_value=0, description="Transit, worst case (peak season)."),
        C("rate_per_kg", "float", unit="per chargeable kg", min_value=0, nullable=True, required=False,
          description="Rate per chargeable kg (air, express), in the warehouse currency."),
        C("rate_per_cbm", "float", unit="per CBM", min_value=0, nullable=True, required=False,
          description="Rate per CBM (sea LCL, W/M), in the warehouse currency."),
        C("volumetric_divisor", "float", unit="cm3 per kg", min_value=1, description="L*W*H(cm)/divisor = volumetric kg (air 6000, express 5000, sea 1000 kg/CBM)."),
    ),
    unique_key=("warehouse_id", "freight_mode"),
    references={"warehouse_id": ("warehouses", "warehouse_id")},
)

LAST_MILE = TableSpec(
    name="last_mile",
    description="Last-mile delivery fee per parcel by weight band (the band is the smallest max_weight_kg >= the parcel).",
    columns=(
        C("warehouse_id", "str", description="Warehouse shipping the parcel."),
        C("max_weight_kg", "float", unit="kg", min_value=0, description="Upper bound of the weight band."),
        C("fee_per_parcel", "float", unit="per parcel", min_value=0, description="Fee in the warehouse currency."),
    ),
    unique_key=("warehouse_id", "max_weight_kg"),
    references={"warehouse_id": ("warehouses", "warehouse_id")},
)

STOCK = TableSpec(
    name="stock",
    description="Stock on hand per SKU x warehouse (sellable units).",
    columns=(
        C("sku", "str", description="SKU id."),
        C("warehouse_id", "str", description="Warehouse id."),
        C("on_hand_units", "float", unit="units", min_value=0, description="Sellable units on hand now."),
    ),
    unique_key=("sku", "warehouse_id"),
    references={"sku": ("skus", "sku"), "warehouse_id": ("warehouses", "warehouse_id")},
)

SHIPMENTS = TableSpec(
    name="shipments",
    description="Stock in transit: one row per shipment line (a shipment may carry several SKUs).",
    columns=(
        C("shipment_id", "str", description="Shipment / booking id."),
        C("sku", "str", description="SKU id."),
        C("warehouse_id", "str", description="Destination warehouse."),
        C("units", "float", unit="units", min_value=0, description="Units of this SKU on the shipment."),
        C("freight_mode", "str", allowed=FREIGHT_MODES, description="sea, air or express."),
        C("departure_date", "date", unit="day", description="Departure from China."),
        C("eta_date", "date", unit="day", description="Expected arrival (received, sellable) at the warehouse."),
    ),
    unique_key=("shipment_id", "sku"),
    required_table=False,
    references={"sku": ("skus", "sku"), "warehouse_id": ("warehouses", "warehouse_id")},
)

CAMPAIGNS = TableSpec(
    name="campaigns",
    description="Campaign calendar with declaration deadlines and inbound cutoffs.",
    columns=(
        C("campaign_id", "str", description="Campaign id (unique), e.g. BFCM-2026."),
        C("name", "str", description="Display name."),
        C("regions", "str", allowed=REGIONS, is_list=True, description="Markets, separated by ';' (e.g. US;UK)."),
        C("start_date", "date", unit="day", description="First campaign day."),
        C("end_date", "date", unit="day", description="Last campaign day."),
        C("declaration_deadline", "date", unit="day", description="Last day to declare the stock-up plan."),
        C("inbound_cutoff", "date", unit="day", description="Stock must be received (sellable) by this day."),
        C("default_uplift", "float", unit="x baseline", min_value=0, description="Uplift on campaign days where there is no history."),
    ),
    unique_key=("campaign_id",),
)

PRESALE = TableSpec(
    name="presale",
    description="Presale orders / reservations per SKU x campaign x region.",
    columns=(
        C("sku", "str", description="SKU id."),
        C("campaign_id", "str", description="Campaign id."),
        C("region", "str", allowed=REGIONS, description="Market."),
        C("presale_units", "float", unit="units", min_value=0, description="Presale orders or reservations (before conversion)."),
        C("deposit_paid", "bool", required=False, description="True where a deposit was taken (converts far better)."),
    ),
    unique_key=("sku", "campaign_id", "region"),
    required_table=False,
    references={"sku": ("skus", "sku"), "campaign_id": ("campaigns", "campaign_id")},
)

CREATORS = TableSpec(
    name="creators",
    description="Creator / live-stream schedule: expected units per session.",
    columns=(
        C("date", "date", unit="day", description="Day of the live stream or video push."),
        C("sku", "str", description="SKU id."),
        C("creator", "str", description="Creator or live room."),
        C("region", "str", allowed=REGIONS, description="Market."),
        C("expected_units", "float", unit="units", min_value=0, description="Units the creator expects to sell."),
    ),
    unique_key=("date", "sku", "creator", "region"),
    required_table=False,
    references={"sku": ("skus", "sku")},
)

PRICES = TableSpec(
    name="prices",
    description="Shelf price per SKU and market (a SKU x market without a row uses the SKU master price).",
    columns=(
        C("sku", "str", description="SKU id."),
        C("region", "str", allowed=REGIONS, description="Market."),
        C("price", "float", unit="per unit", min_value=0, description="Shelf price per unit in that market, in `currency`."),
        C("currency", "str", allowed=CURRENCIES, description="ISO code of `price` (usually the market's currency)."),
        C("price_includes_vat", "bool", required=False, nullable=True,
          description="True where the price includes output VAT (netted before margins); blank = by market (UK, TH yes; US no)."),
    ),
    unique_key=("sku", "region"),
    required_table=False,
    references={"sku": ("skus", "sku")},
)

STOCK_HISTORY = TableSpec(
    name="stock_history",
    description="Daily stock on hand per SKU (optional): days with none on hand are read as lost sales, not zero demand.",
    columns=(
        C("date", "date", unit="day", description="Calendar day of the count (end of day, local market time)."),
        C("sku", "str", description="SKU id."),
        C("on_hand_units", "float", unit="units", min_value=0, description="Sellable units on hand that day."),
        C("region", "str", required=False, allowed=REGIONS, nullable=True,
          description="Market the stock serves; blank = every market of the SKU (or the warehouse's market)."),
        C("warehouse_id", "str", required=False, nullable=True, description="Warehouse holding it (optional)."),
    ),
    unique_key=("date", "sku", "region", "warehouse_id"),
    required_table=False,
    references={"sku": ("skus", "sku"), "warehouse_id": ("warehouses", "warehouse_id")},
)

FBT_QUOTA = TableSpec(
    name="fbt_quota",
    description="The store's inbound quota per FBT warehouse and month (the platform refuses inbound beyond it); "
                "a row needs quota_units or quota_cbm (or both). A row for an unknown or non-FBT warehouse is left out "
                "with a warning.",
    columns=(
        C("warehouse_id", "str", description="FBT warehouse the quota is for (as in warehouses.csv)."),
        C("month", "date", unit="month", description="Month of the quota: YYYY-MM, or any date in the month."),
        C("quota_units", "float", required=False, nullable=True, unit="units", min_value=0,
          description="Units the store may send in that month; blank = no unit limit."),
        C("quota_cbm", "float", required=False, nullable=True, unit="CBM", min_value=0,
          description="Cubic metres the store may send in that month; blank = no volume limit."),
    ),
    unique_key=("warehouse_id", "month"),
    required_table=False,
)

PLATFORM_RECOMMENDATION = TableSpec(
    name="platform_recommendation",
    description="The platform's recommended stock per SKU after a stock-up declaration for a campaign (optional "
                "market or warehouse). A row naming an unknown SKU or campaign is left out with a warning.",
    columns=(
        C("sku", "str", description="SKU id, as in the SKU master."),
        C("campaign_id", "str", description="Campaign the declaration was for (as in campaigns.csv)."),
        C("region", "str", required=False, nullable=True, allowed=REGIONS,
          description="Market of the recommendation; blank = the warehouse's market, or every market of the SKU."),
        C("warehouse_id", "str", required=False, nullable=True,
          description="Warehouse of the recommendation (optional)."),
        C("recommended_units", "float", unit="units", min_value=0,
          description="Stock the platform recommends for the campaign."),
    ),
    unique_key=("sku", "campaign_id", "region", "warehouse_id"),
    required_table=False,
)

CAMPAIGN_PRICES = TableSpec(
    name="campaign_prices",
    description="Planned campaign price per SKU, campaign and market (optional): checked against the lowest price of "
                "the 30 days before the campaign.",
    columns=(
        C("sku", "str", description="SKU id."),
        C("campaign_id", "str", description="Campaign id."),
        C("region", "str", allowed=REGIONS, description="Market."),
        C("campaign_price", "float", unit="per unit", min_value=0,
          description="Price per unit planned for the campaign, in `currency`."),
        C("currency", "str", allowed=CURRENCIES, description="ISO code of `campaign_price`."),
    ),
    unique_key=("sku", "campaign_id", "region"),
    required_table=False,
    references={"sku": ("skus", "sku"), "campaign_id": ("campaigns", "campaign_id")},
)

CAMPAIGN_ACTUALS = TableSpec(
    name="campaign_actuals",
    description="A finished campaign's actual results per SKU x market x day (optional; imported once the campaign has "
                "ended, the Campaign report compares them with the forecast the plan stood on).",
    columns=(
        C("campaign_id", "str", description="Campaign id, as in campaigns; the campaign must have ended."),
        C("sku", "str", description="SKU id."),
        C("region", "str", allowed=REGIONS, description="Market."),
        C("date", "date", unit="day", description="Campaign day (local market time)."),
        C("units_sold", "float", unit="units", min_value=0, description="Units sold that day (net of cancellations)."),
        C("stockout", "bool", required=False, nullable=True,
          description="True on a day the SKU ran out (sold out for part of the day at least); blank = not known."),
        C("on_hand_units", "float", required=False, nullable=True, unit="units", min_value=0,
          description="Sellable units on hand at the end of the day; 0 counts as a stockout day, the last day's count "
                      "is the leftover."),
        C("presale_units", "float", required=False, nullable=True, unit="units", min_value=0,
          description="Units of the day's sales that were presale orders converted (balance paid or reservation "
                      "turned into an order)."),
        C("creator_units", "float", required=False, nullable=True, unit="units", min_value=0,
          description="Units of the day's sales through creators' videos and live streams (affiliate)."),
    ),
    unique_key=("campaign_id", "sku", "region", "date"),
    required_table=False,
    references={"sku": ("skus", "sku"), "campaign_id": ("campaigns", "campaign_id")},
)

#: Every table, in import order (referenced tables first).
TABLES: dict[str, TableSpec] = {
    t.name: t
    for t in (SKUS, WAREHOUSES, FREIGHT_LANES, LAST_MILE, CAMPAIGNS, SALES, ORDER_LINES, STOCK, SHIPMENTS, PRESALE,
              CREATORS, PRICES, STOCK_HISTORY, FBT_QUOTA, PLATFORM_RECOMMENDATION, CAMPAIGN_PRICES, CAMPAIGN_ACTUALS)
}

#: Tables a complete dataset needs (sales may come as order_lines instead).
REQUIRED_TABLES: tuple[str, ...] = tuple(t.name for t in TABLES.values() if t.required_table)
