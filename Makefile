# The quick start: `make forecast` and `make test` (see README.md). The work is done by
# the scripts in .ci/, which install whatever is missing first.

PYTHON ?= python3
JOBS ?= 2
export PYTHON JOBS

.PHONY: forecast test docs deps clean

## Install what is missing, build and install augury, run `augury forecast $(ARGS)`.
forecast:
	@.ci/forecast $(ARGS)

## Install what is missing, build in build/, run the C++ and the Python tests.
test:
	@.ci/test

## Build the documentation site into build/docs (Sphinx, warnings as errors).
docs:
	@.ci/docs

## Only install what is missing.
deps:
	@.ci/deps

## Remove the build directories.
clean:
	rm -rf build
