#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages VmQuest needs, and only those that are missing.
#   scripts/install-deps.sh run    what the game needs at run time
#   scripts/install-deps.sh test   that, plus what the tests use (Xvfb, xdotool, valgrind)
# Uses sudo when not root. On other systems it prints what to install and returns non-zero.
set -euo pipefail

runtime=(libsdl2-2.0-0 libsdl2-ttf-2.0-0 libsdl2-image-2.0-0 fonts-dejavu-core fonts-wqy-microhei
         libgl1 libegl1 libgles2 libgl1-mesa-dri)
testing=(xvfb xauth xdotool valgrind)

want=("${runtime[@]}")
case "${1:-run}" in
  run) ;;
  test) want+=("${testing[@]}") ;;
  *) echo "usage: scripts/install-deps.sh [run|test]" >&2; exit 2 ;;
esac

if ! command -v dotnet >/dev/null 2>&1; then
  echo "vmquest: the .NET 10 SDK is missing: install it from https://dotnet.microsoft.com/download (dotnet-sdk-10.0)." >&2
  exit 1
fi

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
  echo "vmquest: this is not a Debian/Ubuntu system; install SDL2, SDL2_ttf, SDL2_image and the DejaVu and" \
       "WenQuanYi Micro Hei fonts with your package manager (see README.md, 'Other systems')." >&2
  exit 1
fi

missing=()
for package in "${want[@]}"; do
  if [ "$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null)" != "install ok installed" ]; then
    missing+=("$package")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "vmquest: missing packages ${missing[*]}; run as root: apt-get install ${missing[*]}" >&2
    exit 1
  fi
  sudo="sudo"
fi

echo "vmquest: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >&2
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
