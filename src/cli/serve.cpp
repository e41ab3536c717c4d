#include <csignal>
#include <iostream>

#include "cli/common.hpp"
#include "web/server.hpp"

// hemsim serve: the local web page.
namespace hemsim::cli {

namespace {

web::server* running = nullptr;

extern "C" void on_signal(int) {
    if (running) running->stop();
}

}  // namespace

int cmd_serve(const std::vector<std::string>& args, std::ostream& out) {
    run_args a;
    web::serve_options o;
    std::string cases, runs;
    int port = 8080;
    po::options_description opt("Options of 'hemsim serve'");
    opt.add_options()("help,h", "this help")("port", po::value(&port)->default_value(port),
                                             "the port (0: any free one)")(
        "host", po::value(&o.host)->default_value(o.host),
        "the address to listen on; anything but loopback opens your cases to the network")(
        "cases", po::value(&cases), "the folder of your own cases (default: ~/.local/share/hemsim/cases)")(
        "runs", po::value(&runs), "where runs write their files (default: a folder beside the cases)")(
        "max-replications", po::value<whole_arg>(),
        "the most simulated futures a run may ask for (default 2000)")(
        "max-clients", po::value<whole_arg>(),
        "the most clients one future may have: the stock at the start and the arrivals over the horizon "
        "(default 100000)")("concurrent-runs", po::value<whole_arg>(),
                            "runs at once; the others wait in line (default 1)");
    po::positional_options_description pos;
    po::variables_map vm;
    const std::string usage =
        "Usage: hemsim serve [--port P] [--host H] [--cases DIR]\n"
        "A local web page where a case is read as a form, changed, run and its report read and\n"
        "downloaded. Listens on 127.0.0.1 unless --host says otherwise; prints its address.";
    try {
        po::store(po::command_line_parser(args).options(opt).positional(pos).run(), vm);
        if (vm.count("help")) {
            out << usage << "\n" << opt;
            return exit_ok;
        }
        po::notify(vm);
    } catch (const po::error& e) {
        throw usage_error(std::string(e.what()) + "\n" + usage);
    }
    if (port < 0 || port > 65535) throw usage_error("--port must be 0-65535, not " + std::to_string(port));
    o.port = port;
    if (vm.count("max-clients"))
        o.max_clients = static_cast<double>(whole_in(vm, "max-clients", 1, 50000000, "give a cap"));
    if (vm.count("max-replications"))
        o.max_replications =
            static_cast<std::uint32_t>(whole_in(vm, "max-replications", 1, 100000, "give a cap"));
    if (vm.count("concurrent-runs"))
        o.concurrent_runs = static_cast<unsigned>(whole_in(vm, "concurrent-runs", 1, 64, "give a count"));
    o.cases_dir = cases.empty() ? web::default_cases_dir() : fs::path(cases);
    o.runs_dir = runs.empty() ? o.cases_dir.parent_path() / "runs" : fs::path(runs);
    o.shipped_dir = fs::path(HEMSIM_SOURCE_DIR_FOR_CLI) / "scenarios";
    if (o.host != "127.0.0.1" && o.host != "localhost" && o.host != "::1")
        std::cerr << "hemsim serve: warning: listening on " << o.host
                  << ", not only on this machine: anyone who can reach it can read and run your cases\n";
    web::server s(o);
    running = &s;
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    out << "hemsim serve: " << s.url() << " (Ctrl-C stops)\n" << std::flush;
    s.run();
    running = nullptr;
    return exit_ok;
}

}  // namespace hemsim::cli
