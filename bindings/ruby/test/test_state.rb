# Partial state (libsegment 0.3): serialize to bytes and merge datasets or
# bytes; parts of the Online Retail data merge into the whole-data figures.
require_relative "test_helper"

class TestState < Minitest::Test
  L = Libsegment

  def setup
    skip "needs libsegment 0.3" if L::Native.seg_version_minor < 3
  end

  # The clean Online Retail rows split by customer into three datasets.
  def parts
    rows = File.readlines(TestData.path("online_retail_invoices.csv"), chomp: true).drop(1)
               .map { |l| l.split(",") }.select { |l| l[4] == "1" }
    rows.group_by { |l| l[1].to_i % 3 }.values.map do |part|
      ds = L::Dataset.new(scale: 3)
      ds.add_transactions(order: part.map { |l| l[0] }, customer: part.map { |l| l[1].to_i },
                          date: part.map { |l| l[2] }, amount: part.map { |l| l[3].to_i })
      ds
    end
  end

  def abc(ds)
    r = ds.analyze(as_of: "2011-12-10")
    %i[A B C].map { |c| r.class_summary(:abc, c)[:count] }.tap { r.close }
  end

  def test_parts_merge_into_the_whole
    a, b, c = parts
    whole = L::Dataset.new
    whole.merge(a).merge(b.serialize).merge(c)
    assert_equal [1133, 1469, 1736], abc(whole)
    assert_equal 4338, whole.size
    assert_equal 3, whole.scale
  end

  def test_serialize_round_trip
    ds = TestData.small_dataset
    bytes = ds.serialize
    assert_equal Encoding::BINARY, bytes.encoding
    copy = L::Dataset.new.merge(bytes)
    assert_equal ds.stats.reject { |k, _| k == :memory_bytes }, copy.stats.reject { |k, _| k == :memory_bytes }
    assert_equal 4, copy.rating("lead", :brand)
    assert_equal bytes, copy.serialize
  end

  def test_damaged_bytes_are_corrupt
    bytes = TestData.small_dataset.serialize
    target = L::Dataset.new
    e = assert_raises(L::Corrupt) { target.merge(bytes[0, bytes.bytesize / 2]) }
    assert_equal(-13, e.status)
    refute_empty e.message
    flipped = bytes.dup
    flipped.setbyte(20, flipped.getbyte(20) ^ 0x40)
    assert_raises(L::Corrupt) { target.merge(flipped) }
    assert_raises(L::Corrupt) { target.merge("") }
    assert_equal 0, target.size
  end

  def test_merge_errors
    ds = TestData.small_dataset
    assert_raises(L::InvalidArgument) { ds.merge(ds) }
    assert_raises(NoMethodError) { ds.merge(42) }
    other = L::Dataset.new(scale: 3)
    other.add_transaction(customer: "z", date: "2024-01-01", amount: 1)
    assert_raises(L::StateError) { ds.merge(other) }
    conflict = L::Dataset.new
    conflict.add_customer("lead", ratings: { brand: 1 })
    assert_raises(L::StateError) { ds.merge(conflict) }
    r = ds.analyze
    assert_raises(L::StateError) { ds.merge(L::Dataset.new.serialize) }
    r.close
    ds.merge(L::Dataset.new.serialize)
  end

  def test_a_function_missing_from_an_older_library_raises_unsupported
    L::Native.attach(:seg_no_such_function, [], :int, "9.9")
    e = assert_raises(L::Unsupported) { L::Native.seg_no_such_function }
    assert_match(/needs libsegment 9\.9/, e.message)
    assert_raises(FFI::NotFoundError) { L::Native.attach(:seg_no_such_function_either, [], :int) }
  end
end
