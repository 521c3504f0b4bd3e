#!/usr/bin/env bash
# Build the GOV.UK Frontend assets into ../static/govuk.
# Run from anywhere: frontend/build.sh. The output is committed, so production
# needs neither Node nor npm.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
static="$here/../static/govuk"
pkg="$here/node_modules/govuk-frontend/dist/govuk"

cd "$here"
# Neither package needs install scripts.
npm ci --no-audit --no-fund --ignore-scripts

rm -rf "$static"
mkdir -p "$static/assets"

node_modules/.bin/sass \
  --no-source-map \
  --style=compressed \
  --load-path=node_modules \
  scss/ideabank.scss "$static/ideabank.css"

# The ES module build; static/js/init.js imports initAll from it.
# Keep its source map too: the file ends with a sourceMappingURL comment, and
# Django's ManifestStaticFilesStorage fails collectstatic if that file is missing.
cp "$pkg/govuk-frontend.min.js" "$static/govuk-frontend.min.js"
cp "$pkg/govuk-frontend.min.js.map" "$static/govuk-frontend.min.js.map"

# Images and the web manifest only: we use the system font, so no fonts.
cp -R "$pkg/assets/images" "$static/assets/images"
cp "$pkg/assets/manifest.json" "$static/assets/manifest.json"

echo "Built govuk-frontend $(node -p "require('govuk-frontend/package.json').version") into static/govuk"
