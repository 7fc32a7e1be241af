"""Which OpenBLAS kernel numpy runs: the core name and build configuration of numpy's own OpenBLAS.

Prints two lines, `corename NAME` and `config TEXT`, read from the library numpy loaded (its bundled
scipy-openblas, or a system OpenBLAS), whatever symbol prefix that build uses. OpenBLAS picks its kernel when it
loads, from the CPU unless OPENBLAS_CORETYPE names one; run this once as is and once with
`env -u OPENBLAS_CORETYPE` to see whether the variable changes the kernel. Exit 3 when no OpenBLAS is found.

    python3 np_openblas_kernel.py
"""
import ctypes
import glob
import os
import sys

import numpy

PREFIXES = ("scipy_openblas_", "openblas_")
SUFFIXES = ("64_", "")


def candidates():
    here = os.path.dirname(numpy.__file__)
    for pattern in ("../numpy.libs/*openblas*", ".libs/*openblas*", "../numpy/.dylibs/*openblas*"):
        yield from sorted(glob.glob(os.path.join(here, pattern)))
    yield "libopenblas.so.0"


def query(lib, what):
    for prefix in PREFIXES:
        for suffix in SUFFIXES:
            f = getattr(lib, prefix + "get_" + what + suffix, None)
            if f is not None:
                f.restype = ctypes.c_char_p
                return f().decode()
    return None


def main():
    for path in candidates():
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        corename = query(lib, "corename")
        if corename is not None:
            print("corename", corename)
            print("config", query(lib, "config") or "?")
            print("library", os.path.realpath(path) if os.path.exists(path) else path)
            return 0
    print("np_openblas_kernel: no OpenBLAS with openblas_get_corename found beside numpy", file=sys.stderr)
    return 3


if __name__ == "__main__":
    sys.exit(main())
