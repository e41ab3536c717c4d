#include <algorithm>
#include <iostream>
#include <string>
#include <system_error>
#include <vector>

#include "cli/common.hpp"
#include "report/files.hpp"

// hemsim new: a first case written from a shipped template (templates/<name>/).
namespace hemsim::cli {

namespace {

/// The shipped templates, in the order the help lists them.
const std::vector<std::string> template_names = {"kedjan", "bostad-forst", "vrakningsforebyggande"};

/// The two files a template holds; `new` writes them unchanged (the case names its model
/// as "model.toml", beside it).
const std::vector<std::string> template_files = {"case.toml", "model.toml"};

std::string joined(const std::vector<std::string>& names) {
    std::string s;
    for (const std::string& n : names) s += (s.empty() ? "" : ", ") + n;
    return s;
}

/// A case name is a folder name that every shell and file system takes as it is:
/// ASCII letters, digits, '-' and '_', starting with a letter or digit, at most 64 characters.
bool plain_name(const std::string& name) {
    if (name.empty() || name.size() > 64) return false;
    auto ok = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
               c == '_';
    };
    return std::all_of(name.begin(), name.end(), ok) && name.front() != '-' && name.front() != '_';
}

}  // namespace

int cmd_new(const std::vector<std::string>& args, std::ostream& out) {
    run_args a;
    std::string name, templ = "kedjan", dir = ".";
    command_line cl("new", "name", po::value(&name)->required(), "the case's name: the folder written");
    cl.opt.add_options()("template", po::value(&templ)->default_value(templ),
                         "the template: kedjan (the housing chain), bostad-forst (Housing First) or "
                         "vrakningsforebyggande (eviction prevention)")(
        "out,o", po::value(&dir)->default_value(dir), "the folder in which NAME/ is made");
    add_common_options(cl.opt, a, opt_lang);
    const std::string usage =
        "Usage: hemsim new NAME [--template kedjan|bostad-forst|vrakningsforebyggande] [--out DIR]\n"
        "Writes a first case from a shipped template: DIR/NAME/case.toml and DIR/NAME/model.toml, every\n"
        "number with its source or marked as an assumption, ready for check, calc and run. Never\n"
        "overwrites: when either file is there, nothing is written. The traps of a first case:\n"
        "docs/first-case.md.";
    if (!cl.parse(args, usage, out, a)) return exit_ok;
    if (!plain_name(name))
        throw usage_error("the case name '" + name +
                          "' is not a plain folder name: use letters a-z, digits, '-' and '_' (at most 64, "
                          "starting with a letter or digit), e.g. 'bo-kvar-2027'");
    if (std::find(template_names.begin(), template_names.end(), templ) == template_names.end())
        throw usage_error("unknown template '" + templ + "'; the templates are: " + joined(template_names));

    const fs::path from = fs::path(HEMSIM_SOURCE_DIR_FOR_CLI) / "templates" / templ;
    const fs::path target = fs::path(dir) / name;
    std::error_code ec;
    if (fs::exists(target, ec) && !fs::is_directory(target, ec))
        throw usage_error(target.string() +
                          " is a file, not a folder; nothing written (choose another name)");
    for (const std::string& f : template_files)
        if (fs::exists(target / f, ec))
            throw usage_error((target / f).string() +
                              " is already there; nothing written (choose another name, or remove the "
                              "folder's case.toml and model.toml yourself)");

    output_set files(target);
    for (const std::string& f : template_files) {
        std::string content = read_bytes(from / f);
        if (content.empty())
            throw std::runtime_error("the shipped template " + (from / f).string() +
                                     " is missing or empty: the installation is incomplete");
        files.add(f, std::move(content));
    }
    files.commit();
    const fs::path shown = target.lexically_normal();  // "mitt-fall", not "./mitt-fall"
    print_written(out, shown, template_files, a.lang);
    const std::string c = (shown / "case.toml").string();
    out << (a.lang == language::sv ? "Nästa steg: " : "Next: ") << "hemsim check " << c << " && hemsim calc "
        << c << " && hemsim run " << c << "\n"
        << (a.lang == language::sv ? "Fällorna i ett första fall: " : "The traps of a first case: ")
        << "docs/first-case.md\n";
    return exit_ok;
}

}  // namespace hemsim::cli
