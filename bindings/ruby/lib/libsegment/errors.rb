# Exceptions: one class per seg_status, carrying the status, the error line
# and column and the context's message; check() turns a status into a raise.
module Libsegment
  # Base of every libsegment failure; unknown statuses raise this class itself.
  class Error < StandardError
    attr_reader :status, :line, :column
    # The LoadReport of a failed CSV load, nil otherwise.
    attr_accessor :report

    def initialize(message = nil, status: nil, line: 0, column: 0)
      @status = status
      @line = line
      @column = column
      super(message)
    end
  end

  class InvalidArgument < Error; end
  class OutOfMemory < Error; end
  class Unsupported < Error; end
  class RangeError < Error; end
  class ParseError < Error; end
  class Inexact < Error; end
  class Overflow < Error; end
  class StateError < Error; end
  class NotFound < Error; end
  class BufferTooSmall < Error; end
  class IOError < Error; end
  class Cancelled < Error; end
  class Corrupt < Error; end

  ERROR_CLASSES = {
    -1 => InvalidArgument, -2 => OutOfMemory, -3 => Unsupported, -4 => RangeError,
    -5 => ParseError, -6 => Inexact, -7 => Overflow, -8 => StateError, -9 => NotFound,
    -10 => BufferTooSmall, -11 => IOError, -12 => Cancelled, -13 => Corrupt
  }.freeze

  # The exception class of a status; the base class for unknown ones.
  def self.error_class(status)
    ERROR_CLASSES.fetch(status, Error)
  end

  # An exception for a failed status, with the detail the context holds.
  def self.error_for(status, context = nil)
    # Result reads do not record errors in the context: use its message only
    # when it is about this very status.
    fresh = context && !context.closed? && context.errcode == status
    message, line, column = fresh ? context.last_error : ["", 0, 0]
    message = Native.seg_strerror(status) if message.nil? || message.empty?
    error_class(status).new(message, status: status, line: line, column: column)
  end

  # Raise for a negative status; returns the status otherwise.
  def self.check(status, context = nil)
    raise error_for(status, context) if status.negative?

    status
  end

  # A binding-side failure with a status of its own (no context message).
  def self.fail!(klass, message)
    status = ERROR_CLASSES.key(klass)
    raise klass.new(message, status: status)
  end
end
