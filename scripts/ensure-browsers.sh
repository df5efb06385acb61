#!/usr/bin/env bash
# Makes sure the browsers the tests run in are installed: Debian's Chromium, Firefox ESR and
# WebKitGTK (MiniBrowser driven by WebKitWebDriver), with Xvfb for WebKit. Installs them with
# apt-get when run as root on Debian; otherwise prints the command to run and fails.
# No browser is ever downloaded by npm packages: everything comes from Debian.
set -euo pipefail

packages=(chromium firefox-esr webkit2gtk-driver xvfb xauth fonts-dejavu-core)
install_command="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${packages[*]}"

required=(
  /usr/bin/chromium
  /usr/bin/firefox-esr
  /usr/bin/WebKitWebDriver
  /usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser
  /usr/bin/xvfb-run
  /usr/bin/xauth
)

missing_files() {
  local file
  for file in "${required[@]}"; do
    [[ -x "$file" ]] || echo "$file"
  done
}

missing=$(missing_files)
if [[ -z "$missing" ]]; then
  echo "Browsers present: Chromium, Firefox ESR, WebKitGTK MiniBrowser + WebKitWebDriver, Xvfb."
  exit 0
fi

echo "Missing:"
sed 's/^/  /' <<<"$missing"

if [[ "$(id -u)" -eq 0 && -f /etc/debian_version ]] && command -v apt-get >/dev/null; then
  echo "Installing from Debian: ${packages[*]}"
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${packages[@]}"
  missing=$(missing_files)
  if [[ -n "$missing" ]]; then
    echo "Still missing after apt-get install:"
    sed 's/^/  /' <<<"$missing"
    exit 1
  fi
  echo "Browsers installed."
  exit 0
fi

echo "Install them (as root, on Debian) with:"
echo "  $install_command"
exit 1
