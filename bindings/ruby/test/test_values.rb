# Dates and money helpers: Date, ISO text and day numbers both ways; exact
# money from Integer minor units, String, BigDecimal and Rational.
require_relative "test_helper"

class TestValues < Minitest::Test
  D = Libsegment::Dates
  M = Libsegment::Money

  def test_day_numbers
    assert_equal 0, D.day(Date.new(1970, 1, 1))
    assert_equal 19_723, D.day("2024-01-01")
    assert_equal 19_723, D.day("2024-01-01T10:30")
    assert_equal 19_723, D.day(19_723)
    assert_equal 19_723, D.from_ymd(2024, 1, 1)
    assert_equal Date.new(2024, 1, 1), D.to_date(19_723)
    assert_nil D.to_date(nil)
    assert_nil D.to_date(Libsegment::NONE)
    assert_equal "2024-02-29", D.format(Date.new(2024, 2, 29))
    assert_equal "0001-01-01", D.format(Libsegment::DATE_MIN)
  end

  def test_date_errors
    assert_raises(Libsegment::RangeError) { D.day("2023-02-30") }
    e = assert_raises(Libsegment::ParseError) { D.parse("2023/02/01", Libsegment::Context.new) }
    assert_operator e.column, :>, 0
    assert_raises(Libsegment::RangeError) { D.from_ymd(2023, 13, 1) }
    assert_raises(Libsegment::RangeError) { D.to_date(Libsegment::DATE_MAX + 1) }
    assert_raises(Libsegment::RangeError) { D.format(Libsegment::DATE_MAX + 1) }
    assert_raises(Libsegment::InvalidArgument) { D.day(1.5) }
  end

  def test_money_conversions
    assert_equal 123_450, M.to_minor("1234.50")
    assert_equal 123_450, M.to_minor(123_450)
    assert_equal 123_450, M.to_minor(BigDecimal("1234.5"))
    assert_equal 150, M.to_minor(Rational(3, 2))
    assert_equal(-7, M.to_minor("-0.07"))
    assert_equal 1_234_567, M.to_minor("1234.567", 3)
    assert_equal "-1234.50", M.format(-123_450)
    assert_equal "12", M.format(12, 0)
    assert_equal BigDecimal("1234.5"), M.to_decimal(123_450)
    assert_equal "1.5", M.text(Rational(3, 2))
    assert_equal "0.05", M.text(5)
  end

  def test_money_errors
    assert_raises(Libsegment::Inexact) { M.to_minor("1.005") }
    assert_raises(Libsegment::Inexact) { M.to_minor(Rational(1, 3)) }
    assert_raises(Libsegment::Inexact) { M.to_minor(BigDecimal("0.001")) }
    assert_raises(Libsegment::ParseError) { M.to_minor("12,5x") }
    assert_raises(Libsegment::Overflow) { M.to_minor("99999999999999999999") }
    assert_raises(Libsegment::RangeError) { M.to_minor("1", 7) }
    assert_raises(Libsegment::RangeError) { M.format(1, 9) }
    e = assert_raises(Libsegment::InvalidArgument) { M.to_minor(1.5) }
    assert_match(/not exact money/, e.message)
  end
end
