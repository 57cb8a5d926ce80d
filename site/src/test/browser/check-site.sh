#!/usr/bin/env bash
# Opens every page of the generated site in headless Chromium and fails if a page has no <h1>, did not finish
# loading, or shows an image that did not load. The pages' template records, on `load`, the number of images and of
# images with naturalWidth == 0 as attributes of <body>; this script reads them from the DOM Chromium dumps.
# Of the Javadoc mounted under api/ (hundreds of pages the Javadoc tool writes, whose links the site build checks),
# the index page of every module is opened: it must load and have its <h1>.
#
# Usage: site/src/test/browser/check-site.sh [SITE_DIR]   (default: site/target/site; build it first with
#        mvn -B -pl site package). Set SCREENSHOT_DIR=DIR to also save a 1200x1600 screenshot of every page there.
# Needs Debian's Chromium: apt-get install -y chromium
set -euo pipefail

script_dir="$(cd "$(dirname "$0")" && pwd)"
site_dir="$(cd "${1:-$script_dir/../../../target/site}" && pwd)"

chromium_bin="$(command -v chromium || command -v chromium-browser || true)"
if [ -z "$chromium_bin" ]; then
  echo "check-site: chromium not found; install it with: apt-get install -y chromium" >&2
  exit 2
fi

profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --user-data-dir="$profile")

mapfile -t pages < <(cd "$site_dir" && { find . -name '*.html' -type f -not -path './api/*' | sed 's|^\./||' | sort;
  if [ -d api ]; then find api -mindepth 2 -maxdepth 2 -name index.html -type f | sort; fi; })
if [ ${#pages[@]} -eq 0 ]; then
  echo "check-site: no HTML pages in $site_dir (build the site first: mvn -B -pl site package)" >&2
  exit 2
fi

passed=0
failed=0
for page in "${pages[@]}"; do
  url="file://$site_dir/$page"
  dom="$(timeout 90 "$chromium_bin" "${flags[@]}" --virtual-time-budget=5000 --dump-dom "$url" 2>/dev/null || true)"
  images="$(grep -o 'data-images="[0-9]*"' <<<"$dom" | head -n 1 | grep -o '[0-9]*' || true)"
  broken="$(grep -o 'data-broken-images="[0-9]*"' <<<"$dom" | head -n 1 | grep -o '[0-9]*' || true)"
  problems=()
  grep -q '<h1[ >]' <<<"$dom" || problems+=("no <h1>")
  if [[ "$page" == api/* ]]; then
    # Javadoc pages carry no image-count script: a complete DOM is what loading means here.
    grep -q '</html>' <<<"$dom" || problems+=("did not finish loading")
    broken=0
    images=0
  elif [ -z "$broken" ]; then
    problems+=("did not finish loading (no data-broken-images on <body>)")
  elif [ "$broken" != 0 ]; then
    problems+=("$broken of $images image(s) did not load")
  fi
  if [ ${#problems[@]} -eq 0 ]; then
    echo "PASS $page ($images image(s) loaded)"
    passed=$((passed + 1))
  else
    echo "FAIL $page: $(IFS=';'; echo "${problems[*]}")"
    failed=$((failed + 1))
  fi
  if [ -n "${SCREENSHOT_DIR:-}" ]; then
    mkdir -p "$SCREENSHOT_DIR"
    shot="$(cd "$SCREENSHOT_DIR" && pwd)/$(tr '/' '_' <<<"${page%.html}").png"
    timeout 90 "$chromium_bin" "${flags[@]}" --hide-scrollbars --run-all-compositor-stages-before-draw --window-size=1200,1600 --virtual-time-budget=5000 \
      --screenshot="$shot" "$url" >/dev/null 2>&1 || echo "check-site: screenshot of $page failed" >&2
  fi
done

echo "check-site: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
