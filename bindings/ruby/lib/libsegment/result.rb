# The outcome of one analysis run: per-customer columns as Arrays (nil for
# null), summaries as Hashes, RFM breaks, matrix, Lorenz curve, periods, explain, write.
module Libsegment
  # Wraps seg_result; keeps its Dataset alive (and the dataset refuses
  # loading while any result of it is open).
  class Result
    include Resource
    include Enumerable

    COLUMNS = (1..100).filter_map { |c| (n = Native.seg_result_column_name(c)) && [n.to_sym, c] }.to_h.freeze
    DATE_COLUMNS = %i[first_purchase last_purchase recontact_date].freeze

    attr_reader :dataset

    def initialize(dataset, params = nil)
      @dataset = dataset
      @context = dataset.context
      out = FFI::MemoryPointer.new(:pointer)
      Libsegment.check(Native.seg_analyze(out, dataset, params), @context)
      adopt_pointer(out.read_pointer, :seg_result_free, dataset)
    end

    def self.column_code(name)
      Libsegment.enum(COLUMNS, name, "column")
    end

    # :i64 or :f64.
    def self.column_type(name)
      out = FFI::MemoryPointer.new(:int)
      Libsegment.check(Native.seg_result_column_type(out, column_code(name)))
      Params::TYPES.fetch(out.read_int)
    end

    def rows = Native.seg_result_rows(to_ptr)
    alias size rows

    def columns = COLUMNS.keys

    # One column for every customer, nil where null. labels: true gives
    # symbols for class columns (:A, :current), segment names and Dates.
    def column(name, labels: false)
      values = copy_column(name.to_sym)
      labels ? values.map { |v| label(name.to_sym, v) } : values
    end

    def [](name) = column(name)

    # Every column by name.
    def to_h(labels: false)
      columns.to_h { |c| [c, column(c, labels: labels)] }
    end

    def customer_ids = @dataset.customer_ids

    # A column value as a symbol, a segment name or a Date.
    def label(column, value)
      return nil if value.nil?
      return segment_name(value) if column == :rfm_segment
      return Dates.to_date(value) if DATE_COLUMNS.include?(column)

      LABELS.fetch(column, {}).key(value) || value
    end

    # Every summary: Integers, Floats (NaN when undefined), as_of as a Date.
    def summary
      SUMMARIES.to_h { |name, _| [name, summary_value(name)] }
    end

    def summary_value(name)
      code = Libsegment.enum(SUMMARIES, name, "summary")
      f64 = code >= 100
      out = FFI::MemoryPointer.new(f64 ? :double : :int64)
      Libsegment.check(Native.public_send(f64 ? :seg_result_summary_f64 : :seg_result_summary_i64, out, to_ptr, code),
                       @context)
      value = f64 ? out.read_double : out.read_int64
      name.to_sym == :as_of ? Dates.to_date(value) : value
    end

    # Customers, metric and shares of one class: class_summary(:abc, :A).
    def class_summary(column, value)
      outs = %i[int64 int64 double double].map { |t| FFI::MemoryPointer.new(t) }
      code = Result.column_code(column)
      value = Libsegment.enum(LABELS.fetch(column.to_sym, {}), value, "#{column} class")
      Libsegment.check(Native.seg_result_class_summary(*outs, to_ptr, code, value), @context)
      { count: outs[0].read_int64, metric: outs[1].read_int64,
        count_share: outs[2].read_double, metric_share: outs[3].read_double }
    end

    # class_summary of every class of a labelled column, by label.
    def classes(column)
      LABELS.fetch(column.to_sym).to_h { |name, _| [name, class_summary(column, name)] }
    end

    def segment_name(index)
      name = Native.seg_result_segment_name(to_ptr, index)
      name&.dup&.force_encoding(Encoding::UTF_8)
    end

    def segment_names
      Array.new(Native.seg_result_segment_count(to_ptr)) { |i| segment_name(i) }
    end

    # Break points of one RFM axis (:r, :f or :m), as Floats.
    def rfm_breaks(axis)
      code = Libsegment.enum(AXES, axis, "axis")
      sized(:double) { |buf, cap, n| Native.seg_result_rfm_breaks(buf, cap, n, to_ptr, code) }
    end

    # ABC x XYZ matrix: {counts: {AX: n, ...}, shares: {AX: s, ...}}.
    def abc_xyz
      counts = FFI::MemoryPointer.new(:int64, 9)
      shares = FFI::MemoryPointer.new(:double, 9)
      Libsegment.check(Native.seg_result_abc_xyz(counts, shares, to_ptr), @context)
      cells = %w[A B C].product(%w[X Y Z]).map { |a, x| :"#{a}#{x}" }
      { counts: cells.zip(counts.read_array_of_int64(9)).to_h, shares: cells.zip(shares.read_array_of_double(9)).to_h }
    end

    # Lorenz curve as [x, y] Arrays.
    def lorenz
      n = FFI::MemoryPointer.new(:size_t)
      status = Native.seg_result_lorenz(nil, nil, 0, n, to_ptr)
      Libsegment.check(status, @context) unless status == ERROR_CLASSES.key(BufferTooSmall)
      count = n.read(:size_t)
      x, y = Array.new(2) { FFI::MemoryPointer.new(:double, [count, 1].max) }
      Libsegment.check(Native.seg_result_lorenz(x, y, count, n, to_ptr), @context)
      [x.read_array_of_double(count), y.read_array_of_double(count)]
    end

    # Figures of every window period, oldest first, as Hashes.
    def periods
      Array.new(Native.seg_result_period_count(to_ptr)) { |i| period(i) }
    end

    def period(index)
      PERIOD_STATS.to_h { |name, code| [name, period_value(index, name, code)] }
    end

    # Customer ids of one period's top list, best first.
    def period_top(index)
      sized(:size_t) { |buf, cap, n| Native.seg_result_period_top(buf, cap, n, to_ptr, index) }
        .map { |i| @dataset.customer_id(i) }
    end

    # The resolved parameters the analyses ran with (a read-only Params).
    def params
      Params.view(self, Native.seg_result_params(to_ptr))
    end

    # Sentences explaining a customer's classes.
    def explain(customer_id, analyses: :all)
      index = @dataset.customer_index(customer_id) || Libsegment.fail!(NotFound, "no customer #{customer_id.inspect}")
      bits = Array(analyses).sum { |a| Libsegment.enum(ANALYSES, a, "analysis") }
      needed = FFI::MemoryPointer.new(:size_t)
      status = Native.seg_result_explain(nil, 0, needed, to_ptr, index, bits)
      Libsegment.check(status, @context) unless status == ERROR_CLASSES.key(BufferTooSmall)
      buf = FFI::MemoryPointer.new(:char, needed.read(:size_t))
      Libsegment.check(Native.seg_result_explain(buf, buf.size, needed, to_ptr, index, bits), @context)
      buf.read_string.force_encoding(Encoding::UTF_8)
    end

    # Write the table or the summaries to a file (format: :csv or :json).
    def write(path, format: :csv, what: :table)
      path = path.to_s
      Libsegment.check(Native.seg_result_write_file(to_ptr, *output(what, format), path, path.bytesize), @context)
      path
    end

    # The table or the summaries as a String.
    def dump(format: :csv, what: :table)
      out = String.new(encoding: Encoding::BINARY)
      writer = proc { |data, len, _| out << data.read_bytes(len) && 0 }
      Libsegment.check(Native.seg_result_write(to_ptr, *output(what, format), writer, nil), @context)
      out.force_encoding(Encoding::UTF_8)
    end

    def to_csv = dump(format: :csv)
    def to_json(*) = dump(format: :json)

    # Yield each customer's row as a Hash (id: plus the columns asked for,
    # every column by default), optionally only one class: each_customer(abc: :A).
    def each_customer(columns: self.columns, **filter, &block)
      return enum_for(:each_customer, columns: columns, **filter) unless block

      Cursor.open(self, **filter) { |cur| cur.each_row(columns) { |row| block.call(row) } }
      self
    end

    def each(&block) = each_customer(&block)

    private

    def copy_column(name)
      code = Result.column_code(name)
      kind = Result.column_type(name)
      n = rows
      values = FFI::MemoryPointer.new(kind == :i64 ? :int64 : :double, [n, 1].max)
      valid = FFI::MemoryPointer.new(:uint8, [n, 1].max)
      fn = kind == :i64 ? :seg_result_copy_i64 : :seg_result_copy_f64
      Libsegment.check(Native.public_send(fn, values, valid, to_ptr, code, 0, n), @context)
      data = kind == :i64 ? values.read_array_of_int64(n) : values.read_array_of_double(n)
      data.zip(valid.read_array_of_uint8(n)).map { |v, ok| ok == 1 ? v : nil }
    end

    def period_value(index, name, code)
      f64 = code >= 100
      out = FFI::MemoryPointer.new(f64 ? :double : :int64)
      fn = f64 ? :seg_result_period_f64 : :seg_result_period_i64
      status = Native.public_send(fn, out, to_ptr, index, code)
      return nil if status == ERROR_CLASSES.key(StateError)

      Libsegment.check(status, @context)
      value = f64 ? out.read_double : out.read_int64
      %i[start end].include?(name) ? Dates.to_date(value) : value
    end

    def output(what, format)
      [Libsegment.enum(OUTPUTS, what, "output"), Libsegment.enum(FORMATS, format, "format")]
    end

    # Call fn(buf, cap, n) once to size and once to fill.
    def sized(type)
      n = FFI::MemoryPointer.new(:size_t)
      status = yield(nil, 0, n)
      Libsegment.check(status, @context) unless status.zero? || status == ERROR_CLASSES.key(BufferTooSmall)
      count = n.read(:size_t)
      buf = FFI::MemoryPointer.new(type, [count, 1].max)
      Libsegment.check(yield(buf, count, n), @context)
      buf.public_send("read_array_of_#{type == :size_t ? 'uint64' : type}", count)
    end
  end
end
