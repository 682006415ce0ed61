"""The optional native reader (src/extract/backends/_pdfium_reader.c); everything else is in
pyproject.toml.

The C file is a plain shared library loaded with ctypes (it uses no Python C API), built where
a compiler exists. Without one the build step fails quietly (``optional=True``) and the
pure-Python reader runs: ``extract --version`` says which reader is installed.
"""

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext


class BuildPlainLibrary(build_ext):
    """No ``PyInit_`` symbol to export: the library is loaded with ctypes, not imported.

    Built in place (``pip install -e .``), the package is also byte-compiled: pip compiles a
    wheel's modules at install but not an editable checkout's, and where the interpreter writes
    no bytecode itself (PYTHONDONTWRITEBYTECODE, a read-only checkout) every process would
    compile the package again — ~0.15 s for the command and again for its worker server."""

    def get_export_symbols(self, ext: Extension) -> list[str]:
        return ext.export_symbols

    def run(self) -> None:
        super().run()
        if self.inplace:
            import compileall
            compileall.compile_dir("src/extract", quiet=1)


READER = Extension(
    "extract.backends._pdfium_reader",
    sources=["src/extract/backends/_pdfium_reader.c"],
    # The matrix products must round as Python's: no fused multiply-add.
    extra_compile_args=["-O2", "-ffp-contract=off"],
    optional=True,
)

setup(ext_modules=[READER], cmdclass={"build_ext": BuildPlainLibrary})
