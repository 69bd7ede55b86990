# The dataset: customers and their folded transactions, loaded from CSV
# files, CSV text, IO streams, Ruby rows or one record at a time.
module Libsegment
  # Wraps seg_dataset; keeps its Context alive. While a Result of it is
  # alive, loading raises StateError (the C rule); close the results first.
  class Dataset
    include Resource

    CUSTOMER_INTS = %i[status lead_date lead_closed churn_date competitor_deadline project_launch activity capacity].freeze

    attr_reader :context

    # Options: scale: (0-6 money decimals), as_of: (a date or nil),
    # period: (:day, :week, :month, :quarter); context: to share one.
    def initialize(context: nil, **options)
      @context = context || Context.new
      create(:seg_dataset_new, :seg_dataset_free, @context, @context, @context)
      options.each { |key, value| set_option(key, value) }
    end

    # Dataset.open(scale: 3) { |ds| ... }: the dataset, and any result still
    # alive, is closed when the block ends.
    def self.open(**options)
      ds = new(**options)
      return ds unless block_given?

      begin
        yield ds
      ensure
        ds.close
      end
    end

    def self.option_default(key)
      out = FFI::MemoryPointer.new(:int64)
      Libsegment.check(Native.seg_dataset_option_default(out, Libsegment.enum(DATASET_OPTIONS, key, "dataset option")))
      option_from_c(key, out.read_int64)
    end

    def self.option_bounds(key)
      lo, hi = Array.new(2) { FFI::MemoryPointer.new(:int64) }
      Libsegment.check(Native.seg_dataset_option_bounds(lo, hi, Libsegment.enum(DATASET_OPTIONS, key, "dataset option")))
      lo.read_int64..hi.read_int64
    end

    def self.option_from_c(key, value)
      case DATASET_OPTIONS.key(Libsegment.enum(DATASET_OPTIONS, key, "dataset option"))
      when :as_of then Dates.to_date(value)
      when :period then PERIODS.key(value) || value
      else value
      end
    end

    def set_option(key, value)
      code = Libsegment.enum(DATASET_OPTIONS, key, "dataset option")
      value = case DATASET_OPTIONS.key(code)
              when :as_of then value.nil? ? NONE : Dates.day(value, @context)
              when :period then Libsegment.enum(PERIODS, value, "period")
              else value
              end
      Libsegment.check(Native.seg_dataset_set_option(to_ptr, code, value), @context)
      self
    end

    def option(key)
      out = FFI::MemoryPointer.new(:int64)
      code = Libsegment.enum(DATASET_OPTIONS, key, "dataset option")
      Libsegment.check(Native.seg_dataset_get_option(out, to_ptr, code), @context)
      Dataset.option_from_c(key, out.read_int64)
    end

    def scale = option(:scale)
    def as_of = option(:as_of)
    def period = option(:period)

    # Counters as a Hash (dates as Date, nil when none).
    def stats
      DATASET_STATS.to_h do |name, code|
        out = FFI::MemoryPointer.new(:int64)
        Libsegment.check(Native.seg_dataset_stat(out, to_ptr, code), @context)
        value = out.read_int64
        [name, %i[first_date last_date].include?(name) ? Dates.to_date(value) : value]
      end
    end

    def size = stats[:customers]

    # Load a CSV file; returns a LoadReport. kind: :transactions or
    # :customers; other keywords are CsvOptions (strict:, delimiter:, map:,
    # progress:, ...). A failed load raises with the report attached.
    def load_csv(path, kind: :transactions, **csv)
      path = path.to_s
      csv_load(kind, csv) { |report, k, opts| Native.seg_dataset_load_csv_path(report, to_ptr, k, opts, path, path.bytesize) }
    end

    # Load CSV text held in a String.
    def load_csv_string(text, kind: :transactions, **csv)
      bytes = text.b
      buf = FFI::MemoryPointer.new(:char, [bytes.bytesize, 1].max)
      buf.put_bytes(0, bytes)
      csv_load(kind, csv) { |report, k, opts| Native.seg_dataset_load_csv_buffer(report, to_ptr, k, opts, buf, bytes.bytesize) }
    end

    # Load CSV text read from an IO (anything with readpartial or read).
    def load_csv_io(io, kind: :transactions, **csv)
      reader = stream_reader(io)
      csv_load(kind, csv) { |report, k, opts| Native.seg_dataset_load_csv_stream(report, to_ptr, k, opts, reader, nil) }
    end

    # Transactions from rows [{customer:, date:, amount:, order:, margin:,
    # quantity:, unit_price:}, ...] or columns {customer: [...], ...}.
    # Dates: Date, ISO String or day number; money: Integer minor units,
    # decimal String, BigDecimal or Rational. Returns the rows loaded.
    def add_transactions(rows)
      load_batch(:seg_dataset_add_transactions, rows)
    end

    # Customers from rows or columns: customer:, name:, status:, lead_date:,
    # lead_closed:, churn_date:, competitor_deadline:, project_launch:,
    # activity:, capacity:, ratings: {brand: 4}, attributes: {region: "N"}.
    def add_customers(rows)
      load_batch(:seg_dataset_add_customers, rows)
    end

    # One transaction (one-record call); the customer is created if new.
    def add_transaction(customer:, date:, amount:, order: nil, margin: nil, quantity: nil)
      c = add_customer(customer)
      order = order&.to_s
      status = Native.seg_dataset_add_transaction(to_ptr, c, Dates.day(date, @context), money(amount), order,
                                                  order ? order.bytesize : 0, int64_ptr(margin && money(margin)),
                                                  int64_ptr(quantity))
      Libsegment.check(status, @context)
      self
    end

    # Find or create a customer and set the fields given; returns its index.
    def add_customer(id, ratings: {}, attributes: {}, **fields)
      index = customer_index(id, create: true)
      fields.each { |field, value| set_field(index, field, value) }
      ratings.each { |name, value| set_rating(index, name.to_s, value) }
      attributes.each { |name, value| set_attribute(index, name.to_s, value) }
      index
    end
    alias update_customer add_customer

    # Dense index of a customer id (Integer or String); nil if unknown,
    # unless create: true.
    def customer_index(id, create: false)
      out = FFI::MemoryPointer.new(:size_t)
      status = call_with_id(out, id, create)
      return nil if !create && status == ERROR_CLASSES.key(NotFound)

      Libsegment.check(status, @context)
      out.read(:size_t)
    end
    alias index customer_index

    def include?(id) = !customer_index(id).nil?

    # The id (Integer or String) of the customer at a dense index.
    def customer_id(index)
      kind, int_id = FFI::MemoryPointer.new(:int), FFI::MemoryPointer.new(:int64)
      str, len = FFI::MemoryPointer.new(:pointer), FFI::MemoryPointer.new(:size_t)
      Libsegment.check(Native.seg_dataset_customer_id(kind, int_id, str, len, to_ptr, index), @context)
      kind.read_int == 1 ? int_id.read_int64 : Libsegment.utf8(str.read_pointer, len.read(:size_t))
    end

    # Every customer id, in index order.
    def customer_ids
      Array.new(size) { |i| customer_id(i) }
    end

    # A customer's fields as a Hash: id, index, name, status, dates as Date,
    # lead_closed as true/false/nil, ratings as nil when unset.
    def customer(id)
      index = customer_index(id) || Libsegment.fail!(NotFound, "no customer #{id.inspect}")
      fields = CUSTOMER_INTS.to_h { |f| [f, field_value(f, get_int(index, f))] }
      { id: customer_id(index), index: index, name: get_name(index) }.merge(fields)
    end

    # A customer's rating of a renew criterion; nil when unrated.
    def rating(id, criterion)
      out = FFI::MemoryPointer.new(:int32)
      text = criterion.to_s
      Libsegment.check(Native.seg_dataset_get_rating(out, to_ptr, existing(id), text, text.bytesize), @context)
      out.read_int32 == NONE ? nil : out.read_int32
    end

    # A customer's free attribute; nil when unset.
    def attribute(id, name)
      value, len = FFI::MemoryPointer.new(:pointer), FFI::MemoryPointer.new(:size_t)
      text = name.to_s
      Libsegment.check(Native.seg_dataset_get_attribute(value, len, to_ptr, existing(id), text, text.bytesize),
                       @context)
      Libsegment.utf8(value.read_pointer, len.read(:size_t))
    end

    # The dataset's state as binary String bytes (libsegment 0.3): options,
    # counters, every customer's totals and period cells, for merge().
    def serialize
      needed = FFI::MemoryPointer.new(:size_t)
      status = Native.seg_dataset_serialize(nil, 0, needed, to_ptr)
      Libsegment.check(status, @context) unless status == ERROR_CLASSES.key(BufferTooSmall)
      buf = FFI::MemoryPointer.new(:uint8, [needed.read(:size_t), 1].max)
      Libsegment.check(Native.seg_dataset_serialize(buf, buf.size, needed, to_ptr), @context)
      buf.read_bytes(needed.read(:size_t))
    end

    # Merge another Dataset, or bytes from serialize(), into this one; all or
    # nothing. Merging into an empty dataset restores a state. Damaged bytes
    # raise Corrupt; a live result, other options or a conflicting customer
    # field raise StateError.
    def merge(other)
      status = if other.is_a?(Dataset)
                 Native.seg_dataset_merge(to_ptr, other)
               else
                 bytes = other.to_str.b
                 Native.seg_dataset_merge_serialized(to_ptr, bytes, bytes.bytesize)
               end
      Libsegment.check(status, @context)
      self
    end

    # Run the analyses: ds.analyze(rfm_method: :ntile, xyz_window: 6), or
    # with a Params. Returns a Result, which keeps this dataset alive.
    def analyze(params = nil, **values)
      params ||= Params.new(@context, **values) unless values.empty?
      Result.new(self, params)
    end

    private

    def csv_load(kind, csv)
      opts = CsvOptions.new(@context, **csv)
      reader = ReportReader.new(@context)
      status = yield(reader, Libsegment.enum(RECORD_KINDS, kind, "record kind"), opts)
      report = reader.to_report
      raise Libsegment.error_for(status, @context).tap { |e| e.report = report } if status.negative?

      report
    ensure
      reader&.close
      opts&.close
    end

    def stream_reader(io)
      proc do |buf, cap, got, _|
        chunk = io.read(cap)
        buf.put_bytes(0, chunk) if chunk
        got.write(:size_t, chunk ? chunk.bytesize : 0)
        0
      rescue StandardError
        1
      end
    end

    def load_batch(fn, rows)
      batch = Batch.new(self, rows).bind_all
      loaded = FFI::MemoryPointer.new(:size_t)
      Libsegment.check(Native.public_send(fn, to_ptr, batch, batch.rows, loaded), @context)
      loaded.read(:size_t)
    ensure
      batch&.close
    end

    def money(value)
      Money.to_minor(value, scale, @context)
    end

    def int64_ptr(value)
      value.nil? ? nil : FFI::MemoryPointer.new(:int64).tap { |p| p.write_int64(value) }
    end

    def call_with_id(out, id, create)
      if id.is_a?(Integer)
        create ? Native.seg_dataset_customer_i64(out, to_ptr, id) : Native.seg_dataset_find_i64(out, to_ptr, id)
      else
        text = id.to_s
        fn = create ? :seg_dataset_customer_str : :seg_dataset_find_str
        Native.public_send(fn, out, to_ptr, text, text.bytesize)
      end
    end

    def existing(id)
      customer_index(id) || Libsegment.fail!(NotFound, "no customer #{id.inspect}")
    end

    def set_field(index, field, value)
      code = Libsegment.enum(FIELDS, field, "customer field")
      return set_name(index, code, value.to_s) if field.to_sym == :name

      Libsegment.check(Native.seg_dataset_set_int(to_ptr, index, code, field_to_c(field.to_sym, value)), @context)
    end

    def set_name(index, code, text)
      Libsegment.check(Native.seg_dataset_set_str(to_ptr, index, code, text, text.bytesize), @context)
    end

    def set_rating(index, name, value)
      status = Native.seg_dataset_set_rating(to_ptr, index, name, name.bytesize, value.nil? ? NONE : value)
      Libsegment.check(status, @context)
    end

    def set_attribute(index, name, value)
      text = value.to_s
      status = Native.seg_dataset_set_attribute(to_ptr, index, name, name.bytesize, text, text.bytesize)
      Libsegment.check(status, @context)
    end

    def field_to_c(field, value)
      return NONE if value.nil?
      return Libsegment.enum(LIFECYCLE, value, "status") if field == :status
      return (value ? 1 : 0) if field == :lead_closed && [true, false].include?(value)
      return Dates.day(value, @context) if Batch::DATES.include?(field)

      value
    end

    def field_value(field, value)
      return nil if value == NONE
      return LIFECYCLE.key(value) if field == :status
      return value == 1 if field == :lead_closed
      return Dates.to_date(value) if Batch::DATES.include?(field)

      value
    end

    def get_int(index, field)
      out = FFI::MemoryPointer.new(:int32)
      Libsegment.check(Native.seg_dataset_get_int(out, to_ptr, index, FIELDS.fetch(field)), @context)
      out.read_int32
    end

    def get_name(index)
      value, len = FFI::MemoryPointer.new(:pointer), FFI::MemoryPointer.new(:size_t)
      Libsegment.check(Native.seg_dataset_get_str(value, len, to_ptr, index, FIELDS[:name]), @context)
      Libsegment.utf8(value.read_pointer, len.read(:size_t))
    end
  end
end
