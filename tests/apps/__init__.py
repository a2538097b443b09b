"""The apps the tests run: conformance fixtures, scenario apps and the servers that serve them."""
