// The Catch2 test runner (every test file links into one executable).
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
