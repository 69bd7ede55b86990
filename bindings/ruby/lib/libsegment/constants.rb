# Names for the C enums: Ruby symbols on the left, the fixed C values on the
# right; enum() maps a symbol, a string or a raw Integer to the C value.
module Libsegment
  NONE = -2_147_483_648
  DATE_MIN = -719_162
  DATE_MAX = 2_932_896

  FIELDS = {
    customer: 1, date: 10, amount: 11, order: 12, margin: 13, quantity: 14, unit_price: 15,
    name: 30, status: 31, lead_date: 32, lead_closed: 33, churn_date: 34,
    competitor_deadline: 35, project_launch: 36, activity: 37, capacity: 38
  }.freeze
  LIFECYCLE = { none: 0, current: 1, prospect: 2, refused: 3, churned: 4 }.freeze
  DATASET_OPTIONS = { scale: 1, as_of: 2, period: 3 }.freeze
  PERIODS = { day: 1, week: 2, month: 3, quarter: 4 }.freeze
  DATASET_STATS = {
    customers: 1, transactions: 2, ignored_after_as_of: 3, purchase_rows: 4, refund_rows: 5,
    orders: 6, period_cells: 7, first_date: 8, last_date: 9, net_amount: 10, memory_bytes: 11
  }.freeze
  RECORD_KINDS = { transactions: 1, customers: 2 }.freeze
  CSV_OPTIONS = {
    delimiter: 1, encoding: 2, decimal: 3, date_order: 4, header: 5, guess_roles: 6,
    strict: 7, max_errors: 8, max_record_bytes: 9, validate_only: 10, threads: 11
  }.freeze
  CSV_VALUES = {
    delimiter: { auto: 0, comma: 1, semicolon: 2, tab: 3 },
    encoding: { auto: 0, utf8: 1, cp1251: 2 },
    decimal: { auto: 0, point: 1, comma: 2 },
    date_order: { auto: 0, dmy: 1, mdy: 2 }
  }.freeze
  LOAD_STATS = {
    rows_read: 1, rows_loaded: 2, rows_rejected: 3, lines: 4, bytes: 5, errors: 6, roles: 7,
    delimiter: 20, encoding: 21, bom: 22, decimal: 23, date_order: 24
  }.freeze
  ANALYSES = { rfm: 1, abc: 2, xyz: 4, pareto: 8, lifecycle: 16, renew: 32, all: 63 }.freeze
  METRICS = { revenue: 0, margin: 1, quantity: 2, purchases: 3 }.freeze
  PARAM_VALUES = {
    frequency: { orders: 0, rows: 1, days: 2 },
    monetary: { total: 0, mean: 1 },
    rfm_method: { tie_quantile: 0, ntile: 1, thresholds: 2, r_rfm: 3 },
    abc_metric: METRICS, xyz_metric: METRICS,
    abc_boundary: { smallest: 0, inclusive: 1 },
    xyz_period: { dataset: 0, day: 1, week: 2, month: 3, quarter: 4 }
  }.freeze
  PRESETS = { abc_80_95: 1, abc_80_96: 2, xyz_10_25: 3, xyz_50_100: 4 }.freeze
  SUMMARIES = {
    customers: 1, buyers: 2, as_of: 3, net_amount: 4, purchases: 5, scale: 6, analyses: 7,
    rfm_scored: 8, rfm_unsegmented: 9, metric_total: 10, periods: 11, pareto_top_count: 12,
    pareto_reach_count: 13, renew_scored: 14, renew_unrated: 15, xyz_period: 16,
    mean_monetary: 100, gini: 101, pareto_top_share: 102, pareto_reach_share: 103,
    typical_gap_days: 104, repeat_rate: 105, xyz_cv_min: 110, xyz_cv_p10: 111,
    xyz_cv_p25: 112, xyz_cv_median: 113, xyz_cv_p75: 114, xyz_cv_p90: 115, xyz_cv_max: 116
  }.freeze
  AXES = { r: 1, f: 2, m: 3 }.freeze
  PERIOD_STATS = {
    start: 1, end: 2, complete: 3, buyers: 4, repeat_buyers: 5, new: 6, current_at_start: 7,
    churned: 8, top_count: 9, metric: 10, churn_rate: 100, repeat_rate: 101
  }.freeze
  FORMATS = { csv: 1, json: 2 }.freeze
  OUTPUTS = { table: 1, summary: 2 }.freeze
  # Values of the class columns, by column name.
  LABELS = {
    abc: { A: 1, B: 2, C: 3 },
    xyz: { X: 1, Y: 2, Z: 3, too_new: 4, no_mean: 5 },
    lifecycle: LIFECYCLE,
    lifecycle_reason: { status: 1, churn_date: 2, recency: 3, lead_closed: 4, lead_timeout: 5,
                        lead_open: 6, no_lead: 7 },
    renew_status: { scored: 1, unrated: 2 }
  }.freeze

  # The C value of +value+ in +table+: a symbol or string by name, an
  # Integer as is (so a newer C value can still be passed).
  def self.enum(table, value, what)
    return value if value.is_a?(Integer)

    key = value.respond_to?(:to_sym) ? value.to_sym : value
    table.fetch(key) do
      fail!(InvalidArgument, "unknown #{what} #{value.inspect}; expected one of #{table.keys.join(', ')}")
    end
  end
end
