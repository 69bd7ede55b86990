# Lifetimes: AutoPointer release at GC, parents kept alive by children,
# explicit close safe twice, block forms, use after close, and a memory loop.
require_relative "test_helper"

class TestLifetime < Minitest::Test
  L = Libsegment

  def rss_kib
    File.read("/proc/self/status")[/^VmRSS:\s+(\d+)/, 1].to_i
  end

  def live_handles
    ObjectSpace.each_object(L::Handle).count(&:live?)
  end

  def test_close_is_safe_twice_and_use_after_close_raises
    ds = TestData.small_dataset
    r = ds.analyze
    assert_nil r.close
    assert_nil r.free
    assert r.closed?
    e = assert_raises(L::StateError) { r.rows }
    assert_match(/result is closed/, e.message)
    ds.close
    ds.close
    assert_raises(L::StateError) { ds.stats }
    ctx = L::Context.new
    ctx.close
    ctx.close
    assert_equal "", ctx.errmsg
  end

  def test_closing_a_dataset_closes_its_results_first
    ds = TestData.small_dataset
    r = ds.analyze
    cursor = L::Cursor.new(r)
    view = r.params
    ds.close
    assert cursor.closed?
    assert view.closed?
    assert r.closed?
    assert ds.closed?
    refute ds.context.closed?
  end

  def test_block_forms
    kept = nil
    L::Dataset.open(scale: 0) do |ds|
      ds.add_transaction(customer: 1, date: "2024-01-01", amount: 5)
      kept = ds.analyze
      assert_equal 1, kept.rows
    end
    assert kept.closed?
    assert_equal false, L::Dataset.open.closed?
    L::Context.open { |ctx| @ctx = ctx }
    assert @ctx.closed?
    refute L::Context.open.closed?
    L::Cursor.open(TestData.small_dataset.analyze) { |c| @cur = c }
    assert @cur.closed?
  end

  def test_a_result_keeps_its_dataset_and_context_alive
    r = TestData.small_dataset.analyze
    GC.start(full_mark: true, immediate_sweep: true)
    assert_equal %w[a b c lead], r.customer_ids
    assert_equal 4, r.dataset.stats[:customers]
    refute r.dataset.context.closed?
  end

  def test_parent_dropped_first_waits_for_its_children
    freed = []
    parent = L::Handle.new(FFI::Pointer.new(1), nil)
    child = L::Handle.new(FFI::Pointer.new(2), nil, parent)
    parent.call
    assert parent.live?
    assert_equal 1, parent.children
    child.call
    refute child.live?
    refute parent.live?
    freed << :ok
    assert_equal [:ok], freed
  end

  def test_logging_goes_to_the_block
    ctx = L::Context.new
    seen = []
    ctx.on_log(:debug) { |level, text| seen << [level, text] }
    ds = L::Dataset.new(context: ctx)
    assert_raises(L::ParseError) { ds.add_transactions([{ customer: 1, date: "x", amount: 1 }]) }
    assert_includes seen.map(&:first), :error
    assert_equal(-5, ctx.errcode)
    ctx.on_log
    assert_raises(L::InvalidArgument) { ctx.on_log(:chatty) { nil } }
    assert_raises(L::RangeError) { ctx.on_log(9) { nil } }
  end

  # Build and drop many datasets with results; GC must give their memory back.
  def churn(count)
    count.times do |i|
      ds = L::Dataset.new
      ds.add_transactions(customer: (1..200).to_a, date: Array.new(200) { |k| 19_000 + k }, amount: Array.new(200, 100 + i))
      ds.analyze.column(:abc)
      GC.start if (i % 50).zero?
    end
    GC.start(full_mark: true, immediate_sweep: true)
  end

  def test_dropped_objects_are_released
    churn(200)
    before = rss_kib
    churn(2000)
    after = rss_kib
    growth = after - before
    $stderr.puts format("memory loop: 2000 datasets with results, RSS %d KiB -> %d KiB (%+d KiB)", before, after, growth) if ENV["LIBSEGMENT_VERBOSE"]
    assert_operator growth, :<, 20_000, "RSS grew by #{growth} KiB over 2000 datasets"
    assert_operator live_handles, :<, 200, "C objects still alive after GC"
  end
end
