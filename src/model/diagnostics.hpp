// The loader's diagnostics: where a value was written and the pieces every
// input error is made of (the place, quoted names, lists, "did you mean",
// numbers as written). Private to the loader (src/model/); not for other layers.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace hemsim::loader {

struct tnode;

/// Where a value was written: file, line and column (line 0: no position).
struct origin {
    std::shared_ptr<const std::string> file;
    std::uint32_t line = 0;
    std::uint32_t column = 0;
};

/// "file:line:col", or the file alone when there is no position ("<input>" without a file).
std::string describe(const origin& at);

/// Throws input_error at `at` with `what` ("what is wrong; the fix").
[[noreturn]] void fail(const origin& at, const std::string& what);

/// "'s'".
std::string in_quotes(std::string_view s);

/// The items with `sep` between them.
std::string join(const std::vector<std::string>& items, std::string_view sep = ", ");

/// Shortest text that reads back as the same double ("16500", "0.15").
std::string format_number(double v);

/// "; did you mean 'x'?" or "; <what>: a, b, c" or "; <none>".
std::string suggestion(std::string_view word, const std::vector<std::string>& candidates,
                       std::string_view what, std::string_view none);

/// How a message names what a node holds: "a table", "a string (\"x\")", "an integer (3)", ...
std::string type_name(const tnode& n);

}  // namespace hemsim::loader
