# Ownership of C objects: a Handle frees its object with the matching
# seg_X_free only once it is dropped and no child object of it is alive.
module Libsegment
  # Release order for one C object. It is the releaser of the wrapper's
  # FFI::AutoPointer and never refers back to the wrapper, so finalizers
  # may run in any order: a parent dropped first waits for its children.
  class Handle
    attr_reader :address

    def initialize(address, free_fn, parent = nil)
      @address = address
      @free_fn = free_fn
      @parent = parent
      @children = {}.compare_by_identity
      @dropped = false
      parent&.adopt(self)
    end

    def live?
      !@address.nil?
    end

    def children
      @children.size
    end

    # The AutoPointer releaser: the wrapper is gone (or was freed explicitly).
    def call(_pointer = nil)
      @dropped = true
      release_if_unused
    end

    # Free this object now, after freeing every child object still alive.
    def close
      @children.keys.each(&:close)
      call
    end

    protected

    def adopt(child)
      @children[child] = true
    end

    def orphan(child)
      @children.delete(child)
      release_if_unused if @dropped
    end

    private

    def release_if_unused
      return if @address.nil? || !@children.empty?

      address = @address
      @address = nil
      Native.public_send(@free_fn, address) if @free_fn
      @parent&.orphan(self)
    end
  end

  # Shared by every wrapper of a C handle: an FFI::AutoPointer whose
  # releaser is a Handle, explicit close/free, and a closed-object check.
  module Resource
    def close
      return nil unless @handle

      @handle.close
      @pointer.free
      nil
    end
    alias free close

    def closed?
      !@handle&.live?
    end

    # The raw pointer for a C call; raises StateError once closed.
    def to_ptr
      Libsegment.fail!(StateError, "#{self.class.name.split('::').last.downcase} is closed") if closed?

      @pointer
    end

    private

    def adopt_pointer(raw, free_fn, parent)
      @handle = Handle.new(raw, free_fn, parent&.instance_variable_get(:@handle))
      @pointer = FFI::AutoPointer.new(raw, @handle)
    end

    # Create a C object with seg_X_new(out, arg) and wrap it.
    def create(new_fn, free_fn, arg, context, parent = nil)
      out = FFI::MemoryPointer.new(:pointer)
      Libsegment.check(Native.public_send(new_fn, out, arg), context)
      adopt_pointer(out.read_pointer, free_fn, parent)
    end
  end
end
