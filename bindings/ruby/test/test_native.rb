# Loading the C library: the search order, the version rule and the one
# attach_function table covering the functions the binding calls.
require_relative "test_helper"
require "open3"
require "rbconfig"

class TestNative < Minitest::Test
  LIB = File.expand_path("../lib", __dir__)

  def ruby(code, env = {})
    Open3.capture3(env, RbConfig.ruby, "-I", LIB, "-e", code)
  end

  def test_version_is_read_from_the_library
    assert_match(/\A0\.\d+\.\d+\z/, Libsegment.library_version)
    assert_equal 0, Libsegment::Native.seg_version_major
    assert_operator Libsegment::Native.seg_version_minor, :>=, 2
  end

  def test_the_library_comes_from_the_environment_variable
    assert_equal ENV["LIBSEGMENT_LIBRARY"], Libsegment::Native.candidates.first if ENV["LIBSEGMENT_LIBRARY"]
    assert_equal "libsegment.so.1", Libsegment::Native.candidates.last
  end

  def test_a_missing_library_is_a_clear_load_error
    _, err, status = ruby('require "libsegment"', "LIBSEGMENT_LIBRARY" => "/nonexistent/libsegment.so.1")
    refute status.success?
    assert_match(/LoadError/, err)
    assert_match(%r{cannot load /nonexistent/libsegment.so.1 \(set LIBSEGMENT_LIBRARY}, err)
  end

  def test_an_older_minor_version_is_refused
    Libsegment::Native.stub(:seg_version_minor, 1) do
      e = assert_raises(::LoadError) { Libsegment::Native.check_version! }
      assert_match(/needs 0\.2 or a later 0\.x/, e.message)
    end
  end

  def test_another_major_version_is_refused
    Libsegment::Native.stub(:seg_version_major, 1) do
      assert_raises(::LoadError) { Libsegment::Native.check_version! }
    end
  end

  def test_one_table_declares_the_functions
    assert_operator Libsegment::Native::FUNCTIONS.size, :>=, 120
    Libsegment::Native::FUNCTIONS.each_key { |name| assert_respond_to Libsegment::Native, name }
  end

  def test_strerror
    assert_equal Libsegment::Native.seg_strerror(-9), Libsegment.strerror(-9)
    refute_empty Libsegment.strerror(-999)
  end
end
