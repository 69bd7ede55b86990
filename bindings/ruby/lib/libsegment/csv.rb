# CSV loading options (dialect, strictness, role mapping, progress) and the
# load report a CSV load returns, read into plain Ruby Structs.
module Libsegment
  # Wraps seg_csv_options; built from keywords by Dataset#load_csv.
  class CsvOptions
    include Resource

    def initialize(context, map: nil, progress: nil, **options)
      @context = context
      create(:seg_csv_options_new, :seg_csv_options_free, context, context, context)
      options.each { |key, value| self[key] = value }
      (map || {}).each { |role, header| self.map(role, header) }
      on_progress(&progress) if progress
    end

    def self.default(key)
      out = FFI::MemoryPointer.new(:int64)
      Libsegment.check(Native.seg_csv_option_default_i64(out, code(key)))
      out.read_int64
    end

    def self.bounds(key)
      lo, hi = Array.new(2) { FFI::MemoryPointer.new(:int64) }
      Libsegment.check(Native.seg_csv_option_bounds_i64(lo, hi, code(key)))
      lo.read_int64..hi.read_int64
    end

    def self.code(key)
      Libsegment.enum(CSV_OPTIONS, key, "CSV option")
    end

    # Set an option: symbols for the dialect (delimiter: :semicolon), true or
    # false for the switches, Integers for the limits.
    def []=(key, value)
      value = Libsegment.enum(CSV_VALUES.fetch(key.to_sym, {}), value, key.to_s) unless [true, false].include?(value)
      value = value ? 1 : 0 if [true, false].include?(value)
      Libsegment.check(Native.seg_csv_options_set_i64(to_ptr, CsvOptions.code(key), value), @context)
    end

    # The option's value: a symbol for the dialect options, else an Integer.
    def [](key)
      out = FFI::MemoryPointer.new(:int64)
      Libsegment.check(Native.seg_csv_options_get_i64(out, to_ptr, CsvOptions.code(key)), @context)
      CSV_VALUES.fetch(key.to_sym, {}).key(out.read_int64) || out.read_int64
    end

    # Read +role+ ("amount", "rating:brand", "attr:region") from the column
    # headed +header+ ("#3" = third column); nil removes the mapping.
    def map(role, header)
      role = role.to_s
      head = header&.to_s
      Libsegment.check(Native.seg_csv_options_map(to_ptr, role, role.bytesize, head, head ? head.bytesize : 0),
                       @context)
      self
    end

    # The block gets (bytes done, total or 0); returning false cancels the load.
    def on_progress(&block)
      @progress_fn = block && proc { |done, total, _| block.call(done, total) == false ? 1 : 0 }
      Libsegment.check(Native.seg_csv_options_set_progress(to_ptr, @progress_fn, nil), @context)
      self
    end
  end

  # What one CSV load did. +rejected+ maps each reject reason to its count;
  # +errors+ are the first errors kept, +roles+ the columns each role came from.
  LoadReport = Struct.new(:rows_read, :rows_loaded, :rows_rejected, :lines, :bytes, :delimiter,
                          :encoding, :bom, :decimal, :date_order, :rejected, :errors, :roles,
                          keyword_init: true)
  # One row error of a load report.
  RowError = Struct.new(:line, :column, :reason, :header, :message, keyword_init: true)
  # One role of a load report and its column.
  LoadRole = Struct.new(:role, :header, :column, keyword_init: true)

  # Reads a seg_load_report into a LoadReport. Internal.
  class ReportReader
    include Resource

    REASONS = (1..11).to_h { |code| [code, Native.seg_reject_reason_name(code).to_sym] }.freeze

    def initialize(context)
      @context = context
      create(:seg_load_report_new, :seg_load_report_free, context, context, context)
    end

    def to_report
      counts = %i[rows_read rows_loaded rows_rejected lines bytes].to_h { |k| [k, stat(k)] }
      LoadReport.new(**counts, **dialect, bom: stat(:bom) == 1, rejected: rejected,
                               errors: Array.new(stat(:errors)) { |i| error(i) },
                               roles: Array.new(stat(:roles)) { |i| role(i) })
    end

    private

    def stat(key)
      out = FFI::MemoryPointer.new(:int64)
      Libsegment.check(Native.seg_load_report_stat(out, to_ptr, LOAD_STATS.fetch(key)), @context)
      out.read_int64
    end

    def dialect
      %i[delimiter encoding decimal date_order].to_h { |k| [k, CSV_VALUES[k].key(stat(k)) || stat(k)] }
    end

    def rejected
      REASONS.to_h do |code, name|
        out = FFI::MemoryPointer.new(:int64)
        Libsegment.check(Native.seg_load_report_rejected(out, to_ptr, code), @context)
        [name, out.read_int64]
      end
    end

    def error(index)
      line, column = Array.new(2) { FFI::MemoryPointer.new(:int64) }
      reason = FFI::MemoryPointer.new(:int)
      header, message = Array.new(2) { FFI::MemoryPointer.new(:pointer) }
      Libsegment.check(Native.seg_load_report_error(line, column, reason, header, message, to_ptr, index), @context)
      RowError.new(line: line.read_int64, column: column.read_int64, reason: REASONS[reason.read_int],
                    header: Libsegment.utf8(header.read_pointer), message: Libsegment.utf8(message.read_pointer))
    end

    def role(index)
      name, header = Array.new(2) { FFI::MemoryPointer.new(:pointer) }
      column = FFI::MemoryPointer.new(:int64)
      Libsegment.check(Native.seg_load_report_role(name, header, column, to_ptr, index), @context)
      LoadRole.new(role: Libsegment.utf8(name.read_pointer), header: Libsegment.utf8(header.read_pointer),
                   column: column.read_int64)
    end
  end

  # A UTF-8 copy of a borrowed C string (nil for NULL).
  def self.utf8(pointer, length = nil)
    return nil if pointer.null?

    (length ? pointer.read_bytes(length) : pointer.read_string).force_encoding(Encoding::UTF_8)
  end
end
