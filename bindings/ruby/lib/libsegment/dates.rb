# Dates: the library counts days since 1970-01-01; these helpers convert
# Date, ISO 8601 text and day numbers both ways, through the C functions.
require "date"

module Libsegment
  # Day numbers <-> Date and ISO text.
  module Dates
    module_function

    # Day number of a Date, an ISO 8601 String ("2024-03-01", a time is
    # ignored) or an Integer day number (returned as is).
    def day(value, context = nil)
      case value
      when Integer then value
      when Date then from_ymd(value.year, value.month, value.day)
      when String then parse(value, context)
      else Libsegment.fail!(InvalidArgument, "not a date: #{value.inspect} (give a Date, an ISO String or a day number)")
      end
    end

    # Day number of year, month, day; RangeError for an impossible date.
    def from_ymd(year, month, day)
      out = FFI::MemoryPointer.new(:int32)
      Libsegment.check(Native.seg_date_from_ymd(out, year, month, day))
      out.read_int32
    end

    # Day number of ISO 8601 text; ParseError (with column) or RangeError.
    def parse(text, context = nil)
      out = FFI::MemoryPointer.new(:int32)
      bytes = text.to_s.b
      Libsegment.check(Native.seg_date_parse(out, context, bytes, bytes.bytesize), context)
      out.read_int32
    end

    # Date of a day number; nil for nil or the "none" value.
    def to_date(day)
      return nil if day.nil? || day == NONE

      y, m, d = Array.new(3) { FFI::MemoryPointer.new(:int) }
      Libsegment.check(Native.seg_date_to_ymd(y, m, d, day))
      Date.new(y.read_int, m.read_int, d.read_int)
    end

    # "YYYY-MM-DD" of a day number (or of anything day() accepts).
    def format(value)
      buf = FFI::MemoryPointer.new(:char, 11)
      Libsegment.check(Native.seg_date_format(buf, 11, day(value)))
      buf.read_string
    end
  end
end
