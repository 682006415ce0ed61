"""The optional native reader (src/extract/backends/_pdfium_reader.c); everything else is in
pyproject.toml.

The C file is a plain shared library loaded with ctypes (it uses no Python C API), built where
a compiler exists. Without one the build step fails quietly (``optional=True``) and the
pure-Python reader runs: ``extract --version`` says which reader is installed.
"""

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext


class BuildPlainLibrary(build_ext):
    """No ``PyInit_`` symbol to export: the library is loaded with ctypes, not imported."""

    def get_export_symbols(self, ext: Extension) -> list[str]:
        return ext.export_symbols


READER = Extension(
    "extract.backends._pdfium_reader",
    sources=["src/extract/backends/_pdfium_reader.c"],
    # The matrix products must round as Python's: no fused multiply-add.
    extra_compile_args=["-O2", "-ffp-contract=off"],
    optional=True,
)

setup(ext_modules=[READER], cmdclass={"build_ext": BuildPlainLibrary})
