# Results: columns as Arrays with nil for null, labels, summaries, class
# figures, RFM breaks, matrix, Lorenz curve, periods, explain, writers, cursors.
require_relative "test_helper"
require "json"

class TestResult < Minitest::Test
  L = Libsegment

  def setup
    @ds = TestData.small_dataset
    @r = @ds.analyze
  end

  def test_columns
    assert_equal 4, @r.rows
    assert_equal 4, @r.size
    assert_equal 37, @r.columns.size
    assert_equal [2, 1, 1, 0], @r.column(:frequency)
    assert_equal [1, 2, 3, nil], @r.column(:abc)
    assert_equal [3000, 500, 100, 0], @r[:net_amount]
    assert_equal %i[A B C] + [nil], @r.column(:abc, labels: true)
    assert_equal %i[current current current refused], @r.column(:lifecycle, labels: true)
    assert_equal [Date.new(2024, 3, 5), Date.new(2024, 2, 10), Date.new(2024, 3, 20), nil],
                 @r.column(:last_purchase, labels: true)
    assert_kind_of Float, @r.column(:renew).last
    assert_equal [nil, nil, nil], @r.column(:renew).first(3)
    assert_equal @r.columns, @r.to_h.keys
    assert_equal %w[a b c lead], @r.customer_ids
    assert_equal :i64, L::Result.column_type(:abc)
    assert_equal :f64, L::Result.column_type(:xyz_cv)
    assert_raises(L::InvalidArgument) { @r.column(:colour) }
    assert_raises(L::Unsupported) { L::Result.column_type(99) }
  end

  def test_segment_names_on_labels
    names = @r.column(:rfm_segment, labels: true)
    assert_equal 3, names.compact.size
    names.compact.each { |n| assert_includes @r.segment_names, n }
    assert_equal 11, @r.segment_names.size
    assert_equal "Champions", @r.segment_name(0)
    assert_nil @r.segment_name(99)
  end

  def test_summary
    s = @r.summary
    assert_equal 4, s[:customers]
    assert_equal 3, s[:buyers]
    assert_equal Date.new(2024, 3, 20), s[:as_of]
    assert_equal 3600, s[:net_amount]
    assert_equal 2, s[:scale]
    assert_equal 63, s[:analyses]
    assert_equal 1, s[:renew_scored]
    assert_kind_of Float, s[:gini]
    assert_equal 3, @r.summary_value(:buyers)
    assert_raises(L::InvalidArgument) { @r.summary_value(:colour) }
  end

  def test_class_summaries
    a = @r.class_summary(:abc, :A)
    assert_equal 1, a[:count]
    assert_equal 3000, a[:metric]
    assert_in_delta 1.0 / 3, a[:count_share]
    assert_in_delta 3000.0 / 3600, a[:metric_share]
    assert_equal %i[A B C], @r.classes(:abc).keys
    assert_equal 3, @r.classes(:lifecycle)[:current][:count]
    assert_equal 1, @r.class_summary(:abc, 2)[:count]
    assert_raises(L::InvalidArgument) { @r.class_summary(:monetary, 1) }
    assert_raises(L::InvalidArgument) { @r.class_summary(:abc, :D) }
    assert_raises(KeyError) { @r.classes(:monetary) }
  end

  def test_rfm_breaks_matrix_lorenz
    assert_equal 4, @r.rfm_breaks(:r).size
    assert_equal 4, @r.rfm_breaks(:m).size
    assert_raises(L::InvalidArgument) { @r.rfm_breaks(:q) }
    m = @r.abc_xyz
    assert_equal %i[AX AY AZ BX BY BZ CX CY CZ], m[:counts].keys
    assert_equal m[:counts].keys, m[:shares].keys
    x, y = @r.lorenz
    assert_equal 101, x.size
    assert_equal 101, y.size
    assert_in_delta 1.0, y.last
  end

  def test_analysis_that_did_not_run
    r = @ds.analyze(analyses: [:lifecycle])
    assert_raises(L::StateError) { r.rfm_breaks(:r) }
    assert_raises(L::StateError) { r.abc_xyz }
    assert_raises(L::StateError) { r.lorenz }
    assert_raises(L::StateError) { r.class_summary(:abc, :A) }
  end

  def test_periods_and_top_lists
    periods = @r.periods
    assert_equal @r.summary[:periods], periods.size
    last = periods.last
    assert_equal Date.new(2024, 2, 1), last[:start]
    assert_equal Date.new(2024, 2, 29), last[:end]
    assert_equal 1, last[:buyers]
    assert_equal 0.0, last[:churn_rate]
    assert_equal [], @r.period_top(periods.size - 1)
    assert_equal %w[b], @ds.analyze(pareto_top: 1.0).period_top(periods.size - 1)
    assert_raises(L::NotFound) { @r.period_top(periods.size) }
    assert_raises(L::NotFound) { @r.period(periods.size) }
  end

  def test_explain
    text = @r.explain("a")
    assert_match(/\ARFM /, text)
    assert_match(/^ABC A/, text)
    assert_equal 1, @r.explain("a", analyses: :abc).lines.size
    assert_match(/Renew/, @r.explain("lead", analyses: %i[renew]))
    assert_raises(L::NotFound) { @r.explain("nobody") }
    assert_raises(L::InvalidArgument) { @r.explain("a", analyses: :tarot) }
  end

  def test_write_and_dump
    Dir.mktmpdir do |dir|
      path = File.join(dir, "table.csv")
      assert_equal path, @r.write(path)
      assert_equal @r.to_csv, File.read(path)
      assert_match(/\Acustomer_id,lifecycle,recency_days/, File.read(path))
      json = JSON.parse(@r.dump(format: :json, what: :summary))
      assert_equal 4, json["dataset"]["customers"]
      assert_equal 4, JSON.parse(@r.to_json).size
      e = assert_raises(L::IOError) { @r.write(File.join(dir, "no", "such", "dir.csv")) }
      assert_match(/no\/such/, e.message)
      assert_raises(L::InvalidArgument) { @r.write(path, format: :xml) }
      assert_raises(L::InvalidArgument) { @r.dump(what: :everything) }
    end
  end

  def test_each_customer_and_filters
    rows = @r.each_customer(columns: %i[abc monetary]).to_a
    assert_equal [{ id: "a", abc: 1, monetary: 3000 }, { id: "b", abc: 2, monetary: 500 },
                  { id: "c", abc: 3, monetary: 100 }, { id: "lead", abc: nil, monetary: 0 }], rows
    assert_equal %w[a], @r.each_customer(abc: :A).map { |row| row[:id] }
    assert_equal %w[lead], @r.each_customer(lifecycle: :refused, columns: []).map { |row| row[:id] }
    assert_equal 37 + 1, @r.first.size
    assert_equal 4, @r.count
    assert_raises(L::InvalidArgument) { @r.each_customer(monetary_class: 1).to_a }
    assert_raises(L::InvalidArgument) { @r.each_customer(xyz_cv: 1).to_a }
  end

  def test_cursor
    L::Cursor.open(@r, abc: :B) do |cur|
      assert cur.next?
      assert_equal 1, cur.customer
      assert_equal 500, cur[:monetary]
      assert_nil cur[:mean_gap_days]
      refute cur.next?
      assert_raises(L::StateError) { cur.customer }
      cur.filter(nil)
      assert cur.next?
      assert_equal 0, cur.customer
    end
  end
end
