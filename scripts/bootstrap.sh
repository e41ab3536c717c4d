#!/usr/bin/env bash
# Installs what hemsim needs from Debian's packages (only what is missing),
# then configures and builds a Release build into build/. Idempotent: a second
# run installs nothing and rebuilds only what changed.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  cmake g++ make pkg-config git
  libboost-program-options-dev   # command line
  libeigen3-dev                  # linear algebra (analytic module)
  libtomlplusplus-dev            # models and scenarios
  catch2                         # tests
  librandom123-dev               # counter-based random streams (Philox)
  nlohmann-json3-dev             # manifest.json
  libssl-dev                     # sha256 of input files (OpenSSL libcrypto)
  libfmt-dev                     # placeholders of the message catalogue (report/messages)
  libxlsxwriter-dev              # the Excel workbook (report/xlsx_report)
  python3-openpyxl               # the workbook's tests read it back with openpyxl
  graphviz                       # the report's flow diagrams (dot)
  pandoc                         # rapport.docx from Markdown
  librsvg2-bin                   # the charts as PNG for Word (rsvg-convert)
  chromium                       # rapport.pdf from the HTML (headless)
  fonts-dejavu-core              # the charts' and the PDF's font
  poppler-utils                  # the report's tests read the PDF (pdftotext)
  libcpp-httplib-dev             # the web page (hemsim serve)
  clang libclang-rt-14-dev       # the fuzzers (libFuzzer, sanitizers): ctest's ci.fuzz
  clang-format-14                # the formatting: ctest's format.check
  slurmctld slurmd               # a single-node Slurm for ctest's cluster.slurm (tests/cluster/)
  slurm-client                   # sbatch, scontrol, sinfo, scancel: the README's cluster recipe
  munge                          # Slurm's authentication (munged, mungekey), cluster.slurm
  parallel                       # GNU parallel: the workstation recipe, ctest's cluster.parallel
)

# Node.js and npm for the browser tests: Debian's, unless the machine has them already.
command -v npm > /dev/null || packages+=(nodejs npm)

scripts/install-missing.sh bootstrap "${packages[@]}"

# The browser tests' npm packages, exactly as the lock file pins them.
if [ ! -d tests/browser/node_modules/playwright-core ]; then
  (cd tests/browser && npm ci --no-audit --no-fund > /dev/null)
fi

cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build --parallel "$(nproc)"
