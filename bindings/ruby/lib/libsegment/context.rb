# The context every C object is made from: it holds the last error message,
# line and column, and an optional log callback.
module Libsegment
  # Wraps seg_context. Datasets make their own unless given one; a context
  # is used by one thread at a time, like everything made from it.
  class Context
    include Resource

    LOG_LEVELS = { error: 1, warning: 2, info: 3, debug: 4 }.freeze

    def initialize
      out = FFI::MemoryPointer.new(:pointer)
      status = Native.seg_context_new(out)
      Libsegment.check(status)
      adopt_pointer(out.read_pointer, :seg_context_free, nil)
    end

    # Run a block with a new context, closed at the end.
    def self.open
      ctx = new
      return ctx unless block_given?

      begin
        yield ctx
      ensure
        ctx.close
      end
    end

    # [message, line, column] of the last failed call.
    def last_error
      return ["", 0, 0] if closed?

      [Native.seg_context_errmsg(@pointer).dup.force_encoding(Encoding::UTF_8),
       Native.seg_context_error_line(@pointer), Native.seg_context_error_column(@pointer)]
    end

    def errmsg
      last_error[0]
    end

    # Status of the last call made with this context (0 after success).
    def errcode
      Native.seg_context_errcode(to_ptr)
    end

    # Deliver log messages up to +level+ to the block as (level symbol, text);
    # without a block, stop logging.
    def on_log(level = :info, &block)
      max = Libsegment.enum(LOG_LEVELS, level, "log level")
      @log_fn = block && proc { |lvl, msg, _| block.call(LOG_LEVELS.key(lvl) || lvl, msg.dup.force_encoding(Encoding::UTF_8)) }
      Libsegment.check(Native.seg_context_set_log(to_ptr, @log_fn, max, nil), self)
      self
    end
  end
end
