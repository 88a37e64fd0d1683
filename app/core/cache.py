"""A small in-process cache with a time to live, for hot reads whose staleness for a few seconds is harmless (the
approved KPI values integrations poll). Each worker keeps its own: a write in one worker clears that worker's copy at
once (`clear`), the others see it within the time to live. Bounded: the oldest entries go first."""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class TtlCache(Generic[V]):
    def __init__(self, ttl_seconds: float, maxsize: int = 2048) -> None:
        self.ttl = ttl_seconds
        self.maxsize = maxsize
        self._items: OrderedDict[Hashable, tuple[float, V]] = OrderedDict()

    def get(self, key: Hashable) -> V | None:
        item = self._items.get(key)
        if item is None:
            return None
        expires, value = item
        if expires < time.monotonic():
            self._items.pop(key, None)
            return None
        return value

    def put(self, key: Hashable, value: V, ttl_seconds: float | None = None) -> None:
        ttl = self.ttl if ttl_seconds is None else min(self.ttl, ttl_seconds)
        if ttl <= 0:
            return
        self._items[key] = (time.monotonic() + ttl, value)
        self._items.move_to_end(key)
        while len(self._items) > self.maxsize:
            self._items.popitem(last=False)

    def clear(self) -> None:
        self._items.clear()

    def __len__(self) -> int:
        return len(self._items)
