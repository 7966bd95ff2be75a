# The module itself is generated at build time (see [[tool.scikit-build.generate]] in
# pyproject.toml); this stub lets type checkers see it in the source tree.
version: str
