# Datasets: options, bulk loads from rows and columns, one-record calls,
# customer fields, ratings, attributes, counters, and their error paths.
require_relative "test_helper"

class TestDataset < Minitest::Test
  L = Libsegment

  def test_options_defaults_and_bounds
    ds = L::Dataset.new(scale: 3, as_of: "2024-06-30", period: :week)
    assert_equal 3, ds.scale
    assert_equal Date.new(2024, 6, 30), ds.as_of
    assert_equal :week, ds.period
    assert_equal 2, L::Dataset.option_default(:scale)
    assert_nil L::Dataset.option_default(:as_of)
    assert_equal :month, L::Dataset.option_default(:period)
    assert_equal 0..6, L::Dataset.option_bounds(:scale)
    ds.set_option(:as_of, nil)
    assert_nil ds.option(:as_of)
  end

  def test_option_errors
    assert_raises(L::RangeError) { L::Dataset.new(scale: 7) }
    assert_raises(L::InvalidArgument) { L::Dataset.new(colour: 1) }
    assert_raises(L::Unsupported) { L::Dataset.new.set_option(99, 1) }
    assert_raises(L::InvalidArgument) { L::Dataset.option_bounds(:colour) }
    assert_raises(L::Unsupported) { L::Dataset.option_default(99) }
    ds = TestData.small_dataset
    assert_raises(L::StateError) { ds.set_option(:period, :day) }
  end

  def test_transactions_from_rows_with_every_value_kind
    ds = L::Dataset.new
    n = ds.add_transactions([
      { customer_id: 7, date: Date.new(2024, 1, 2), amount: 1050, order_id: 1, margin: 100, quantity: 2 },
      { customer_id: 7, date: 19_725, amount: 200, order_id: nil, margin: 50, quantity: 1 }
    ])
    assert_equal 2, n
    ds.add_transactions([{ customer: 8, date: "2024-01-05", amount: "10.50", margin: BigDecimal("1"), order: "x" },
                         { customer: 8, date: Date.new(2024, 1, 6), amount: Rational(1, 4), margin: 3, order: 5 }])
    s = ds.stats
    assert_equal 2, s[:customers]
    assert_equal 4, s[:transactions]
    assert_equal 1050 + 200 + 1050 + 25, s[:net_amount]
    assert_equal Date.new(2024, 1, 2), s[:first_date]
    assert_equal Date.new(2024, 1, 6), s[:last_date]
    assert_equal [7, 8], ds.customer_ids
  end

  def test_transactions_from_columns_and_quantity_times_price
    ds = L::Dataset.new
    ds.add_transactions(customer: %w[a b], date: %w[2024-01-01 2024-01-02], quantity: [3, 2], unit_price: ["1.50", 200])
    assert_equal 450 + 400, ds.stats[:net_amount]
  end

  def test_bulk_load_errors
    ds = L::Dataset.new
    assert_raises(L::InvalidArgument) { ds.add_transactions([{ customer: 1, date: "2024-01-01", amount: 1 }, { customer: "2", date: "2024-01-01", amount: 1 }]) }
    assert_raises(L::InvalidArgument) { ds.add_transactions(customer: [1, 2], date: ["2024-01-01"], amount: [1, 1]) }
    assert_raises(L::InvalidArgument) { ds.add_transactions([{ customer: 1, date: "2024-01-01", amount: 1, margin: 1 }, { customer: 1, date: "2024-01-01", amount: 1 }]) }
    assert_raises(L::InvalidArgument) { ds.add_transactions("not rows") }
    assert_raises(L::InvalidArgument) { ds.add_transactions([{ customer: 1, date: "2024-01-01" }]) }
    assert_raises(L::InvalidArgument) { ds.add_transactions([{ customer: 1, date: "2024-01-01", amount: 1.5 }]) }
    assert_raises(L::InvalidArgument) { ds.add_transactions([{ customer: 1, date: "2024-01-01", amount: 1, colour: 2 }]) }
    e = assert_raises(L::Inexact) { ds.add_transactions([{ customer: 1, date: "2024-01-01", amount: "0.001" }]) }
    assert_equal 1, e.line
    assert_raises(L::RangeError) { ds.add_transactions([{ customer: 1, date: "2024-02-30", amount: 1 }]) }
    assert_raises(L::Overflow) { ds.add_transactions([{ customer: 1, date: "2024-01-01", amount: 2**62 }] * 3) }
  end

  def test_customers_from_rows
    ds = L::Dataset.new
    n = ds.add_customers([
      { customer: "k", name: "Kama", status: :prospect, lead_date: "2024-01-10", lead_closed: false,
        churn_date: nil, competitor_deadline: Date.new(2025, 3, 20), project_launch: 20_000, activity: 70,
        capacity: nil, ratings: { brand: 5 }, attributes: { region: "Volga" } },
      { customer: "n", name: "Neva", lead_closed: true, ratings: { deal: 4 } }
    ])
    assert_equal 2, n
    k = ds.customer("k")
    assert_equal({ id: "k", index: 0, name: "Kama", status: :prospect, lead_date: Date.new(2024, 1, 10),
                   lead_closed: false, churn_date: nil, competitor_deadline: Date.new(2025, 3, 20),
                   project_launch: L::Dates.to_date(20_000), activity: 70, capacity: nil }, k)
    assert_equal true, ds.customer("n")[:lead_closed]
    assert_equal 5, ds.rating("k", :brand)
    assert_nil ds.rating("n", :brand)
    assert_equal 4, ds.rating("n", "deal")
    assert_equal "Volga", ds.attribute("k", :region)
    assert_nil ds.attribute("n", :region)
  end

  def test_customer_errors
    ds = L::Dataset.new
    assert_raises(L::RangeError) { ds.add_customers([{ customer: 1, activity: 101 }]) }
    assert_raises(L::InvalidArgument) { ds.add_customers([{ customer: 1, status: :sleeping }]) }
    assert_raises(L::NotFound) { ds.customer("nobody") }
    assert_raises(L::NotFound) { ds.rating("nobody", :brand) }
    assert_raises(L::NotFound) { ds.attribute("nobody", :region) }
    ds.add_customer(1)
    assert_raises(L::NotFound) { ds.rating(1, :brand) }
    assert_raises(L::InvalidArgument) { ds.add_customer("") }
    assert_raises(L::RangeError) { ds.add_customer(1, ratings: { brand: 101 }) }
    assert_raises(L::InvalidArgument) { ds.add_customer(1, ratings: { "x" * 65 => 1 }) }
    assert_raises(L::NotFound) { ds.customer_id(99) }
  end

  def test_one_record_calls
    ds = L::Dataset.new(scale: 2)
    ds.add_transaction(customer: "a", date: "2024-01-01", amount: "12.34", order: "o1", margin: "1.00", quantity: 3)
    ds.add_transaction(customer: "a", date: Date.new(2024, 1, 2), amount: -100)
    idx = ds.add_customer("a", name: "Alpha", status: :current, churn_date: "2024-05-01", ratings: { brand: 3 },
                               attributes: { region: "N" })
    assert_equal 0, idx
    ds.update_customer("a", name: "Alpha Ltd", activity: 10)
    c = ds.customer("a")
    assert_equal "Alpha Ltd", c[:name]
    assert_equal 10, c[:activity]
    assert_equal Date.new(2024, 5, 1), c[:churn_date]
    assert_equal 0, ds.customer_index("a")
    assert_equal 0, ds.index("a")
    assert_nil ds.customer_index("zz")
    assert ds.include?("a")
    refute ds.include?("zz")
    assert_equal 1, ds.size
    assert_equal 1134, ds.stats[:net_amount]
    assert_equal 1, ds.stats[:refund_rows]
  end

  def test_one_record_errors
    ds = L::Dataset.new
    assert_raises(L::RangeError) { ds.add_transaction(customer: 1, date: L::DATE_MAX + 1, amount: 1) }
    assert_raises(L::InvalidArgument) { ds.add_customer(1, colour: 2) }
    assert_raises(L::RangeError) { ds.add_customer(1, capacity: 200) }
    assert_raises(L::Overflow) { 3.times { ds.add_transaction(customer: 1, date: 0, amount: 2**62) } }
  end

  def test_a_live_result_blocks_loading
    ds = TestData.small_dataset
    r = ds.analyze
    e = assert_raises(L::StateError) { ds.add_transaction(customer: "a", date: "2024-04-01", amount: 1) }
    assert_equal(-8, e.status)
    assert_raises(L::StateError) { ds.add_transactions([{ customer: "a", date: "2024-04-01", amount: 1 }]) }
    assert_raises(L::StateError) { ds.load_csv_string("customer,date,amount\na,2024-04-01,1\n") }
    r.close
    ds.add_transaction(customer: "a", date: "2024-04-01", amount: 1)
    assert_equal 5, ds.stats[:transactions]
  end
end
