"""Ownership of C handles: close(), context managers and finalisers, where a
child keeps its parent alive and a parent is freed only after its children."""
from __future__ import annotations

import warnings
import weakref
from typing import Callable, Optional

from .errors import ClosedError


class _Native:
    """One C pointer and its free function. Freed once it is released and
    every child made from it has been freed (C requires results before their
    dataset, and every object before its context)."""

    def __init__(self, ptr: int, free: Callable[[int], None], parent: Optional["_Native"]):
        self.ptr = ptr
        self.free = free
        self.parent = parent
        self.children = 0
        self.released = False
        self.owned: list = []          # natives released when this one is freed
        if parent is not None:
            parent.children += 1

    def release(self) -> None:
        """Mark released; free now if no child is alive."""
        if not self.released:
            self.released = True
            self._maybe_free()

    def _maybe_free(self) -> None:
        if not self.released or self.children or self.ptr is None:
            return
        ptr, self.ptr = self.ptr, None
        self.free(ptr)
        if self.parent is not None:
            self.parent.children -= 1
            self.parent._maybe_free()
        for other in self.owned:
            other.release()


def _finalize(native: _Native, name: str) -> None:
    """Finaliser of a handle the program did not close: warn as open files do, then free."""
    if not native.released:
        warnings.warn(f"unclosed libsegment {name}; call close() or use 'with'", ResourceWarning,
                      stacklevel=2)
        native.release()


class Handle:
    """Base of every wrapper of a C object. `close()` is idempotent; a handle
    left open is freed by its finaliser with a ResourceWarning."""

    def _init_handle(self, ptr: int, free: Callable[[int], None], parent: Optional["Handle"]) -> None:
        self._parent = parent
        self._native = _Native(ptr, free, parent._native if parent is not None else None)
        self._finalizer = weakref.finalize(self, _finalize, self._native, type(self).__name__)

    @property
    def _ptr(self) -> int:
        """The C pointer; ClosedError once the handle is closed."""
        native = getattr(self, "_native", None)
        if native is None or native.released:
            raise ClosedError(f"this libsegment {type(self).__name__} is closed")
        return native.ptr

    @property
    def _live_ptr(self) -> int:
        """The C pointer while the C object exists, even after close() (a
        closed context still serves the objects made from it)."""
        native = getattr(self, "_native", None)
        if native is None or native.ptr is None:
            raise ClosedError(f"this libsegment {type(self).__name__} is closed")
        return native.ptr

    @property
    def closed(self) -> bool:
        """True after close()."""
        native = getattr(self, "_native", None)
        return native is None or native.released

    def close(self) -> None:
        """Free the C object (deferred while objects made from it are alive). Safe to repeat."""
        native = getattr(self, "_native", None)
        if native is not None:
            self._finalizer.detach()
            native.release()

    def _adopt(self, other: "Handle") -> None:
        """Take ownership of `other` (a private context): it is released,
        without a warning, when this handle is freed."""
        other._finalizer.detach()
        self._native.owned.append(other._native)

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "closed" if self.closed else "open"
        return f"<libsegment.{type(self).__name__} {state}>"
