# Walking a result row by row with seg_cursor, optionally only the rows of
# one class (abc: :A); Result#each_customer is built on it.
module Libsegment
  # Wraps seg_cursor; keeps its Result alive.
  class Cursor
    include Resource

    # A cursor over +result+; filter: one column => value, e.g. abc: :A.
    def initialize(result, **filter)
      @result = result
      @context = result.dataset.context
      create(:seg_cursor_new, :seg_cursor_free, result, @context, result)
      filter.each { |column, value| self.filter(column, value) }
    end

    def self.open(result, **filter)
      cursor = new(result, **filter)
      yield cursor
    ensure
      cursor&.close
    end

    # Visit only rows whose integer column equals value (nil: every row); rewinds.
    def filter(column, value = nil)
      code = column.nil? ? 0 : Result.column_code(column)
      value = Libsegment.enum(LABELS.fetch(column&.to_sym, {}), value, "#{column} value") unless value.nil?
      Libsegment.check(Native.seg_cursor_filter(to_ptr, code, value || 0), @context)
      self
    end

    # Move to the next row; false past the last.
    def next? = Native.seg_cursor_next(to_ptr) == 1

    # Dense index of the current row.
    def customer
      out = FFI::MemoryPointer.new(:size_t)
      Libsegment.check(Native.seg_cursor_customer(out, to_ptr), @context)
      out.read(:size_t)
    end

    # Value of a column on the current row; nil for null.
    def [](column)
      f64 = Result.column_type(column) == :f64
      value = FFI::MemoryPointer.new(f64 ? :double : :int64)
      valid = FFI::MemoryPointer.new(:uint8)
      fn = f64 ? :seg_cursor_get_f64 : :seg_cursor_get_i64
      Libsegment.check(Native.public_send(fn, value, valid, to_ptr, Result.column_code(column)), @context)
      return nil if valid.read_uint8.zero?

      f64 ? value.read_double : value.read_int64
    end

    # Yield {id:, column => value, ...} for each remaining row.
    def each_row(columns)
      while next?
        row = { id: @result.dataset.customer_id(customer) }
        columns.each { |c| row[c.to_sym] = self[c] }
        yield row
      end
    end
  end
end
