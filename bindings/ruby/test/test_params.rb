# Analysis parameters: names through seg_param_from_name, typed values,
# enums as symbols, arrays, presets, segment rules, renew criteria, errors.
require_relative "test_helper"

class TestParams < Minitest::Test
  L = Libsegment
  P = Libsegment::Params

  def test_names_keys_types_defaults_bounds
    assert_includes P.names, :rfm_method
    assert_includes P.names, :xyz_window
    assert_equal 100, P.key(:rfm_method)
    assert_equal 100, P.key("rfm_method")
    assert_equal :i64, P.type(:xyz_window)
    assert_equal :f64, P.type(:abc_a)
    assert_equal :i64_array, P.type(:rfm_thresholds_r)
    assert_equal 12, P.default(:xyz_window)
    assert_in_delta 0.8, P.default(:abc_a)
    assert_equal :tie_quantile, P.default(:rfm_method)
    assert_nil P.default(:as_of)
    assert_equal [], P.default(:rfm_thresholds_m)
    assert_equal 2..520, P.bounds(:xyz_window)
    assert_equal 0.0..1.0, P.bounds(:abc_a)
  end

  def test_set_and_get_every_kind
    p = P.new(rfm_method: :ntile, xyz_window: 6, abc_a: 0.7, as_of: Date.new(2024, 1, 31),
              analyses: %i[rfm abc], xyz_partial: true, rfm_thresholds_r: [30, 90], xyz_period: :quarter,
              abc_metric: :margin, frequency: :days)
    assert_equal :ntile, p[:rfm_method]
    assert_equal 6, p[:xyz_window]
    assert_in_delta 0.7, p[:abc_a]
    assert_equal Date.new(2024, 1, 31), p[:as_of]
    assert_equal %i[rfm abc], p[:analyses]
    assert_equal 1, p[:xyz_partial]
    assert_equal [30, 90], p[:rfm_thresholds_r]
    assert_equal :quarter, p[:xyz_period]
    assert_equal :margin, p[:abc_metric]
    assert_equal :days, p[:frequency]
    p[:as_of] = nil
    assert_nil p[:as_of]
    p.reset(:xyz_window)
    assert_equal 12, p[:xyz_window]
    h = p.to_h
    assert_equal P.names.size + 2, h.size
    assert_equal :ntile, h[:rfm_method]
  end

  def test_presets
    p = P.new(preset: :abc_80_96)
    assert_in_delta 0.96, p[:abc_b]
    p.apply_preset(:xyz_50_100)
    assert_in_delta 0.5, p[:xyz_x]
    assert_in_delta 1.0, p[:xyz_y]
    p.set(presets: %i[abc_80_95 xyz_10_25])
    assert_in_delta 0.95, p[:abc_b]
  end

  def test_segment_rules
    p = P.new
    assert_equal 11, p.segments.size
    assert_equal "Champions", p.segments.first[:name]
    assert_equal [], p.uncovered_cells
    p.segments = [{ name: "Best", r: 5, f: 4..5, m: 4..5 }]
    assert_equal [{ name: "Best", r: 5..5, f: 4..5, m: 4..5 }], p.segments
    assert_equal 125 - 4, p.uncovered_cells.size
    assert_equal 3, p.uncovered_cells.first.size
    p.add_segment(name: "Rest")
    assert_equal [], p.uncovered_cells
    p.segments = []
    assert_equal [], p.segments
    p.segments = :default
    assert_equal 11, p.segments.size
  end

  def test_renew_criteria
    p = P.new
    assert_equal({ "brand" => 1.0, "deal" => 1.0, "closeness" => 1.0 }, p.renew)
    p.renew = { price: 2, service: 0.5 }
    assert_equal({ "price" => 2.0, "service" => 0.5 }, p.renew)
  end

  def test_param_errors
    e = assert_raises(L::Unsupported) { P.new(window: 12) }
    assert_equal(-3, e.status)
    assert_raises(L::RangeError) { P.new(xyz_window: 1) }
    assert_raises(L::RangeError) { P.new(abc_a: 1.5) }
    assert_raises(L::InvalidArgument) { P.new(rfm_method: :magic) }
    assert_raises(L::InvalidArgument) { P.new(analyses: [:astrology]) }
    assert_raises(L::RangeError) { P.new(rfm_thresholds_r: [90, 30]) }
    assert_raises(L::RangeError) { P.new(rfm_thresholds_r: (1..10).to_a) }
    assert_raises(L::InvalidArgument) { P.new(preset: :abc_50_50) }
    assert_raises(L::RangeError) { P.new(segments: [{ name: "x", r: 0..11 }]) }
    assert_raises(L::InvalidArgument) { P.new(segments: [{ name: "" }]) }
    assert_raises(L::RangeError) { P.new(renew: { brand: -1 }) }
    assert_raises(L::InvalidArgument) { P.new(renew: { "" => 1 }) }
    assert_raises(L::Unsupported) { P.default(:colour) }
    assert_raises(L::Unsupported) { P.bounds(:colour) }
    assert_raises(L::Unsupported) { P.type(:colour) }
    assert_raises(L::Unsupported) { P.new.reset(:colour) }
    assert_raises(ArgumentError) { P.new(abc_a: "lots") }
  end

  def test_analyze_takes_keywords_or_params
    ds = TestData.small_dataset
    r1 = ds.analyze(rfm_method: :ntile, xyz_window: 6)
    assert_equal :ntile, r1.params[:rfm_method]
    assert_equal 6, r1.params[:xyz_window]
    r2 = ds.analyze(P.new(ds.context, abc_a: 0.5))
    assert_in_delta 0.5, r2.params[:abc_a]
    assert_equal Date.new(2024, 3, 20), ds.analyze.params[:as_of]
  end

  def test_result_params_are_read_only
    r = TestData.small_dataset.analyze
    view = r.params
    assert view.read_only?
    assert_raises(L::StateError) { view[:xyz_window] = 3 }
    assert_raises(L::StateError) { view.reset(:xyz_window) }
    assert_raises(L::StateError) { view.segments = [] }
    assert_equal 11, view.segments.size
  end
end
