# CSV loading: from a path, a String and an IO; the load report; strict and
# lenient loads; role mapping; dialect options; progress and cancelling.
require_relative "test_helper"
require "stringio"

class TestCsv < Minitest::Test
  L = Libsegment
  ORDERS = "Client;Day;Sum\n1;05.01.2024;10,50\n2;06.01.2024;7\n"

  def test_load_from_a_path_with_a_report
    ds = L::Dataset.new(scale: 3)
    report = ds.load_csv(TestData.path("online_retail_invoices.csv"), map: { order: "invoice" })
    assert_instance_of L::LoadReport, report
    assert_equal 22_220, report.rows_read
    assert_equal 22_220, report.rows_loaded
    assert_equal 0, report.rows_rejected
    assert_equal 22_221, report.lines
    assert_equal File.size(TestData.path("online_retail_invoices.csv")), report.bytes
    assert_equal :comma, report.delimiter
    assert_equal :utf8, report.encoding
    assert_equal false, report.bom
    assert_equal [], report.errors
    assert_equal 0, report.rejected.values.sum
    assert_equal({ "order" => "invoice", "customer" => "customer", "date" => "date", "amount" => "amount" },
                 report.roles.to_h { |r| [r.role, r.header] })
    assert_equal 4372, ds.size
  end

  def test_load_from_a_string_with_a_dialect
    ds = L::Dataset.new
    report = ds.load_csv_string(ORDERS, delimiter: :semicolon, decimal: :comma,
                                        map: { customer: "Client", date: "Day", amount: "Sum" })
    assert_equal 2, report.rows_loaded
    assert_equal :semicolon, report.delimiter
    assert_equal :comma, report.decimal
    assert_equal 1750, ds.stats[:net_amount]
  end

  def test_load_from_an_io_with_progress
    ds = L::Dataset.new
    seen = []
    report = ds.load_csv_io(StringIO.new("customer,date,amount\na,2024-01-01,1\nb,2024-01-02,2\n"),
                            progress: ->(done, total) { seen << [done, total] })
    assert_equal 2, report.rows_loaded
    refute_empty seen
    assert_equal 0, seen.last[1]
  end

  def test_a_failing_io_is_an_io_error
    io = Object.new
    def io.read(_) = raise(::IOError, "disk gone")
    assert_raises(L::IOError) { L::Dataset.new.load_csv_io(io) }
  end

  def test_progress_can_cancel
    ds = L::Dataset.new
    text = "customer,date,amount\n" + ("a,2024-01-01,1\n" * 300_000)
    e = assert_raises(L::Cancelled) { ds.load_csv_string(text, progress: ->(_, _) { false }) }
    assert_equal(-12, e.status)
    assert_equal e.report.rows_loaded, ds.stats[:transactions]
  end

  def test_lenient_load_reports_rejected_rows
    text = "customer,date,amount\na,2024-01-01,1\nb,2024-02-30,2\nc,2024-01-03,x\nd,2024-01-04\n"
    report = L::Dataset.new.load_csv_string(text, strict: false, max_errors: 2)
    assert_equal 4, report.rows_read
    assert_equal 1, report.rows_loaded
    assert_equal 3, report.rows_rejected
    assert_equal 1, report.rejected[:date]
    assert_equal 1, report.rejected[:number]
    assert_equal 1, report.rejected[:field_count]
    assert_equal 2, report.errors.size
    first = report.errors.first
    assert_instance_of L::RowError, first
    assert_equal 3, first.line
    assert_equal :date, first.reason
    assert_equal "date", first.header
    assert_match(/2024-02-30/, first.message)
  end

  def test_customers_file
    text = "id,name,lead_closed,brand\nk,Kama,1,5\n"
    ds = L::Dataset.new
    report = ds.load_csv_string(text, kind: :customers, map: { customer: "id", "rating:brand" => "brand" })
    assert_equal 1, report.rows_loaded
    assert_equal "Kama", ds.customer("k")[:name]
    assert_equal 5, ds.rating("k", :brand)
  end

  def test_validate_only_changes_nothing
    ds = L::Dataset.new
    report = ds.load_csv_string("customer,date,amount\na,2024-01-01,1\n", validate_only: true)
    assert_equal 1, report.rows_loaded
    assert_equal 0, ds.size
  end

  def test_two_threads_load_what_one_does
    rows = (0...20_000).map { |i| format("c%d,2024-%02d-%02d,%d.%02d,%d\n", i % 700, 1 + i % 12, 1 + i % 28, i % 900, i % 100, i / 2) }
    text = "customer,date,amount,order\n" + rows.join + "c1,2024-13-01,1,1\n"
    seen = [1, 2].map do |threads|
      ds = L::Dataset.new
      report = ds.load_csv_string(text, threads: threads, strict: false)
      assert_equal [20_001, 20_000, 1], [report.rows_read, report.rows_loaded, report.rows_rejected]
      [report.errors.map(&:message), ds.serialize]
    end
    assert_equal seen[0], seen[1]
  end

  def test_conflicting_declaration_is_a_conflict
    report = L::Dataset.new.load_csv_string("id,status\nk,current\nk,churned\n", kind: :customers, strict: false)
    assert_equal 1, report.rejected[:conflict]
    assert_equal :conflict, report.errors[0].reason
  end

  def test_csv_options_object
    opts = L::CsvOptions.new(L::Context.new, delimiter: :tab, strict: false, max_errors: 5)
    assert_equal :tab, opts[:delimiter]
    assert_equal 0, opts[:strict]
    assert_equal 5, opts[:max_errors]
    assert_equal :auto, opts[:encoding]
    opts[:header] = false
    assert_equal 0, opts[:header]
    assert_same opts, opts.map("amount", "#3").map("amount", nil)
    assert_equal 100, L::CsvOptions.default(:max_errors)
    assert_equal 0..1_000_000, L::CsvOptions.bounds(:max_errors)
    opts.close
    assert_raises(L::StateError) { opts[:strict] }
  end

  def test_csv_errors
    ds = L::Dataset.new
    e = assert_raises(L::IOError) { ds.load_csv("/nonexistent/orders.csv") }
    assert_match(%r{/nonexistent/orders.csv}, e.message)
    refute_nil e.report
    assert_raises(L::ParseError) { ds.load_csv_string("name,colour\nx,red\n") }
    assert_raises(L::Unsupported) { ds.load_csv_string("a\n", map: { colour: "a" }) }
    assert_raises(L::RangeError) { ds.load_csv_string("a\n", max_errors: -1) }
    assert_raises(L::InvalidArgument) { ds.load_csv_string("a\n", delimiter: :pipe) }
    assert_raises(L::InvalidArgument) { ds.load_csv_string("a\n", kind: :invoices) }
    assert_raises(L::InvalidArgument) { ds.load_csv_string("a\n", colour: 1) }
    assert_raises(L::Unsupported) { L::CsvOptions.default(99) }
    assert_raises(L::Unsupported) { L::CsvOptions.bounds(99) }
    e = assert_raises(L::Inexact) { ds.load_csv_string("customer,date,amount\na,2024-01-01,1.001\n") }
    assert_equal 2, e.line
  end
end
