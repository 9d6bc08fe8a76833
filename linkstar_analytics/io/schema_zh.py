"""The data model in Chinese: every table's and column's description, for the Data page's "table formats" in 中文.

Kept beside :mod:`linkstar_analytics.schemas` (the English source of truth); ``tests/io/test_io_messages.py``
checks that every table and column there has its Chinese line here.
"""

from __future__ import annotations

TABLES_ZH: dict[str, str] = {
    "skus": "SKU 主数据：每个 SKU 一行。",
    "warehouses": "目的仓：时效各环节与费率（头程费率见 `freight_lanes`）。",
    "freight_lanes": "各仓各头程方式（海运、空运、专线快递）的在途天数与费率。",
    "last_mile": "按重量段计的尾程派送费（取不小于包裹重量的最小 max_weight_kg 段）。",
    "campaigns": "大促日历：报备截止日与入仓截止日。",
    "sales": "每个 SKU 的每日销量（每行一个 sku × 日期 [× 市场 × 渠道]）。",
    "order_lines": "订单明细导出（每行一个带时间的订单行）；导入时汇总为每日 `sales`。",
    "stock": "各 SKU 在各仓的现有可售库存。",
    "shipments": "在途库存：每行一个货件明细（一个货件可含多个 SKU）。",
    "presale": "各 SKU × 大促 × 市场的预售订单 / 预约。",
    "creators": "达人 / 直播排期：每场预计销量。",
}

