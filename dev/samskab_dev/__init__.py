"""Development and test tooling: the embedded store runner, fakes of our own ports, the
topology command line, the catalogue generators, test receivers and synthetic data.

It is on the path for `make run`, `make test` and the benchmarks, and never copied into an
image: no runtime package imports it (a unit test holds this)."""
