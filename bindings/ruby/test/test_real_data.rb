# The bundled UCI Online Retail extract through the binding, checked against
# the figures tests/unit/test_real_data.c checks (online_retail_expected.txt).
require_relative "test_helper"

class TestRealData < Minitest::Test
  L = Libsegment

  EXPECTED = File.readlines(TestData.path("online_retail_expected.txt"), chomp: true)
                 .reject { |l| l.start_with?("#") || !l.include?("=") }
                 .to_h { |l| l.split("=", 2) }.freeze

  # invoice,customer,date,amount (thousandths),clean -> columns for one bulk load.
  def self.rows(only_clean)
    lines = File.readlines(TestData.path("online_retail_invoices.csv"), chomp: true).drop(1).map { |l| l.split(",") }
    lines = lines.select { |l| l[4] == "1" } if only_clean
    { order: lines.map { |l| l[0] }, customer: lines.map { |l| l[1].to_i }, date: lines.map { |l| l[2] },
      amount: lines.map { |l| l[3].to_i } }
  end

  def self.dataset(only_clean)
    ds = L::Dataset.new(scale: 3)
    ds.add_transactions(rows(only_clean))
    ds
  end

  CLEAN = dataset(true)
  ALL = dataset(false)

  def want(key) = EXPECTED.fetch(key)
  def want_i(key) = Integer(want(key))

  def assert_ratio(key, got)
    assert_in_delta Float(want(key)), got, 1e-8 * [1.0, Float(want(key)).abs].max, key
  end

  def assert_counts(prefix, result, column, labels)
    labels.each_with_index do |label, i|
      assert_equal want_i("#{prefix}#{label}"), result.class_summary(column, i + 1)[:count], "#{prefix}#{label}"
    end
  end

  def run_clean(**params) = CLEAN.analyze(as_of: want("as_of"), **params)

  def test_totals_abc_pareto_lifecycle
    r = run_clean
    s = r.summary
    assert_equal want_i("customers"), s[:customers]
    assert_equal want_i("buyers"), s[:buyers]
    assert_equal want_i("revenue"), s[:net_amount]
    assert_equal want_i("metric_total"), s[:metric_total]
    assert_equal [1133, 1469, 1736], %i[A B C].map { |c| r.class_summary(:abc, c)[:count] }
    assert_counts("abc.smallest.", r, :abc, %w[A B C])
    %w[A B C].each { |c| assert_equal want_i("abc.smallest.metric.#{c}"), r.class_summary(:abc, c.to_sym)[:metric] }
    assert_counts("rfm.tie.R", r, :r, (1..5).to_a)
    assert_counts("rfm.tie.F", r, :f, (1..5).to_a)
    assert_counts("rfm.tie.M", r, :m, (1..5).to_a)
    assert_equal want_i("pareto.top_n"), s[:pareto_top_count]
    assert_ratio("pareto.top_share", s[:pareto_top_share])
    assert_equal want_i("pareto.reach_k"), s[:pareto_reach_count]
    assert_ratio("pareto.reach_share", s[:pareto_reach_share])
    assert_ratio("gini", s[:gini])
    assert_equal want_i("lifecycle.current"), r.class_summary(:lifecycle, :current)[:count]
    assert_equal want_i("lifecycle.churned"), r.class_summary(:lifecycle, :churned)[:count]
  end

  def test_abc_variants
    assert_counts("abc.inclusive.", run_clean(abc_boundary: :inclusive), :abc, %w[A B C])
    assert_counts("abc.preset_80_96.", run_clean(preset: :abc_80_96), :abc, %w[A B C])
    assert_counts("abc.count.", run_clean(abc_by_count: true), :abc, %w[A B C])
  end

  def test_rfm_ntile
    r = run_clean(rfm_method: :ntile)
    %w[R F M].each { |axis| assert_counts("rfm.ntile.#{axis}", r, axis.downcase.to_sym, (1..5).to_a) }
  end

  def test_xyz_and_matrix
    r = run_clean
    %w[X Y Z too_new no_mean].each_with_index do |cls, i|
      assert_equal want_i("xyz.#{cls}"), r.class_summary(:xyz, i + 1)[:count], "xyz.#{cls}"
    end
    assert_equal want("xyz.window_first"), r.periods.first[:start].strftime("%Y-%m")
    assert_equal want("xyz.window_last"), r.periods.last[:start].strftime("%Y-%m")
    assert_ratio("xyz.cv_p10", r.summary[:xyz_cv_p10])
    assert_ratio("xyz.cv_p50", r.summary[:xyz_cv_median])
    assert_ratio("xyz.cv_p90", r.summary[:xyz_cv_p90])
    r.abc_xyz[:counts].each { |cell, n| assert_equal want_i("abc_xyz.#{cell}"), n, cell }
    wide = run_clean(preset: :xyz_50_100)
    %w[X Y Z].each_with_index { |c, i| assert_equal want_i("xyz_wide.#{c}"), wide.class_summary(:xyz, i + 1)[:count] }
  end

  def test_every_row_with_refunds
    r = ALL.analyze(as_of: want("as_of"))
    s = r.summary
    assert_equal want_i("all.customers"), s[:customers]
    assert_equal want_i("all.buyers"), s[:buyers]
    assert_equal want_i("all.revenue"), s[:net_amount]
    assert_equal want_i("all.metric_total"), s[:metric_total]
    assert_counts("all.abc.smallest.", r, :abc, %w[A B C])
    assert_counts("all.rfm.tie.R", r, :r, (1..5).to_a)
  end

  def test_csv_path_load_agrees_with_the_bulk_load
    ds = L::Dataset.new(scale: 3)
    ds.load_csv(TestData.path("online_retail_invoices.csv"), map: { order: "invoice" })
    r = ds.analyze(as_of: want("as_of"))
    assert_counts("all.abc.smallest.", r, :abc, %w[A B C])
    assert_equal want_i("all.customers"), r.rows
  end

  def test_columns_agree_with_class_summaries
    r = run_clean
    abc = r.column(:abc, labels: true)
    assert_equal 1133, abc.count(:A)
    assert_equal 1736, abc.count(:C)
    assert_equal 1133, r.each_customer(abc: :A, columns: []).count
    assert_equal want_i("revenue"), r.column(:net_amount).sum
  end
end