COLUMNS_ZH: dict[tuple[str, str], str] = {
    ("skus", "sku"): "SKU 编码（唯一）。", ("skus", "name"): "商品名称（任意语言）。",
    ("skus", "category"): "商品类目；决定退货率与合规要求。", ("skus", "size"): "尺码（服装），如 S、M、L。",
    ("skus", "unit_cost"): "单件采购成本，币种见 `cost_currency`。", ("skus", "cost_currency"): "`unit_cost` 的币种代码（通常为 CNY）。",
    ("skus", "price"): "单件售价，币种见 `price_currency`。", ("skus", "price_currency"): "`price` 的币种代码。",
    ("skus", "weight_kg"): "单件包装后毛重。", ("skus", "length_cm"): "单件包装长度。", ("skus", "width_cm"): "单件包装宽度。",
    ("skus", "height_cm"): "单件包装高度。", ("skus", "moq_units"): "供应商最小起订量。",
    ("skus", "case_pack_units"): "每箱件数；下单量向上取整到整箱。", ("skus", "production_days"): "供应商生产周期。",
    ("skus", "hs_code"): "海关 HS 编码（6-10 位）。", ("skus", "has_battery"): "含电池或随附电池（需 UN38.3/MSDS）。",
    ("skus", "is_electronic"): "电器类商品（需 FCC/CE/UKCA/TISI）；留空则按类目（家电、手机配件）判断。",
    ("skus", "certificates"): "已有证书，用 ';' 分隔（CE;UKCA;FCC;PSE…）。", ("skus", "barcode"): "单品标签上的 GS1 条码（EAN-13/UPC-A）。",
    ("skus", "launch_date"): "首次开售日期（新品）。",
    ("warehouses", "warehouse_id"): "仓库编码（唯一）。", ("warehouses", "name"): "显示名称。",
    ("warehouses", "region"): "该仓服务的市场。", ("warehouses", "country"): "仓库所在国家代码（ISO 3166 两位字母）。",
    ("warehouses", "fulfilment_mode"): "FBT（TikTok 官方仓）、3PL 或 SELF（自发货）。",
    ("warehouses", "currency"): "本行及其头程线路费率的币种。",
    ("warehouses", "consolidation_days_min"): "国内集货，最快。", ("warehouses", "consolidation_days_typ"): "国内集货，一般。",
    ("warehouses", "consolidation_days_max"): "国内集货，最慢。", ("warehouses", "customs_days_min"): "进口清关，最快。",
    ("warehouses", "customs_days_typ"): "进口清关，一般。", ("warehouses", "customs_days_max"): "进口清关，最慢。",
    ("warehouses", "receiving_days_min"): "入仓上架至可售，最快。", ("warehouses", "receiving_days_typ"): "入仓上架，一般（旺季）。",
    ("warehouses", "receiving_days_max"): "入仓上架，最慢（旺季）。", ("warehouses", "storage_per_cbm_month"): "淡季仓储费率。",
    ("warehouses", "storage_peak_surcharge_pct"): "10-12 月仓储附加费，占淡季费率的百分比。",
    ("warehouses", "inbound_per_unit"): "每件入仓操作 / 配置费。", ("warehouses", "fulfilment_per_unit"): "每件出库拣货打包费。",
    ("warehouses", "duty_rate_pct"): "按完税价格计的进口关税。", ("warehouses", "vat_rate_pct"): "按货值 + 关税 + 运费计的进口增值税。",
    ("warehouses", "commission_rate_pct"): "按售价计的平台佣金。",
    ("freight_lanes", "warehouse_id"): "目的仓。", ("freight_lanes", "freight_mode"): "sea、air 或 express（专线 / 快递）。",
    ("freight_lanes", "transit_days_min"): "门到入境口岸的在途天数，最快。", ("freight_lanes", "transit_days_typ"): "在途天数，一般。",
    ("freight_lanes", "transit_days_max"): "在途天数，最慢（旺季）。",
    ("freight_lanes", "rate_per_kg"): "每计费公斤费率（空运、快递），仓库币种。",
    ("freight_lanes", "rate_per_cbm"): "每立方米费率（海运拼箱，W/M），仓库币种。",
    ("freight_lanes", "volumetric_divisor"): "长×宽×高(cm)/除数 = 体积重（空运 6000、快递 5000、海运 1000 kg/CBM）。",
    ("last_mile", "warehouse_id"): "发货仓库。", ("last_mile", "max_weight_kg"): "重量段上限。",
    ("last_mile", "fee_per_parcel"): "每包裹费用，仓库币种。",
    ("campaigns", "campaign_id"): "大促编码（唯一），如 BFCM-2026。", ("campaigns", "name"): "显示名称。",
    ("campaigns", "regions"): "市场，用 ';' 分隔（如 US;UK）。", ("campaigns", "start_date"): "大促首日。",
    ("campaigns", "end_date"): "大促末日。", ("campaigns", "declaration_deadline"): "报备备货计划的截止日。",
    ("campaigns", "inbound_cutoff"): "货物须在此日前入仓可售。", ("campaigns", "default_uplift"): "无历史数据时大促日的提升倍数。",
    ("sales", "date"): "销售日期（当地市场时间）。", ("sales", "sku"): "SKU 编码，与 SKU 主数据一致。",
    ("sales", "units"): "当日销量（扣除取消）。", ("sales", "region"): "销售市场；默认 US。",
    ("sales", "channel"): "销售渠道：shop、live、video 或 affiliate。", ("sales", "revenue"): "这些销量的销售额，币种见 `currency`。",
    ("sales", "currency"): "`revenue` 的币种代码。",
    ("order_lines", "order_id"): "店铺导出的订单号。", ("order_lines", "ordered_at"): "下单时间（当地市场时间）。",
    ("order_lines", "sku"): "SKU 编码，与 SKU 主数据一致。", ("order_lines", "quantity"): "订单行件数。",
    ("order_lines", "region"): "市场；默认 US。", ("order_lines", "channel"): "销售渠道。",
    ("order_lines", "revenue"): "订单行销售额，币种见 `currency`。", ("order_lines", "currency"): "`revenue` 的币种代码。",
    ("stock", "sku"): "SKU 编码。", ("stock", "warehouse_id"): "仓库编码。", ("stock", "on_hand_units"): "当前可售库存件数。",
    ("shipments", "shipment_id"): "货件 / 订舱号。", ("shipments", "sku"): "SKU 编码。", ("shipments", "warehouse_id"): "目的仓。",
    ("shipments", "units"): "该货件中此 SKU 的件数。", ("shipments", "freight_mode"): "sea、air 或 express。",
    ("shipments", "departure_date"): "从中国出发日期。", ("shipments", "eta_date"): "预计到仓（入仓可售）日期。",
    ("presale", "sku"): "SKU 编码。", ("presale", "campaign_id"): "大促编码。", ("presale", "region"): "市场。",
    ("presale", "presale_units"): "预售订单或预约数（转化前）。", ("presale", "deposit_paid"): "已付定金（转化率高得多）时为 true。",
    ("creators", "date"): "直播或视频推广日期。", ("creators", "sku"): "SKU 编码。", ("creators", "creator"): "达人或直播间。",
    ("creators", "region"): "市场。", ("creators", "expected_units"): "达人预计销量。",
}

DTYPES_ZH = {"str": "文本", "int": "整数", "float": "数字", "date": "日期", "datetime": "日期时间", "bool": "是/否"}
