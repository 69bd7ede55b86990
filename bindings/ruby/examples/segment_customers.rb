# Example: a small B2B customer base built with one-record calls, every
# analysis run with default parameters, and the answers a sales team reads.
require "libsegment"

# Buyers: id, months between orders, order size in roubles, months since the last order.
BUYERS = [
  ["Alfa Steel", 1, 120_000, 0], ["Baltic Foods", 1, 45_000, 0], ["Volga Trade", 2, 80_000, 1],
  ["Gamma Build", 3, 30_000, 2], ["Delta Print", 1, 9_000, 0], ["Sever Oil", 4, 250_000, 9],
  ["Omega Tools", 6, 15_000, 14], ["Ural Paper", 12, 5_000, 3]
].freeze

# Refused leads with the manager's ratings and the competitor's deadline (0 = not rated).
LEADS = [
  ["Kama Logistics", "2025-03-20", { brand: 5, deal: 4, closeness: 3 }],
  ["Neva Pharma", "2025-01-10", { brand: 4, deal: 4, closeness: 3 }],
  ["Oka Textile", nil, { brand: 2, deal: 5, closeness: 0 }]
].freeze

# Two years of orders up to 2024-12-31, about one every `every` months.
def load_buyer(ds, id, every, size, silent)
  (0...(24 - silent)).step(every) do |month|
    ds.add_transaction(customer: id, order: format("%.4s-%02d", id, month),
                       date: Date.new(2023 + month / 12, 1 + month % 12, 5 + id.bytesize % 20),
                       amount: size * (90 + (month * 7 + id.bytesize) % 21)) # kopecks
  end
end

def load_lead(ds, id, deadline, ratings)
  ds.add_customer(id, lead_closed: true, ratings: ratings.reject { |_, v| v.zero? },
                      **(deadline ? { competitor_deadline: deadline } : {}))
end

def print_customers(result)
  puts format("%-15s %-9s %-4s %-19s %-3s %-3s %s", "customer", "stage", "RFM", "segment", "ABC", "XYZ", "renew")
  result.each_customer(columns: %i[lifecycle rfm rfm_segment abc xyz renew]) do |row|
    line = format("%-15s %-9s %-4s %-19s %-3s %-3s", row[:id], result.label(:lifecycle, row[:lifecycle]),
                  row[:rfm] || "-", result.label(:rfm_segment, row[:rfm_segment]) || "-",
                  result.label(:abc, row[:abc]) || "-", xyz_text(row[:xyz]))
    line += format(" %g", row[:renew]) if row[:renew]
    puts line
  end
end

def xyz_text(value)
  { 1 => "X", 2 => "Y", 3 => "Z" }.fetch(value, "-")
end

def print_summary(result)
  s = result.summary
  puts format("\nas of %s: the top 20 %% of buyers bring %.1f %% of revenue (Gini %.2f)",
              s[:as_of].iso8601, 100 * s[:pareto_top_share], s[:gini])
  result.classes(:abc).each do |name, c|
    puts format("ABC %s: %d customer%s, %.1f %% of revenue", name, c[:count], c[:count] == 1 ? "" : "s",
                100 * c[:metric_share])
  end
end

Libsegment::Dataset.open do |ds|
  BUYERS.each { |buyer| load_buyer(ds, *buyer) }
  LEADS.each { |lead| load_lead(ds, *lead) }
  result = ds.analyze
  print_customers(result)
  print_summary(result)
  puts "\nWhy Sever Oil is where it is:\n#{result.explain('Sever Oil')}"
end
