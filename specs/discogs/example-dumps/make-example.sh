#!/bin/sh
# Rebuilds the example Discogs dumps from the hand-written .xml sources beside this script.
# `gzip -n` omits the file name and timestamp, so the .gz bytes depend only on the .xml content.
set -eu
cd "$(dirname "$0")"
for entity in artists labels masters releases; do
  gzip -n -9 -c "discogs_20200101_${entity}.xml" > "discogs_20200101_${entity}.xml.gz"
done
