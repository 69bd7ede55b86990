# Bulk loading: Ruby rows (an Array of Hashes) or columns (a Hash of Arrays)
# become seg_batch bindings, typed per column, for one load call.
module Libsegment
  # Wraps seg_batch. Internal: Dataset#add_transactions and #add_customers
  # build one, bind native copies of the columns and load it.
  class Batch
    include Resource

    ALIASES = { customer_id: :customer, id: :customer, order_id: :order, price: :unit_price }.freeze
    MONEY = %i[amount margin unit_price].freeze
    DATES = %i[date lead_date churn_date competitor_deadline project_launch].freeze
    INT64_NONE = -(2**63)

    attr_reader :rows

    def initialize(dataset, input)
      @context = dataset.context
      @scale = dataset.scale
      @keep = []
      create(:seg_batch_new, :seg_batch_free, @context, @context, @context)
      @columns = Batch.columns(input)
      @rows = @columns.values.reject { |v| v.is_a?(Hash) }.map(&:size).max || 0
    end

    # {field => values} of rows or columns; ratings and attributes stay nested.
    def self.columns(input)
      input = transpose(input) if input.is_a?(Array)
      Libsegment.fail!(InvalidArgument, "give an Array of Hashes or a Hash of Arrays") unless input.is_a?(Hash)
      input.to_h { |k, v| [ALIASES.fetch(k.to_sym, k.to_sym), v] }
    end

    def self.transpose(rows)
      keys = rows.flat_map { |r| r.keys.map(&:to_sym) }.uniq
      keys.to_h do |k|
        nested = %i[ratings attributes].include?(k)
        [k, nested ? transpose_nested(rows, k) : rows.map { |r| r.key?(k) ? r[k] : r[k.to_s] }]
      end
    end

    def self.transpose_nested(rows, key)
      names = rows.flat_map { |r| (r[key] || {}).keys }.uniq
      names.to_h { |n| [n, rows.map { |r| (r[key] || {})[n] }] }
    end

    # Bind every column; returns self, ready for a load call.
    def bind_all
      @columns.each do |field, values|
        case field
        when :ratings then values.each { |name, v| bind_rating(name.to_s, v) }
        when :attributes then values.each { |name, v| bind_attribute(name.to_s, v) }
        else bind_field(field, check_length(field, values)) unless values.all?(&:nil?)
        end
      end
      self
    end

    private

    def check_length(field, values)
      return values if values.is_a?(Array) && values.size == @rows

      Libsegment.fail!(InvalidArgument, "column #{field} has #{Array(values).size} values, expected #{@rows}")
    end

    def bind_field(field, values)
      code = Libsegment.enum(FIELDS, field, "field")
      case field
      when :customer then bind_id(code, values)
      when :order then bind_order(code, values)
      when *MONEY then bind_money(code, values)
      when *DATES then bind_date(code, values)
      when :quantity then bind_i64(code, values)
      when :name then bind_str(code, values.map { |v| v.to_s })
      else bind_i32(code, values.map { |v| small_int(field, v) })
      end
    end

    def small_int(field, value)
      return NONE if value.nil?
      return Libsegment.enum(LIFECYCLE, value, "status") if field == :status
      return (value ? 1 : 0) if [true, false].include?(value)

      value
    end

    def bind_id(code, values)
      return bind_i64(code, values) if values.all?(Integer)
      return bind_str(code, values) if values.all?(String)

      Libsegment.fail!(InvalidArgument, "customer ids must be all Integers or all Strings in one load " \
                                        "(the int 5 and the string \"5\" are different customers)")
    end

    def bind_order(code, values)
      if values.all? { |v| v.nil? || v.is_a?(Integer) }
        return bind_i64(code, values.map { |v| v || INT64_NONE })
      end

      bind_str(code, values.map(&:to_s))
    end

    def bind_money(code, values)
      no_nils!(code, values)
      return bind_i64(code, values) if values.all?(Integer)

      bind_str(code, values.map { |v| Money.text(v, @scale) })
    end

    # A batch column is all or nothing: the C library has no "none" for
    # money and quantities within a bound column.
    def no_nils!(code, values)
      row = values.index(nil)
      return unless row

      Libsegment.fail!(InvalidArgument, "#{FIELDS.key(code)} is nil in row #{row + 1}; give it in every row " \
                                        "or in none (or use add_transaction)")
    end

    def bind_date(code, values)
      if values.all? { |v| v.nil? || v.is_a?(Integer) || v.is_a?(Date) }
        return bind_i32(code, values.map { |v| v.nil? ? NONE : Dates.day(v) })
      end

      bind_str(code, values.map { |v| v.is_a?(String) || v.nil? ? v.to_s : Dates.format(v) })
    end

    def bind_i64(code, values)
      no_nils!(code, values)
      Libsegment.check(Native.seg_batch_bind_i64(to_ptr, code, native(:int64, values)), @context)
    end

    def bind_i32(code, values)
      Libsegment.check(Native.seg_batch_bind_i32(to_ptr, code, native(:int32, values)), @context)
    end

    def bind_str(code, values)
      data, offsets = arrow(values)
      Libsegment.check(Native.seg_batch_bind_str(to_ptr, code, data, offsets), @context)
    end

    def bind_rating(name, values)
      values = check_length("rating #{name}", values).map { |v| v.nil? ? NONE : v }
      Libsegment.check(Native.seg_batch_bind_rating(to_ptr, name, name.bytesize, native(:int32, values)), @context)
    end

    def bind_attribute(name, values)
      data, offsets = arrow(check_length("attribute #{name}", values).map(&:to_s))
      Libsegment.check(Native.seg_batch_bind_attribute(to_ptr, name, name.bytesize, data, offsets), @context)
    end

    # A native array kept alive until the batch is dropped.
    def native(type, values)
      mem = FFI::MemoryPointer.new(type, [values.size, 1].max)
      mem.public_send("write_array_of_#{type}", values) unless values.empty?
      @keep << mem
      mem
    end

    # Arrow layout: concatenated bytes and n + 1 offsets.
    def arrow(values)
      bytes = values.map { |v| v.to_s.b }
      offsets = bytes.each_with_object([0]) { |b, acc| acc << (acc.last + b.bytesize) }
      data = FFI::MemoryPointer.new(:char, [offsets.last, 1].max)
      data.put_bytes(0, bytes.join)
      @keep << data
      [data, native(:int64, offsets)]
    end
  end
end
