# Exceptions: one class per status (Corrupt for -13), unknown statuses as
# the base class, and the context's message, line and column carried along.
require_relative "test_helper"

class TestErrors < Minitest::Test
  E = Libsegment

  def test_every_status_has_its_class
    expected = [E::InvalidArgument, E::OutOfMemory, E::Unsupported, E::RangeError, E::ParseError, E::Inexact,
                E::Overflow, E::StateError, E::NotFound, E::BufferTooSmall, E::IOError, E::Cancelled, E::Corrupt]
    expected.each_with_index do |klass, i|
      assert_equal klass, E.error_class(-(i + 1))
      assert_operator klass, :<, E::Error
    end
    assert_operator E::Error, :<, StandardError
  end

  def test_unknown_status_raises_the_base_class
    e = assert_raises(E::Error) { E.check(-99) }
    assert_equal E::Error, e.class
    assert_equal(-99, e.status)
    assert_equal Libsegment.strerror(-99), e.message
  end

  def test_check_passes_success_through
    assert_equal 0, E.check(0)
  end

  def test_corrupt_is_status_minus_13
    e = assert_raises(E::Corrupt) { E.check(-13) }
    assert_equal(-13, e.status)
  end

  def test_parse_error_carries_line_column_and_message
    ds = E::Dataset.new
    e = assert_raises(E::ParseError) do
      ds.add_transactions([{ customer: 1, date: "2024-01-01", amount: "1" },
                           { customer: 2, date: "2024-01-02", amount: "12,5x" }])
    end
    assert_equal(-5, e.status)
    assert_equal 2, e.line
    assert_operator e.column, :>, 0
    assert_match(/row 2, field amount/, e.message)
    assert_equal e.message, ds.context.errmsg
  end

  def test_error_positions_of_a_csv_load
    Dir.mktmpdir do |dir|
      path = File.join(dir, "orders.csv")
      File.write(path, "customer,date,amount\n1,2024-01-01,5\n2,2024-01-02,12.5x\n")
      e = assert_raises(E::ParseError) { E::Dataset.new.load_csv(path) }
      assert_equal 3, e.line
      assert_operator e.column, :>, 0
      assert_match(/orders\.csv:3:/, e.message)
      assert_equal 1, e.report.rows_loaded
    end
  end

  def test_binding_side_errors_have_their_status
    e = assert_raises(E::InvalidArgument) { E::Dataset.new(period: :fortnight) }
    assert_equal(-1, e.status)
    assert_match(/unknown period :fortnight/, e.message)
  end

  def test_a_stale_context_message_is_not_reused
    ds = TestData.small_dataset
    assert_raises(E::ParseError) { ds.add_transactions([{ customer: "x", date: "bad", amount: 1 }]) }
    r = ds.analyze
    e = assert_raises(E::NotFound) { r.period_top(10_000) }
    assert_equal Libsegment.strerror(-9), e.message
  end
end
