# Money: exact int64 minor units at the dataset scale (0-6 decimals); text,
# BigDecimal and Rational convert exactly or raise Inexact, never rounding.
require "bigdecimal"

module Libsegment
  # Minor units <-> decimal text and BigDecimal.
  module Money
    module_function

    # Minor units of a decimal String ("1234.50"), a BigDecimal or a Rational
    # with a terminating decimal; an Integer is taken as minor units already.
    def to_minor(value, scale = 2, context = nil)
      value.is_a?(Integer) ? value : parse(text(value, scale), scale, context)
    end

    # Decimal text of anything to_minor() takes; an Integer is minor units.
    def text(value, scale = 2)
      case value
      when Integer then format(value, scale)
      when String then value
      when BigDecimal, Rational then decimal_text(value)
      else Libsegment.fail!(InvalidArgument, "not exact money: #{value.inspect} (give Integer minor units, " \
                                             "a decimal String, a BigDecimal or a Rational)")
      end
    end

    def parse(text, scale = 2, context = nil)
      out = FFI::MemoryPointer.new(:int64)
      bytes = text.b
      Libsegment.check(Native.seg_money_parse(out, context, bytes, bytes.bytesize, scale), context)
      out.read_int64
    end

    # "-1234.50" of minor units at a scale.
    def format(minor, scale = 2)
      buf = FFI::MemoryPointer.new(:char, 32)
      Libsegment.check(Native.seg_money_format(buf, 32, minor, scale))
      buf.read_string
    end

    # BigDecimal amount of minor units at a scale.
    def to_decimal(minor, scale = 2)
      BigDecimal(format(minor, scale))
    end

    def decimal_text(value)
      return value.to_s("F") if value.is_a?(BigDecimal)

      den = value.denominator
      den /= 2 while (den % 2).zero?
      den /= 5 while (den % 5).zero?
      Libsegment.fail!(Inexact, "#{value} has no exact decimal form") unless den == 1
      BigDecimal(value.numerator).div(value.denominator, 40).to_s("F")
    end
  end
end
