# Shared setup of the minitest suite: loads the binding from ../lib and
# gives small datasets and the path of the bundled real data.
$LOAD_PATH.unshift(File.expand_path("../lib", __dir__))
require "minitest/autorun"
require "libsegment"
require "tmpdir"

module TestData
  DIR = File.expand_path("../../../tests/data", __dir__)

  module_function

  def path(name) = File.join(DIR, name)

  # Three buyers and a refused lead, with string ids, at scale 2.
  def small_dataset
    ds = Libsegment::Dataset.new
    ds.add_transactions([
      { customer: "a", date: "2024-01-05", amount: 1000, order: "o1" },
      { customer: "a", date: "2024-03-05", amount: 2000, order: "o2" },
      { customer: "b", date: "2024-02-10", amount: 500, order: "o3" },
      { customer: "c", date: "2024-03-20", amount: 100, order: "o4" }
    ])
    ds.add_customers([{ customer: "lead", lead_closed: true, ratings: { brand: 4, deal: 3, closeness: 5 } }])
    ds
  end
end
