# The FFI layer: finds libsegment, checks its version and declares, in one
# table, every C function the binding calls. Nothing here is public API.
require "ffi"

module Libsegment
  # Raw C entry points. Library search: $LIBSEGMENT_LIBRARY, then a copy
  # beside the package (lib/libsegment.so.1), then the system's libsegment.so.1.
  module Native
    extend FFI::Library

    # The oldest library this binding works with; any 0.x with x >= 2 loads
    # (0.x only adds functions within one minor line; a new major may break).
    MAJOR = 0
    MIN_MINOR = 2

    def self.candidates
      beside = File.expand_path("../libsegment.so.1", __dir__)
      [ENV.fetch("LIBSEGMENT_LIBRARY", nil), (beside if File.exist?(beside)), "libsegment.so.1"].compact
    end

    begin
      ffi_lib(candidates.first)
    rescue ::LoadError => e
      raise ::LoadError, "libsegment: cannot load #{candidates.first} (set LIBSEGMENT_LIBRARY " \
                       "to the path of libsegment.so.1): #{e.message}"
    end

    callback :log_fn, %i[int string pointer], :void
    callback :progress_fn, %i[uint64 uint64 pointer], :int
    callback :read_fn, %i[pointer size_t pointer pointer], :int
    callback :write_fn, %i[pointer size_t pointer], :int

    # name => [argument types, return type, version that added it if later
    # than MIN_MINOR]; out-parameters come first. A later function missing
    # from an older library is left out, and calling it raises Unsupported.
    FUNCTIONS = {
      seg_strerror: [%i[int], :string],
      seg_version_major: [[], :int],
      seg_version_minor: [[], :int],
      seg_version_patch: [[], :int],
      seg_version_string: [[], :string],
      seg_context_new: [%i[pointer], :int],
      seg_context_free: [%i[pointer], :void],
      seg_context_set_log: [%i[pointer log_fn int pointer], :int],
      seg_context_errmsg: [%i[pointer], :string],
      seg_context_errcode: [%i[pointer], :int],
      seg_context_error_line: [%i[pointer], :int64],
      seg_context_error_column: [%i[pointer], :int64],
      seg_date_from_ymd: [%i[pointer int int int], :int],
      seg_date_to_ymd: [%i[pointer pointer pointer int32], :int],
      seg_date_parse: [%i[pointer pointer pointer size_t], :int],
      seg_date_format: [%i[pointer size_t int32], :int],
      seg_money_parse: [%i[pointer pointer pointer size_t int], :int],
      seg_money_format: [%i[pointer size_t int64 int], :int],
      seg_batch_new: [%i[pointer pointer], :int],
      seg_batch_free: [%i[pointer], :void],
      seg_batch_clear: [%i[pointer], :void],
      seg_batch_bind_i64: [%i[pointer int pointer], :int],
      seg_batch_bind_i32: [%i[pointer int pointer], :int],
      seg_batch_bind_str: [%i[pointer int pointer pointer], :int],
      seg_batch_bind_rating: [%i[pointer pointer size_t pointer], :int],
      seg_batch_bind_attribute: [%i[pointer pointer size_t pointer pointer], :int],
      seg_dataset_new: [%i[pointer pointer], :int],
      seg_dataset_free: [%i[pointer], :void],
      seg_dataset_set_option: [%i[pointer int int64], :int],
      seg_dataset_get_option: [%i[pointer pointer int], :int],
      seg_dataset_option_default: [%i[pointer int], :int],
      seg_dataset_option_bounds: [%i[pointer pointer int], :int],
      seg_dataset_add_transactions: [%i[pointer pointer size_t pointer], :int],
      seg_dataset_add_customers: [%i[pointer pointer size_t pointer], :int],
      seg_dataset_customer_i64: [%i[pointer pointer int64], :int],
      seg_dataset_customer_str: [%i[pointer pointer pointer size_t], :int],
      seg_dataset_find_i64: [%i[pointer pointer int64], :int],
      seg_dataset_find_str: [%i[pointer pointer pointer size_t], :int],
      seg_dataset_set_int: [%i[pointer size_t int int32], :int],
      seg_dataset_set_str: [%i[pointer size_t int pointer size_t], :int],
      seg_dataset_set_rating: [%i[pointer size_t pointer size_t int32], :int],
      seg_dataset_set_attribute: [%i[pointer size_t pointer size_t pointer size_t], :int],
      seg_dataset_add_transaction: [%i[pointer size_t int32 int64 pointer size_t pointer pointer], :int],
      seg_dataset_stat: [%i[pointer pointer int], :int],
      seg_dataset_customer_id: [%i[pointer pointer pointer pointer pointer size_t], :int],
      seg_dataset_get_int: [%i[pointer pointer size_t int], :int],
      seg_dataset_get_str: [%i[pointer pointer pointer size_t int], :int],
      seg_dataset_get_rating: [%i[pointer pointer size_t pointer size_t], :int],
      seg_dataset_get_attribute: [%i[pointer pointer pointer size_t pointer size_t], :int],
      seg_dataset_serialize: [%i[pointer size_t pointer pointer], :int, "0.3"],
      seg_dataset_merge: [%i[pointer pointer], :int, "0.3"],
      seg_dataset_merge_serialized: [%i[pointer pointer size_t], :int, "0.3"],
      seg_csv_options_new: [%i[pointer pointer], :int],
      seg_csv_options_free: [%i[pointer], :void],
      seg_csv_options_set_i64: [%i[pointer int int64], :int],
      seg_csv_options_get_i64: [%i[pointer pointer int], :int],
      seg_csv_option_default_i64: [%i[pointer int], :int],
      seg_csv_option_bounds_i64: [%i[pointer pointer int], :int],
      seg_csv_options_map: [%i[pointer pointer size_t pointer size_t], :int],
      seg_csv_options_set_progress: [%i[pointer progress_fn pointer], :int],
      seg_load_report_new: [%i[pointer pointer], :int],
      seg_load_report_free: [%i[pointer], :void],
      seg_load_report_stat: [%i[pointer pointer int], :int],
      seg_load_report_rejected: [%i[pointer pointer int], :int],
      seg_load_report_error: [%i[pointer pointer pointer pointer pointer pointer size_t], :int],
      seg_load_report_role: [%i[pointer pointer pointer pointer size_t], :int],
      seg_reject_reason_name: [%i[int], :string],
      seg_dataset_load_csv_path: [%i[pointer pointer int pointer pointer size_t], :int],
      seg_dataset_load_csv_buffer: [%i[pointer pointer int pointer pointer size_t], :int],
      seg_dataset_load_csv_stream: [%i[pointer pointer int pointer read_fn pointer], :int],
      seg_params_new: [%i[pointer pointer], :int],
      seg_params_free: [%i[pointer], :void],
      seg_params_set_i64: [%i[pointer int int64], :int],
      seg_params_set_f64: [%i[pointer int double], :int],
      seg_params_get_i64: [%i[pointer pointer int], :int],
      seg_params_get_f64: [%i[pointer pointer int], :int],
      seg_params_reset: [%i[pointer int], :int],
      seg_param_type_of: [%i[pointer int], :int],
      seg_param_name: [%i[int], :string],
      seg_param_from_name: [%i[pointer pointer size_t], :int],
      seg_param_default_i64: [%i[pointer int], :int],
      seg_param_default_f64: [%i[pointer int], :int],
      seg_param_bounds_i64: [%i[pointer pointer int], :int],
      seg_param_bounds_f64: [%i[pointer pointer int], :int],
      seg_params_set_i64_array: [%i[pointer int pointer size_t], :int],
      seg_params_get_i64_array: [%i[pointer size_t pointer pointer int], :int],
      seg_params_apply_preset: [%i[pointer int], :int],
      seg_params_segments_clear: [%i[pointer], :int],
      seg_params_segments_default: [%i[pointer], :int],
      seg_params_segment_add: [%i[pointer pointer size_t int int int int int int], :int],
      seg_params_segment_count: [%i[pointer], :size_t],
      seg_params_segment_get: [%i[pointer pointer pointer pointer size_t], :int],
      seg_params_segments_check: [%i[pointer size_t pointer pointer], :int],
      seg_params_renew_clear: [%i[pointer], :int],
      seg_params_renew_add: [%i[pointer pointer size_t double], :int],
      seg_params_renew_count: [%i[pointer], :size_t],
      seg_params_renew_get: [%i[pointer pointer pointer pointer size_t], :int],
      seg_analyze: [%i[pointer pointer pointer], :int],
      seg_result_free: [%i[pointer], :void],
      seg_result_rows: [%i[pointer], :size_t],
      seg_result_column_type: [%i[pointer int], :int],
      seg_result_column_name: [%i[int], :string],
      seg_result_copy_i64: [%i[pointer pointer pointer int size_t size_t], :int],
      seg_result_copy_f64: [%i[pointer pointer pointer int size_t size_t], :int],
      seg_result_summary_i64: [%i[pointer pointer int], :int],
      seg_result_summary_f64: [%i[pointer pointer int], :int],
      seg_result_params: [%i[pointer], :pointer],
      seg_result_class_summary: [%i[pointer pointer pointer pointer pointer int int64], :int],
      seg_result_segment_name: [%i[pointer int64], :string],
      seg_result_segment_count: [%i[pointer], :size_t],
      seg_result_rfm_breaks: [%i[pointer size_t pointer pointer int], :int],
      seg_result_abc_xyz: [%i[pointer pointer pointer], :int],
      seg_result_lorenz: [%i[pointer pointer size_t pointer pointer], :int],
      seg_result_period_count: [%i[pointer], :size_t],
      seg_result_period_i64: [%i[pointer pointer size_t int], :int],
      seg_result_period_f64: [%i[pointer pointer size_t int], :int],
      seg_result_period_top: [%i[pointer size_t pointer pointer size_t], :int],
      seg_result_explain: [%i[pointer size_t pointer pointer size_t int], :int],
      seg_result_write: [%i[pointer int int write_fn pointer], :int],
      seg_result_write_file: [%i[pointer int int pointer size_t], :int],
      seg_cursor_new: [%i[pointer pointer], :int],
      seg_cursor_free: [%i[pointer], :void],
      seg_cursor_filter: [%i[pointer int int64], :int],
      seg_cursor_next: [%i[pointer], :int],
      seg_cursor_customer: [%i[pointer pointer], :int],
      seg_cursor_get_i64: [%i[pointer pointer pointer int], :int],
      seg_cursor_get_f64: [%i[pointer pointer pointer int], :int]
    }.freeze

    # Attach one function; a later one this library lacks raises Unsupported when called.
    def self.attach(name, args, ret, since = nil)
      attach_function(name, args, ret)
    rescue FFI::NotFoundError
      raise unless since

      define_singleton_method(name) do |*|
        Libsegment.fail!(Libsegment::Unsupported, "#{name} needs libsegment #{since}; this one is #{seg_version_string}")
      end
    end

    FUNCTIONS.each { |name, (args, ret, since)| attach(name, args, ret, since) }

    # Raises LoadError unless the loaded library is 0.x with x >= MIN_MINOR.
    def self.check_version!
      major, minor = seg_version_major, seg_version_minor
      return if major == MAJOR && minor >= MIN_MINOR

      raise ::LoadError, "libsegment: the loaded library #{ffi_libraries.first.name} is version " \
                       "#{seg_version_string}; this binding needs #{MAJOR}.#{MIN_MINOR} or a later #{MAJOR}.x"
    end
    check_version!
  end
end
