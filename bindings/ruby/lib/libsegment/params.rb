# Analysis parameters: keyword arguments named as seg_param_name() names
# them, plus presets, RFM segment rules and renew criteria.
module Libsegment
  # Wraps seg_params. Params.new(rfm_method: :ntile, xyz_window: 6) or
  # ds.analyze(**same). A result's params are a read-only view.
  class Params
    include Resource

    TYPES = { 1 => :i64, 2 => :f64, 3 => :i64_array }.freeze
    SPECIAL = %i[preset presets segments renew].freeze

    # Parameter key of a name ("rfm_bins_r" or :rfm_bins_r); Unsupported if unknown.
    def self.key(name)
      return name if name.is_a?(Integer)

      out = FFI::MemoryPointer.new(:int)
      text = name.to_s
      Libsegment.check(Native.seg_param_from_name(out, text, text.bytesize))
      out.read_int
    end

    # Every parameter name this library knows, in key order.
    def self.names
      (1..1000).filter_map { |k| Native.seg_param_name(k)&.to_sym }
    end

    def self.type(name)
      out = FFI::MemoryPointer.new(:int)
      Libsegment.check(Native.seg_param_type_of(out, key(name)))
      TYPES.fetch(out.read_int)
    end

    def self.default(name)
      kind = type(name)
      return [] if kind == :i64_array

      out = FFI::MemoryPointer.new(kind == :i64 ? :int64 : :double)
      Libsegment.check(Native.public_send("seg_param_default_#{kind}", out, key(name)))
      from_c(name.to_sym, kind == :i64 ? out.read_int64 : out.read_double)
    end

    # Inclusive bounds as a Range (raw C values).
    def self.bounds(name)
      kind = type(name)
      ctype = kind == :f64 ? :double : :int64
      lo, hi = Array.new(2) { FFI::MemoryPointer.new(ctype) }
      Libsegment.check(Native.public_send("seg_param_bounds_#{kind == :f64 ? 'f64' : 'i64'}", lo, hi, key(name)))
      kind == :f64 ? lo.read_double..hi.read_double : lo.read_int64..hi.read_int64
    end

    # Ruby value of a C value: symbols for enums, a Date for as_of.
    def self.from_c(name, value)
      return Dates.to_date(value) if name == :as_of
      return ANALYSES.reject { |k, bit| k == :all || (value & bit).zero? }.keys if name == :analyses

      PARAM_VALUES.fetch(name, {}).key(value) || value
    end

    # C value of a Ruby value for an integer parameter.
    def self.to_c(name, value)
      return value ? 1 : 0 if [true, false].include?(value)
      return value.nil? ? NONE : Dates.day(value) if name == :as_of
      return Array(value).sum { |a| Libsegment.enum(ANALYSES, a, "analysis") } if name == :analyses

      Libsegment.enum(PARAM_VALUES.fetch(name, {}), value, name.to_s)
    end

    def initialize(context = nil, **values)
      @context = context || Context.new
      create(:seg_params_new, :seg_params_free, @context, @context, @context)
      set(**values)
    end

    # A read-only view of a result's resolved parameters. Internal.
    def self.view(result, raw)
      view = allocate
      view.send(:adopt_view, result, raw)
      view
    end

    def read_only?
      @read_only == true
    end

    # Set many at once; also preset:/presets:, segments: and renew:.
    def set(**values)
      values.each do |name, value|
        case name
        when :preset, :presets then Array(value).each { |p| apply_preset(p) }
        when :segments then self.segments = value
        when :renew then self.renew = value
        else self[name] = value
        end
      end
      self
    end

    def []=(name, value)
      writable!
      name = name.to_sym
      k = Params.key(name)
      status = case Params.type(name)
               when :i64 then Native.seg_params_set_i64(to_ptr, k, Params.to_c(name, value))
               when :f64 then Native.seg_params_set_f64(to_ptr, k, Float(value))
               else set_array(k, Array(value))
               end
      Libsegment.check(status, @context)
    end

    def [](name)
      name = name.to_sym
      kind = Params.type(name)
      return get_array(Params.key(name)) if kind == :i64_array

      out = FFI::MemoryPointer.new(kind == :i64 ? :int64 : :double)
      Libsegment.check(Native.public_send("seg_params_get_#{kind}", out, to_ptr, Params.key(name)), @context)
      Params.from_c(name, kind == :i64 ? out.read_int64 : out.read_double)
    end

    # Put one parameter back to its default.
    def reset(name)
      writable!
      Libsegment.check(Native.seg_params_reset(to_ptr, Params.key(name)), @context)
      self
    end

    # Every parameter by name, with the segment rules and renew criteria.
    def to_h
      Params.names.to_h { |n| [n, self[n]] }.merge(segments: segments, renew: renew)
    end

    def apply_preset(preset)
      writable!
      Libsegment.check(Native.seg_params_apply_preset(to_ptr, Libsegment.enum(PRESETS, preset, "preset")), @context)
      self
    end

    # The RFM segment rules: [{name:, r: 4..5, f: 1..5, m: 1..5}, ...].
    def segments
      Array.new(Native.seg_params_segment_count(to_ptr)) { |i| segment(i) }
    end

    # Replace the rules: :default, [] (none), or rule Hashes as segments gives
    # (an Integer score for a one-score range).
    def segments=(rules)
      writable!
      if rules == :default
        Libsegment.check(Native.seg_params_segments_default(to_ptr), @context)
      else
        Libsegment.check(Native.seg_params_segments_clear(to_ptr), @context)
        rules.each { |rule| add_segment(**rule) }
      end
    end

    def add_segment(name:, r: 1..10, f: 1..10, m: 1..10)
      writable!
      text = name.to_s
      ranges = [r, f, m].flat_map { |x| x.is_a?(Range) ? [x.min, x.max] : [x, x] }
      Libsegment.check(Native.seg_params_segment_add(to_ptr, text, text.bytesize, *ranges), @context)
      self
    end

    # The (R, F, M) score cells no segment rule covers, as [r, f, m] triples.
    def uncovered_cells
      n = FFI::MemoryPointer.new(:size_t)
      Libsegment.check(Native.seg_params_segments_check(nil, 0, n, to_ptr), @context)
      count = n.read(:size_t)
      return [] if count.zero?

      cells = FFI::MemoryPointer.new(:int32, 3 * count)
      Libsegment.check(Native.seg_params_segments_check(cells, count, n, to_ptr), @context)
      cells.read_array_of_int32(3 * count).each_slice(3).to_a
    end

    # Renew criteria and weights: {"brand" => 1.0, ...}.
    def renew
      Array.new(Native.seg_params_renew_count(to_ptr)) { |i| renew_criterion(i) }.to_h
    end

    def renew=(weights)
      writable!
      Libsegment.check(Native.seg_params_renew_clear(to_ptr), @context)
      weights.each do |name, weight|
        text = name.to_s
        Libsegment.check(Native.seg_params_renew_add(to_ptr, text, text.bytesize, Float(weight)), @context)
      end
    end

    private

    def adopt_view(result, raw)
      @context = result.dataset.context
      @result = result
      @read_only = true
      adopt_pointer(raw, nil, result)
    end

    def writable!
      Libsegment.fail!(StateError, "the parameters of a result are read-only") if read_only?
    end

    def set_array(key, values)
      mem = FFI::MemoryPointer.new(:int64, [values.size, 1].max)
      mem.write_array_of_int64(values) unless values.empty?
      Native.seg_params_set_i64_array(to_ptr, key, mem, values.size)
    end

    def get_array(key)
      n = FFI::MemoryPointer.new(:size_t)
      mem = FFI::MemoryPointer.new(:int64, 16)
      Libsegment.check(Native.seg_params_get_i64_array(mem, 16, n, to_ptr, key), @context)
      mem.read_array_of_int64(n.read(:size_t))
    end

    def segment(index)
      name, len = FFI::MemoryPointer.new(:pointer), FFI::MemoryPointer.new(:size_t)
      ranges = FFI::MemoryPointer.new(:int32, 6)
      Libsegment.check(Native.seg_params_segment_get(name, len, ranges, to_ptr, index), @context)
      r = ranges.read_array_of_int32(6)
      { name: Libsegment.utf8(name.read_pointer, len.read(:size_t)), r: r[0]..r[1], f: r[2]..r[3], m: r[4]..r[5] }
    end

    def renew_criterion(index)
      name, len = FFI::MemoryPointer.new(:pointer), FFI::MemoryPointer.new(:size_t)
      weight = FFI::MemoryPointer.new(:double)
      Libsegment.check(Native.seg_params_renew_get(name, len, weight, to_ptr, index), @context)
      [Libsegment.utf8(name.read_pointer, len.read(:size_t)), weight.read_double]
    end
  end
end
