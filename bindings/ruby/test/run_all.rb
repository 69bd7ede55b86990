# Runs every minitest file of the Ruby binding; meson's 'ruby' test calls it
# with LIBSEGMENT_LIBRARY set to the library just built.
Dir.glob(File.join(__dir__, "test_*.rb")).sort.each { |file| require file }
