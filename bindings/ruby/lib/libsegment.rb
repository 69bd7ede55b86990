# libsegment for Ruby: customer segmentation (RFM, ABC/XYZ, Pareto,
# lifecycle, renew) over the C library through the ffi gem.
require_relative "libsegment/native"
require_relative "libsegment/errors"
require_relative "libsegment/constants"
require_relative "libsegment/handle"
require_relative "libsegment/context"
require_relative "libsegment/dates"
require_relative "libsegment/money"
require_relative "libsegment/batch"
require_relative "libsegment/csv"
require_relative "libsegment/params"
require_relative "libsegment/dataset"
require_relative "libsegment/result"
require_relative "libsegment/cursor"

# The Ruby binding of libsegment. Start with Libsegment::Dataset.
module Libsegment
  BINDING_VERSION = "0.2.0"

  # Version of the loaded C library, e.g. "0.2.0".
  def self.library_version
    Native.seg_version_string
  end

  # Static English text of a status code.
  def self.strerror(status)
    Native.seg_strerror(status)
  end
end
