#!/usr/bin/env bash
# Fetches the two training corpora onto your own machine, in the layout the project reads
# (the same as ../shared/data on the project's machines):
#
#   DEST/cmn-eng/cmn.txt                 Tatoeba English-Mandarin pairs (manythings.org packaging)
#   DEST/chat/english/*.yml              chatterbot-corpus, English conversations
#   DEST/chat/chinese/*.yml              chatterbot-corpus, Chinese conversations
#
# Usage: scripts/get-data.sh [DEST]     (default DEST: ../shared/data beside the repository)
# Needs curl, unzip and git. Nothing in the build or the tests ever downloads: this is for people.
# Licences: data/README.md (Tatoeba CC-BY 2.0 FR, keep the attribution column; chatterbot-corpus
# BSD-3-Clause, keep its licence with the files).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DEST=${1:-"$ROOT/../shared/data"}
CMN_URL=${CMN_URL:-https://www.manythings.org/anki/cmn-eng.zip}
CHAT_REPO=${CHAT_REPO:-https://github.com/gunthercox/chatterbot-corpus.git}
# The commit the project's copy was taken from (data/README.md); override to take another.
CHAT_COMMIT=${CHAT_COMMIT:-a01efece26661309b870af0251d96f94ee09fb19}

for tool in curl unzip git; do
  command -v "$tool" >/dev/null || { echo "get-data: needs $tool" >&2; exit 1; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [[ -s "$DEST/cmn-eng/cmn.txt" ]]; then
  echo "get-data: $DEST/cmn-eng/cmn.txt is there, kept"
else
  echo "get-data: downloading $CMN_URL"
  # manythings.org refuses some non-browser clients; a browser download of the same zip works too:
  # unzip it and put cmn.txt into DEST/cmn-eng/.
  curl -fSL --retry 3 -A "Mozilla/5.0 (tinyseq get-data.sh)" -o "$work/cmn-eng.zip" "$CMN_URL"
  unzip -q -o "$work/cmn-eng.zip" cmn.txt _about.txt -d "$work/cmn" || unzip -q -o "$work/cmn-eng.zip" cmn.txt -d "$work/cmn"
  mkdir -p "$DEST/cmn-eng"
  mv "$work/cmn/cmn.txt" "$DEST/cmn-eng/cmn.txt"
  [[ -f "$work/cmn/_about.txt" ]] && mv "$work/cmn/_about.txt" "$DEST/cmn-eng/_about.txt"
  echo "get-data: $(wc -l <"$DEST/cmn-eng/cmn.txt") pairs in $DEST/cmn-eng/cmn.txt"
fi

if compgen -G "$DEST/chat/english/*.yml" >/dev/null; then
  echo "get-data: $DEST/chat is there, kept"
else
  echo "get-data: cloning $CHAT_REPO at $CHAT_COMMIT"
  git clone -q "$CHAT_REPO" "$work/chatterbot-corpus"
  git -C "$work/chatterbot-corpus" checkout -q "$CHAT_COMMIT"
  mkdir -p "$DEST/chat/english" "$DEST/chat/chinese"
  cp "$work"/chatterbot-corpus/chatterbot_corpus/data/english/*.yml "$DEST/chat/english/"
  cp "$work"/chatterbot-corpus/chatterbot_corpus/data/chinese/*.yml "$DEST/chat/chinese/"
  cp "$work"/chatterbot-corpus/LICENSE* "$DEST/chat/" 2>/dev/null || true
  echo "get-data: $(ls "$DEST"/chat/english/*.yml | wc -l) English and" \
    "$(ls "$DEST"/chat/chinese/*.yml | wc -l) Chinese files in $DEST/chat"
fi
echo "get-data: done. Train with e.g.: java -jar model/train/target/model.jar train --kind translate --data $DEST/cmn-eng/cmn.txt --out models/translate/"
