# Runs a Ruby example with the binding on the load path and compares its
# standard output with the expected text; a difference fails and is shown.
require "open3"
require "rbconfig"

script, expected_file = ARGV
lib = File.expand_path("../lib", __dir__)
got, err, status = Open3.capture3(RbConfig.ruby, "-I", lib, script)
abort("#{script} failed:\n#{err}") unless status.success?
want = File.read(expected_file, encoding: "UTF-8")
if got == want
  puts "#{script}: output matches #{expected_file}"
else
  want_lines, got_lines = want.lines, got.lines
  [want_lines.size, got_lines.size].max.times do |i|
    next if want_lines[i] == got_lines[i]

    puts "line #{i + 1}:\n- #{want_lines[i]}+ #{got_lines[i]}"
  end
  exit 1
end
