#!/usr/bin/env python3
"""Drops the files under each DIR from the page cache (posix_fadvise
DONTNEED: no root needed, unlike /proc/sys/vm/drop_caches), so that the next
read comes from the disk: a cold-cache measurement.

    evict.py DIR...
"""
import os
import sys

for top in sys.argv[1:]:
    for root, _, files in os.walk(top):
        for name in files:
            fd = os.open(os.path.join(root, name), os.O_RDONLY)
            try:
                os.fdatasync(fd)
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)
