# Shared by scripts/run and scripts/test (sourced, not run): install the Debian packages the
# build needs, then configure and build Release into build/. Idempotent and quick when nothing
# changed.

set -euo pipefail

QS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
QS_BUILD="${QS_BUILD:-$QS_ROOT/build}"

# Debian 12 packages: compiler and build tools, then the libraries CMakeLists.txt asks for.
QS_PACKAGES=(
    g++ cmake ninja-build ccache pkg-config
    qt6-base-dev qt6-svg-dev qt6-tools-dev qt6-l10n-tools qt6-translations-l10n libqcustomplot-dev libeigen3-dev nlohmann-json3-dev libcli11-dev
    libzip-dev libonnx-dev libprotobuf-dev
    # fonts for the window and its screenshots, Chinese included (一般过程, 对称量化, ...)
    fonts-dejavu-core fonts-wqy-microhei
    # pdftotext: the tests read the text of exported PDF reports
    poppler-utils
    # headless Chromium: the tests lay the HTML reports out in a browser
    chromium
    # the layout check (scripts/check-format, run by the tests)
    clang-format-19
    # the install tree's validators (tests/packaging) and the Debian package (scripts/package)
    desktop-file-utils appstream libxml2-utils shared-mime-info man-db dpkg-dev
)

qs_missing_packages() {
    local missing=() package
    for package in "${QS_PACKAGES[@]}"; do
        if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$package")
        fi
    done
    echo "${missing[@]:-}"
}

qs_install_packages() {
    local missing
    missing="$(qs_missing_packages)"
    [ -z "$missing" ] && return 0
    echo "QuantScope needs these Debian packages: $missing"
    local apt=(apt-get install -y --no-install-recommends $missing)
    if [ "$(id -u)" -eq 0 ]; then
        DEBIAN_FRONTEND=noninteractive apt-get update -q
        DEBIAN_FRONTEND=noninteractive "${apt[@]}"
    elif command -v sudo >/dev/null 2>&1; then
        sudo apt-get update -q
        sudo DEBIAN_FRONTEND=noninteractive "${apt[@]}"
    else
        echo "Please install them as root, then run this script again:" >&2
        echo "    apt-get install -y --no-install-recommends $missing" >&2
        exit 1
    fi
}

qs_build() {
    if [ ! -f "$QS_BUILD/CMakeCache.txt" ]; then
        local launcher=()
        command -v ccache >/dev/null 2>&1 && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
        cmake -S "$QS_ROOT" -B "$QS_BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release "${launcher[@]}"
    fi
    cmake --build "$QS_BUILD" --parallel "$(nproc)"
}

# scripts/fuzz borrows the functions only (QS_SETUP_FUNCTIONS_ONLY=1).
if [ "${QS_SETUP_FUNCTIONS_ONLY:-0}" != 1 ]; then
    qs_install_packages
    qs_build
fi
